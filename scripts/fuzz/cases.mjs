/**
 * Fuzz cases for `npm run fuzz` (scripts/fuzz.mjs): case `i` of a run with seed `s` is a file
 * name and the bytes of a mutated guide, always the same for the same (s, i), so a failing case
 * is replayed with `--seed s --case i`. Seeds are the repository's guides and every fixture input
 * (all formats), cut to a slice (small cases keep 10^5 of them within minutes), then mutated at
 * the level the attacks of issue 14 worked at: bytes (invalid UTF-8, a file cut inside a
 * character, UTF-16 with or without a BOM and with an odd length, Shift_JIS/EUC-JP, one to three
 * BOMs), lines (duplicated, dropped, swapped, spliced from another guide, hostile strings:
 * `{{ }}`, `{% %}`, `$()`, backticks, `../`, line breaks), shape (long lines, runs of CR, blank
 * and space-only lines, one long word in a Japanese sentence, deep nesting of lists, quotes,
 * HTML, reStructuredText and AsciiDoc blocks) and the file name (hostile names too).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Encoding from 'encoding-japanese';

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every seed text: the repository's guides and each fixture's input, as { name, text }. */
export function seedGuides(root) {
  const out = [];
  const guides = join(root, 'guides');
  for (const f of readdirSync(guides)) if (/^\d{3}_.*\.(txt|html|md)$/.test(f)) out.push({ name: f, text: readFileSync(join(guides, f), 'utf8') });
  const fixtures = join(root, 'test', 'fixtures');
  for (const c of readdirSync(fixtures)) {
    let files;
    try {
      files = readdirSync(join(fixtures, c)).filter((f) => f.startsWith('input.'));
    } catch {
      continue;
    }
    for (const f of files) out.push({ name: `${c}${f.slice(f.indexOf('.'))}`, text: readFileSync(join(fixtures, c, f), 'utf8') });
  }
  return out;
}

/** Strings that attack the outputs (templates, shell, paths, line breaks). */
const HOSTILE = [
  "{{ lookup('pipe','touch /tmp/tejun-fuzz-pwned') }}", '{% raw %}', '{% endraw %}', '{%', '{#', '$(touch /tmp/tejun-fuzz-pwned)',
  '`touch /tmp/tejun-fuzz-pwned`', '../../../../etc/passwd', '/etc/../../x', "'; touch x; '", '"; touch x; "', '\\', '¥',
  '\u2028', '\u0085', '\u00a0', '\ufeff', '\ufffe', '\u0007', '\u001b[31m', '\u007f', '\t', '&#64;', '&amp;', '<!--', '-->', '<pre>',
  '```', '~~~', '::', '.. code-block:: console', '----', '====', '|===', ']]>', '<![CDATA[', '#', '# ', '$ ', 'mysql> ', '[root@controller ~]# ',
];
/** Japanese pieces the readers look for (step verbs, conditions, placeholders). */
const JAPANESE = ['手順 1.1 ', 'を実行します。', 'を編集します。', 'ファイルの [database] セクションを設定します', 'の場合は', 'パスワード', '置き換えます', 'コントローラーノードで', '、', '。', '注記'];

/** Nested structures of each format, `depth` levels deep. */
const NESTING = [
  (d) => `${'> '.repeat(d)}quoted\n`,
  (d) => Array.from({ length: d }, (_, i) => `${'  '.repeat(i)}- item ${i}\n`).join(''),
  (d) => `${'<div><ul><li>'.repeat(d)}x${'</li></ul></div>'.repeat(d)}\n`,
  (d) => `${'<div>'.repeat(d)}unclosed\n`,
  (d) => Array.from({ length: d }, (_, i) => `${'   '.repeat(i)}* item\n\n`).join(''),
  (d) => Array.from({ length: Math.min(d, 60) }, (_, i) => `${'*'.repeat(i + 1)} item\n`).join(''),
  (d) => `<?xml version="1.0"?>\n<chapter>${'<section><title>t</title>'.repeat(d)}<screen># ls</screen>${'</section>'.repeat(d)}</chapter>\n`,
  (d) => `${'['.repeat(d)}${'('.repeat(d)}x\n`,
];

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

/** A slice of `text` of about `size` characters, starting at a line. */
function slice(r, text, size) {
  if (text.length <= size) return text;
  const from = text.lastIndexOf('\n', int(r, 0, text.length - size)) + 1;
  return text.slice(from, from + size);
}

/** Line-level mutations. */
function mutateLines(r, text, other) {
  const lines = text.split('\n');
  const n = int(r, 1, 6);
  for (let k = 0; k < n; k++) {
    const at = int(r, 0, Math.max(0, lines.length - 1));
    switch (int(r, 0, 6)) {
      case 0: lines.splice(at, 1); break;
      case 1: lines.splice(at, 0, lines[int(r, 0, lines.length - 1)] ?? ''); break;
      case 2: { const b = int(r, 0, lines.length - 1); [lines[at], lines[b]] = [lines[b], lines[at]]; break; }
      case 3: { const o = other.split('\n'); const f = int(r, 0, o.length - 1); lines.splice(at, 0, ...o.slice(f, f + int(r, 1, 20))); break; }
      case 4: { const l = lines[at] ?? ''; const c = int(r, 0, l.length); lines[at] = `${l.slice(0, c)}${pick(r, HOSTILE)}${l.slice(c)}`; break; }
      case 5: lines.splice(at, 0, `${pick(r, JAPANESE)}${pick(r, HOSTILE)}${pick(r, JAPANESE)}`); break;
      default: lines[at] = (lines[at] ?? '').replace(/\s+/g, pick(r, [' ', '\t', '  ', '\u3000', '']));
    }
  }
  return lines.join('\n');
}

/**
 * The most line breaks one run adds: 20,000 lines, three times the longest guide of the corpus
 * (about 6,700 lines). A run of 100 KB of line breaks is 100,000 empty lines, 15 times any guide;
 * the reader is linear on them (about 1.5 s of CPU for 100,000) but that is no guide's shape. The
 * regexes still meet 100 KB runs of CR and LF in the per-pattern timing table.
 */
export const MAX_RUN_LINES = 20_000;

/** Shape mutations: long lines, runs, one long word, deep nesting. `big` allows the 100 KB ones. */
function mutateShape(r, text, big) {
  const lines = text.split('\n');
  const at = int(r, 0, lines.length);
  const len = big ? pick(r, [1000, 10_000, 100_000]) : int(r, 100, 4000);
  const runs = [
    () => '\r'.repeat(Math.min(len, MAX_RUN_LINES)),
    () => '\n'.repeat(Math.min(len, MAX_RUN_LINES)),
    () => `${' '.repeat(80)}\n`.repeat(Math.ceil(len / 81)),
    () => ' '.repeat(len),
    () => `${pick(r, JAPANESE)}${'a'.repeat(len)}${pick(r, JAPANESE)}`,
    () => `${'あ'.repeat(len)}です。`,
    () => `${pick(r, HOSTILE)}`.repeat(Math.ceil(len / 20)),
    () => `| ${'x | '.repeat(Math.ceil(len / 4))}`,
    () => `${'#'.repeat(len)} x`,
    () => `${'-'.repeat(len)}`,
    () => pick(r, NESTING)(big ? pick(r, [70, 200, 2000]) : int(r, 2, 80)),
    () => `# ${'x'.repeat(len)} \\`,
    () => `${'='.repeat(len)}`,
    () => `[${'x'.repeat(len)}](`,
  ];
  lines.splice(at, 0, pick(r, runs)());
  return lines.join('\n');
}

/** Byte-level mutations of the UTF-8 (or re-encoded) bytes. */
function mutateBytes(r, text) {
  const utf8 = Buffer.from(text, 'utf8');
  switch (int(r, 0, 8)) {
    case 0: return utf8.subarray(0, int(r, 0, utf8.length)); // cut anywhere, inside a character too
    case 1: { const b = Buffer.from(utf8); for (let k = int(r, 1, 4); k > 0; k--) b[int(r, 0, b.length - 1)] = int(r, 0x80, 0xff); return b; }
    case 2: { const le = Buffer.from(`\ufeff${text}`, 'utf16le'); return r() < 0.5 ? le.subarray(0, le.length - 1) : le; }
    case 3: { const le = Buffer.from(text, 'utf16le'); const be = Buffer.from(le); be.swap16(); return r() < 0.5 ? be : be.subarray(0, be.length - int(r, 0, 1)); }
    case 4: return Buffer.concat([Buffer.from('\ufeff'.repeat(int(r, 1, 3)), 'utf8'), utf8]);
    case 5: return Buffer.from(Encoding.convert(Buffer.from(text, 'utf8'), { to: pick(r, ['SJIS', 'EUCJP', 'JIS']), from: 'UTF8' }));
    case 6: { const at = int(r, 0, utf8.length); return Buffer.concat([utf8.subarray(0, at), Buffer.from([pick(r, [0x00, 0xc3, 0xe3, 0xff, 0xfe, 0xed, 0xf4])]), utf8.subarray(at)]); }
    case 7: return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8.subarray(0, int(r, 0, utf8.length))]);
    default: return utf8;
  }
}

/** File names: the seed's, a hostile one with its extension, one without an extension. */
function fileName(r, name) {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')) : '';
  return pick(r, [name, name, name, `g{{ x }}$(id)\`id\`%0a'${ext}`, `../${basename(name)}`, 'guide', `a\nb${ext}`, `${'x'.repeat(300)}${ext}`]);
}

/**
 * Case `i` of the run with `seed`: `{ name, bytes, kind }`; `kind` says which mutations were
 * applied (for the report). `big` cases (1 in 50) hold a 100 KB line, run, word or deep nesting.
 */
export function makeCase(guides, seed, i) {
  const r = prng((seed * 2654435761 + i * 40503) >>> 0);
  const g = pick(r, guides);
  const other = pick(r, guides).text;
  let text = slice(r, g.text, pick(r, [400, 1500, 4000, 12_000]));
  const kinds = [];
  if (r() < 0.7) { text = mutateLines(r, text, other); kinds.push('lines'); }
  const big = i % 50 === 49;
  if (big || r() < 0.3) { text = mutateShape(r, text, big); kinds.push(big ? 'shape-big' : 'shape'); }
  let bytes = Buffer.from(text, 'utf8');
  if (r() < 0.3) { bytes = mutateBytes(r, text); kinds.push('bytes'); }
  return { name: fileName(r, g.name), bytes, kind: kinds.join('+') || 'slice' };
}
