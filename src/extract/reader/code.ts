/**
 * Reading a code block: its logical lines (prompted commands, SQL in a client session, editor
 * commands and the content given to them, notes, annotations) become command, sql, ini and file
 * actions of the current step; a block right after an instruction that names a file is that
 * file's content; a bare listing explained by Japanese `#` comments is read as its steps.
 */
import type { Grammar } from '../../grammar/load-grammar.js';
import type { CommandAction } from '../../ir/types.js';
import { expectationOf } from '../../nlp/japanese.js';
import type { CodeBlock } from '../../parse/blocks.js';
import { normalizeCodeLine, normalizeRun } from '../../parse/normalize.js';
import { bareCommandUser } from '../bare-command-user.js';
import { isVerdict, noteSectionHint, noteText } from '../classify-line.js';
import { joinWrapped, logicalLines, type LogicalLine } from '../code-lines.js';
import { commandToSetting } from '../command-to-setting.js';
import { contentLanguageOf } from '../content-language.js';
import type { ContentLine } from '../content-to-settings.js';
import { heredocStatements } from '../heredoc-sql.js';
import { commentedListingParts } from '../listing-comments.js';
import { markupConditionChanges, markupWhen } from '../markup-conditions.js';
import { markupFiles } from '../markup-file.js';
import { isMachineName, promptRole } from '../prompt-host.js';
import { quotedInstructions } from '../quoted-instructions.js';
import { bareGrammar } from '../prompt-style.js';
import { readBareLines, readsBare } from '../read-bare-block.js';
import { sectionlessSettings } from '../sectionless-files.js';
import { EDIT_VERB } from './patterns.js';
import type { Reader } from './reader.js';
import { readText } from './text.js';

const EXIT = /^(?:exit|quit|\\q)\b/i;
const VERIFY_TEXT = /確認|検証|\bverify\b/i;

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

/**
 * Reads code block `b` (its code notes already taken out, see code-notes.ts; lines with their
 * 1-based guide lines) into `r`.
 */
export async function readCode(r: Reader, b: CodeBlock): Promise<void> {
  const sec = r.sec;
  const g = r.g;
  // A bare listing explained by Japanese `#` comments, unless shown as the content of a file just named: its steps.
  const parts = sec.filesFresh && sec.files.length ? null : commentedListingParts(b, g);
  if (parts) {
    for (const part of parts) await (part.type === 'text' ? readText(r, part) : readCode(r, part as CodeBlock));
    // A comment closing the listing is a step of its own: the prose after the listing does not continue it.
    if (parts[parts.length - 1]?.type === 'text') r.finishStep();
    return;
  }
  sec.termBefore = false;
  sec.loneTerm = null;
  r.stepForBlock();
  // A block under another markup condition than the open step starts a step of its own.
  if (markupConditionChanges(r.step?.markupWhen ?? null, b)) {
    r.finishStep();
    const s = r.currentStep(b.line, b.depth);
    s.markupWhen = s.when = markupWhen(b);
  }
  const named = markupFiles(b, sec.files, sec.filesFresh);
  if (named) {
    sec.files = named;
    sec.filesNamedBy = null;
  }
  const wasFresh = sec.filesFresh || named !== null;
  const prompted = heredocStatements(logicalLines(b.lines, r.bareGuide ? bareGrammar(g) : g, sec.carry !== null), g);
  // Lines without a prompt read bare (commands, notes, edits) where the guide or the block shows commands so.
  const bare = readsBare(b, prompted, g, { bareGuide: r.bareGuide, fresh: wasFresh && sec.files.length > 0 });
  const read = bare ? readBareLines(prompted, g, { inSession: sec.session !== null }) : prompted;
  // An instruction quoted in the block names the file of the lines after it.
  const items = quotedInstructions(read, (text) => r.mentions.read(text), EDIT_VERB);
  const bareInput = bare && items.some((i) => i.kind === 'edit' || i.kind === 'command' || i.kind === 'sql');
  const hasInput = items.some((i) => i.kind === 'command' || i.kind === 'sql' || i.kind === 'carry' || i.kind === 'edit');
  const literalText = items.filter((i): i is Extract<LogicalLine, { kind: 'literal' }> => i.kind === 'literal' && i.text.trim() !== '');
  sec.filesFresh = false;
  const language = contentLanguageOf(b.lang, g);
  const before = sec.contentBefore;
  sec.contentBefore = null;

  // Settings of a file known by its keys (a Packstack answer file's `CONFIG_*=` lines).
  const known = sec.carry ? null : sectionlessSettings(b, g, r.blocks, wasFresh ? sec.files : []);
  if (known) {
    for (const s of known) r.addAction({ kind: 'ini', file: s.file, section: s.section, key: s.key, value: s.value, via: 'edit', source: { line: s.line } }, s.line, b.depth);
    return;
  }

  // The rest of a snippet a page break split: no text since the previous block's content and
  // the first line is content (`auth_host = controller`), not a command.
  const first = items.find((i) => !(i.kind === 'literal' && i.text.trim() === ''));
  if (before && b.fenced && first?.kind === 'literal' && !items.some((i) => i.kind === 'carry')) {
    sec.contentBefore = { files: before.files, section: r.emitContent(before.files, contentLines(b), 'edit', b.depth, before.section, language) };
    return;
  }

  // Content for a file the instruction just named (even when its lines look like prompts:
  // `# controller` in /etc/hosts is a comment, not a command). A block that opens with an
  // editor command (`controller# vi /etc/mysql/my.cnf`) is that file's content instead.
  const files = sec.files;
  const editorFirst = first?.kind === 'command' && Boolean(g.editors?.test(first.run));
  const contentContext = files.length > 0 && !editorFirst && (b.fenced ? wasFresh || !hasInput : sec.addInstruction);
  if (contentContext && !bareInput && (!hasInput || (wasFresh && literalText.length > 0 && !items.some((i) => i.kind === 'carry')))) {
    if (!b.fenced && !sec.addInstruction) return;
    sec.contentBefore = { files, section: r.emitContent(files, contentLines(b), 'edit', b.depth, sec.section, language) };
    return;
  }
  if (!hasInput) {
    if (b.fenced && r.format !== 'text' && literalText.length && literalText.every((l) => /^(?:\.\/)?[a-z][\w.+-]*(?:\s|$)/.test(l.text.trim()) && !/\s=\s/.test(l.text))) {
      for (const l of literalText) addCommand(r, l.text.trim(), bareCommandUser(l.text.trim(), g), l.line, b.depth, false);
    }
    return;
  }
  const captioned = new CaptionRun();
  for (const it of joinWrapped(items)) {
    if (it.kind === 'note' && it.caption) {
      captioned.caption(it.text);
      continue;
    }
    const before = r.step?.actions.length ?? 0;
    const step = r.step;
    if (await handleItem(r, it, b)) break;
    const now = r.step;
    const added = now?.actions[now.actions.length - 1];
    const isNew = now !== null && (now !== step || now.actions.length > before);
    captioned.item(it, added?.kind === 'command' && isNew ? added : null);
  }
  // An editor opened in this block takes this block's content only.
  r.flushEditor(b.depth);
  sec.editor = null;
  // Commands were run: the file an earlier instruction named is done with. Later content needs
  // an instruction (or an editor command) naming its file again.
  // (Not when the block ends with an editor line: its content is in the next block.)
  // (A bare edit that took its content here is done with too.)
  if (items.some((i) => (i.kind === 'command' && !g.editors?.test(i.run)) || i.kind === 'sql' || i.kind === 'edit') && !endsWithEditor(items, g)) {
    sec.files = [];
    sec.filesAside = null;
    sec.section = null;
    sec.addInstruction = false;
  }
}

/**
 * Adds command `run` (as `user`) to the current step; a command that only sets a file's key
 * (`crudini --set`, `openstack-config --set`, see command-to-setting.ts) becomes an INI action.
 * `open`: the command continues on the next line.
 */
function addCommand(r: Reader, run: string, user: string, line: number, depth: number, open: boolean): void {
  const sec = r.sec;
  const g = r.g;
  const setting = commandToSetting(run);
  if (setting && !open) {
    r.addAction({ kind: 'ini', file: setting.file, section: setting.section, key: setting.key, value: setting.value, via: setting.via, source: { line } }, line, depth);
    sec.session = null;
    return;
  }
  const s = r.currentStep(line, depth);
  // A check is judged by the command itself, not by what it substitutes in (`--service-id=$(… -list …)`).
  const own = run.replace(/\$\([^()]*(?:\([^()]*\)[^()]*)*\)/g, '');
  const verify = g.verify.some((re) => re.test(own)) || VERIFY_TEXT.test(s.text);
  const action = r.addAction({ kind: 'command', run, user, verify, expect: r.pendingExpect, source: { line } }, line, depth) as CommandAction | null;
  r.pendingExpect = null;
  sec.session = action && g.sessions.some((x) => x.opens.test(run)) ? action : null;
  sec.carry = open && action ? action : null;
}

/** A host a prompt names: the role of the current step, and a host mention (a literal) unless the step is not done. */
function promptHost(r: Reader, host: string, line: number, depth: number): void {
  const s = r.currentStep(line, depth);
  if (!s.role) s.role = promptRole(host);
  if (!s.forbidden && isMachineName(host)) r.hosts.push({ host, line });
}

/** Handles one logical line `it` of block `b`; returns true when the rest of the block is to be skipped. */
async function handleItem(r: Reader, it: LogicalLine, b: CodeBlock): Promise<boolean> {
  const sec = r.sec;
  const g = r.g;
  switch (it.kind) {
    case 'carry': {
      const carry = sec.carry;
      if (carry) {
        carry.run = normalizeRun(`${carry.run} ${it.text}`);
        if (!it.open) sec.carry = null;
      }
      return false;
    }
    case 'command': {
      const run = it.run;
      // A prompt that names the host (`controller# …`): the host is a literal and the step's role.
      if (it.host) promptHost(r, it.host, it.line, b.depth);
      const ed = g.editors?.exec(run);
      if (ed) {
        r.openEditor([ed[1]!], b.depth);
        return false;
      }
      // The editor is closed by the next command: its content is written before that command runs.
      r.flushEditor(b.depth);
      sec.editor = null;
      const su = g.switchUser?.exec(run);
      if (su) {
        const a = r.addAction({ kind: 'command', run, user: 'root', verify: false, expect: null, interactive: true, source: { line: it.line } }, it.line, b.depth);
        if (a) sec.suUser = su[1]!;
        sec.session = null;
        return false;
      }
      const promptUser = it.prompt.user ?? 'root';
      if (promptUser === 'root') sec.suUser = null;
      const user = promptUser === 'user' && sec.suUser ? sec.suUser : promptUser;
      const before = r.pendingExpect;
      addCommand(r, run, user, it.line, b.depth, it.open);
      const step = r.step;
      const added = step?.actions[step.actions.length - 1];
      if (added?.kind === 'command' && added.verify && !before && added.expect === null) added.expect = await expectationOf(step!.text);
      return false;
    }
    case 'sql': {
      if (!sec.session) {
        r.file.message(`Unexpected SQL statement \`${it.run}\` outside a client session, expected a \`mysql -u … -p\` command before it`, { place: { line: it.line, column: 1 }, ruleId: 'sql-without-session', source: 'tejun' });
      }
      const open: CommandAction | null = sec.session;
      const a = r.addAction({ kind: 'sql', run: it.run, session: open?.id ?? '', source: { line: it.line } }, it.line, b.depth);
      if (open && a) open.interactive = true;
      sec.carry = it.open && a ? (a as { run: string }) : null;
      if (EXIT.test(it.run)) sec.session = null;
      return false;
    }
    case 'literal':
    case 'output':
      if (sec.editor) sec.editor.lines.push({ text: it.text, line: it.line });
      return false;
    case 'fence-open':
      return false;
    case 'fence-close':
    case 'skip':
      // The editor's lines end here; a skipped line also ends the listing's reading (true).
      r.flushEditor(b.depth);
      sec.editor = null;
      return it.kind === 'skip';
    case 'annotation':
      if (sec.editor) {
        r.flushEditor(b.depth);
        r.addAction({ kind: 'manual', text: it.text, source: { line: it.line } }, it.line, b.depth);
      } else {
        r.pendingExpect = it.text;
      }
      return false;
    case 'edit':
      r.openEditor(it.files, b.depth);
      if (it.section) sec.section = it.section;
      return false;
    case 'session-end':
      sec.session = null;
      return false;
    case 'note':
      onNote(r, it.text, b.depth);
      return false;
    case 'optional':
      onOptional(r, it.open, it.line, b.depth);
      return false;
  }
}

/**
 * A note to the reader inside a block: inside a file's content it ends the lines before it and
 * may name the INI section of the lines after it (`[filter:authtoken]へ追記`); after a command,
 * a verdict (`~~~★…できること。`) is what the command must give.
 */
function onNote(r: Reader, text: string, depth: number): void {
  const sec = r.sec;
  if (sec.editor) {
    r.flushEditor(depth);
    const hint = noteSectionHint(text, r.g.bare);
    if (hint) sec.section = hint;
    return;
  }
  const last = r.step?.actions[r.step.actions.length - 1];
  if (last?.kind === 'command' && last.expect === null && isVerdict(text, r.g.bare)) last.expect = noteText(text);
}

/** An optional paragraph opens or ends: the actions added in it are marked optional. */
function onOptional(r: Reader, open: boolean, line: number, depth: number): void {
  r.flushEditor(depth);
  if (open) {
    const step = r.currentStep(line, depth);
    r.optionalFrom = { step, count: step.actions.length };
    return;
  }
  const from = r.optionalFrom;
  r.optionalFrom = null;
  if (from) for (const a of from.step.actions.slice(from.count)) a.optional = true;
}

/**
 * The commands a caption line of a listing (`(…エラーが出ていないことを確認)`, code-notes.ts)
 * speaks of: the last run of commands typed one after another, with the output shown below them
 * (a command after output starts a new run; any other note ends it). The caption makes each a
 * check whose expected result it is, unless the command has one already.
 */
class CaptionRun {
  private run: CommandAction[] = [];
  private output = false;

  /** A logical line was read; `command` is the command action it added, if any. */
  item(it: LogicalLine, command: CommandAction | null): void {
    if (command) {
      if (this.output) this.run = [];
      this.output = false;
      this.run.push(command);
    } else if (it.kind === 'output' || it.kind === 'literal') {
      if (it.text.trim()) this.output = this.run.length > 0;
    } else if (it.kind !== 'carry') {
      this.run = [];
      this.output = false;
    }
  }

  /** A caption line with text `text` (its parentheses removed). */
  caption(text: string): void {
    for (const a of this.run) {
      a.verify = true;
      a.expect ??= text;
    }
    this.run = [];
    this.output = false;
  }
}
