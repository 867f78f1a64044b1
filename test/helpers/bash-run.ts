/**
 * Running generated shell text for real in the escaping tests (test/escape-bash.test.ts and
 * test/tools/escape-bash.test.ts): a scratch folder with a canary path that must never appear,
 * and bash fed a script on stdin.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new scratch directory with a canary path inside (the file is not created, and must never appear). */
export function scratch(): { dir: string; canary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tejun-escape-bash-'));
  return { dir, canary: join(dir, 'CANARY') };
}

/**
 * Runs `script` with bash in `cwd`, read from stdin (it may be larger than one argument can be),
 * with only PATH and `env` in the environment; asserts exit 0; returns stdout.
 */
export function bash(script: string, cwd: string, env: Record<string, string> = {}): string {
  const r = spawnSync('bash', ['-s'], { cwd, input: script, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `${r.error?.message ?? ''}${r.stderr}`);
  return r.stdout;
}
