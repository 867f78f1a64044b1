/**
 * A text guide whose titles, step text and placeholder descriptions hold `$(…)`, backticks, quotes,
 * `*\/`, `{{`, `{%`, `---`, `#` and `EOF`, for test/hostile-guide.test.ts and
 * test/tools/hostile-guide.test.ts. Every `$(touch …)` in the prose names the marker file `mark`,
 * which must never appear.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
