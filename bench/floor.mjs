// The floor of a cold compile: a fresh process that only loads the kuromoji dictionary (the same
// files tejun loads) and runs remark-parse over the bytes of the given guides. Run by run.mjs.
// Usage: node bench/floor.mjs GUIDE...   (prints nothing; the caller times the process)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const require = createRequire(import.meta.url);
const kuromoji = require('kuromoji');
const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict') + '/';
await new Promise((resolve, reject) =>
  kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer))),
);
const processor = unified().use(remarkParse);
for (const path of process.argv.slice(2)) processor.parse(readFileSync(path, 'utf8'));
