// The floor of a cold compile: a fresh process that only loads the kuromoji dictionary and runs
// remark-parse over the bytes of the given guides. Run by run.mjs.
// Usage: node bench/floor.mjs [--tejun-loader] GUIDE...   (prints nothing; the caller times it)
//   default: the dictionary loaded by kuromoji's own builder from its package's .gz files (the
//   floor as the issue defines it);
//   --tejun-loader: loaded as tejun loads it (src/nlp/tokenizer/: files decompressed at build
//   time, compact target map), for reference: what tejun's own passes add over that.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const args = process.argv.slice(2);
const tejunLoader = args[0] === '--tejun-loader';
const guides = tejunLoader ? args.slice(1) : args;
if (tejunLoader) {
  const { getTokenizer } = await import('../dist/src/nlp/tokenizer/select.js');
  await getTokenizer();
} else {
  const require = createRequire(import.meta.url);
  const kuromoji = require('kuromoji');
  const dicPath = join(dirname(require.resolve('kuromoji/package.json')), 'dict') + '/';
  await new Promise((resolve, reject) =>
    kuromoji.builder({ dicPath }).build((error, tokenizer) => (error ? reject(error) : resolve(tokenizer))),
  );
}
const processor = unified().use(remarkParse);
for (const path of guides) processor.parse(readFileSync(path, 'utf8'));
