#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/src/cli (run `npm run build` first).
import { main } from '../dist/src/cli/index.js';

// A reader that stops early (`tejun parse GUIDE | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
