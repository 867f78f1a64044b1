/**
 * Hostile site values for the bash target's tests (test/bash-hostile.test.ts and
 * test/e2e/bash-hostile.e2e.ts): a small graph using them everywhere and a fast-check
 * arbitrary of values.
 */
import fc from 'fast-check';
import type { Placeholder, StepGraph } from '../../src/ir/types.js';

/** A placeholder that applies everywhere. */
function placeholder(name: string, secret: boolean): Placeholder {
  return { name, variable: name, description: null, secret, source: { line: 1 }, scope: null };
}

/**
 * A one-procedure graph that uses SECRET as a command argument, an INI value, in a file and as
 * a database password (`GRANT … TO 'hostile'@'localhost' IDENTIFIED BY 'SECRET'`), and DBNAME as
 * a database name. Exported for the e2e part.
 */
export function hostileGraph(): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/hostile.txt', format: 'text', dialect: 'redhat-text', sha256: '00'.repeat(32) },
    title: 'hostile',
    roles: ['controller'],
    procedures: [
      {
        id: 'p1', title: '手順1', role: 'controller', source: { line: 1 },
        steps: [
          { id: 's1', text: 'コマンド', role: null, when: null, source: { line: 2 }, actions: [
            { id: 'c1', kind: 'command', run: 'hostile-echo --pass SECRET', user: 'root', verify: false, expect: null, source: { line: 3 } },
          ] },
          { id: 's2', text: '設定', role: null, when: null, source: { line: 4 }, actions: [
            { id: 'i1', kind: 'ini', file: '/etc/hostile/hostile.conf', section: 'database', key: 'password', value: 'SECRET', via: 'openstack-config', source: { line: 5 } },
            { id: 'i2', kind: 'ini', file: '/etc/hostile/hostile.conf', section: 'database', key: 'connection', value: 'mysql://hostile:SECRET@localhost/DBNAME', via: 'openstack-config', source: { line: 6 } },
          ] },
          { id: 's3', text: 'データベース', role: null, when: null, source: { line: 7 }, actions: [
            { id: 'm1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 8 } },
            { id: 'q1', kind: 'sql', run: 'CREATE DATABASE DBNAME;', session: 'm1', source: { line: 9 } },
            { id: 'q2', kind: 'sql', run: "GRANT ALL PRIVILEGES ON DBNAME.* TO 'hostile'@'localhost' IDENTIFIED BY 'SECRET';", session: 'm1', source: { line: 10 } },
          ] },
        ],
      },
    ],
    placeholders: [placeholder('SECRET', true), placeholder('DBNAME', false)],
    literals: [], missing: [], messages: [],
  };
}

/** Pieces hostile values are made of. */
const PIECES = [
  "'", '"', '`', '$', '\\', ';', ' ', '!', '*', '{{ x }}', '{{', '}}', '$(id)', '`id`', '${HOME}', '-', '--', '-n',
  '%', '%(x)s', '#', '=', ':', '[', ']', 'é', 'パスワード', '😀', '\t', '&', '|', '>', '<',
];

/**
 * Random hostile values, each with a tripwire touching `tripwire/PWNED` by `$( )`, backticks or
 * eval of `${ }`. `ini` values are those an INI file can hold verbatim (no line break, no blank
 * at either end, not wrapped in one pair of matching quotes: oslo.config would strip them).
 */
export function hostileValues(tripwire: string, ini: boolean): fc.Arbitrary<string> {
  const trip = fc.constantFrom(`$(touch ${tripwire}/PWNED)`, `\`touch ${tripwire}/PWNED\``, `$(touch\t${tripwire}/PWNED);`, `'; touch ${tripwire}/PWNED; '`);
  const piece = fc.oneof(fc.constantFrom(...PIECES, ...(ini ? [] : ['\n'])), fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 }));
  return fc
    .tuple(fc.array(piece, { maxLength: 6 }), trip, fc.array(piece, { maxLength: 6 }), fc.boolean())
    .map(([a, t, b, lead]) => `${lead ? '-' : ''}${a.join('')}${t}${b.join('')}`.replace(/\0/g, ''))
    .map((v) => (ini ? `x${v.replace(/[\r\n]/g, ' ')}x` : v));
}

