// One test process of scripts/run-tests.mjs: imports the compiled test files named on its command
// line, in order, so that node:test (run without --test: this process is the test process) runs
// every test they register, one after the other, as it would run one file's tests. A file that
// cannot be loaded (a missing module, an error thrown by its top level) becomes one failing test
// named after the file, and the next file is still loaded.
// Usage: node --test-reporter=spec --import ./dist/test/helpers/fast-check-seed.js
//          scripts/run-tests/files.mjs dist/test/a.test.js dist/test/b.test.js …
import { test } from 'node:test';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(resolve(file)).href);
  } catch (error) {
    const source = file.replace(/^dist[\\/]/, '').replace(/\.js$/, '.ts');
    test(`${source} could not be loaded`, () => {
      throw error;
    });
  }
}
