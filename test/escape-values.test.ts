/**
 * Values refused at binding and paths kept under their roots: escape/chars.ts, escape/paths.ts,
 * escape/sql.ts's identifierProblem, vars/load.ts's `vars-character` and bind-values.ts's rules,
 * down to the CLI's exit code and its message naming the variable and the vars file line (never
 * the value).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import fc from 'fast-check';
import { hasLineBreak, refusedCharacter } from '../src/generate/escape/chars.js';
import { pathUnderRoot, safeFileName } from '../src/generate/escape/paths.js';
import { identifierProblem } from '../src/generate/escape/sql.js';
import { checkValues } from '../src/generate/bind-values.js';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import { stepsToBash } from '../src/generate/bash/steps-to-bash.js';
import { loadVars } from '../src/vars/load.js';
import type { StepGraph } from '../src/ir/types.js';
import { CLI } from './helpers/paths.js';
import { SEED } from './helpers/hostile-values.js';

test('refusedCharacter: NUL, C0 but TAB/LF/CR, DEL, C1, lone surrogates and non-characters; everything else passes', () => {
  for (let c = 0; c <= 0xffff; c++) {
    const ch = String.fromCharCode(c);
    const refused =
      (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xfdd0 && c <= 0xfdef) || c >= 0xfffe;
    assert.equal(refusedCharacter(`ok${ch}`) !== null, refused, `U+${c.toString(16)}`);
  }
  assert.equal(refusedCharacter('😀'), null, 'a surrogate pair is one character');
  assert.deepEqual(refusedCharacter('ab\u{1fffe}'), { index: 2, name: 'non-character U+1FFFE' });
  assert.equal(hasLineBreak('a\u2028b'), true);
  assert.equal(hasLineBreak('a\tb'), false);
});

test('loadVars: a value holding a refused character is an error naming the key and its line, never the value; it is left unbound', () => {
  const text = 'GOOD: "n0va\'s $ecret pass"\nBAD: "Adm1n\\x07;cmd"\nDEL: "x\\x7fy"\nLS: "a\\u2028b"\n';
  const loaded = loadVars(text, 'site.yaml');
  assert.deepEqual(loaded.messages.map((m) => [m.ruleId, m.line]), [['vars-character', 2], ['vars-character', 3]]);
  assert.match(loaded.messages[0]!.reason, /U\+0007.*`BAD`/);
  assert.ok(loaded.messages.every((m) => !m.reason.includes('Adm1n')));
  assert.deepEqual(Object.keys(loaded.vars), ['GOOD', 'LS']);
  assert.deepEqual(loaded.lines, { GOOD: 1, LS: 4 });
});

test('pathUnderRoot: a normalised path never climbs out of a root put before it; climbing relative paths are refused', () => {
  const part = fc.constantFrom('..', '.', 'etc', 'a b', '', '~', 'x..y', '...');
  fc.assert(
    fc.property(fc.array(part, { maxLength: 8 }), fc.constantFrom('/', '~/', ''), (parts, start) => {
      const path = start + parts.join('/');
      const normal = pathUnderRoot(path);
      if (normal === null) {
        assert.ok(!start.startsWith('/'), 'an absolute path is never refused');
        return;
      }
      const under = posix.normalize(`/root/${normal.replace(/^~/, 'home')}`);
      assert.ok(under === '/root' || under.startsWith('/root/'), `${path} → ${normal} leaves the root`);
    }),
    { seed: SEED, numRuns: 500 },
  );
  assert.equal(pathUnderRoot('/etc/../../x'), '/x');
  assert.equal(pathUnderRoot('~/a/../b'), '~/b');
  assert.equal(pathUnderRoot('../x'), null);
  assert.equal(pathUnderRoot('~/../x'), null);
});

test('safeFileName: no separator, no dot or dash first, no blank, brace or dollar, never empty', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (name) => {
      const safe = safeFileName(name);
      assert.match(safe, /^[^./\\\-\s{}$`'"][^/\\\s{}$`'"]*$/u);
    }),
    { seed: SEED, numRuns: 500 },
  );
  assert.equal(safeFileName("../{{ lookup('pipe','id') }}\nx"), '_..____lookup__pipe___id______x');
  assert.equal(safeFileName('000_309adc3628346781'), '000_309adc3628346781');
});

test('identifierProblem: empty, NUL, beyond the BMP, longer than 64, ending with a blank', () => {
  assert.equal(identifierProblem('nova'), null);
  assert.equal(identifierProblem('nova; DROP DATABASE x'), null, 'quoted, any BMP text is a name');
  for (const bad of ['', 'a\0b', 'a😀', 'x'.repeat(65), 'nova ']) assert.notEqual(identifierProblem(bad), null, JSON.stringify(bad));
});

/** A graph using V in an INI value, a file path, a bare SQL name, a Python file and a command. */
function graph(): StepGraph {
  const ph = (name: string) => ({ name, variable: name, description: null, secret: false, source: { line: 1 }, scope: null });
  return {
    schemaVersion: 1,
    source: { path: 'g.txt', format: 'text', dialect: 'redhat-text', sha256: '00'.repeat(32) },
    title: 't', roles: [],
    procedures: [{ id: 'p', title: 'p', role: null, source: { line: 1 }, steps: [{ id: 's', text: 's', role: null, when: null, source: { line: 2 }, actions: [
      { id: 'i', kind: 'ini', file: '/etc/a.conf', section: 'x', key: 'k', value: 'INIV', via: 'edit', source: { line: 3 } },
      { id: 'f', kind: 'file', file: '/etc/PATHV/f', content: 'x', source: { line: 4 } },
      { id: 'c', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 5 } },
      { id: 'q', kind: 'sql', run: 'CREATE DATABASE DBV;', session: 'c', source: { line: 6 } },
      { id: 'y', kind: 'file', file: '/etc/s.py', content: "A = PYV\nB = 'PYV'", source: { line: 7 } },
      { id: 'r', kind: 'command', run: 'echo CMDV', user: 'root', verify: false, expect: null, source: { line: 8 } },
    ] }] }],
    placeholders: ['INIV', 'PATHV', 'DBV', 'PYV', 'CMDV'].map(ph),
    literals: [], missing: [], messages: [],
  };
}

test('checkValues: each rule refuses where the value lands, naming the variable and the vars file line; no file is written', () => {
  const good = { INIV: 'a b', PATHV: 'nova', DBV: 'nova', PYV: 'osaka-controller', CMDV: 'x\ny' };
  assert.deepEqual(checkValues(graph(), { vars: good }), []);
  const bad = { INIV: 'a\nb', PATHV: '../../x', DBV: 'nova ', PYV: "x'); import os; ('", CMDV: 'a\x07b' };
  const varsFile = { path: 'site.yaml', lines: { INIV: 1, PATHV: 2, DBV: 3, PYV: 4, CMDV: 5 } };
  const messages = checkValues(graph(), { vars: bad, varsFile });
  assert.deepEqual(messages.map((m) => m.ruleId).sort(), ['value-character', 'value-line-break', 'value-not-identifier', 'value-not-token', 'value-path-escape']);
  for (const m of messages) assert.match(m.reason, /`(INIV|PATHV|DBV|PYV|CMDV)` \(site\.yaml:\d\)/);
  assert.ok(messages.every((m) => !m.reason.includes('import os')), 'no value in a message');
  for (const generate of [stepsToBash, stepsToAnsible]) assert.deepEqual(generate(graph(), { vars: bad }).files, []);
  const climbing = graph();
  const f = climbing.procedures[0]!.steps[0]!.actions[1]!;
  if (f.kind === 'file') f.file = '../../outside';
  assert.deepEqual(checkValues(climbing, { vars: good }).map((m) => m.ruleId), ['path-escapes-root']);
});

test('tejun compile: a refused value exits 1 with the variable and the vars file line, and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-values-'));
  try {
    writeFileSync(join(dir, 'guide.md'), '## 設定\n\n1. /etc/demo/demo.conf ファイルの [database] セクションを編集します。DEMO_DBPASS をパスワードで置き換えます。\n\n```\n[database]\npassword = DEMO_DBPASS\n```\n');
    writeFileSync(join(dir, 'site.yaml'), '# site\nDEMO_DBPASS: "line1\\nline2"\n', { mode: 0o600 });
    const r = spawnSync(process.execPath, [CLI, 'compile', 'guide.md', '--vars', 'site.yaml', '-o', 'out'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /`DEMO_DBPASS` \(site\.yaml:2\).*value-line-break/);
    assert.doesNotMatch(r.stderr, /line1/);
    assert.equal(r.stdout, '');
    writeFileSync(join(dir, 'site.yaml'), 'DEMO_DBPASS: "a\\x1bb"\n', { mode: 0o600 });
    const c = spawnSync(process.execPath, [CLI, 'compile', 'guide.md', '--vars', 'site.yaml', '-o', 'out'], { cwd: dir, encoding: 'utf8' });
    assert.equal(c.status, 1, c.stderr);
    assert.match(c.stderr, /site\.yaml:1:\d+ +error .*U\+001B.*`DEMO_DBPASS`.*vars-character/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
