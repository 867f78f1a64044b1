#!/usr/bin/env node
/**
 * Scores tejun's extraction against the gold answer keys (`npm run score`, which builds first).
 *
 * For every ../shared/eval/gold/*.gold.json (relative to the repository root; several golds such
 * as `003_x.A.gold.json` and `003_x.B.gold.json` may cover scopes of one guide, named by the
 * gold's `guide` field), parses guides/<guide> once with the library's parseGuide (or, for a guide
 * whose licence keeps it out of the repository, ../shared/guides/<guide>), writes the
 * graph JSON to a temporary file, runs `node ../shared/eval/score.mjs --gold G --pred P` and prints
 * one table row per gold (gold, predicted and matched counts per kind, the score), then an overall
 * line: micro-F1 over all golds of the scored kinds (commands, sql, ini, file lines, placeholders)
 * and the mean of the per-gold scores.
 *
 * Usage: node scripts/score.mjs [--verbose] [--gold-dir DIR]
 *   --verbose   also print score.mjs's per-gold report (its missed/extra lines)
 *   --gold-dir  where the golds are (default ../shared/eval/gold)
 * Exit 0 whatever the scores (thresholds are reported, not enforced); 1 when a guide could not be
 * parsed or a gold could not be scored; 2 on bad usage or when the library is not built.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EVAL_DIR = path.resolve(ROOT, '..', 'shared', 'eval');
/** Kinds score.mjs prints, in its order; the first five make up its score. */
const KINDS = ['command', 'sql', 'ini', 'file', 'placeholder', 'literal', 'manual'];
const SCORED = new Set(['command', 'sql', 'ini', 'file', 'placeholder']);

/**
 * Parses score.mjs's stdout. Returns `{ rows: {kind: {gold, pred, matched}}, score, lines }`
 * where `lines` are the report lines before the table (the --verbose missed/extra list).
 * Throws when the output has no `score:` line.
 */
export function parseScoreOutput(text) {
  const rows = {};
  const lines = [];
  let score;
  for (const line of text.split('\n')) {
    const row = /^(\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+[\d.]+\s+[\d.]+\s+[\d.]+$/.exec(line);
    const s = /^score: ([\d.]+)/.exec(line);
    if (row && KINDS.includes(row[1])) rows[row[1]] = { gold: +row[2], pred: +row[3], matched: +row[4] };
    else if (s) score = Number(s[1]);
    else if (line.startsWith('  ')) lines.push(line);
  }
  if (score === undefined) throw new Error(`score.mjs printed no score line:\n${text}`);
  return { rows, score, lines };
}

/**
 * Where a gold's guide is read from: guides/<name> when the repository bundles it, else
 * ../shared/guides/<name> (guides whose licence is "none stated" are never copied into the
 * repository). Relative to the repository root, the working directory while scoring.
 */
export function guidePath(guide) {
  const bundled = path.join('guides', guide);
  return fs.existsSync(path.join(ROOT, bundled)) ? bundled : path.join('..', 'shared', 'guides', guide);
}

/** F1 of matched/gold/pred counts; 1 when both are empty. */
export function f1(matched, gold, pred) {
  if (!gold && !pred) return 1;
  const p = pred ? matched / pred : 0;
  const r = gold ? matched / gold : 0;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

/** `matched/gold/pred` for one kind, e.g. `41/45/44`. */
const cell = (r) => (r ? `${r.matched}/${r.gold}/${r.pred}` : '-');

async function main(argv) {
  const verbose = argv.includes('--verbose');
  const gi = argv.indexOf('--gold-dir');
  const goldDir = gi >= 0 ? path.resolve(argv[gi + 1] ?? '') : path.join(EVAL_DIR, 'gold');
  const unknown = argv.filter((a, i) => a.startsWith('--') && !['--verbose', '--gold-dir'].includes(a) && argv[i - 1] !== '--gold-dir');
  if (unknown.length) {
    console.error(`score: unknown option ${unknown.join(' ')}\nusage: node scripts/score.mjs [--verbose] [--gold-dir DIR]`);
    return 2;
  }
  process.chdir(ROOT); // guides are parsed as `guides/<name>`, as in the contract's source.path
  let lib;
  try {
    lib = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'index.js')).href);
  } catch (e) {
    console.error(`score: cannot load the library (run npm run build): ${e.message}`);
    return 2;
  }
  const golds = fs.readdirSync(goldDir).filter((f) => f.endsWith('.gold.json')).sort();
  if (!golds.length) {
    console.error(`score: no *.gold.json in ${goldDir}`);
    return 2;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tejun-score-'));
  const preds = new Map(); // guide → pred path, or Error
  let failed = false;
  const results = [];
  try {
    for (const g of golds) {
      const goldPath = path.join(goldDir, g);
      const guide = JSON.parse(fs.readFileSync(goldPath, 'utf8')).guide;
      if (!preds.has(guide)) {
        try {
          const graph = await lib.parseGuide(guidePath(guide));
          const p = path.join(tmp, `${guide}.json`);
          fs.writeFileSync(p, JSON.stringify(graph));
          preds.set(guide, p);
        } catch (e) {
          preds.set(guide, e);
        }
      }
      const pred = preds.get(guide);
      if (pred instanceof Error) {
        failed = true;
        results.push({ gold: g, error: `parseGuide(${guide}) failed: ${pred.message}` });
        continue;
      }
      const args = [path.join(EVAL_DIR, 'score.mjs'), '--gold', goldPath, '--pred', pred];
      if (verbose) args.push('--verbose');
      try {
        const { stdout } = await run(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20 });
        results.push({ gold: g, ...parseScoreOutput(stdout) });
      } catch (e) {
        failed = true;
        results.push({ gold: g, error: `score.mjs failed: ${(e.stderr || e.message).trim()}` });
      }
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  printTable(results, verbose);
  return failed ? 1 : 0;
}

function printTable(results, verbose) {
  const w = Math.max(4, ...results.map((r) => r.gold.length));
  const cols = KINDS.map((k) => k.slice(0, 11).padStart(11));
  console.log(`${'gold'.padEnd(w)} ${cols.join(' ')}  score`);
  console.log(`${''.padEnd(w)} ${KINDS.map(() => 'match/g/p'.padStart(11)).join(' ')}`);
  const sum = { gold: 0, pred: 0, matched: 0 };
  const scores = [];
  for (const r of results) {
    if (r.error) {
      console.log(`${r.gold.padEnd(w)} ERROR ${r.error}`);
      continue;
    }
    console.log(`${r.gold.padEnd(w)} ${KINDS.map((k) => cell(r.rows[k]).padStart(11)).join(' ')}  ${r.score.toFixed(3)}`);
    if (verbose) for (const l of r.lines) console.log(l);
    for (const k of KINDS) if (SCORED.has(k) && r.rows[k]) for (const f of Object.keys(sum)) sum[f] += r.rows[k][f];
    scores.push(r.score);
  }
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  console.log(
    `overall: micro-F1 ${f1(sum.matched, sum.gold, sum.pred).toFixed(3)} (matched ${sum.matched}, gold ${sum.gold}, predicted ${sum.pred}; commands, sql, ini, file lines, placeholders), mean score ${mean.toFixed(3)} over ${scores.length} of ${results.length} golds`,
  );
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) process.exitCode = await main(process.argv.slice(2));
