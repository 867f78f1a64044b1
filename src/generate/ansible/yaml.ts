/**
 * YAML text of the playbook's plays through the `yaml` package, with the work the package would
 * repeat for equal strings done once per playbook (measured: most of the CPU of `--target
 * ansible` went into the package's node creation and stringify, see bench/PROFILE.md, "Fourth
 * round").
 *
 * The package still writes every character of the text; this module only changes how its input
 * is prepared and what is computed twice:
 *
 * - Guide text Ansible must never template is an {@link UnsafeText}, written `!unsafe …`;
 *   strings PyYAML could not read back as written are double-quoted with escapes
 *   (escape/yaml.ts's safeStringTag).
 * - Nodes are built here from the plain data (plain objects, arrays, strings, booleans, null)
 *   instead of by `Document.createNode`, which looks up a schema tag for every value and records
 *   every object for anchors. They are the nodes the package would build (YAMLMap of Pairs,
 *   YAMLSeq, Scalar; no tags, no comments), so the text is the same. Any other value (numbers,
 *   undefined in an array, class instances) is left to `Document.createNode`.
 * - Equal strings share one Scalar node (most are keys: `name`, `tags`, `ansible.builtin.…`).
 *   Stringifying reads nodes and never changes them, and a shared node gets no anchor: anchors
 *   are only written for nodes that have one, and the document has no directives.
 * - The text of a string scalar is remembered by string and by the context fields its text
 *   depends on ({@link contextKey}), so `name` as a key at one depth is quoted-or-not once: the
 *   package tests every plain string against each YAML 1.1 tag's pattern (bool, int, float,
 *   timestamp…) so that it is not read back as another type.
 */
import { rememberedTextsAreSound } from './yaml-context-check.js';
import { Document, Pair, Scalar, Schema, YAMLMap, YAMLSeq, type Node, type ScalarTag, type ToStringOptions } from 'yaml';
import { UnsafeText } from '../escape/ansible.js';
import { safeStringTag } from '../escape/yaml.js';
import { COMMENT } from './types.js';

/** Stringify options of the playbook and group_vars documents. */
export const YAML_TEXT = { lineWidth: 140, minContentWidth: 40 } as const satisfies ToStringOptions;

/** The stringify context the package passes to a node (not exported by name from the package). */
type Context = NonNullable<Parameters<YAMLMap['toString']>[0]>;

/** A remembered text and whether writing it called `onChompKeep` (a block scalar kept its final line break). */
interface Text {
  text: string;
  chompKeep: boolean;
}

/** The YAML 1.1 schema's `!!str` tag (the one the package uses for every JS string). */
const STR_TAG = new Schema({ schema: 'yaml-1.1' }).tags.find((t) => t.tag === 'tag:yaml.org,2002:str') as ScalarTag;

/**
 * A number standing for everything in `ctx` a string scalar's text depends on besides the
 * scalar, the document's schema and the stringify options (fixed for one writer): `indent`,
 * `indentAtStart` (the column after `key: `), `inFlow`, `implicitKey`, `forceBlockIndent`,
 * `allNullValues` and `actualString`; the other fields of the package's context (`anchors`,
 * `doc`, `flowCollectionPadding`, `indentStep`, `options`, `type`) are the same for every node
 * of a writer. Null (not remembered) when the context has a field that would make a difference
 * and is not in the key (`resolvedAliases`, `inStringifyKey`, a `type`), or a column of 4095 or
 * more. `indent` enters by its length: the package builds it from `indentStep` (two spaces: the
 * writer sets no `indent` option), so it holds spaces only. Always null when the start-up check
 * (./yaml-context-check.ts) found contexts with other fields or kinds than these.
 */
function contextKey(ctx: Context): number | null {
  if (!rememberedTextsAreSound()) return null;
  const c = ctx as Context & { type?: unknown };
  if ((c.type !== undefined && c.type !== null) || c.resolvedAliases !== undefined || c.inStringifyKey !== undefined) return null;
  const column = c.indentAtStart ?? 4095;
  if (!(column >= 0 && column <= 4095) || !Number.isInteger(column)) return null;
  const flow = c.inFlow === null ? 2 : c.inFlow ? 1 : 0;
  const flags = (c.forceBlockIndent ? 8 : 0) + (c.allNullValues ? 4 : 0) + (c.implicitKey ? 2 : 0) + (c.actualString ? 1 : 0);
  return ((c.indent.length * 3 + flow) * 16 + flags) * 4096 + column;
}

/**
 * The YAML 1.1 `!!str` tag with its stringify remembering the text of every string scalar without
 * a `type` or comment (ours have neither), by {@link contextKey} and string. The package's string
 * stringify (stringifyString) reads only the scalar, the document's schema and options and the
 * context fields of {@link contextKey}; its only side effects are the two callbacks: `onComment`
 * (only called for a scalar with a comment) and `onChompKeep` (a block scalar that keeps its final
 * line break), which a remembered text calls again when writing it did. Other scalars, and
 * contexts contextKey does not know, go to the package's own stringify.
 */
function rememberingStringTag(): ScalarTag {
  const base = safeStringTag(STR_TAG).stringify!;
  const byContext = new Map<number, Map<string, Text>>();
  return {
    ...STR_TAG,
    stringify(item, ctx, onComment, onChompKeep) {
      const { value } = item;
      const where = typeof value !== 'string' || item.type || item.comment ? null : contextKey(ctx);
      if (where === null) return base(item, ctx, onComment, onChompKeep);
      let texts = byContext.get(where);
      if (!texts) byContext.set(where, (texts = new Map()));
      const known = texts.get(value as string);
      if (known) {
        if (known.chompKeep) onChompKeep?.();
        return known.text;
      }
      let chompKeep = false;
      const text = base(item, ctx, onComment, () => {
        chompKeep = true;
        onChompKeep?.();
      });
      texts.set(value as string, { text, chompKeep });
      return text;
    },
  };
}

/** What an `!unsafe` scalar starts with. */
const UNSAFE_PREFIX = '!unsafe ';

/**
 * The `!unsafe` tag of Ansible for {@link UnsafeText}: the scalar is written as `str` writes
 * it (plain, quoted or a block scalar, at a column moved by the prefix), after `!unsafe `. The
 * writer's document has no directives, so the package writes no tag itself: this one writes its
 * own. Never identifies a value (only scalars tagged `!unsafe` by the writer use it).
 */
function unsafeTag(str: ScalarTag): ScalarTag {
  return {
    tag: '!unsafe',
    default: false,
    identify: () => false,
    resolve: (value: string) => value,
    stringify(item, ctx, onComment, onChompKeep) {
      const shifted = { ...ctx, indentAtStart: (ctx.indentAtStart ?? 0) + UNSAFE_PREFIX.length };
      return UNSAFE_PREFIX + str.stringify!(item, shifted, onComment, onChompKeep);
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
 * document, one remembering `!!str` tag and one table of shared nodes (see the module comment).
 * One writer per playbook: what it remembers is dropped with it.
 */
export class PlayWriter {
  private readonly doc: Document;
  /** Shared string scalars by value. */
  private readonly strings = new Map<string, Scalar>();
  /** Shared `!unsafe` string scalars by value. */
  private readonly unsafeStrings = new Map<string, Scalar>();

  constructor() {
    const str = rememberingStringTag();
    this.doc = new Document(undefined, { version: '1.1', customTags: (tags) => [...tags.map((t) => (t === STR_TAG ? str : t)), unsafeTag(str)] });
    // No directives: no `%YAML`/`%TAG` pass, and no anchor or tag written for any node (the
    // string scalars carry their tag, see node()).
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
    if (value instanceof UnsafeText) {
      let scalar = this.unsafeStrings.get(value.text);
      if (!scalar) {
        scalar = new Scalar(value.text);
        scalar.tag = '!unsafe';
        this.unsafeStrings.set(value.text, scalar);
      }
      return scalar;
    }
    if (typeof value === 'string') {
      let scalar = this.strings.get(value);
      if (!scalar) {
        scalar = new Scalar(value);
        // The package then finds the tag by name instead of asking every tag of the schema to
        // identify the value (per scalar, at each stringify). Not written as `!!str`: tags are
        // only written by a document with directives, and the writer's has none.
        scalar.tag = STR_TAG.tag;
        this.strings.set(value, scalar);
      }
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
      const comment = (value as { [COMMENT]?: unknown })[COMMENT];
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (item === undefined) continue; // as YAMLMap.from without keepUndefined
        map.items.push(new Pair(this.node(key), this.node(item)));
      }
      // A task's comment (types.ts's COMMENT) is a line of its own before the task.
      if (typeof comment === 'string') map.commentBefore = ` ${comment.replace(/\s+/g, ' ')}`;
      return map;
    }
    return this.doc.createNode(value);
  }
}

/**
 * YAML text of a block sequence of `items` (plays, tasks or handlers): `---` and each item written
 * by one {@link PlayWriter}, or `--- []` when there are none. No trailing line break.
 */
export function sequenceYaml(items: readonly Record<string, unknown>[]): string {
  if (items.length === 0) {
    const doc = new Document([], { version: '1.1' });
    doc.directives!.docStart = true;
    return doc.toString(YAML_TEXT).replace(/\n$/, '');
  }
  const writer = new PlayWriter();
  return `---\n${items.map((item) => writer.item(item)).join('\n')}`;
}
