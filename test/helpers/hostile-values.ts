/**
 * Hostile values for the escaping tests (test/escape-*.test.ts): strings made of the pieces that
 * break quoting in bash, Jinja, SQL, INI, URLs and Python, each with a canary command (`touch
 * CANARY` by `$( )`, backticks, `;` and a Jinja lookup) that must never run. Only characters a
 * site value may hold (escape/chars.ts refuses the others at binding).
 */
import fc from 'fast-check';

/** The seed of every fast-check run of the escaping tests: failures reproduce. */
export const SEED = 14;

/** Pieces that mean something to bash, Jinja, SQL, INI, URLs, YAML or Python. */
const PIECES = [
  "'", '"', '`', '$', '\\', ';', ' ', '!', '*', '?', '~', '#', '&', '|', '>', '<', '(', ')', '[', ']', '{', '}',
  '{{ x }}', '{{', '}}', '{%', '%}', '{#', '{% raw %}', '{% endraw %}', '$(id)', '`id`', '${HOME}', '$IFS', '-', '--', '-n',
  '%', '%(x)s', '%2F', '=', ':', '@', '/', '../', '..', 'é', 'パスワード', '😀', '\t', '\n', '\r', '\u2028', '\u00a0',
  '\\n', "\\'", '|| true', '&&', "'; DROP DATABASE x; --", '`; touch x;`',
];

/** The canary forms: each would create CANARY if anything evaluated the value. */
export function canaries(canary: string): string[] {
  return [
    `$(touch ${canary})`,
    `\`touch ${canary}\``,
    `; touch ${canary};`,
    `'; touch ${canary}; '`,
    `"; touch ${canary}; "`,
    `{{ lookup('pipe', 'touch ${canary}') }}`,
    `{% set x = lookup('pipe', 'touch ${canary}') %}`,
    `\n touch ${canary}\n`,
  ];
}

/** Characters no site value may hold (refused at binding): the arbitrary strings drop them. */
// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]/g;

/**
 * Hostile values with a canary touching `canary`; `oneLine` drops line breaks (for the one-line
 * contexts where binding refuses them).
 */
export function hostileValues(canary: string, oneLine = false): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 3 }) },
  );
  return fc
    .tuple(fc.array(piece, { maxLength: 6 }), fc.constantFrom(...canaries(canary)), fc.array(piece, { maxLength: 6 }), fc.boolean())
    .map(([a, trip, b, dash]) => `${dash ? '-' : ''}${a.join('')}${trip}${b.join('')}`.replace(REFUSED, ''))
    .map((v) => (oneLine ? v.replace(/[\r\n\u2028\u2029]/g, ' ') : v));
}

/** `n` hostile values (fixed seed), for the runs that push many values through one script. */
export function sampleHostile(canary: string, n: number, oneLine = false): string[] {
  return fc.sample(hostileValues(canary, oneLine), { seed: SEED, numRuns: n });
}
