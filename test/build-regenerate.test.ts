/**
 * Regeneration: editing one setting in a copy of a guide (guide 000, step 4 of 手順8.9: the
 * RabbitMQ port `DEFAULT rabbit_port 5672` → `5673`) and rebuilding changes, in each generated
 * runbook, exactly the line carrying that value, plus the header line recording the guide's
 * sha256 — nothing else moves, because step ids and names come from meaning, not position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runBuild } from '../src/build/index.js';
import { GUIDES_DIR, ROOT } from './helpers/paths.js';

const GUIDE = '000_309adc3628346781.txt';

/** Every file below `dir`, by relative path, as its lines. */
function tree(dir: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8').split('\n'));
    }
  };
  walk(dir);
  return out;
}

test('editing one setting in a guide changes only that setting\'s line (and the guide hash) in each output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-regen-'));
  try {
    mkdirSync(join(dir, 'guides'));
    const guide = join(dir, 'guides', GUIDE);
    cpSync(join(GUIDES_DIR, GUIDE), guide);
    cpSync(join(ROOT, 'examples', 'site.yaml'), join(dir, 'site.yaml'));
    writeFileSync(join(dir, 'tejun.yaml'), 'guides: [guides/*.txt]\nsites:\n  tokyo: {vars: site.yaml}\n');
    const first = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.ok(first.ok);
    const before = tree(join(dir, 'out'));

    const text = readFileSync(guide, 'utf8');
    assert.equal(text.split('DEFAULT rabbit_port 5672').length, 2, 'the setting occurs once in the guide');
    const edited = text.replace('DEFAULT rabbit_port 5672', 'DEFAULT rabbit_port 5673');
    writeFileSync(guide, edited);
    const oldSha = createHash('sha256').update(text).digest('hex');
    const newSha = createHash('sha256').update(edited).digest('hex');

    const second = await runBuild({ projectFile: join(dir, 'tejun.yaml') });
    assert.ok(second.ok);
    assert.equal(second.stats.parsed, 1);
    const after = tree(join(dir, 'out'));
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());

    const valueLines = new Map<string, number>();
    for (const [path, old] of before) {
      const now = after.get(path) ?? [];
      assert.equal(now.length, old.length, `${path}: no line added or removed`);
      let values = 0;
      for (let i = 0; i < old.length; i++) {
        if (now[i] === old[i]) continue;
        if (old[i].includes(oldSha)) {
          assert.equal(now[i], old[i].replaceAll(oldSha, newSha), `${path}:${i + 1}: only the guide hash changed`);
        } else {
          assert.equal(now[i], old[i].replace('5672', '5673'), `${path}:${i + 1}: only the port changed`);
          values += 1;
        }
      }
      valueLines.set(path, values);
      // Every line of the new output that carries the new value is one of the changed lines.
      const carrying = now.filter((l) => l.includes('5673')).length;
      assert.equal(carrying, values, `${path}: the new value appears only where it was changed`);
    }
    assert.equal(valueLines.get(join('tokyo', 'bash', '000_309adc3628346781.sh')), 1);
    assert.equal(valueLines.get(join('tokyo', 'checklist', '000_309adc3628346781.md')), 1);
    // Ansible: once in each role whose hosts write nova.conf (the controller's setting is given to
    // the compute group too: shared-settings.ts), in a task file; never in site.yml or the defaults.
    const roles = join('tokyo', 'ansible', '000_309adc3628346781', 'roles');
    const perRole = new Map<string, number>();
    for (const [path, n] of valueLines) {
      if (!path.startsWith(roles)) continue;
      const role = relative(roles, path).split(/[\\/]/)[0]!;
      if (n > 0) assert.match(path, /[\\/]tasks[\\/]/, `${path}: the value is in a task file`);
      perRole.set(role, (perRole.get(role) ?? 0) + n);
    }
    assert.deepEqual([...perRole].filter(([, n]) => n > 0).sort(), [
      ['tejun_000_309adc3628346781_compute', 1],
      ['tejun_000_309adc3628346781_controller', 1],
    ]);
    assert.equal(valueLines.get(join('tokyo', 'ansible', '000_309adc3628346781', 'site.yml')), 0);
    // The inventory does not record the guide: it was not rewritten at all; every other file was.
    assert.ok(!second.changed.some((f) => f.endsWith('inventory.ini')));
    assert.equal(second.stats.written, after.size - 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
