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
import type { Action, CommandAction, GuideFormat, Missing, Procedure, Step, StepGraph } from '../ir/types.js';
import { conditionOf, expectationOf, introRoleOf, isManualInstruction, isSecretName, modalityOf, placeholderDefinitions, roleOf } from '../nlp/japanese.js';
import type { Block, CodeBlock, TextBlock } from '../parse/blocks.js';
import type { Replaceable } from '../parse/html-to-mdast.js';
import { normalizeCodeLine, normalizeRun } from '../parse/normalize.js';
import { joinWrapped, logicalLines, type LogicalLine } from './code-lines.js';
import { commandToSetting } from './command-to-setting.js';
import { contentToSettings, sectionHintOf, type ContentLine } from './content-to-settings.js';
import { assignStableIds, IdMaker } from './ids.js';
import { findLiterals, type HostMention } from './literals.js';
import { findUsedPlaceholders, hasToken, mergePlaceholders, type PlaceholderFinding } from './placeholders.js';
import { hostRole } from './roles.js';
import { iniFiles, sectionlessToIni } from './sectionless-ini.js';

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
export async function blocksToSteps(input: ExtractInput): Promise<Extracted> {
  const { blocks, grammar: g, format, file } = input;
  const ids = new IdMaker();
  const procs: DraftProc[] = [];
  const findings: PlaceholderFinding[] = [];
  const hosts: HostMention[] = [];
  const missing: Missing[] = [];
  let title = '';

  // Reading context.
  const headings: Array<{ depth: number; text: string; role: string | null; when: string | null }> = [];
  let pendingSection: { title: string; line: number } | null = null;
  let proc: DraftProc | null = null;
  let step: DraftStep | null = null;
  let lastWithActions: DraftStep | null = null;
  let introRole: string | null = null;
  let conditions: Array<{ depth: number; when: string }> = [];
  let files: string[] = [];
  let filesFresh = false;
  let addInstruction = false;
  let section: string | null = null;
  let editor: { file: string; lines: ContentLine[] } | null = null;
  let session: CommandAction | null = null;
  let suUser: string | null = null;
  let pendingExpect: string | null = null;
  let carry: { run: string } | null = null;
  let replaceIntro = false;
  /** List depth of the open note marker item (`- 補足：`), or null. */
  let noteDepth: number | null = null;
  /** Role of the host the last `[対象: host]` tag named; holds until the next heading. */
  let tagRole: string | null = null;
  /**
   * The file content the previous block gave (its files and the INI section its last line was
   * in), while no text has come since: a code block right after it whose first line is not a
   * command continues that content (a page break split the snippet in two).
   */
  let contentBefore: { files: string[]; section: string | null } | null = null;
  /** The previous block was text ending in a glued definition-list term ({@link GLUED_TERM}). */
  let termBefore = false;
  /** The previous block was a lone definition term ({@link LONE_TERM}) for a name a command holds. */
  let loneTerm: { name: string; line: number; scope: string[] } | null = null;

  const ensureProc = (): DraftProc => {
    if (proc) return proc;
    const t = pendingSection?.title ?? (title || '(無題)');
    const innermost = [...headings].reverse();
    proc = {
      id: ids.make('p', t),
      title: t,
      line: pendingSection?.line ?? 1,
      contextRole: introRole ?? innermost.find((h) => h.role)?.role ?? null,
      headingWhen: innermost.find((h) => h.when)?.when ?? null,
      steps: [],
    };
    procs.push(proc);
    return proc;
  };
  const newStep = (text: string, line: number, depth: number, item: boolean): DraftStep => ({
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
    actions: [],
  });
  // Steps join their procedure when they end, empty or not: a later block may still belong to an
  // enclosing item. Empty steps are dropped (or become manual steps) when the guide is read.
  const finishStep = async () => {
    const s = step;
    step = null;
    if (!s) return;
    const p = ensureProc();
    if (!p.steps.includes(s)) p.steps.push(s);
  };
  /**
   * The step a block belongs to: the current step, or, when the current step is a note under an
   * item (`- 補足：` and its sub-items), the item the notes explain.
   */
  const stepForBlock = async (): Promise<void> => {
    const s = step as DraftStep | null;
    if (!s || !s.note || s.actions.length > 0) return;
    const p = ensureProc();
    const earlier = p.steps.filter((x) => x !== s);
    let depth = s.depth;
    for (let i = earlier.length - 1; i >= 0; i--) {
      const x = earlier[i]!;
      if (x.depth >= depth) continue;
      depth = x.depth;
      if (!x.note) {
        await finishStep();
        step = x;
        return;
      }
    }
  };
  const currentStep = (line: number, depth: number): DraftStep => {
    if (!step) step = newStep('', line, depth, false);
    return step;
  };
  type NewAction = Action extends infer A ? (A extends Action ? Omit<A, 'id'> : never) : never;
  const identity = (a: NewAction): string[] => {
    switch (a.kind) {
      case 'command':
      case 'sql':
        return [a.kind, a.run];
      case 'ini':
        return [a.kind, a.file, a.section, a.key];
      case 'file':
        return [a.kind, a.file, a.content];
      case 'manual':
        return [a.kind, a.text];
    }
  };
  const addActionTo = (s: DraftStep, a: NewAction, owner?: DraftProc): Action => {
    const p = owner ?? ensureProc();
    const action = { id: ids.make('a', p.title, ...identity(a)), ...a } as Action;
    s.actions.push(action);
    lastWithActions = s;
    return action;
  };
  const addAction = (a: NewAction, line: number, depth: number): Action | null => {
    const s = currentStep(line, depth);
    if (s.forbidden) return null;
    return addActionTo(s, a);
  };
  /** Emits content lines as settings; returns the INI section the content ends in (or `hint`). */
  const emitContent = (targets: string[], lines: ContentLine[], via: 'edit', depth: number, hint: string | null = section): string | null => {
    let last = hint;
    for (const setting of contentToSettings(lines, hint)) {
      if (setting.kind === 'ini') last = setting.section;
      for (const target of targets) {
        if (setting.kind === 'ini') {
          addAction({ kind: 'ini', file: target, section: setting.section, key: setting.key, value: setting.value, via, source: { line: setting.line } }, setting.line, depth);
        } else {
          addAction({ kind: 'file', file: target, content: setting.content, source: { line: setting.line } }, setting.line, depth);
        }
      }
    }
    return last;
  };
  const flushEditor = (depth: number) => {
    if (editor && editor.lines.some((l) => l.text.trim())) emitContent([editor.file], editor.lines, 'edit', depth);
    if (editor) editor.lines = [];
  };

  const onHeading = async (b: Extract<Block, { type: 'heading' }>) => {
    await finishStep();
    if (!title) title = b.text;
    contentBefore = null;
    termBefore = false;
    loneTerm = null;
    files = [];
    filesFresh = false;
    addInstruction = false;
    section = null;
    editor = null;
    session = null;
    suUser = null;
    carry = null;
    conditions = [];
    replaceIntro = false;
    noteDepth = null;
    tagRole = null;
    if (b.procedure) {
      proc = null;
      pendingSection = { title: b.text, line: b.line };
      ensureProc();
      return;
    }
    while (headings.length && headings[headings.length - 1]!.depth >= b.depth) headings.pop();
    headings.push({ depth: b.depth, text: b.text, role: await roleOf(b.text), when: await conditionOf(b.text) });
    proc = null;
    pendingSection = { title: b.text, line: b.line };
    introRole = null;
  };

  const onText = async (b: TextBlock) => {
    contentBefore = null;
    // The description of a definition-list term (what a package or service is): never a step of
    // its own, whatever it says (001:366 "Nova ネットワーキングサービス。…起動してはならない…").
    const definition = termBefore && b.item;
    termBefore = GLUED_TERM.test(b.text.trim());
    // Placeholder definitions, with the actions they speak of (this step's and the last step's).
    const near = (): string[] => [...(lastWithActions?.actions ?? []), ...(step?.actions ?? [])].map((a) => a.id);
    for (const d of await placeholderDefinitions(b.raw ?? b.text)) findings.push({ name: d.name, description: d.description, line: b.line, scope: near() });
    // The description after a lone term paragraph.
    if (loneTerm && !b.item && !findings.some((f) => f.name === loneTerm!.name && f.description)) {
      findings.push({ name: loneTerm.name, description: b.text.trim(), line: loneTerm.line, scope: loneTerm.scope });
    }
    loneTerm = null;
    const lone = b.item ? null : LONE_TERM.exec(b.text.trim());
    // The procedure's actions so far, gathered only for a lone term (a scan per block was quadratic in a long procedure).
    const recent = lone ? [...((proc as DraftProc | null)?.steps ?? []).flatMap((x) => x.actions), ...(step?.actions ?? [])] : [];
    const holder = lone ? recent.find((a) => a.kind === 'command' && a.run.split(/\s+/u).slice(1).some((w) => hasToken(w, lone[1]!))) : undefined;
    if (lone && holder) loneTerm = { name: lone[1]!, line: b.line, scope: near() };
    const item = replaceIntro ? DEF_ITEM.exec(b.text) : null;
    if (item && !findings.some((f) => f.line === b.line && f.name === item[1])) {
      findings.push({ name: item[1]!, description: item[2]!.trim(), line: b.line, scope: near() });
    }
    replaceIntro = REPLACE_INTRO.test(b.text) || (replaceIntro && Boolean(item));

    // Files and INI sections an instruction names.
    const paths = [...new Set([...b.text.matchAll(g.filePath)].map((m) => (m[1] ?? m[0]).replace(/[。、,.:;)）]+$/u, '')))];
    if (paths.length) {
      files = paths;
      filesFresh = true;
      addInstruction = ADD_VERB.test(b.text);
      section = sectionHintOf(b.text);
    } else {
      const hint = sectionHintOf(b.text);
      if (hint) section = hint;
      if (ADD_VERB.test(b.text)) addInstruction = true;
      filesFresh = files.length > 0 && EDIT_VERB.test(b.text);
    }

    // A setting given in prose ("We recommend adding verbose = True to the [DEFAULT] section in
    // /etc/neutron/neutron.conf"): an optional INI action.
    const inline = INLINE_SETTING.exec(b.text);
    if (inline && paths.length && section && ADD_VERB.test(b.text)) {
      const s = currentStep(b.line, b.depth);
      for (const target of paths) {
        if (s.forbidden) break;
        addActionTo(s, { kind: 'ini', file: target, section, key: inline[1]!, value: inline[2]!, via: 'edit', optional: true, source: { line: b.line } });
      }
    }

    // Host tags (`[対象: controller01]`).
    const tag = g.hostTag?.exec(b.text);
    const tagHost = tag?.[1] ?? null;
    if (tagHost) {
      hosts.push({ host: tagHost, line: b.line });
      tagRole = hostRole(tagHost);
    }
    const text = g.hostTag ? b.text.replace(g.hostTag, '').trim() : b.text;

    if (b.depth === 0 && !b.item) {
      const r = await introRoleOf(text);
      if (r) {
        introRole = r;
        if (proc && proc.steps.length === 0) proc.contextRole = r;
      }
    }
    if (b.item) conditions = conditions.filter((c) => c.depth < b.depth);
    if (b.item && noteDepth !== null && b.depth <= noteDepth) noteDepth = null;
    const isNoteMarker = b.item && NOTE_MARKER.test(text);

    // Sentences that describe placeholders (…に置き換えます) are not instructions: no condition in them.
    const instruction = text.split(/(?<=。)/u).filter((x) => !/置き換え|置換|\bReplace\b/u.test(x)).join('');
    const cond = instruction ? await conditionOf(instruction) : null;
    // A list item starts a step; so does a top-level paragraph (a lead-in to the block after it)
    // and any text after a step that already has its actions. Text inside an item adds to it.
    const startNew = b.item || !step || step.actions.length > 0 || step.lost || (b.depth === 0 && !step.item);
    if (startNew) {
      await finishStep();
      step = newStep(text, b.line, b.depth, b.item);
      step.note = isNoteMarker || definition || (noteDepth !== null && b.depth > noteDepth);
      if (isNoteMarker) noteDepth = b.depth;
      step.role = tagRole ?? (b.item ? await roleOf(text) : null);
      const inherited = [...conditions].reverse().find((c) => c.depth < b.depth || (c.depth === b.depth && !b.item));
      step.when = cond ?? inherited?.when ?? null;
      const mod = definition ? { optional: false, forbidden: false, discouraged: false } : await modalityOf(text);
      step.optional = mod.optional;
      step.forbidden = mod.forbidden;
      // Discouraged (実行しないことを推奨): kept, but only ever run under a condition.
      if (mod.discouraged && !step.when) step.when = text;
    } else {
      const s = step!;
      s.text = s.text ? `${s.text} ${text}` : text;
      if (cond && !s.when) s.when = cond;
      if (tagRole && !s.role) s.role = tagRole;
    }
    if (cond && !b.item && b.depth > 0) conditions.push({ depth: b.depth, when: cond });
  };

  const onCode = async (b: CodeBlock) => {
    termBefore = false;
    loneTerm = null;
    await stepForBlock();
    const items = logicalLines(b.lines, g, carry !== null);
    const hasInput = items.some((i) => i.kind === 'command' || i.kind === 'sql' || i.kind === 'carry');
    const literalText = items.filter((i): i is Extract<LogicalLine, { kind: 'literal' }> => i.kind === 'literal' && i.text.trim() !== '');
    const rawLines: ContentLine[] = b.lines.map((l) => ({ text: normalizeCodeLine(l.text), line: l.line }));
    const wasFresh = filesFresh;
    filesFresh = false;
    const before = contentBefore;
    contentBefore = null;

    // The rest of a snippet a page break split: no text since the previous block's content and
    // the first line is content (`auth_host = controller`), not a command.
    const first = items.find((i) => !(i.kind === 'literal' && i.text.trim() === ''));
    if (before && b.fenced && first?.kind === 'literal' && !items.some((i) => i.kind === 'carry')) {
      contentBefore = { files: before.files, section: emitContent(before.files, rawLines, 'edit', b.depth, before.section) };
      return;
    }

    // Content for a file the instruction just named (even when its lines look like prompts:
    // `# controller` in /etc/hosts is a comment, not a command).
    const contentContext = files.length > 0 && (b.fenced ? wasFresh || !hasInput : addInstruction);
    if (contentContext && (!hasInput || (wasFresh && literalText.length > 0 && !items.some((i) => i.kind === 'carry')))) {
      if (!b.fenced && !addInstruction) return;
      contentBefore = { files, section: emitContent(files, rawLines, 'edit', b.depth) };
      return;
    }
    if (!hasInput) {
      if (b.fenced && format !== 'text' && literalText.length && literalText.every((l) => /^[a-z][\w.+-]*(?:\s|$)/.test(l.text.trim()) && !/\s=\s/.test(l.text))) {
        for (const l of literalText) addCommand(l.text.trim(), 'root', l.line, b.depth, false);
      }
      return;
    }
    for (const it of joinWrapped(items)) {
      if (await handleItem(it, b)) break;
    }
    // An editor opened in this block takes this block's content only.
    flushEditor(b.depth);
    editor = null;
    // Commands were run: the file an earlier instruction named is done with. Later content needs
    // an instruction (or an editor command) naming its file again.
    if (items.some((i) => (i.kind === 'command' && !g.editors?.test(i.run)) || i.kind === 'sql')) {
      files = [];
      section = null;
      addInstruction = false;
    }
  };

  const addCommand = (run: string, user: string, line: number, depth: number, open: boolean) => {
    const setting = commandToSetting(run);
    if (setting && !open) {
      addAction({ kind: 'ini', file: setting.file, section: setting.section, key: setting.key, value: setting.value, via: setting.via, source: { line } }, line, depth);
      session = null;
      return;
    }
    const s = currentStep(line, depth);
    // A check is judged by the command itself, not by what it substitutes in (`--service-id=$(… -list …)`).
    const own = run.replace(/\$\([^()]*(?:\([^()]*\)[^()]*)*\)/g, '');
    const verify = g.verify.some((re) => re.test(own)) || VERIFY_TEXT.test(s.text);
    const action = addAction({ kind: 'command', run, user, verify, expect: pendingExpect, source: { line } }, line, depth) as CommandAction | null;
    pendingExpect = null;
    session = action && g.sessions.some((x) => x.opens.test(run)) ? action : null;
    carry = open && action ? action : null;
  };

  /** Handles one logical line; returns true when the rest of the block is to be skipped. */
  const handleItem = async (it: LogicalLine, b: CodeBlock): Promise<boolean> => {
    switch (it.kind) {
      case 'carry':
        if (carry) {
          carry.run = normalizeRun(`${carry.run} ${it.text}`);
          if (!it.open) carry = null;
        }
        return false;
      case 'command': {
        const run = it.run;
        const ed = g.editors?.exec(run);
        if (ed) {
          flushEditor(b.depth);
          editor = { file: ed[1]!, lines: [] };
          files = [ed[1]!];
          return false;
        }
        const su = g.switchUser?.exec(run);
        if (su) {
          const a = addAction({ kind: 'command', run, user: 'root', verify: false, expect: null, interactive: true, source: { line: it.line } }, it.line, b.depth);
          if (a) suUser = su[1]!;
          session = null;
          return false;
        }
        const promptUser = it.prompt.user ?? 'root';
        if (promptUser === 'root') suUser = null;
        const user = promptUser === 'user' && suUser ? suUser : promptUser;
        const before = pendingExpect;
        addCommand(run, user, it.line, b.depth, it.open);
        const added = step?.actions[step.actions.length - 1];
        if (added?.kind === 'command' && added.verify && !before && added.expect === null) added.expect = await expectationOf(step!.text);
        return false;
      }
      case 'sql': {
        if (!session) {
          file.message(`Unexpected SQL statement \`${it.run}\` outside a client session, expected a \`mysql -u … -p\` command before it`, { place: { line: it.line, column: 1 }, ruleId: 'sql-without-session', source: 'tejun' });
        }
        const open: CommandAction | null = session;
        const a = addAction({ kind: 'sql', run: it.run, session: open?.id ?? '', source: { line: it.line } }, it.line, b.depth);
        if (open && a) open.interactive = true;
        carry = it.open && a ? (a as { run: string }) : null;
        if (EXIT.test(it.run)) session = null;
        return false;
      }
      case 'literal':
      case 'output':
        if (editor) editor.lines.push({ text: it.text, line: it.line });
        return false;
      case 'fence-open':
        return false;
      case 'fence-close':
        flushEditor(b.depth);
        editor = null;
        return false;
      case 'annotation':
        if (editor) {
          flushEditor(b.depth);
          addAction({ kind: 'manual', text: it.text, source: { line: it.line } }, it.line, b.depth);
        } else {
          pendingExpect = it.text;
        }
        return false;
      case 'skip':
        flushEditor(b.depth);
        editor = null;
        return true;
    }
  };

  const onBoundary = (b: Extract<Block, { type: 'boundary' }>, next: Block | undefined) => {
    const s = step as DraftStep | null;
    if (!s || s.actions.length > 0 || s.lost || s.forbidden || !s.text) return;
    if (next?.type === 'code') return;
    s.lost = true;
    missing.push({ text: s.text, source: { line: s.line } });
    file.message(`Unexpected end of block with no command, expected the command for 「${s.text}」 (lost in this copy of the guide)`, { place: { line: b.line, column: 1 }, ruleId: 'lost-command', source: 'tejun' });
    addActionTo(s, { kind: 'manual', text: s.text, source: { line: s.line } });
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    let next: Block | undefined;
    for (let j = i + 1; j < blocks.length; j++) {
      if (blocks[j]!.type !== 'boundary') {
        next = blocks[j];
        break;
      }
    }
    if (b.type === 'heading') await onHeading(b);
    else if (b.type === 'text') await onText(b);
    else if (b.type === 'code') await onCode(b);
    else onBoundary(b, next);
  }
  await finishStep();
  if (!title) title = blocks.find((b): b is TextBlock => b.type === 'text')?.text ?? '';

  // Sectionless `key=value` snippets for files the guide edits as INI: `[DEFAULT]` keys.
  const knownIni = iniFiles(procs.flatMap((p) => p.steps.flatMap((s) => s.actions)));
  for (const p of procs) {
    for (const st of p.steps) {
      st.actions = st.actions.flatMap((a) => {
        const drafts = a.kind === 'file' ? sectionlessToIni(a, knownIni) : null;
        if (!drafts) return [a];
        const made = drafts.map((d) => ({ id: ids.make('a', p.title, ...identity(d)), ...d }) as Action);
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
        addActionTo(st, { kind: 'manual', text: st.text, source: { line: st.line } }, p);
      }
    }
    p.steps = p.steps.filter((st) => st.actions.length > 0 || st.forbidden);
    if (p.steps.length === 0) continue;
    for (const st of p.steps) st.id = ids.make('s', p.title, st.text);
    const own = await roleOf(p.title);
    // The title says it, else the first step ("…をホストしているシステムにログインします"), else the
    // text around the procedure (an intro paragraph, an enclosing heading), else any step.
    const role = own ?? p.steps[0]?.role ?? p.contextRole ?? p.steps.find((s) => s.role)?.role ?? null;
    const when = (await conditionOf(p.title)) ?? p.headingWhen;
    const steps: Step[] = p.steps.map((s) => {
      const stepWhen = s.when ?? when;
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
  for (const r of input.replaceables) findings.push({ name: r.name, description: null, line: r.line, scope: null });
  findings.push(...findUsedPlaceholders(actions));
  const placeholders = mergePlaceholders(findings, actions, isSecretName);
  // Provisional ids (unique, used for placeholder scopes) become ids derived from meaning only.
  assignStableIds(procedures, placeholders);
  const literals = findLiterals(actions, hosts, new Set(placeholders.map((p) => p.name)));
  const roles: string[] = [];
  for (const p of procedures) for (const s of p.steps) if (s.role && !roles.includes(s.role)) roles.push(s.role);
  return { title, roles, procedures, placeholders, literals, missing };
}
