#!/usr/bin/env node
// Thin launcher: the CLI, bundled into dist/src/bundle by `npm run build` (scripts/bundle.mjs).
import { main } from '../dist/src/bundle/tejun.js';

// A reader that stops early (`tejun parse GUIDE | head`) closes the pipe: stop quietly, as other
// command-line tools do, instead of dying on an unhandled EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv);
