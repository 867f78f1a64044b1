/**
 * The per-pattern timing table of `npm run fuzz`: every regular expression applied to guide text
 * — the regex literals of src/extract, src/parse, src/ingest and src/nlp (found with the
 * TypeScript parser, so none is missed), every pattern of every grammar (grammars/*.yaml, as
 * loadGrammar compiles them) and every pattern of the lexicon (grammars/lexicon.yaml, as
 * loadLexicon compiles it) — is run over crafted inputs of 1 KB, 10 KB and 100 KB: runs of each
 * character the pattern names and of the characters guides are made of (spaces, CR, LF, tabs,
 * Japanese, punctuation), alone and alternating with a space, a letter or a line break. A pattern
 * is timed as code uses it at worst: scanning the whole input for every match (`g`). For each
 * pattern the input that costs most at 10 KB (and the one whose cost grows most from 1 KB to
 * 10 KB) is timed at 100 KB; the ratio 100 KB / 10 KB is ~10 for a linear pattern, ~100 for a
 * quadratic one. Times are CPU time of the process (process.cpuUsage), not wall time, so a loaded
 * machine does not make a linear pattern look super-linear. Runs in a child process
 * (scripts/fuzz.mjs kills it when one pattern takes over `limitMs` at 100 KB and reports that
 * pattern as super-linear).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Folders whose regex literals meet guide text. */
const DIRS = ['src/extract', 'src/parse', 'src/ingest', 'src/nlp'];

/** Every `.ts` file under `dir`. */
function tsFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : f.endsWith('.ts') ? [p] : [];
  });
}

/**
 * The string an expression always evaluates to, when the source alone says it: a string or
 * template literal without substitutions, `a + b` of such, `(x)`, and `[…].join(sep)` of an array
 * of such (the way a long alternation is written: `new RegExp([...].join('|'))`); else undefined.
 */
function staticString(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node)) return staticString(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = staticString(node.left);
    const b = staticString(node.right);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join' && ts.isArrayLiteralExpression(node.expression.expression)) {
    const parts = node.expression.expression.elements.map(staticString);
    const sep = node.arguments.length === 0 ? ',' : staticString(node.arguments[0]);
    return parts.includes(undefined) || sep === undefined ? undefined : parts.join(sep);
  }
  return undefined;
}

/**
 * Regex literals of the source files, and `new RegExp(…)`/`RegExp(…)` calls whose pattern and flags
 * the source alone gives ({@link staticString}), as { family, source, flags, line }; `unresolved`
 * gets the place (file:line) of every other `RegExp(…)` call: a pattern built at run time from data
 * (the lexicon's and the grammars' are timed as loaded, by grammarPatterns) or from a value.
 */
export function sourcePatterns(root, unresolved = []) {
  const out = [];
  for (const file of DIRS.flatMap((d) => tsFiles(join(root, d)))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const line = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        out.push({ family: relative(root, file), source: text.slice(1, end), flags: text.slice(end + 1), line: line(node) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp' && node.arguments?.length) {
        const source = staticString(node.arguments[0]);
        const flags = node.arguments.length > 1 ? staticString(node.arguments[1]) : '';
        if (source !== undefined && flags !== undefined) out.push({ family: relative(root, file), source, flags, line: line(node) });
        else unresolved.push(`${relative(root, file)}:${line(node)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/** Every RegExp of every grammar as loadGrammar compiles it, as { family: grammars/NAME, … }, and of the lexicon (family grammars/lexicon). */
export async function grammarPatterns(root) {
  const { listDialects, loadGrammar } = await import(join(root, 'dist/src/index.js'));
  const out = [];
  const seen = new Set();
  for (const name of ['generic', ...listDialects()]) {
    const walk = (v, depth) => {
      if (v instanceof RegExp) {
        const key = `${v.source}/${v.flags}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push({ family: `grammars/${name}`, source: v.source, flags: v.flags, line: 0 });
        }
      } else if (v && typeof v === 'object' && depth < 8) for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, depth + 1);
    };
    walk(loadGrammar(name), 0);
  }
  const { loadLexicon } = await import(join(root, 'dist/src/nlp/lexicon.js'));
  const walkLexicon = (v, depth) => {
    if (v instanceof RegExp) {
      const key = `${v.source}/${v.flags}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push({ family: 'grammars/lexicon', source: v.source, flags: v.flags, line: 0 });
      }
    } else if (v && typeof v === 'object' && !(v instanceof Map) && depth < 8) for (const x of Array.isArray(v) ? v : Object.values(v)) walkLexicon(x, depth + 1);
    else if (v instanceof Map && depth < 8) for (const x of v.values()) walkLexicon(x, depth + 1);
  };
  walkLexicon(loadLexicon(), 0);
  return out;
}

/** Characters guides are made of. */
const COMMON = [' ', '\t', '\r', '\n', 'a', '0', 'あ', '.', '-', '#', '|', '`', '=', '/', '\\', '"', '<', '*', ':', '[', '(', '、', '　'];

/** The characters a pattern names literally (escapes undone), plus the common ones. */
function alphabet(source) {
  const own = new Set();
  for (let k = 0; k < source.length; k++) {
    const c = source[k];
    if (c === '\\') {
      const n = source[++k];
      if (n && /[^\w]/.test(n)) own.add(n);
    } else if (!'^$()[]?+*{}|'.includes(c)) own.add(c);
  }
  return [...new Set([...own, ...COMMON])];
}

/** Inputs of `size` characters for one alphabet character. */
function inputs(c, size) {
  const unit = [c, `${c} `, `${c}a`, `${c}\n`];
  return unit.map((u) => u.repeat(Math.ceil(size / u.length)).slice(0, size));
}

/** Sends one message to the driver (scripts/fuzz.mjs), resolved once it is written. */
const send = (m) => new Promise((resolve) => process.send(m, resolve));

/** CPU milliseconds of this process so far (user + system). */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU milliseconds one global scan of `s` by `re` takes (best of 3, each repeated to at least 2 ms of CPU: contention inflates CPU time too). */
function time(re, s) {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const scan = () => {
    g.lastIndex = 0;
    let n = 0;
    let m;
    while ((m = g.exec(s)) !== null && n < 1_000_000) {
      if (m[0] === '') g.lastIndex++;
      n++;
    }
  };
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    let reps = 0;
    const t = cpuNow();
    do {
      scan();
      reps++;
    } while (cpuNow() - t < 2 && reps < 300);
    best = Math.min(best, (cpuNow() - t) / reps);
    if (best > 200) break;
  }
  return best;
}

/**
 * CPU milliseconds of one global scan of `s10` and of `s100` by `re`, for the ratio: the two are
 * timed in turn, 7 times each (each time repeated to at least 10 ms of CPU), and the least of each
 * kept. Timed apart, the 10 KB time of the search above was taken among dozens of other inputs
 * (other strings, garbage, colder code) and single-class patterns such as /[\s。]/u read 15–25 at
 * times; in turn, both sizes meet the same conditions and such patterns read 8–13.
 */
function timePair(re, s10, s100) {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  const once = (s) => {
    let reps = 0;
    const t = cpuNow();
    do {
      g.lastIndex = 0;
      let n = 0;
      let m;
      while ((m = g.exec(s)) !== null && n < 1_000_000) {
        if (m[0] === '') g.lastIndex++;
        n++;
      }
      reps++;
    } while (cpuNow() - t < 10 && reps < 1000);
    return (cpuNow() - t) / reps;
  };
  let t10 = Infinity;
  let t100 = Infinity;
  for (let k = 0; k < 7; k++) {
    t10 = Math.min(t10, once(s10));
    t100 = Math.min(t100, once(s100));
    if (t100 > 2000) break; // a super-linear pattern: one run says enough
  }
  return [t10, t100];
}

/** The ratio over which a pattern is super-linear (the driver's MAX_RATIO, passed in its arguments). */
let maxRatio = 15;

/** Times one pattern: its worst input and the times at 1, 10 and 100 KB. Posts `start` first. */
async function measure(p, index) {
  let re;
  try {
    re = new RegExp(p.source, p.flags);
  } catch {
    return null;
  }
  const candidates = alphabet(p.source).flatMap((c) => inputs(c, 1024).map((s1, k) => ({ c, k, s1, s10: inputs(c, 10_240)[k] })));
  let worst = null;
  let steepest = null;
  for (const x of candidates) {
    x.t1 = time(re, x.s1);
    x.t10 = time(re, x.s10);
    if (!worst || x.t10 > worst.t10) worst = x;
    if (!steepest || x.t10 / Math.max(x.t1, 0.002) > steepest.t10 / Math.max(steepest.t1, 0.002)) steepest = x;
  }
  let chosen = null;
  for (const x of new Set([worst, steepest])) {
    await send({ type: 'start', index, input: JSON.stringify(x.s1.slice(0, 6)) });
    const s100 = inputs(x.c, 102_400)[x.k];
    [x.t10, x.t100] = timePair(re, x.s10, s100);
    x.ratio = x.t100 / Math.max(x.t10, 0.01);
    // Over the limit at first: timed again once, as a slow fuzz case is run again; super-linear
    // only when the second pair is over too (at 0.1-1 ms a pair varies by half, a quadratic
    // pattern reads 50-100 both times).
    if (x.ratio > maxRatio && x.t100 < 2000) {
      const [t10, t100] = timePair(re, x.s10, s100);
      x.firstRatio = x.ratio;
      if (t100 / Math.max(t10, 0.01) < x.ratio) [x.t10, x.t100, x.ratio] = [t10, t100, t100 / Math.max(t10, 0.01)];
    }
    if (!chosen || x.ratio > chosen.ratio) chosen = x;
  }
  return { input: JSON.stringify(chosen.s1.slice(0, 6)), t1: chosen.t1, t10: chosen.t10, t100: chosen.t100, ratio: chosen.ratio, firstRatio: chosen.firstRatio };
}

if (process.send && process.argv[2]) {
  const { root, from, families, maxRatio: limit } = JSON.parse(process.argv[2]);
  maxRatio = limit;
  const unresolved = [];
  const all = [...sourcePatterns(root, unresolved), ...(await grammarPatterns(root))].filter((p) => families.length === 0 || families.some((f) => p.family.startsWith(f)));
  await send({ type: 'list', patterns: all, unresolved });
  for (let index = from; index < all.length; index++) {
    if (index % 50 === 0) process.stderr.write(`patterns: ${index}/${all.length}\n`);
    await send({ type: 'start', index, input: '' });
    await send({ type: 'done', index, result: await measure(all[index], index) });
  }
  await send({ type: 'end' });
  process.disconnect();
}
