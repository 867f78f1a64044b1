/**
 * A text guide whose titles, step text and placeholder descriptions hold `$(…)`, backticks, quotes,
 * `*\/`, `{{`, `{%`, `---`, `#` and `EOF`, for test/hostile-guide.test.ts and
 * test/tools/hostile-guide.test.ts. Every `$(touch …)` in the prose names the marker file `mark`,
 * which must never appear.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/index.js';

/**
 * Writes the hostile guide into `dir` (an existing folder).
 * @returns the guide's path and the marker file's path (not created).
 */
export function writeHostileGuide(dir: string): { guide: string; mark: string } {
  const mark = join(dir, 'FIRED');
  const trip = `$(touch ${mark}) \`touch ${mark}\``;
  const guide = join(dir, 'hostile.txt');
  writeFileSync(
    guide,
    [
      // The hostile characters come first: playbook names are cut at 90 characters.
      `手順1.1 '" */ {{ x }} {% raw %} --- # EOF ${trip}`,
      '',
      `  1. ${trip} を実行せずに読む。'"*/ {{ lookup('pipe','touch ${mark}') }}`,
      'EOF',
      '---',
      `    # echo hello`,
      `  2. PASSWORD を設定します。`,
      `    # openstack-config --set /etc/nova/nova.conf database connection mysql://nova:PASSWORD@controller/nova`,
      `    PASSWORD は ${trip} '" */ {{ x }} {% if %} のパスワードに置き換えます。`,
      '',
    ].join('\n'),
  );
  return { guide, mark };
}

/**
 * Writes the hostile guide into `dir` and compiles it with `tejun compile --target TARGET
 * --allow-unbound -o DIR/out` through the CLI's `main`; fails the test when it does not exit 0.
 * @returns the output folder (`DIR/out`) and the marker file's path (not created).
 */
export async function compileHostileGuide(dir: string, target: string): Promise<{ out: string; mark: string }> {
  const { guide, mark } = writeHostileGuide(dir);
  const out = join(dir, 'out');
  let stderr = '';
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await main(['node', 'tejun', 'compile', guide, '--target', target, '--allow-unbound', '-o', out], io);
  assert.equal(code, 0, stderr);
  return { out, mark };
}
