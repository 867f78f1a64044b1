/**
 * `tejun vars --generate-secrets FILE`: every secret variable of a site file that has no value
 * gets a strong random one (as packstack's answer file or openstack-ansible's pw-token-gen do);
 * a value already present is never changed. The file is edited with the yaml Document API, so
 * its comments, order and other values stay as they were.
 */
import { randomBytes } from 'node:crypto';
import { Document, isMap, isPair, isScalar, Pair, parseDocument, Scalar, YAMLMap } from 'yaml';
import type { Message } from '../ir/types.js';
import { isSecretName } from '../nlp/placeholders.js';
import type { SiteVariable } from './site-variables.js';

/**
 * Letters and digits only: a value that needs no escaping in a shell word, a URL's userinfo, an
 * INI value, an SQL string, YAML or a Python string, whatever the runbook writes it into.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Length of a generated secret: 32 × log2(62) ≈ 190 bits. */
export const SECRET_LENGTH = 32;

/**
 * A random secret of `length` characters of {@link ALPHABET}, from node:crypto randomBytes with
 * rejection sampling (bytes ≥ 248 are dropped, so every character is equally likely).
 * @param random a source of random bytes (tests pass a fixed one).
 */
export function randomSecret(length = SECRET_LENGTH, random: (n: number) => Uint8Array = randomBytes): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      if (byte >= 248) continue;
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Result of {@link fillSecrets}. */
export interface FilledSecrets {
  /** The new file text (equal to the input when nothing was filled). */
  text: string;
  /** Names filled, in file order (values never reported). */
  filled: string[];
  /** Errors: a file that is not a YAML mapping (nothing filled then). */
  messages: Message[];
}

/**
 * Fills the secrets of a site file.
 * @param text the site file (may be empty: a new file).
 * @param path the file as named in messages.
 * @param variables the guides' variables (vars/site-variables.ts); a secret one missing from the
 *   file is added at its end. Without guides (an empty map), the keys of the file whose name says
 *   secret (grammars/lexicon.yaml `secrets`: PASS, TOKEN, SECRET, KEY…) are the secrets.
 * @param random source of random bytes (node:crypto randomBytes).
 * @returns the new text; keys with a value (of any kind) are left as written, comments kept.
 */
export function fillSecrets(text: string, path: string, variables: ReadonlyMap<string, SiteVariable>, random: (n: number) => Uint8Array = randomBytes): FilledSecrets {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || (doc.contents !== null && !isMap(doc.contents))) {
    return {
      text,
      filled: [],
      messages: [{ ruleId: 'vars-shape', severity: 'error', reason: `Unexpected content in ${path}, expected a YAML mapping of variable names to values`, line: 1, column: 1 }],
    };
  }
  const map = isMap(doc.contents) ? doc.contents : null;
  const isSecret = (name: string) => variables.get(name)?.secret ?? (variables.size === 0 && isSecretName(name, null));
  const filled: string[] = [];
  const seen = new Set<string>();
  // Each value is spliced into the text where the empty value stands (the yaml node ranges), so
  // every other byte of the file (comments, blank lines, quoting) stays as written.
  const splices: Array<{ at: number; end: number; text: string }> = [];
  for (const item of map?.items ?? []) {
    if (!isPair(item)) continue;
    const name = String(isScalar(item.key) ? item.key.value : item.key);
    seen.add(name);
    const v = item.value;
    const empty = v === null || (isScalar(v) && v.value === null && !v.tag && !v.anchor);
    if (!empty || !isSecret(name)) continue;
    const range = isScalar(v) ? v.range : null;
    const keyEnd = (item.key as { range?: [number, number, number] } | null)?.range?.[1];
    const at = range?.[0] ?? (keyEnd === undefined ? -1 : text.indexOf(':', keyEnd) + 1);
    if (at <= 0) continue;
    const end = range?.[1] ?? at;
    const value = `'${randomSecret(SECRET_LENGTH, random)}'`;
    splices.push({ at, end, text: `${text[at - 1] === ':' ? ' ' : ''}${value}${text[end] === '#' ? ' ' : ''}` });
    filled.push(name);
  }
  let out = text;
  for (const s of [...splices].sort((a, b) => b.at - a.at)) out = out.slice(0, s.at) + s.text + out.slice(s.end);
  const added: string[] = [];
  for (const v of variables.values()) {
    if (!v.secret || v.spelling || seen.has(v.name)) continue;
    const key = new Scalar(v.name);
    const pair = new Document(new YAMLMap());
    (pair.contents as YAMLMap).items.push(new Pair(key, new Scalar(randomSecret(SECRET_LENGTH, random))));
    added.push(`# ${v.firstUse.replace(/[\r\n]/g, ' ')} (secret, generated)\n${pair.toString({ lineWidth: 0, singleQuote: true })}`);
    filled.push(v.name);
  }
  if (added.length && out.trim() === '{}') out = '';
  if (added.length) out = `${out}${out === '' || out.endsWith('\n') ? '' : '\n'}${added.join('')}`;
  return { text: out, filled, messages: [] };
}
