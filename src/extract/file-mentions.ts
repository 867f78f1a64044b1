/**
 * The files an instruction names, as an operator resolves them while reading a guide in order.
 *
 * - A directory and a file name in one sentence name one file: "/etc/cinder/ 内のCinder設定
 *   ファイル cinder.conf を次のように編集" is /etc/cinder/cinder.conf.
 * - A bare file name names the full path the guide gave that name earlier: after
 *   /etc/cinder/cinder.conf, "cinder.confの最後に次の設定オプションを追加" and "`cinder.conf` の
 *   LINSTORセクション" speak of /etc/cinder/cinder.conf. A name the guide never gave a path for
 *   stays as written.
 */
import { trimTrailing } from '../nlp/text.js';

/** Sentence punctuation and a closing bracket that follow a path in prose, not part of it. */
const PATH_END = /[。、,.:;)）]/u;

/** The distinct paths the grammar's global `filePath` pattern finds in `text`, in order, with where each ends. */
function matches(filePath: RegExp, text: string): Array<{ path: string; end: number }> {
  const out: Array<{ path: string; end: number }> = [];
  filePath.lastIndex = 0;
  for (let m = filePath.exec(text); m !== null; m = filePath.exec(text)) {
    if (m[0] === '') {
      filePath.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
      continue;
    }
    const whole = m[1] ?? m[0];
    const path = trimTrailing(whole, PATH_END);
    const start = m.index + m[0].indexOf(whole);
    if (!out.some((o) => o.path === path)) out.push({ path, end: start + path.length });
  }
  filePath.lastIndex = 0;
  return out;
}

/** The last segment of a path. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The files a guide's instructions name, with the full paths seen so far (one reader per guide). */
export class FileMentions {
  /** Full paths named so far, latest last. */
  private readonly known: string[] = [];

  /** @param filePath the grammar's global file-path pattern (its first group, else the match, is the path). */
  constructor(private readonly filePath: RegExp) {}

  /**
   * The files `text` names, in order of mention: a directory written with its trailing slash
   * (`/etc/cinder/`) followed later in the text by a bare file name is joined with it; a bare name
   * is the latest full path seen with that last segment, if any. Full paths found are remembered.
   */
  read(text: string): string[] {
    const found = matches(this.filePath, text);
    const out: string[] = [];
    let directory: string | null = null;
    for (const { path, end } of found) {
      if (path.startsWith('/')) {
        if (text[end] === '/' && !baseName(path).includes('.')) {
          directory = path;
          continue;
        }
        out.push(path);
        continue;
      }
      if (directory) {
        out.push(`${directory}/${path}`);
        directory = null;
        continue;
      }
      out.push([...this.known].reverse().find((k) => baseName(k) === path) ?? path);
    }
    if (directory) out.push(directory);
    for (const p of out) {
      if (!p.startsWith('/')) continue;
      const at = this.known.indexOf(p);
      if (at >= 0) this.known.splice(at, 1);
      this.known.push(p);
    }
    return [...new Set(out)];
  }
}
