#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/src/cli (run `npm run build` first).
import { main } from '../dist/src/cli/index.js';

process.exitCode = await main(process.argv);
