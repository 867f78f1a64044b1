/**
 * Reads INI files back with a real INI parser: Python's `configparser`, in a `python3` child
 * process, configured the way OpenStack's own reader (oslo.config's iniparser) reads
 * `nova.conf`-style files:
 *
 * - `interpolation=None`: `%` is an ordinary character (oslo does not interpolate `%(x)s`, and a
 *   password may hold `%`);
 * - `delimiters=('=',)`: a key ends at the first `=` (values such as
 *   `mysql://nova:pass@host/nova` hold `:`);
 * - `optionxform=str`: keys keep their case (`auth_strategy`, but also `DEFAULT` keys in caps);
 * - `strict=False`: a repeated key or section is read, the last value winning, as oslo does;
 * - no inline comments: `#` and `;` start a comment only at the start of a line (oslo), so a
 *   value may hold them;
 * - `[DEFAULT]` is an ordinary section (no inheritance into the others);
 * - keys before any section header (`postgresql.conf`, `key = value` files without sections) are
 *   the section named '' (as the step graph's sectionless settings).
 *
 * Why not the npm `ini` package: it unquotes `"…"` values, strips `;`/`#` inline comments and
 * reads `key[]` as arrays, so it would misread values that oslo.config reads verbatim. Where
 * oslo and configparser still differ (oslo strips one pair of matching quotes around a whole
 * value), the tests bind no such value: an INI file has no escape for it.
 *
 * Needs `python3` (fails loudly when missing: `apt-get install -y python3`).
 */
import { spawnSync } from 'node:child_process';

/** An INI file: section name → key → value (raw text after `=`, surrounding blanks stripped). */
export type IniData = Record<string, Record<string, string>>;

/** The Python reader: file paths in argv[1:], `{path: {section: {key: value}}}` JSON on stdout. */
const READER = `
import configparser, json, sys
out = {}
for path in sys.argv[1:]:
    cp = configparser.ConfigParser(interpolation=None, delimiters=('=',), comment_prefixes=('#', ';'),
                                   inline_comment_prefixes=None, strict=False,
                                   default_section='\\x00no default section', empty_lines_in_values=False)
    cp.optionxform = str
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        cp.read_string('[\\x00top]\\n' + f.read(), source=path)
    data = {s: dict(cp.items(s, raw=True)) for s in cp.sections()}
    top = data.pop('\\x00top')
    if top:
        data[''] = top
    out[path] = data
json.dump(out, sys.stdout, ensure_ascii=True)
`;

/**
 * Parses the INI file at `path` with configparser (see the module comment). Throws when python3
 * is missing or the file is not valid INI (the parser's error message, e.g. a key line before any
 * section header).
 */
export function readIni(path: string): IniData {
  return readIniFiles([path])[path] as IniData;
}

/**
 * Parses several INI files in one python3 run (one process, not one per file): path → data.
 * Same errors as {@link readIni}.
 */
export function readIniFiles(paths: readonly string[]): Record<string, IniData> {
  if (paths.length === 0) return {};
  const r = spawnSync('python3', ['-c', READER, ...paths], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new Error(`python3 is required to read INI files back (${r.error.message}): apt-get install -y python3`);
  if (r.status !== 0) throw new Error(`configparser could not read ${paths.join(', ')}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout) as Record<string, IniData>;
}
