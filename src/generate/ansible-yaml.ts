/**
 * YAML text of the playbook's plays through the `yaml` package, with the work the package would
 * repeat for every value done once per playbook (measured: about half the CPU of `--target
 * ansible` went into the package's stringify and node creation, see bench/PROFILE.md).
 *
 * The package still writes every character of the text; this module only changes how its input
 * is prepared and what is computed twice:
 *
 * - Nodes are built here from the plain data (maps, arrays, strings, booleans, null) instead of by
 *   `Document.createNode`, which looks up a schema tag for every value and records every object
 *   for anchors. The nodes are the same classes the package would build (YAMLMap of Pairs,
 *   YAMLSeq, Scalar, no tags), so the text is the same; equal strings share one Scalar node
 *   (stringifying reads nodes and never changes them, and shared scalars get no anchors: anchors
 *   are only written for nodes that have one). Any other value (numbers, undefined in an array,
 *   class instances) is left to `Document.createNode`.
 * - The text of a string scalar is remembered per playbook, by string and by the parts of the
 *   stringify context its text depends on (see {@link cachedStringTag}).
 */
import { Document, Pair, Scalar, Schema, YAMLMap, YAMLSeq, type Node, type ScalarTag, type ToStringOptions } from 'yaml';

/** Stringify options of the playbook and group_vars documents. */
export const YAML_TEXT = { lineWidth: 140, minContentWidth: 40 } as const satisfies ToStringOptions;

/** The YAML 1.1 schema's `!!str` tag (the one the package uses for every JS string). */
const STR_TAG = new Schema({ schema: 'yaml-1.1' }).tags.find((t) => t.tag === 'tag:yaml.org,2002:str') as ScalarTag;

/**
 * A copy of the YAML 1.1 `!!str` tag whose stringify remembers its results. The text of a string
 * scalar (stringifyString in the package) is a function of the string, the scalar's `type` and
 * `comment`, the document's schema and stringify options (fixed for one tag: it belongs to one
 * {@link PlayWriter}) and these fields of the context: `implicitKey`, `inFlow`, `indent`,
 * `indentAtStart` and `forceBlockIndent`. Its only side effects are the two callbacks:
 * `onComment` (only for a scalar with a comment: not remembered) and `onChompKeep` (a block
 * scalar ending in a line break; remembered and called again on a hit). Scalars with a `type` or
 * comment, non-string values and a forced block indent go to the package's own stringify
 * unremembered. `indent` enters the key by its length: the package builds it from `indentStep`,
 * spaces only with the default `indent` option (YAML_TEXT sets none).
 */
function cachedStringTag(): ScalarTag {
  const byContext = new Map<number, Map<string, { text: string; chompKeep: boolean }>>();
  const base = STR_TAG.stringify!;
  return {
    ...STR_TAG,
    stringify(item, ctx, onComment, onChompKeep) {
      const { value } = item;
      if (typeof value !== 'string' || item.type || item.comment || (ctx as { forceBlockIndent?: boolean }).forceBlockIndent) {
        return base(item, ctx, onComment, onChompKeep);
      }
      // indentAtStart is a column (< 4095 in practice: the package makes keys over 1024 characters explicit)
      const where =
        ((ctx.indent.length * 4096 + Math.min(ctx.indentAtStart ?? 4095, 4095)) * 3 + (ctx.inFlow === null ? 2 : ctx.inFlow ? 1 : 0)) * 2 +
        (ctx.implicitKey ? 1 : 0);
      if ((ctx.indentAtStart ?? 0) >= 4095) return base(item, ctx, onComment, onChompKeep);
      let texts = byContext.get(where);
      if (!texts) byContext.set(where, (texts = new Map()));
      const known = texts.get(value);
      if (known) {
        if (known.chompKeep) onChompKeep?.();
        return known.text;
      }
      let chompKeep = false;
      const text = base(item, ctx, onComment, () => {
        chompKeep = true;
        onChompKeep?.();
      });
      texts.set(value, { text, chompKeep });
      return text;
    },
  };
}

/** True for an object created by `{…}` or `Object.create(null)` (what the package maps by its keys). */
function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Writes plays (plain data) one at a time as YAML 1.1 block sequence items, all with one
 * document, one remembered-string tag and one table of shared string scalars (see the module
 * comment). One writer per playbook: what it remembers is dropped with it.
 */
export class PlayWriter {
  private readonly doc: Document;
  private readonly strings = new Map<string, Scalar>();

  constructor() {
    const str = cachedStringTag();
    this.doc = new Document(undefined, { version: '1.1', customTags: (tags) => tags.map((t) => (t === STR_TAG ? str : t)) });
    this.doc.setSchema(null, { schema: this.doc.schema });
  }

  /**
   * The text of `[value]` as a document of its own with no directives and no `---`, without the
   * final line break: `- ` and the item's lines (as `new Document([value], { version: '1.1' })
   * .toString({ ...YAML_TEXT, directives: false })` writes it). Throws as the package does on a
   * value it cannot represent.
   */
  item(value: unknown): string {
    const seq = new YAMLSeq(this.doc.schema);
    seq.items.push(this.node(value));
    this.doc.contents = seq;
    return this.doc.toString({ ...YAML_TEXT, directives: false }).replace(/\n$/, '');
  }

  /** The node the package would create for `value` (see the module comment for what is shared). */
  private node(value: unknown): Node {
    if (typeof value === 'string') {
      let scalar = this.strings.get(value);
      if (!scalar) this.strings.set(value, (scalar = new Scalar(value)));
      return scalar;
    }
    if (value === null || typeof value === 'boolean') return new Scalar(value);
    if (Array.isArray(value)) {
      const seq = new YAMLSeq(this.doc.schema);
      for (const item of value) seq.items.push(this.node(item));
      return seq;
    }
    if (typeof value === 'object' && isPlainObject(value)) {
      const map = new YAMLMap(this.doc.schema);
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item !== undefined) map.items.push(new Pair(this.node(key), this.node(item)));
      }
      return map;
    }
    return this.doc.createNode(value);
  }
}
