/**
 * The start-up check behind ./ansible-yaml.ts's remembered string texts. They are keyed by the
 * fields of the stringify context the `yaml` package hands a tag's `stringify` (its
 * `StringifyContext`, not exported by name and not documented field by field): the key is sound
 * only while the context has exactly the fields ansible-yaml.ts accounts for, of the kinds it
 * expects. Once per process, the first time a key is asked for, a small document shaped like a
 * playbook is stringified through a recording tag and every context seen is compared with
 * {@link CONTEXT_FIELDS}; on a difference the remembering is off (every string goes to the
 * package's own stringify) and a warning names what differs. `yaml` is pinned to an exact
 * version in package.json for the same reason.
 */
import { Document, Schema, type ScalarTag } from 'yaml';

/** The warning code emitted when the check turns the remembering off. */
export const YAML_CONTEXT_WARNING = 'TEJUN_YAML_CONTEXT';

/** A context field's allowed kinds (`typeof`, with `null` and `undefined` as themselves). */
type Kinds = ReadonlyArray<'string' | 'number' | 'boolean' | 'object' | 'null' | 'undefined'>;

/**
 * The fields of yaml 2.9.1's stringify context and their kinds: those ansible-yaml.ts's
 * `contextKey` reads (indent, indentAtStart, inFlow, implicitKey, forceBlockIndent,
 * allNullValues, actualString), refuses (type, resolvedAliases, inStringifyKey) or relies on
 * being the same for every node of one writer (anchors, doc, flowCollectionPadding, indentStep,
 * options).
 */
export const CONTEXT_FIELDS: Readonly<Record<string, Kinds>> = {
  actualString: ['boolean', 'undefined'],
  allNullValues: ['boolean', 'undefined'],
  anchors: ['object'],
  doc: ['object'],
  flowCollectionPadding: ['string'],
  forceBlockIndent: ['boolean', 'undefined'],
  implicitKey: ['boolean', 'undefined'],
  indent: ['string'],
  indentAtStart: ['number', 'undefined'],
  indentStep: ['string'],
  inFlow: ['boolean', 'null'],
  inStringifyKey: ['boolean', 'undefined'],
  options: ['object'],
  resolvedAliases: ['object', 'undefined'],
  type: ['string', 'null', 'undefined'],
};

/** The differences between contexts seen and {@link CONTEXT_FIELDS} (none: empty), one line per field. */
export function contextDifferences(contexts: ReadonlyArray<Readonly<Record<string, unknown>>>): string[] {
  const out = new Set<string>();
  if (contexts.length === 0) out.add('no stringify context reached the string tag');
  for (const ctx of contexts) {
    for (const [field, value] of Object.entries(ctx)) {
      const kinds = CONTEXT_FIELDS[field];
      const kind = value === null ? 'null' : typeof value;
      if (!kinds) out.add(`${field}: a field the remembered texts do not account for`);
      else if (!(kinds as readonly string[]).includes(kind)) out.add(`${field}: expected ${kinds.join(' or ')}, found ${kind}`);
    }
    if (typeof ctx.indent === 'string' && !/^ *$/u.test(ctx.indent)) out.add(`indent: expected spaces, found ${JSON.stringify(ctx.indent)}`);
  }
  return [...out];
}

/**
 * The contexts the package hands the `!!str` tag while writing a small playbook-like document the
 * way ./ansible-yaml.ts's PlayWriter writes one (YAML 1.1, no directives, block style): keys,
 * values, sequence items, a multi-line string and strings YAML 1.1 would read as other types.
 */
export function probeContexts(): Array<Record<string, unknown>> {
  const str = new Schema({ schema: 'yaml-1.1' }).tags.find((t) => t.tag === 'tag:yaml.org,2002:str') as ScalarTag;
  const seen: Array<Record<string, unknown>> = [];
  const recording: ScalarTag = {
    ...str,
    stringify(item, ctx, onComment, onChompKeep) {
      seen.push({ ...ctx });
      return str.stringify!(item, ctx, onComment, onChompKeep);
    },
  };
  const doc = new Document(undefined, { version: '1.1', customTags: (tags) => tags.map((t) => (t === str ? recording : t)) });
  doc.setSchema(null, { schema: doc.schema });
  doc.contents = doc.createNode([
    { name: 'a play', hosts: 'all', tasks: [{ name: 'yes', 'ansible.builtin.shell': { cmd: 'echo one\necho two\n' }, tags: ['x', '0x1f'] }] },
  ]);
  doc.toString({ lineWidth: 140, minContentWidth: 40, directives: false });
  return seen;
}

let verdict: boolean | undefined;

/**
 * True when the package's stringify contexts are what the remembered texts account for
 * ({@link probeContexts} checked by {@link contextDifferences}); decided once per process. On
 * false, `warn` is called once with the differences.
 * @param probe the contexts to check (default {@link probeContexts}; tests pass mutated ones and
 *   get a fresh verdict).
 */
export function rememberedTextsAreSound(
  probe?: () => ReadonlyArray<Readonly<Record<string, unknown>>>,
  warn: (message: string) => void = (message) => process.emitWarning(message, { code: YAML_CONTEXT_WARNING }),
): boolean {
  if (!probe && verdict !== undefined) return verdict;
  const differences = contextDifferences((probe ?? probeContexts)());
  const sound = differences.length === 0;
  if (!sound) warn(`the yaml package's stringify context differs from what tejun remembers texts by (${differences.join('; ')}): every string is stringified by the package`);
  if (!probe) verdict = sound;
  return sound;
}
