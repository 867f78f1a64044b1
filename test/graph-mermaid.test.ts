/**
 * Unit tests of the Mermaid picture's text escaping. The pictures themselves are read back with
 * mermaid's own parser in test/tools/graph-mermaid.test.ts (`npm run test:tools`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mermaidText } from '../src/generate/steps-to-mermaid.js';

test('mermaidText: quotes, brackets, # and newlines are entity codes; Japanese is kept', () => {
  assert.equal(mermaidText('a "b" [c] #d;\ne'), 'a #34;b#34; #91;c#93; #35;d#59; e');
  assert.equal(mermaidText('手順8.5 データベース'), '手順8.5 データベース');
});
