/**
 * Which files an instruction names as the ones to edit, sentence by sentence. A paragraph may name
 * several paths while only one sentence says what to do with a file ("pg_ctl のパスが
 * /usr/local/pgsql/bin/pg_ctl であるとします。その場合、postgresql.conf に以下を追加してください。"):
 * the others mention a path as a value, a default or a program, and content shown after the
 * paragraph is not theirs.
 */
import { splitSentences } from '../nlp/text.js';

/**
 * The paths of `paths` that the sentences of `text` saying to edit name, when some sentence says
 * so and another names a path without saying it; otherwise `paths` as given.
 * @param text the paragraph (one line, white space folded).
 * @param paths the paths `text` names, in order of first mention.
 * @param editVerb the words of an edit instruction (追加, 編集, add, …).
 * @returns a subset of `paths`, in their order.
 */
export function instructionFiles(text: string, paths: readonly string[], editVerb: RegExp): string[] {
  if (paths.length < 2) return [...paths];
  const sentences = splitSentences(text);
  if (sentences.length < 2) return [...paths];
  const edited = new Set<string>();
  let mentionOnly = false;
  for (const sentence of sentences) {
    const named = paths.filter((p) => sentence.includes(p));
    if (named.length === 0) continue;
    if (editVerb.test(sentence)) named.forEach((p) => edited.add(p));
    else mentionOnly = true;
  }
  if (edited.size === 0 || !mentionOnly) return [...paths];
  return paths.filter((p) => edited.has(p));
}

/**
 * True when a paragraph ends the file context an earlier instruction opened: a top-level
 * paragraph (not a list item, not inside one) that names no file and says nothing about editing
 * is a new instruction, so a literal block after it is not that file's content. So is a list item
 * no deeper than the item that named the file: the next step of the same list ("ESXiホストの
 * `/etc/vmware/config` に … を記載" / "…の再起動" / "それでも0だった場合は、以下を実施", 002:603-607:
 * the block under the last item is not /etc/vmware/config's).
 * @param text the paragraph; it names no file (the caller checked).
 * @param depth its list depth (0 = top level); `item` true for a list item's own text.
 * @param editVerb the words of an edit instruction.
 * @param namedBy the list depth and kind (item or paragraph) of the text that named the files,
 *   or null when no text did (a heading or an editor line).
 */
export function endsFileContext(text: string, depth: number, item: boolean, editVerb: RegExp, namedBy: { depth: number; item: boolean } | null = null): boolean {
  if (editVerb.test(text)) return false;
  if (depth === 0 && !item) return true;
  return item && namedBy !== null && namedBy.item && depth <= namedBy.depth;
}
