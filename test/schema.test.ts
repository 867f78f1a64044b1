/**
 * The JSON Schema in schema/ is generated from src/ir/types.ts (the source of truth) and every
 * graph tejun produces, and every fixture expectation, conforms to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { corpusGuides, FIXTURES_DIR } from './helpers/paths.js';
import { SCHEMA_FILE, schemaErrors } from './helpers/schema.js';
import { freshSchemaText } from './helpers/schema-cache.js';
import { loadTejun } from './helpers/tejun.js';


test('the committed schema equals a fresh generation from src/ir/types.ts (run `npm run schema`)', async () => {
  // Generated once per change of its inputs in the quick tier (test/helpers/schema-cache.ts).
  assert.equal(readFileSync(SCHEMA_FILE, 'utf8'), await freshSchemaText());
});

/** A minimal graph that satisfies the schema, for the negative tests below. */
function minimalGraph(): Record<string, unknown> {
  return {
    schemaVersion: 1,
    source: { path: 'g.txt', format: 'text', dialect: 'redhat-text', sha256: '0'.repeat(64) },
    title: 't',
    roles: ['db'],
    procedures: [
      {
        id: 'p-1', title: '手順', role: 'db', source: { line: 1 },
        steps: [
          {
            id: 's-1', text: 'x', role: 'db', when: null, source: { line: 2 },
            actions: [
              { id: 'a-1', kind: 'command', run: 'mysql -u root -p', user: 'root', verify: false, expect: null, interactive: true, source: { line: 3 } },
              { id: 'a-2', kind: 'sql', run: 'CREATE DATABASE nova;', session: 'a-1', source: { line: 4 } },
            ],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
    missing: [],
    messages: [],
  };
}

test('the schema accepts a minimal graph and rejects broken ones', () => {
  assert.deepEqual(schemaErrors(minimalGraph()), []);
  const badKind = minimalGraph();
  (badKind['procedures'] as any)[0].steps[0].actions[1].kind = 'yaml';
  assert.notDeepEqual(schemaErrors(badKind), []);
  const noLine = minimalGraph();
  delete (noLine['procedures'] as any)[0].steps[0].actions[0].source.line;
  assert.notDeepEqual(schemaErrors(noLine), []);
  const wrongVersion = { ...minimalGraph(), schemaVersion: 2 };
  assert.notDeepEqual(schemaErrors(wrongVersion), []);
  const { title: _title, ...noTitle } = minimalGraph();
  assert.notDeepEqual(schemaErrors(noTitle), []);
});

for (const guide of corpusGuides()) {
  test(`parseGuide(${basename(guide)}) conforms to the schema`, async () => {
    const { parseGuide } = await loadTejun();
    const graph = await parseGuide(guide);
    assert.deepEqual(schemaErrors(graph), []);
  });
}

test('every fixture expected.json conforms to the schema', () => {
  // diff-* cases hold `tejun diff` reports (test/diff.test.ts), not step graphs.
  const cases = readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('diff-'));
  assert.ok(cases.length > 0, 'no fixture cases');
  for (const c of cases) {
    const path = join(FIXTURES_DIR, c.name, 'expected.json');
    assert.ok(existsSync(path), `${c.name}: expected.json missing`);
    assert.deepEqual(schemaErrors(JSON.parse(readFileSync(path, 'utf8'))), [], `${c.name}/expected.json`);
  }
});
