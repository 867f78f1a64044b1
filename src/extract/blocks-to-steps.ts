/**
 * The extractor: the block stream of any dialect in, the step graph's procedures, steps, actions,
 * placeholders, literals and missing steps out.
 *
 * It reads blocks in order and keeps the context an operator keeps while reading: the section and
 * procedure, the host role the text names, the file an instruction says to edit (and the INI
 * section), an open editor, an open database client session, the account `su` switched to, a
 * condition that governs the items below it, and a command continued into the next block.
 * Japanese decisions (roles, conditions, optional/forbidden steps, placeholder descriptions, manual
 * steps) are asked of src/nlp, which loads kuromoji only when a sentence needs it.
 */
import type { VFile } from 'vfile';
import type { Grammar } from '../grammar/load-grammar.js';
import type { Action, CommandAction, GuideFormat, IniAction, Missing, Procedure, Step, StepGraph } from '../ir/types.js';
import {
  conditionOf,
  conditionWithoutTokens,
  expectationOf,
  introRoleOf,
  introRoleWithoutTokens,
  isManualInstruction,
  isSecretName,
  loadLexicon,
  mayDefinePlaceholders,
  modalityOf,
  modalityWithoutTokens,
  placeholderDefinitions,
  roleOf,
  roleWithoutTokens,
} from '../nlp/japanese.js';
import type { Block, CodeBlock, TextBlock } from '../parse/blocks.js';
import type { Replaceable } from '../parse/html-to-mdast.js';
import { normalizeCodeLine, normalizeRun } from '../parse/normalize.js';
import { bareCommandUser } from './bare-command-user.js';
import { alternativeMarker, alternativeWhen, withAlternative } from './alternative-block.js';
import { withoutCodeNotes } from './code-notes.js';
import { joinWrapped, logicalLines, type LogicalLine } from './code-lines.js';
import { commentedListingParts } from './listing-comments.js';
import { commandToSetting } from './command-to-setting.js';
import { contentLanguageOf, type ContentLanguage } from './content-language.js';
import { contentToSettings, sectionHintOf, type ContentLine } from './content-to-settings.js';
import { assignStableIds } from './ids.js';
import { FileMentions } from './file-mentions.js';
import { isVerdict, noteSectionHint, noteText } from './classify-line.js';
import { readBareLines, readsBare } from './read-bare-block.js';
import { bareGrammar, writesCommandsBare } from './prompt-style.js';
import { findLiterals, type HostMention } from './literals.js';
import { heredocStatements } from './heredoc-sql.js';
import { findNamePlaceholders } from './name-placeholders.js';
import { findUsedPlaceholders, hasToken, mergePlaceholders, type PlaceholderFinding } from './placeholders.js';
import { isMachineName, promptRole } from './prompt-host.js';
import { proseSettings, siblingPlace } from './prose-settings.js';
import { sectionlessSettings } from './sectionless-files.js';
import { markupConditionChanges, markupWhen, stepCondition } from './markup-conditions.js';
import { markupFiles } from './markup-file.js';
import { hostRole } from './roles.js';
import { proseSection } from './section-mentions.js';
import { endsFileContext, instructionFiles } from './instruction-files.js';
import { isSectionSkip, sectionWhen } from './section-condition.js';
import { editedIniFiles, iniFiles, sectionlessToIni } from './sectionless-ini.js';
import { settingsFileToIni } from './settings-files.js';

/** What the extractor reads. */
export interface ExtractInput {
  blocks: Block[];
  grammar: Grammar;
  format: GuideFormat;
  /** Receives diagnostics (lost commands, SQL outside a session, …) as vfile messages. */
  file: VFile;
  /** Placeholders the markup names (HTML `<em class="replaceable">`). */
  replaceables: Replaceable[];
}

/** The part of the step graph the extractor builds. */
export type Extracted = Pick<StepGraph, 'title' | 'roles' | 'procedures' | 'placeholders' | 'literals' | 'missing'>;

interface DraftStep {
  id: string;
  text: string;
  line: number;
  depth: number;
  item: boolean;
  role: string | null;
  when: string | null;
  optional: boolean;
  forbidden: boolean;
  lost: boolean;
  /** An item under a note marker (`- 補足：`): explains its parent, never a manual step. */
  note: boolean;
  /** The condition of a block offered instead of the one before (after a lone "または"), or null. */
  alternative: string | null;
  /** The markup condition of the block that opened the step (`.. only:: rdo`), see markup-conditions.ts. */
  markupWhen: string | null;
  actions: Action[];
}

interface DraftProc {
  id: string;
  title: string;
  line: number;
  /** Role named by the text around the procedure (intro paragraph, enclosing heading). */
  contextRole: string | null;
  /** Condition of an enclosing heading. */
  headingWhen: string | null;
  steps: DraftStep[];
}

const EXIT = /^(?:exit|quit|\\q)\b/i;
const ADD_VERB = /追記|追加|\badd(?:ing)?\b|append|contain the following/i;
const EDIT_VERB = /追記|追加|編集|記載|置き換|変更|設定|以下の|add|append|edit|modify|contain|following|replace/i;
const VERIFY_TEXT = /確認|検証|\bverify\b/i;
const REPLACE_INTRO = /以下(?:の値)?を置き換え/u;
const INLINE_SETTING = /(?:adding|追加して|add)\s+([A-Za-z_][\w.-]*)\s*=\s*([^\s,]+)/u;
const NOTE_MARKER = /^(?:\(?補足\)?|注記|注意|参考|備考|Note)\s*[:：]?\s*$/iu;
const DEF_ITEM = /^([A-Z][A-Z0-9_]*|\/[\w./-]+)\s*[:：]\s*(.+)$/u;
/**
 * A definition-list term a scraped page glued onto the end of the paragraph before it
 * (`…場合があります。 openstack-nova-cert`, 001:360): a lone package or service name after a
 * Japanese full stop. The list item after it is the term's description.
 */
/**
 * A paragraph that is one placeholder-shaped name (`accessValue`, `IMAGE_FILE`): the term of a
 * definition list a PDF conversion split into paragraphs (003:1716 `accessValue`, then its
 * description); a term only when a command of the procedure so far holds the name.
 */
const LONE_TERM = /^([a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$/u;
const GLUED_TERM = /。\s*[a-z][\w.+-]*[a-z0-9]$/u;

/**
 * Extracts the step graph's content from blocks.
 * @throws never for bad input: problems become messages on `input.file`.
 */
/**
 * Extracts the step graph's content from blocks.
 * @throws never for bad input: problems become messages on `input.file`.
 */
export async function blocksToSteps(input: ExtractInput): Promise<Extracted> {
  return new Extractor(input).run();
}

/** A sentence that describes a placeholder (…に置き換えます, Replace … with …). */
const PLACEHOLDER_SENTENCE = /置き換え|置換|\bReplace\b/u;

/**
 * `text` without its sentences that describe placeholders: split after every 。 (not at the very
 * end), the pieces {@link PLACEHOLDER_SENTENCE} matches dropped, the rest joined, as
 * `text.split(/(?<=。)/u).filter((x) => !PLACEHOLDER_SENTENCE.test(x)).join('')`, without a
 * regular-expression split (V8 runs the look-behind at every position). A piece's match is a match
 * in the whole text (a 。 before or after `Replace` is no word character), so a text without one
 * is returned as it is.
 */
function withoutPlaceholderSentences(text: string): string {
  if (!PLACEHOLDER_SENTENCE.test(text)) return text;
  let kept = '';
  let from = 0;
  while (from < text.length) {
    const stop = text.indexOf('。', from);
    const to = stop < 0 || stop + 1 >= text.length ? text.length : stop + 1;
    const piece = text.slice(from, to);
    if (!PLACEHOLDER_SENTENCE.test(piece)) kept += piece;
    from = to;
  }
  return kept;
}

/** A code block's lines as file content (normalised, see normalizeCodeLine), for a block read as content. */
function contentLines(b: CodeBlock): ContentLine[] {
  return b.lines.map((l) => ({ text: normalizeCodeLine(l.text), line: l.line }));
}

/**
 * True when the block's last input is an editor line (bare `vi FILE`, or a prompted one) with no
 * content after it: the file's content is in a later block.
 */
function endsWithEditor(items: readonly LogicalLine[], g: Grammar): boolean {
  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (it.kind === 'edit') return true;
    if (it.kind === 'command') return g.editors?.test(it.run) ?? false;
    if ((it.kind === 'literal' || it.kind === 'output') && it.text.trim()) return false;
    if (it.kind === 'sql' || it.kind === 'carry') return false;
  }
  return false;
}

type NewAction = Action extends infer A ? (A extends Action ? Omit<A, 'id'> : never) : never;

/**
 * The reading of one guide: the reading context as fields and one method per kind of block. A
 * class rather than closures made per guide, so that V8 optimises one set of methods for every
 * guide (closures made anew per call deoptimised their callers at every guide: "wrong call target").
 */
class Extractor {
  private readonly blocks: Block[];
  private readonly g: Grammar;
  private readonly format: GuideFormat;
  private readonly file: VFile;
  private readonly replaceables: Replaceable[];
  /**
   * Provisional ids (`a-1`, `s-2`, …): unique within the guide, used only until assignStableIds
   * gives every procedure, step and action its id from meaning (and rewrites the references to
   * them), so they need no hash.
   */
  private provisional = 0;
  private readonly procs: DraftProc[] = [];
  private readonly findings: PlaceholderFinding[] = [];
  private readonly hosts: HostMention[] = [];
  private readonly missing: Missing[] = [];
  private title = '';

  // Reading context.
  private readonly headings: Array<{ depth: number; text: string; role: string | null; when: string | null }> = [];
  private pendingSection: { title: string; line: number } | null = null;
  private proc: DraftProc | null = null;
  private step: DraftStep | null = null;
  private lastWithActions: DraftStep | null = null;
  private introRole: string | null = null;
  private conditions: Array<{ depth: number; when: string }> = [];
  private files: string[] = [];
  private filesFresh = false;
  private addInstruction = false;
  private section: string | null = null;
  private editor: { files: string[]; lines: ContentLine[] } | null = null;
  /** The guide writes its commands bare (no prompts): see prompt-style.ts. */
  private readonly bareGuide: boolean;
  /** The actions of an optional paragraph (`# <オプション>`) start at this index of this step. */
  private optionalFrom: { step: DraftStep; count: number } | null = null;
  private session: CommandAction | null = null;
  private suUser: string | null = null;
  private pendingExpect: string | null = null;
  private carry: { run: string } | null = null;
  private replaceIntro = false;
  /** List depth of the open note marker item (`- 補足：`), or null. */
  private noteDepth: number | null = null;
  /** Role of the host the last `[対象: host]` tag named; holds until the next heading. */
  private tagRole: string | null = null;
  /** The paragraph that said the current section may be skipped (see section-condition.ts), or null. */
  private sectionSkip: string | null = null;
  /**
   * The file content the previous block gave (its files and the INI section its last line was
   * in), while no text has come since: a code block right after it whose first line is not a
   * command continues that content (a page break split the snippet in two).
   */
  private contentBefore: { files: string[]; section: string | null } | null = null;
  /** The previous block was text ending in a glued definition-list term ({@link GLUED_TERM}). */
  private termBefore = false;
  /** The previous block was a lone definition term ({@link LONE_TERM}) for a name a command holds. */
  private loneTerm: { name: string; line: number; scope: string[] } | null = null;
  /** The files instructions name, resolved against the full paths named before. */
  private readonly mentions: FileMentions;
  /** Files headings name as the file to edit, by heading depth: they hold for the heading's section and subsections. */
  private headingFiles: Array<{ depth: number; files: string[] }> = [];

  constructor(input: ExtractInput) {
    this.blocks = input.blocks;
    this.g = input.grammar;
    this.format = input.format;
    this.file = input.file;
    this.replaceables = input.replaceables;
    this.mentions = new FileMentions(input.grammar.filePath);
    this.bareGuide = writesCommandsBare(input.blocks, input.grammar);
  }

  private ensureProc(): DraftProc {
    if (this.proc) return this.proc;
    const pendingSection = this.pendingSection;
    const t = pendingSection?.title ?? (this.title || '(無題)');
    const innermost = [...this.headings].reverse();
    const proc: DraftProc = {
      id: this.provisionalId('p'),
      title: t,
      line: pendingSection?.line ?? 1,
      contextRole: this.introRole ?? innermost.find((h) => h.role)?.role ?? null,
      headingWhen: innermost.find((h) => h.when)?.when ?? null,
      steps: [],
    };
    this.proc = proc;
    this.procs.push(proc);
    return proc;
  }

  /** A provisional id with `prefix` (see {@link provisional}). */
  private provisionalId(prefix: 'p' | 's' | 'a'): string {
    return `${prefix}-${++this.provisional}`;
  }

  private newStep(text: string, line: number, depth: number, item: boolean): DraftStep {
    return {
      id: '',
      text,
      line,
      depth,
      item,
      role: null,
      when: null,
      optional: false,
      forbidden: false,
      lost: false,
      note: false,
      alternative: null,
      markupWhen: null,
      actions: [],
    };
  }

  // Steps join their procedure when they end, empty or not: a later block may still belong to an
  // enclosing item. Empty steps are dropped (or become manual steps) when the guide is read.
  private finishStep(): void {
    const s = this.step;
    this.step = null;
    if (!s) return;
    const p = this.ensureProc();
    if (!p.steps.includes(s)) p.steps.push(s);
  }

  /**
   * The step a block belongs to: the current step, or, when the current step is a note under an
   * item (`- 補足：` and its sub-items), the item the notes explain.
   */
  private stepForBlock(): void {
    const s = this.step;
    if (!s || !s.note || s.actions.length > 0) return;
    const p = this.ensureProc();
    const earlier = p.steps.filter((x) => x !== s);
    let depth = s.depth;
    for (let i = earlier.length - 1; i >= 0; i--) {
      const x = earlier[i]!;
      if (x.depth >= depth) continue;
      depth = x.depth;
      if (!x.note) {
        this.finishStep();
        this.step = x;
        return;
      }
    }
    // A note list that a paragraph split from its item sits beside the item, not under it: the
    // nearest item before it at the note's depth.
    for (let i = earlier.length - 1; i >= 0; i--) {
      const x = earlier[i]!;
      if (x.note || x.depth > depth) continue;
      this.finishStep();
      this.step = x;
      return;
    }
  }

  private currentStep(line: number, depth: number): DraftStep {
    if (!this.step) this.step = this.newStep('', line, depth, false);
    return this.step;
  }

  private addActionTo(s: DraftStep, a: NewAction, owner?: DraftProc): Action {
    // The step's procedure exists from here on (a step's first action opens it).
    if (!owner) this.ensureProc();
    const action = { id: this.provisionalId('a'), ...a } as Action;
    s.actions.push(action);
    this.lastWithActions = s;
    return action;
  }

  private addAction(a: NewAction, line: number, depth: number): Action | null {
    const s = this.currentStep(line, depth);
    if (s.forbidden) return null;
    return this.addActionTo(s, a);
  }

  /** Emits content lines as settings; returns the INI section the content ends in (or `hint`). */
  private emitContent(targets: string[], lines: ContentLine[], via: 'edit', depth: number, hint: string | null = this.section, language: ContentLanguage = null): string | null {
    let last = hint;
    for (const setting of contentToSettings(lines, hint, language)) {
      if (setting.kind === 'ini') last = setting.section;
      for (const target of targets) {
        if (setting.kind === 'ini') {
          this.addAction({ kind: 'ini', file: target, section: setting.section, key: setting.key, value: setting.value, via, source: { line: setting.line } }, setting.line, depth);
        } else {
          this.addAction({ kind: 'file', file: target, content: setting.content, source: { line: setting.line } }, setting.line, depth);
        }
      }
    }
    return last;
  }

  private flushEditor(depth: number): void {
    const editor = this.editor;
    if (editor && editor.lines.some((l) => l.text.trim())) this.emitContent(editor.files, editor.lines, 'edit', depth);
    if (editor) editor.lines = [];
  }

  private async onHeading(b: Extract<Block, { type: 'heading' }>): Promise<void> {
    this.finishStep();
    if (!this.title) this.title = b.text;
    this.contentBefore = null;
    this.termBefore = false;
    this.loneTerm = null;
    this.files = [];
    this.filesFresh = false;
    this.addInstruction = false;
    this.section = null;
    this.editor = null;
    this.session = null;
    this.suUser = null;
    this.carry = null;
    this.conditions = [];
    this.replaceIntro = false;
    this.noteDepth = null;
    this.tagRole = null;
    this.headingFiles = this.headingFiles.filter((h) => h.depth < b.depth);
    const named = this.mentions.read(b.text);
    if (named.length && EDIT_VERB.test(b.text)) this.headingFiles.push({ depth: b.depth, files: named });
    this.files = this.headingFiles[this.headingFiles.length - 1]?.files ?? [];
    this.sectionSkip = null;
    if (b.procedure) {
      this.proc = null;
      this.pendingSection = { title: b.text, line: b.line };
      this.ensureProc();
      return;
    }
    const headings = this.headings;
    while (headings.length && headings[headings.length - 1]!.depth >= b.depth) headings.pop();
    const role = roleWithoutTokens(b.text) === null ? null : await roleOf(b.text);
    const when = conditionWithoutTokens(b.text) === null ? null : await conditionOf(b.text);
    headings.push({ depth: b.depth, text: b.text, role, when });
    this.proc = null;
    this.pendingSection = { title: b.text, line: b.line };
    this.introRole = null;
  }

  /** The INI sections the guide has set keys in so far for `files`, in order of first use. */
  private sectionsShown(files: string[]): string[] {
    const out: string[] = [];
    for (const st of [...this.procs.flatMap((p) => p.steps), ...(this.step ? [this.step] : [])]) {
      for (const a of st.actions) if (a.kind === 'ini' && files.includes(a.file) && !out.includes(a.section)) out.push(a.section);
    }
    return out;
  }

  /** The ids of the actions a placeholder definition speaks of: the last step's with actions and this step's. */
  private near(): string[] {
    return [...(this.lastWithActions?.actions ?? []), ...(this.step?.actions ?? [])].map((a) => a.id);
  }

  private async onText(b: TextBlock): Promise<void> {
    const g = this.g;
    const findings = this.findings;
    this.contentBefore = null;
    // The description of a definition-list term (what a package or service is): never a step of
    // its own, whatever it says (001:366 "Nova ネットワーキングサービス。…起動してはならない…").
    const definition = this.termBefore && b.item;
    this.termBefore = GLUED_TERM.test(b.text.trim());
    // Placeholder definitions, with the actions they speak of (this step's and the last step's).
    // (The nlp checks are asked synchronously first: no await for the many texts they rule out.)
    const raw = b.raw ?? b.text;
    if (mayDefinePlaceholders(raw)) for (const d of await placeholderDefinitions(raw)) findings.push({ name: d.name, description: d.description, line: b.line, scope: this.near() });
    // The description after a lone term paragraph.
    const loneTerm = this.loneTerm;
    if (loneTerm && !b.item && !findings.some((f) => f.name === loneTerm.name && f.description)) {
      findings.push({ name: loneTerm.name, description: b.text.trim(), line: loneTerm.line, scope: loneTerm.scope });
    }
    this.loneTerm = null;
    const lone = b.item ? null : LONE_TERM.exec(b.text.trim());
    // The procedure's actions so far, gathered only for a lone term (a scan per block was quadratic in a long procedure).
    const recent = lone ? [...(this.proc?.steps ?? []).flatMap((x) => x.actions), ...(this.step?.actions ?? [])] : [];
    const holder = lone ? recent.find((a) => a.kind === 'command' && a.run.split(/\s+/u).slice(1).some((w) => hasToken(w, lone[1]!))) : undefined;
    if (lone && holder) this.loneTerm = { name: lone[1]!, line: b.line, scope: this.near() };
    const item = this.replaceIntro ? DEF_ITEM.exec(b.text) : null;
    if (item && !findings.some((f) => f.line === b.line && f.name === item[1])) {
      findings.push({ name: item[1]!, description: item[2]!.trim(), line: b.line, scope: this.near() });
    }
    this.replaceIntro = REPLACE_INTRO.test(b.text) || (this.replaceIntro && Boolean(item));

    // Files and INI sections an instruction names.
    const paths = this.mentions.read(b.text);
    if (paths.length) {
      this.files = instructionFiles(b.text, paths, EDIT_VERB);
      this.filesFresh = true;
      this.addInstruction = ADD_VERB.test(b.text);
      this.section = sectionHintOf(b.text) ?? (/セクション|section/iu.test(b.text) ? proseSection(b.text, this.sectionsShown(paths)) : null);
    } else if (this.files.length && endsFileContext(b.text, b.depth, b.item, EDIT_VERB)) {
      this.files = [];
      this.filesFresh = false;
      this.addInstruction = false;
      this.section = null;
    } else {
      const hint = sectionHintOf(b.text);
      if (hint) this.section = hint;
      if (ADD_VERB.test(b.text)) this.addInstruction = true;
      this.filesFresh = this.files.length > 0 && EDIT_VERB.test(b.text);
    }

    // A setting given in prose ("We recommend adding verbose = True to the [DEFAULT] section in
    // /etc/neutron/neutron.conf"): an optional INI action.
    const inline = INLINE_SETTING.exec(b.text);
    const section = this.section;
    if (inline && paths.length && section && ADD_VERB.test(b.text)) {
      const s = this.currentStep(b.line, b.depth);
      for (const target of paths) {
        if (s.forbidden) break;
        this.addActionTo(s, { kind: 'ini', file: target, section, key: inline[1]!, value: inline[2]!, via: 'edit', optional: true, source: { line: b.line } });
      }
    }

    // Host tags (`[対象: controller01]`).
    const tag = g.hostTag?.exec(b.text);
    const tagHost = tag?.[1] ?? null;
    if (tagHost) {
      this.hosts.push({ host: tagHost, line: b.line });
      this.tagRole = hostRole(tagHost);
    }
    const text = g.hostTag ? b.text.replace(g.hostTag, '').trim() : b.text;

    if (b.depth === 0 && !b.item) {
      const r = introRoleWithoutTokens(text) === null ? null : await introRoleOf(text);
      if (r) {
        this.introRole = r;
        if (this.proc && this.proc.steps.length === 0) this.proc.contextRole = r;
      }
    }
    if (b.item) this.conditions = this.conditions.filter((c) => c.depth < b.depth);
    if (b.item && this.noteDepth !== null && b.depth <= this.noteDepth) this.noteDepth = null;
    const isNoteMarker = b.item && NOTE_MARKER.test(text);

    // Sentences that describe placeholders (…に置き換えます) are not instructions: no condition in them.
    const instruction = withoutPlaceholderSentences(text);
    const cond = instruction && conditionWithoutTokens(instruction) === undefined ? await conditionOf(instruction) : null;
    // A list item starts a step; so does a top-level paragraph (a lead-in to the block after it)
    // and any text after a step that already has its actions. Text inside an item adds to it.
    const sectionNeed = this.sectionCondition(text, cond, b);
    const marker = alternativeMarker(text, loadLexicon());
    const current = this.step;
    const startNew = b.item || !current || current.actions.length > 0 || current.lost || (b.depth === 0 && !current.item) || markupConditionChanges(current.markupWhen, b);
    if (startNew) {
      this.finishStep();
      const step = this.newStep(text, b.line, b.depth, b.item);
      this.step = step;
      step.note = isNoteMarker || definition || (this.noteDepth !== null && b.depth > this.noteDepth);
      if (isNoteMarker) this.noteDepth = b.depth;
      step.role = this.tagRole ?? (b.item && roleWithoutTokens(text) === undefined ? await roleOf(text) : null);
      const inherited = [...this.conditions].reverse().find((c) => c.depth < b.depth || (c.depth === b.depth && !b.item));
      step.markupWhen = markupWhen(b);
      step.when = stepCondition(step.markupWhen, sectionNeed ?? cond ?? inherited?.when ?? null);
      const mod = definition ? { optional: false, forbidden: false, discouraged: false } : (modalityWithoutTokens(text) ?? (await modalityOf(text)));
      step.optional = mod.optional;
      step.forbidden = mod.forbidden;
      // Discouraged (実行しないことを推奨): kept, but only ever run under a condition.
      if (mod.discouraged && !step.when) step.when = text;
      const before = this.lastWithActions?.actions.at(-1);
      if (marker && (before?.kind === 'command' || before?.kind === 'sql')) step.alternative = alternativeWhen(marker, before.run, loadLexicon());
    } else {
      const s = current;
      s.text = s.text ? `${s.text} ${text}` : text;
      if (cond && !s.when) s.when = cond;
      // A paragraph after the list (not inside the item) that says the block after it is not to
      // be done (a notation example, 【設定ファイルの記述例】).
      if (b.depth < s.depth && !s.forbidden && (modalityWithoutTokens(text) ?? (await modalityOf(text))).forbidden) s.forbidden = true;
      if (this.tagRole && !s.role) s.role = this.tagRole;
    }
    if (cond && !b.item && b.depth > 0) this.conditions.push({ depth: b.depth, when: cond });
    this.addProseSettings(b);
  }

  /** Settings the text changes in prose ({@link proseSettings}), in the file named, else beside their sibling keys. */
  private addProseSettings(b: TextBlock): void {
    const changes = b.text.includes('=') ? proseSettings(b.text, loadLexicon()) : [];
    if (changes.length === 0 || !this.step || this.step.forbidden) return;
    const shown = [...this.procs.flatMap((p) => p.steps), this.step].flatMap((st) => st.actions.filter((a): a is IniAction => a.kind === 'ini'));
    for (const { key, value } of changes) {
      const place = this.files.length === 1 && this.section ? { file: this.files[0]!, section: this.section } : siblingPlace(key, shown);
      if (place) this.addActionTo(this.step, { kind: 'ini', file: place.file, section: place.section, key, value, via: 'edit', source: { line: b.line } });
    }
  }

  /**
   * A leading paragraph of a section (no action in it yet) that says the section may be skipped,
   * or states the case it is needed in after such a paragraph: the condition of every step of
   * the section (the enclosing heading's condition).
   * @returns the section's condition when this paragraph states the case it is needed in (its
   *   step's condition too), else null.
   */
  private sectionCondition(text: string, cond: string | null, b: TextBlock): string | null {
    if (b.depth !== 0 || b.item) return null;
    if ((this.proc?.steps ?? []).some((s) => s.actions.length > 0) || (this.step?.actions.length ?? 0) > 0) return null;
    let when: string | null = null;
    if (isSectionSkip(text, loadLexicon())) {
      this.sectionSkip = text;
      when = sectionWhen(text, null);
    } else if (this.sectionSkip && cond) when = sectionWhen(this.sectionSkip, cond);
    if (!when) return null;
    const top = this.headings[this.headings.length - 1];
    if (top) top.when = when;
    if (this.proc) this.proc.headingWhen = when;
    return this.sectionSkip === text ? null : when;
  }

  private async onCode(b: CodeBlock): Promise<void> {
    const g = this.g;
    // A bare listing explained by Japanese `#` comments, unless shown as the content of a file just named: its steps.
    const parts = this.filesFresh && this.files.length ? null : commentedListingParts(b, g);
    if (parts) {
      for (const part of parts) await (part.type === 'text' ? this.onText(part) : this.onCode(part as CodeBlock));
      // A comment closing the listing is a step of its own: the prose after the listing does not continue it.
      if (parts[parts.length - 1]?.type === 'text') this.finishStep();
      return;
    }
    this.termBefore = false;
    this.loneTerm = null;
    this.stepForBlock();
    // A block under another markup condition than the open step starts a step of its own.
    if (markupConditionChanges(this.step?.markupWhen ?? null, b)) {
      this.finishStep();
      const s = this.currentStep(b.line, b.depth);
      s.markupWhen = s.when = markupWhen(b);
    }
    const named = markupFiles(b, this.files, this.filesFresh);
    if (named) this.files = named;
    const wasFresh = this.filesFresh || named !== null;
    const prompted = heredocStatements(logicalLines(b.lines, this.bareGuide ? bareGrammar(g) : g, this.carry !== null), g);
    // Lines without a prompt read bare (commands, notes, edits) where the guide or the block shows commands so.
    const bare = readsBare(b, prompted, g, { bareGuide: this.bareGuide, fresh: wasFresh && this.files.length > 0 });
    const items = bare ? readBareLines(prompted, g, { inSession: this.session !== null }) : prompted;
    const bareInput = bare && items.some((i) => i.kind === 'edit' || i.kind === 'command' || i.kind === 'sql');
    const hasInput = items.some((i) => i.kind === 'command' || i.kind === 'sql' || i.kind === 'carry' || i.kind === 'edit');
    const literalText = items.filter((i): i is Extract<LogicalLine, { kind: 'literal' }> => i.kind === 'literal' && i.text.trim() !== '');
    this.filesFresh = false;
    const language = contentLanguageOf(b.lang, g);
    const before = this.contentBefore;
    this.contentBefore = null;

    // Settings of a file known by its keys (a Packstack answer file's `CONFIG_*=` lines).
    const known = this.carry ? null : sectionlessSettings(b, g, this.blocks, wasFresh ? this.files : []);
    if (known) {
      for (const s of known) this.addAction({ kind: 'ini', file: s.file, section: s.section, key: s.key, value: s.value, via: 'edit', source: { line: s.line } }, s.line, b.depth);
      return;
    }

    // The rest of a snippet a page break split: no text since the previous block's content and
    // the first line is content (`auth_host = controller`), not a command.
    const first = items.find((i) => !(i.kind === 'literal' && i.text.trim() === ''));
    if (before && b.fenced && first?.kind === 'literal' && !items.some((i) => i.kind === 'carry')) {
      this.contentBefore = { files: before.files, section: this.emitContent(before.files, contentLines(b), 'edit', b.depth, before.section, language) };
      return;
    }

    // Content for a file the instruction just named (even when its lines look like prompts:
    // `# controller` in /etc/hosts is a comment, not a command). A block that opens with an
    // editor command (`controller# vi /etc/mysql/my.cnf`) is that file's content instead.
    const files = this.files;
    const editorFirst = first?.kind === 'command' && Boolean(g.editors?.test(first.run));
    const contentContext = files.length > 0 && !editorFirst && (b.fenced ? wasFresh || !hasInput : this.addInstruction);
    if (contentContext && !bareInput && (!hasInput || (wasFresh && literalText.length > 0 && !items.some((i) => i.kind === 'carry')))) {
      if (!b.fenced && !this.addInstruction) return;
      this.contentBefore = { files, section: this.emitContent(files, contentLines(b), 'edit', b.depth, this.section, language) };
      return;
    }
    if (!hasInput) {
      if (b.fenced && this.format !== 'text' && literalText.length && literalText.every((l) => /^(?:\.\/)?[a-z][\w.+-]*(?:\s|$)/.test(l.text.trim()) && !/\s=\s/.test(l.text))) {
        for (const l of literalText) this.addCommand(l.text.trim(), bareCommandUser(l.text.trim(), g), l.line, b.depth, false);
      }
      return;
    }
    for (const it of joinWrapped(items)) {
      if (await this.handleItem(it, b)) break;
    }
    // An editor opened in this block takes this block's content only.
    this.flushEditor(b.depth);
    this.editor = null;
    // Commands were run: the file an earlier instruction named is done with. Later content needs
    // an instruction (or an editor command) naming its file again.
    // (Not when the block ends with an editor line: its content is in the next block.)
    // (A bare edit that took its content here is done with too.)
    if (items.some((i) => (i.kind === 'command' && !g.editors?.test(i.run)) || i.kind === 'sql' || i.kind === 'edit') && !endsWithEditor(items, g)) {
      this.files = [];
      this.section = null;
      this.addInstruction = false;
    }
  }

  private addCommand(run: string, user: string, line: number, depth: number, open: boolean): void {
    const g = this.g;
    const setting = commandToSetting(run);
    if (setting && !open) {
      this.addAction({ kind: 'ini', file: setting.file, section: setting.section, key: setting.key, value: setting.value, via: setting.via, source: { line } }, line, depth);
      this.session = null;
      return;
    }
    const s = this.currentStep(line, depth);
    // A check is judged by the command itself, not by what it substitutes in (`--service-id=$(… -list …)`).
    const own = run.replace(/\$\([^()]*(?:\([^()]*\)[^()]*)*\)/g, '');
    const verify = g.verify.some((re) => re.test(own)) || VERIFY_TEXT.test(s.text);
    const action = this.addAction({ kind: 'command', run, user, verify, expect: this.pendingExpect, source: { line } }, line, depth) as CommandAction | null;
    this.pendingExpect = null;
    this.session = action && g.sessions.some((x) => x.opens.test(run)) ? action : null;
    this.carry = open && action ? action : null;
  }

  /** A host a prompt names: the role of the current step, and a host mention (a literal) unless the step is not done. */
  private promptHost(host: string, line: number, depth: number): void {
    const s = this.currentStep(line, depth);
    if (!s.role) s.role = promptRole(host);
    if (!s.forbidden && isMachineName(host)) this.hosts.push({ host, line });
  }

  /** Handles one logical line; returns true when the rest of the block is to be skipped. */
  private async handleItem(it: LogicalLine, b: CodeBlock): Promise<boolean> {
    const g = this.g;
    switch (it.kind) {
      case 'carry': {
        const carry = this.carry;
        if (carry) {
          carry.run = normalizeRun(`${carry.run} ${it.text}`);
          if (!it.open) this.carry = null;
        }
        return false;
      }
      case 'command': {
        const run = it.run;
        // A prompt that names the host (`controller# …`): the host is a literal and the step's role.
        if (it.host) this.promptHost(it.host, it.line, b.depth);
        const ed = g.editors?.exec(run);
        if (ed) {
          this.openEditor([ed[1]!], b.depth);
          return false;
        }
        // The editor is closed by the next command: its content is written before that command runs.
        this.flushEditor(b.depth);
        this.editor = null;
        const su = g.switchUser?.exec(run);
        if (su) {
          const a = this.addAction({ kind: 'command', run, user: 'root', verify: false, expect: null, interactive: true, source: { line: it.line } }, it.line, b.depth);
          if (a) this.suUser = su[1]!;
          this.session = null;
          return false;
        }
        const promptUser = it.prompt.user ?? 'root';
        if (promptUser === 'root') this.suUser = null;
        const user = promptUser === 'user' && this.suUser ? this.suUser : promptUser;
        const before = this.pendingExpect;
        this.addCommand(run, user, it.line, b.depth, it.open);
        const step = this.step;
        const added = step?.actions[step.actions.length - 1];
        if (added?.kind === 'command' && added.verify && !before && added.expect === null) added.expect = await expectationOf(step!.text);
        return false;
      }
      case 'sql': {
        if (!this.session) {
          this.file.message(`Unexpected SQL statement \`${it.run}\` outside a client session, expected a \`mysql -u … -p\` command before it`, { place: { line: it.line, column: 1 }, ruleId: 'sql-without-session', source: 'tejun' });
        }
        const open: CommandAction | null = this.session;
        const a = this.addAction({ kind: 'sql', run: it.run, session: open?.id ?? '', source: { line: it.line } }, it.line, b.depth);
        if (open && a) open.interactive = true;
        this.carry = it.open && a ? (a as { run: string }) : null;
        if (EXIT.test(it.run)) this.session = null;
        return false;
      }
      case 'literal':
      case 'output':
        if (this.editor) this.editor.lines.push({ text: it.text, line: it.line });
        return false;
      case 'fence-open':
        return false;
      case 'fence-close':
        this.flushEditor(b.depth);
        this.editor = null;
        return false;
      case 'annotation':
        if (this.editor) {
          this.flushEditor(b.depth);
          this.addAction({ kind: 'manual', text: it.text, source: { line: it.line } }, it.line, b.depth);
        } else {
          this.pendingExpect = it.text;
        }
        return false;
      case 'skip':
        this.flushEditor(b.depth);
        this.editor = null;
        return true;
      case 'edit':
        this.openEditor(it.files, b.depth);
        return false;
      case 'session-end':
        this.session = null;
        return false;
      case 'note':
        this.onNote(it.text, b.depth);
        return false;
      case 'optional':
        this.onOptional(it.open, it.line, b.depth);
        return false;
    }
  }

  /**
   * Opens an editor on `files`: the content lines after it are theirs. A section an instruction
   * named for another file does not carry over to these.
   */
  private openEditor(files: string[], depth: number): void {
    this.flushEditor(depth);
    const named = this.files;
    if (!files.every((f) => named.some((n) => f === n || f.endsWith(`/${n}`)))) this.section = null;
    this.editor = { files, lines: [] };
    this.files = files;
  }

  /**
   * A note to the reader inside a block: inside a file's content it ends the lines before it and
   * may name the INI section of the lines after it (`[filter:authtoken]へ追記`); after a command,
   * a verdict (`~~~★…できること。`) is what the command must give.
   */
  private onNote(text: string, depth: number): void {
    if (this.editor) {
      this.flushEditor(depth);
      const hint = noteSectionHint(text, this.g.bare);
      if (hint) this.section = hint;
      return;
    }
    const last = this.step?.actions[this.step.actions.length - 1];
    if (last?.kind === 'command' && last.expect === null && isVerdict(text, this.g.bare)) last.expect = noteText(text);
  }

  /** An optional paragraph opens or ends: the actions added in it are marked optional. */
  private onOptional(open: boolean, line: number, depth: number): void {
    this.flushEditor(depth);
    if (open) {
      const step = this.currentStep(line, depth);
      this.optionalFrom = { step, count: step.actions.length };
      return;
    }
    const from = this.optionalFrom;
    this.optionalFrom = null;
    if (from) for (const a of from.step.actions.slice(from.count)) a.optional = true;
  }

  private onBoundary(b: Extract<Block, { type: 'boundary' }>, next: Block | undefined): void {
    const s = this.step;
    if (!s || s.actions.length > 0 || s.lost || s.forbidden || !s.text) return;
    if (next?.type === 'code') return;
    s.lost = true;
    this.missing.push({ text: s.text, source: { line: s.line } });
    this.file.message(`Unexpected end of block with no command, expected the command for 「${s.text}」 (lost in this copy of the guide)`, { place: { line: b.line, column: 1 }, ruleId: 'lost-command', source: 'tejun' });
    this.addActionTo(s, { kind: 'manual', text: s.text, source: { line: s.line } });
  }

  /** Reads every block, then resolves the procedures, placeholders and literals. */
  async run(): Promise<Extracted> {
    const blocks = this.blocks;
    const procs = this.procs;
    const findings = this.findings;
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i]!;
      if (b.type === 'heading') await this.onHeading(b);
      else if (b.type === 'text') await this.onText(b);
      else if (b.type === 'code') await this.onCode(withoutCodeNotes(b, this.g));
      else {
        let next: Block | undefined;
        for (let j = i + 1; j < blocks.length; j++) {
          if (blocks[j]!.type !== 'boundary') {
            next = blocks[j];
            break;
          }
        }
        this.onBoundary(b, next);
      }
    }
    this.finishStep();
    if (!this.title) this.title = blocks.find((b): b is TextBlock => b.type === 'text')?.text ?? '';
    const title = this.title;

    // Sectionless `key=value` snippets for files the guide edits as INI: `[DEFAULT]` keys; for a
    // settings file without sections (grammar `settingsFiles`): keys in the section it implies.
    const knownIni = iniFiles(procs.flatMap((p) => p.steps.flatMap((s) => s.actions)));
    const editedIni = editedIniFiles(procs.flatMap((p) => p.steps.flatMap((s) => s.actions)));
    for (const p of procs) {
      for (const st of p.steps) {
        // Only a file action can become INI actions: a step without one keeps its actions as they are.
        if (!st.actions.some((a) => a.kind === 'file')) continue;
        st.actions = st.actions.flatMap((a) => {
          const drafts = a.kind === 'file' ? (sectionlessToIni(a, knownIni, editedIni) ?? settingsFileToIni(a, this.g.settingsFiles)) : null;
          if (!drafts) return [a];
          const made = drafts.map((d) => ({ id: this.provisionalId('a'), ...d }) as Action);
          for (const f of findings) if (f.scope?.includes(a.id)) f.scope = f.scope.flatMap((id) => (id === a.id ? made.map((m) => m.id) : [id]));
          return made;
        });
      }
    }

    // Procedures: roles and conditions resolved, empty ones dropped.
    const procedures: Procedure[] = [];
    for (const p of procs) {
      // Empty steps: a step the operator does by hand (テキストエディターで…を開きます) becomes a manual
      // action; notes, lost blocks and other prose are dropped.
      for (const st of p.steps) {
        if (st.actions.length === 0 && !st.lost && !st.forbidden && !st.note && st.item && st.text && (await isManualInstruction(st.text))) {
          this.addActionTo(st, { kind: 'manual', text: st.text, source: { line: st.line } }, p);
        }
      }
      p.steps = p.steps.filter((st) => st.actions.length > 0 || st.forbidden);
      if (p.steps.length === 0) continue;
      for (const st of p.steps) st.id = this.provisionalId('s');
      const own = roleWithoutTokens(p.title) === null ? null : await roleOf(p.title);
      // The title says it, else the first step ("…をホストしているシステムにログインします"), else the
      // text around the procedure (an intro paragraph, an enclosing heading), else any step.
      const role = own ?? p.steps[0]?.role ?? p.contextRole ?? p.steps.find((s) => s.role)?.role ?? null;
      const when = (conditionWithoutTokens(p.title) === null ? null : await conditionOf(p.title)) ?? p.headingWhen;
      const steps: Step[] = p.steps.map((s) => {
        const stepWhen = withAlternative(s.when ?? when, s.alternative);
        for (const a of s.actions) {
          if (stepWhen) a.when = stepWhen;
          if (s.optional) a.optional = true;
        }
        return {
          id: s.id,
          text: s.text,
          role: s.role ?? role,
          when: stepWhen,
          ...(s.optional ? { optional: true } : {}),
          ...(s.forbidden ? { forbidden: true } : {}),
          source: { line: s.line },
          actions: s.actions,
        };
      });
      procedures.push({ id: p.id, title: p.title, role, ...(when ? { when } : {}), source: { line: p.line }, steps });
    }
    const actions = procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
    for (const r of this.replaceables) findings.push({ name: r.name, description: null, line: r.line, scope: null });
    findings.push(...findUsedPlaceholders(actions), ...findNamePlaceholders(actions, this.g));
    const placeholders = mergePlaceholders(findings, actions, isSecretName);
    // Provisional ids (unique, used for placeholder scopes) become ids derived from meaning only.
    assignStableIds(procedures, placeholders);
    const literals = findLiterals(actions, this.hosts, new Set(placeholders.map((p) => p.name)));
    const roles: string[] = [];
    for (const p of procedures) for (const s of p.steps) if (s.role && !roles.includes(s.role)) roles.push(s.role);
    return { title, roles, procedures, placeholders, literals, missing: this.missing };
  }
}
