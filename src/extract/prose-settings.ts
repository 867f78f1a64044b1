/**
 * Settings a guide changes in prose, with no block: "ノードがディスクフルノードの場合は、
 * 'linstor_controller_diskless = True' を 'linstor_controller_diskless = False' に変更して…"
 * (the lexicon's `settingChanges` patterns). The sentence names no file when the setting belongs
 * beside settings the guide made before: the operator puts it in the file and INI section that
 * hold the keys most like it (the longest shared `_`-separated prefix, `linstor_` of
 * `linstor_default_uri`), when exactly one place holds them.
 */
import type { IniAction } from '../ir/types.js';
import type { Lexicon } from '../nlp/lexicon.js';

/** A setting changed in prose: the key and its new value. */
export interface ProseSetting {
  key: string;
  value: string;
}

/** The settings `text` changes, in order (one per key). */
export function proseSettings(text: string, lexicon: Lexicon): ProseSetting[] {
  const out: ProseSetting[] = [];
  for (const re of lexicon.settingChanges) {
    const m = re.exec(text);
    const key = m?.groups?.['key'];
    const value = m?.groups?.['value'];
    if (key && value && !out.some((s) => s.key === key)) out.push({ key, value });
  }
  return out;
}

/** How many leading `_`-separated segments two keys share. */
function sharedSegments(a: string, b: string): number {
  const x = a.split('_');
  const y = b.split('_');
  let n = 0;
  while (n < x.length - 1 && n < y.length - 1 && x[n] === y[n]) n++;
  return n;
}

/**
 * The file and section of the keys set so far that are most like `key`: the same key, else the
 * longest shared prefix of at least one segment; null when no key shares one or the best ones sit
 * in more than one place.
 */
export function siblingPlace(key: string, settings: readonly IniAction[]): { file: string; section: string } | null {
  let best = 0;
  let places = new Map<string, { file: string; section: string }>();
  for (const a of settings) {
    const score = a.key === key ? Number.MAX_SAFE_INTEGER : sharedSegments(key, a.key);
    if (score === 0 || score < best) continue;
    if (score > best) places = new Map();
    best = score;
    places.set(`${a.file}\0${a.section}`, { file: a.file, section: a.section });
  }
  return places.size === 1 ? [...places.values()][0]! : null;
}
