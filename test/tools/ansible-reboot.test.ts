/**
 * The playbook's run-once reboot (src/generate/ansible/handlers/reboot.ts) run by ansible-playbook
 * on this machine, with the real ansible.builtin.reboot: over a local connection that module
 * refuses to reboot ("would reboot the control node") and fails the task, so the runs below show
 * what happens up to the reboot and on the runs after it, without rebooting anything:
 * syntax check; check mode on a fresh root (the reboot is reached, no stamp is written);
 * `--skip-tags reboot` (no stamp); a real run (the stamp is written before the reboot task);
 * a second run and a check-mode run on that root (the reboot is skipped, changed=0).
 * ansible-playbook is required: the test fails, never skips, when it is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stepsToAnsible } from '../../src/generate/ansible/steps-to-ansible.js';
import { rebootGraph } from '../helpers/reboot-graph.js';

/** The refusal of ansible.builtin.reboot over a local connection (ansible-core's action plugin). */
const REFUSED = /would reboot the control node/;

test('the reboot runs once: its stamp is written before it, never in check mode or with the reboot tag skipped; a later run skips it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-ansible-reboot-'));
  try {
    for (const f of stepsToAnsible(rebootGraph(), { vars: {} }).files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.content);
    }
    writeFileSync(join(dir, 'hosts.ini'), '[controller]\nlocalhost ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
    const play = (root: string, ...extra: string[]) => {
      const r = spawnSync('ansible-playbook', ['-i', join(dir, 'hosts.ini'), '-e', 'ansible_become=false', '-e', `tejun_root=${root}`, ...extra, 'site.yml'], {
        cwd: join(dir, '901_reboot'),
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ANSIBLE_HOME: join(dir, 'home'), ANSIBLE_RETRY_FILES_ENABLED: '0' },
      });
      const out = `${r.stdout}${r.stderr}`;
      const recap = /changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)/.exec(out);
      return { status: r.status, out, changed: Number(recap?.[1] ?? -1), failed: Number(recap?.[2] ?? -1) };
    };
    const stamp = (root: string) => join(root, 'var', 'lib', 'tejun', '901_reboot', 'a-2e583a7a.done');

    const syntax = play(join(dir, 'unused'), '--syntax-check');
    assert.equal(syntax.status, 0, syntax.out);

    // Check mode on a fresh root: the play gets to the reboot (refused here), tejun's stamps stay unwritten.
    const checkRoot = join(dir, 'check-root');
    const check = play(checkRoot, '--check');
    assert.match(check.out, REFUSED, check.out);
    assert.equal(existsSync(stamp(checkRoot)), false, 'check mode wrote the reboot stamp');

    // The reboot tag skipped: no reboot, so nothing records one.
    const skipRoot = join(dir, 'skip-root');
    const skipped = play(skipRoot, '--skip-tags', 'reboot');
    assert.equal(skipped.status, 0, skipped.out);
    assert.doesNotMatch(skipped.out, REFUSED);
    assert.equal(existsSync(stamp(skipRoot)), false, 'a run that skipped the reboot recorded it');

    // A real run: the stamp is on disk before the reboot task runs (here the reboot is refused and fails the run).
    const root = join(dir, 'root');
    const first = play(root);
    assert.notEqual(first.status, 0);
    assert.match(first.out, REFUSED, first.out);
    assert.equal(first.failed, 1, first.out);
    assert.ok(existsSync(stamp(root)), `no stamp written before the reboot:\n${first.out}`);

    // The next run continues after the reboot: the reboot and its stamp are skipped, the check after it runs.
    const second = play(root);
    assert.equal(second.status, 0, second.out);
    assert.doesNotMatch(second.out, REFUSED);
    assert.equal(second.changed, 0, second.out);
    assert.match(second.out, /TASK \[[^\]]*再起動します。 \(a-2e583a7a\)\] \*+\nskipping: \[localhost\]/);
    assert.match(second.out, /TASK \[[^\]]*再起動後に確認します。 \(a-33333333\)\] \*+\nok: \[localhost\]/);
    const checkAfter = play(root, '--check');
    assert.equal(checkAfter.status, 0, checkAfter.out);
    assert.equal(checkAfter.changed, 0, checkAfter.out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
