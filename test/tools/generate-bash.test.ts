/**
 * The bash generator's sample runbook (test/generate-bash-graph.test.ts, hostile values bound)
 * passes shellcheck at severity warning. shellcheck is required: the test fails, never skips, when
 * it is missing (apt-get install -y --no-install-recommends shellcheck). The runbook's content,
 * determinism and `bash -n` are checked in test/generate-bash.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stepsToBash } from '../../src/generate/bash/steps-to-bash.js';
import { bashSampleGraph } from '../helpers/bash-sample-graph.js';

/** The first hostile value of test/generate-bash.test.ts: quotes, $(), backticks, ;, {{ }}. */
const HOSTILE = `it's "quoted" $(touch pwned) \`touch pwned2\`; rm -rf / & echo {{ lookup('pipe','id') }}`;

test('the sample runbook passes shellcheck (severity warning)', () => {
  const vars = { PASSWORD: HOSTILE, IP: '10.0.0.1', USER: 'u', PATH: '/p' };
  const content = stepsToBash(bashSampleGraph(), { vars }).files[0]!.content;
  const dir = mkdtempSync(join(tmpdir(), 'tejun-shellcheck-'));
  try {
    const path = join(dir, 'sample.sh');
    writeFileSync(path, content);
    const sc = spawnSync('shellcheck', ['-S', 'warning', path], { encoding: 'utf8' });
    assert.ok(!sc.error, `shellcheck is required (apt-get install -y shellcheck): ${sc.error?.message}`);
    assert.equal(sc.status, 0, sc.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
