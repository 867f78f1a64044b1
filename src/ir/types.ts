/**
 * The step graph: tejun's intermediate representation of one guide.
 *
 * It is the JSON document `tejun parse GUIDE --json` prints (see ../shared/eval/CONTRACT.md and
 * schema/step-graph.schema.json). Every node is plain JSON: no object links, only string ids;
 * every node carries `source.line`, the 1-based line in the guide file as stored (for HTML, the
 * line of the .html file) where its text starts.
 *
 * These types are the source of truth; the JSON Schema in schema/ is checked against fixtures in
 * the tests. Adding a field is free; renaming or changing the meaning of one raises
 * {@link SCHEMA_VERSION}.
 */

/** Version of the step-graph JSON contract. */
export const SCHEMA_VERSION = 1 as const;

/** Where a node comes from in the guide: 1-based line and (optional) 1-based column. */
export interface SourceRef {
  line: number;
  column?: number;
}

/**
 * The input formats tejun reads. Detected from the content, never from the file name
 * (src/ingest/detect-format.ts): plain text, Markdown (CommonMark/GFM and its flavours), HTML,
 * reStructuredText, AsciiDoc, and DocBook (XML or SGML).
 */
export type GuideFormat = 'text' | 'markdown' | 'html' | 'rst' | 'asciidoc' | 'docbook';

/**
 * The kind of host a procedure or step runs on. The usual values are `controller`, `compute`,
 * `network`, `db`, `storage` and `all`; a dialect's grammar may map host tags to others.
 */
export type Role = string;

/** Fields every action shares. */
export interface ActionBase {
  /** Stable id derived from the procedure title and the action's identity, e.g. `a-3f2c9e1b`. */
  id: string;
  source: SourceRef;
  /** The guide's condition, in its own words ("Linux Bridge を使用する場合"), or null. */
  when?: string | null;
  /** True when the guide marks the action optional (オプション); never emitted unconditionally. */
  optional?: boolean;
}

/** One shell command, prompt removed and normalised (see CONTRACT.md "Normal form of run"). */
export interface CommandAction extends ActionBase {
  kind: 'command';
  run: string;
  /** `root` for a `#` prompt, `user` for `$`, or the account switched to with `su`. */
  user: string;
  /** True when the command only checks something (list, show, `egrep -c`, ping). */
  verify: boolean;
  /** What the guide says the result should be ("1以上の数を返すこと"), or null. */
  expect: string | null;
  /** True when this command opens an interactive client whose input follows as `sql` actions. */
  interactive?: boolean;
  /**
   * True for a check whose result later conditions of the guide read ("上記コマンドで0を返した場合
   * のみ", then a fallback): a failing result picks that branch and is not an error; a runbook
   * never stops on it.
   */
  branches?: boolean;
  /**
   * Set when the command word looks misspelt (extract/command-typos.ts): `written` occurs once in
   * the guide's commands and is one slip from `meant`, a command the guide runs elsewhere (at
   * `lines`). `run` keeps the guide's text; generators run `meant` (generate/corrected-commands.ts)
   * and a `command-typo` warning says so.
   */
  correction?: CommandCorrection;
}

/** A misspelt command word and the one the guide uses elsewhere (see {@link CommandAction.correction}). */
export interface CommandCorrection {
  /** The word as the guide writes it at this command, e.g. `chkonifig`. */
  written: string;
  /** The command word it stands for, e.g. `chkconfig`. */
  meant: string;
  /** Guide lines (1-based) where `meant` is run, ascending. */
  lines: number[];
}

/** One statement typed at a `mysql>` / `MariaDB [...]>` prompt. */
export interface SqlAction extends ActionBase {
  kind: 'sql';
  run: string;
  /** Id of the `command` action that opened the client session. */
  session: string;
}

/** How an INI setting is written in the guide. */
export type IniVia = 'openstack-config' | 'crudini' | 'edit';

/** One key set in an INI-style file. */
export interface IniAction extends ActionBase {
  kind: 'ini';
  file: string;
  section: string;
  key: string;
  value: string;
  via: IniVia;
}

/**
 * Where in a file added lines go when the guide says ("…REJECT する INPUT ルールよりも前に記載する
 * 必要があります"): before the first line that holds every one of `words` as a whole word.
 */
export interface InsertBefore {
  /** Latin words (letters, digits, `_ . : -`) the anchor line holds, e.g. `["REJECT", "INPUT"]`. */
  words: string[];
  /** The guide's sentence that says so. */
  text: string;
}

/** Lines to add to a non-INI file (iptables rules, /etc/hosts, a script), joined with `\n`. */
export interface FileAction extends ActionBase {
  kind: 'file';
  file: string;
  content: string;
  /** Insert the lines before this anchor line instead of at the end of the file; absent: append. */
  insertBefore?: InsertBefore;
}

/** A step done by hand: the guide gives no command for it. */
export interface ManualAction extends ActionBase {
  kind: 'manual';
  text: string;
}

/** An action: a discriminated union on `kind`. */
export type Action = CommandAction | SqlAction | IniAction | FileAction | ManualAction;

/** The action kinds, in the order generators and reports list them. */
export const ACTION_KINDS = ['command', 'sql', 'ini', 'file', 'manual'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** One step of a procedure: the guide's sentence and the actions under it. */
export interface Step {
  id: string;
  /** The step's text in the guide's words (list item or paragraph), whitespace-normalised. */
  text: string;
  role: Role | null;
  when: string | null;
  /** True when the guide marks the step optional (オプション). */
  optional?: boolean;
  /** True when the guide says not to do it (〜してはなりません, 実行しないことを推奨). */
  forbidden?: boolean;
  source: SourceRef;
  actions: Action[];
}

/** A titled unit of work: a numbered procedure (`手順8.5 …`) or a section heading with actions. */
export interface Procedure {
  id: string;
  title: string;
  role: Role | null;
  when?: string | null;
  source: SourceRef;
  steps: Step[];
}

/**
 * A value the operator must supply (`PASSWORD`, `IP`, `RABBITMQ_HOST`, `/path/to/ca.crt`).
 * One entry per distinct name; `source.line` is where the guide first describes it (or first uses
 * it when it is never described).
 */
export interface Placeholder {
  name: string;
  /** The guide's own description of the value ("…に置き換えます" fragment), or null. */
  description: string | null;
  secret: boolean;
  source: SourceRef;
  /**
   * Shell/YAML-safe variable name for generators, upper snake case (`PASSWORD`,
   * `PATH_TO_CA_CRT`).
   */
  variable: string;
  /**
   * Ids of the actions whose text holds this placeholder, when it is only a placeholder there
   * (a lower-case word such as `nova` that the guide says to replace in one step, or an HTML
   * `<em class="replaceable">`). Null: every whole-token occurrence in every action.
   */
  scope: string[] | null;
  /**
   * The text that stands for the value in the actions, when it is not `name` itself: `<password>`
   * for a name the guide writes in angle brackets (`nova --password <password> image-list`,
   * 003:1513), so `--password` is left alone and the brackets go with the value. Absent: `name`.
   */
  token?: string;
}

/** Kinds of site-specific literal the guide hard-codes. */
export type LiteralKind = 'host' | 'ip' | 'secret' | 'email' | 'region' | 'netmask' | 'interface';

/** A concrete site value a runbook for another site must turn into a variable. */
export interface Literal {
  value: string;
  kind: LiteralKind;
  source: SourceRef;
}

/**
 * Where a site variable stands in an action: the field of the action (`run` of a command or SQL
 * statement, `file`/`section`/`key`/`value` of an INI setting, `file`/`content` of a file, `text`
 * of a manual step), the 0-based offset of the spelling in that field, the spelling as written
 * (a placeholder name or token, or a literal value) and the guide line of the action.
 */
export interface SiteVariableUse {
  action: string;
  field: 'run' | 'file' | 'section' | 'key' | 'value' | 'content' | 'text';
  at: number;
  text: string;
  line: number;
  /** What the value is for at this place (`db-password`, `service-host`, …; grammars/site-variables.yaml), or null when only the spelling says it. */
  meaning: string | null;
}

/**
 * One site-specific value of the guide by what it is for (not by how the guide spells it): the
 * password of database user nova (`NOVA_DBPASS`), the controller's address (`CONTROLLER_HOST`).
 * Built from the placeholders and the literals (src/extract/site-values.ts), named by the naming
 * table of grammars/site-variables.yaml; generators write the variable for every use.
 */
export interface SiteVariable {
  /** Upper snake case name, the key of the site file (`NOVA_DBPASS`). */
  name: string;
  kind: LiteralKind | 'placeholder';
  /** The meaning in words (`password of the database user nova`). */
  meaning: string;
  /** The guide's own description of the value (a placeholder's definition), or null. */
  description: string | null;
  /** The guide's own value (a literal, or the usual value its description names), or null. */
  example: string | null;
  secret: boolean;
  /** How the guide spells it: placeholder names/tokens and literal values, in order of first use. */
  spellings: string[];
  uses: SiteVariableUse[];
  source: SourceRef;
}

/**
 * A spelling the guide uses for several meanings (`split`: one `PASSWORD` for the database and the
 * keystone passwords) or several spellings for one meaning (`join`: `PASS` and `PASSWORD` for one
 * database login), with the guide lines the decision rests on.
 */
export interface SiteVariableDecision {
  kind: 'split' | 'join';
  spellings: string[];
  variables: string[];
  lines: number[];
  /** One sentence saying why. */
  reason: string;
}

/** A step whose command is absent from this copy of the guide (lost in scraping). */
export interface Missing {
  text: string;
  source: SourceRef;
}

/** A diagnostic, shaped like a vfile message. */
export interface Message {
  /** Kebab-case rule id, e.g. `lost-command`, `unknown-dialect`. */
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  /** "Unexpected X, expected Y" style sentence. */
  reason: string;
  line: number;
  column: number;
}

/** Where the graph comes from. */
export interface GraphSource {
  /** Path as given on the command line. */
  path: string;
  format: GuideFormat;
  /** Name of the grammar in grammars/ that read the guide, e.g. `redhat-text`. */
  dialect: string;
  /** SHA-256 of the guide bytes, hex. */
  sha256: string;
  /**
   * The character encoding the guide was decoded from, when it is not UTF-8: `Shift_JIS` (CP932),
   * `EUC-JP`, `ISO-2022-JP`, `UTF-16LE`, `UTF-16BE`, or the WHATWG name of a charset an HTML page
   * declares. Absent for UTF-8 (with or without a byte order mark).
   */
  encoding?: string;
}

/** The step graph of one guide. */
export interface StepGraph {
  schemaVersion: typeof SCHEMA_VERSION;
  source: GraphSource;
  /** The guide's first heading. */
  title: string;
  /** Roles the steps run on, in first-use order. */
  roles: Role[];
  procedures: Procedure[];
  placeholders: Placeholder[];
  literals: Literal[];
  /** Every site value by meaning (placeholders and literals), see {@link SiteVariable}; absent in graphs written before it existed. */
  variables?: SiteVariable[];
  /** The splits and joins behind {@link StepGraph.variables}. */
  variableDecisions?: SiteVariableDecision[];
  missing: Missing[];
  messages: Message[];
}
