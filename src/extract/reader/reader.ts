/**
 * The state of reading one guide and the operations every block handler shares: opening
 * procedures and steps, adding actions, writing content to files. One object per guide; the
 * handlers (heading.ts, text.ts, code.ts, boundary.ts) are plain functions over it.
 *
 * A class rather than closures made per guide, so that V8 optimises one set of methods for every
 * guide (closures made anew per call deoptimised their callers at every guide: "wrong call target").
 */
import type { VFile } from 'vfile';
import type { Grammar } from '../../grammar/load-grammar.js';
import type { Action, GuideFormat, Missing } from '../../ir/types.js';
import type { Block } from '../../parse/blocks.js';
import type { Replaceable } from '../../parse/html-to-mdast.js';
import type { ContentLanguage } from '../content-language.js';
import { contentToSettings, type ContentLine } from '../content-to-settings.js';
import { FileMentions } from '../file-mentions.js';
import type { HostMention } from '../literals.js';
import type { PlaceholderFinding } from '../placeholders.js';
import { writesCommandsBare } from '../prompt-style.js';
import { freshSection, type SectionState } from './section.js';
import type { DraftProc, DraftStep, ExtractInput, NewAction } from './types.js';

/** An enclosing heading: its depth, its text, and the host role and condition it states (null when none). */
export interface OpenHeading {
  depth: number;
  text: string;
  role: string | null;
  when: string | null;
}

/**
 * One guide being read: what it has given so far (procedures, placeholder findings, host
 * mentions, missing steps) and the reading context (guide-wide fields here, the section's in
 * {@link Reader.sec}, made fresh at every heading).
 */
export class Reader {
  readonly blocks: Block[];
  readonly g: Grammar;
  readonly format: GuideFormat;
  readonly file: VFile;
  readonly replaceables: Replaceable[];
  /**
   * Provisional ids (`a-1`, `s-2`, …): unique within the guide, used only until assignStableIds
   * gives every procedure, step and action its id from meaning (and rewrites the references to
   * them), so they need no hash.
   */
  provisional = 0;
  readonly procs: DraftProc[] = [];
  readonly findings: PlaceholderFinding[] = [];
  readonly hosts: HostMention[] = [];
  readonly missing: Missing[] = [];
  title = '';

  // Reading context that outlives a section.
  readonly headings: OpenHeading[] = [];
  pendingSection: { title: string; line: number } | null = null;
  proc: DraftProc | null = null;
  step: DraftStep | null = null;
  lastWithActions: DraftStep | null = null;
  introRole: string | null = null;
  /** The guide writes its commands bare (no prompts): see prompt-style.ts. */
  readonly bareGuide: boolean;
  /** The actions of an optional paragraph (`# <オプション>`) start at this index of this step. */
  optionalFrom: { step: DraftStep; count: number } | null = null;
  /** An expectation an annotation gave for the next command (`# 〜が表示されること`). */
  pendingExpect: string | null = null;
  /** The files instructions name, resolved against the full paths named before. */
  readonly mentions: FileMentions;
  /** Files headings name as the file to edit, by heading depth: they hold for the heading's section and subsections. */
  headingFiles: Array<{ depth: number; files: string[] }> = [];
  /** The context of the current section (see section.ts). */
  sec: SectionState = freshSection([]);

  constructor(input: ExtractInput) {
    this.blocks = input.blocks;
    this.g = input.grammar;
    this.format = input.format;
    this.file = input.file;
    this.replaceables = input.replaceables;
    this.mentions = new FileMentions(input.grammar.filePath);
    this.bareGuide = writesCommandsBare(input.blocks, input.grammar);
  }

  /** The open procedure, opened (for the pending section, else the guide's title) when none is. */
  ensureProc(): DraftProc {
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
  provisionalId(prefix: 'p' | 's' | 'a'): string {
    return `${prefix}-${++this.provisional}`;
  }

  /** A new empty step for the text at guide line `line` (list depth `depth`; `item`: a list item). */
  newStep(text: string, line: number, depth: number, item: boolean): DraftStep {
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

  /**
   * Ends the current step. Steps join their procedure when they end, empty or not: a later block
   * may still belong to an enclosing item. Empty steps are dropped (or become manual steps) when
   * the guide is read.
   */
  finishStep(): void {
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
  stepForBlock(): void {
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

  /** The current step, opened (with no text) at `line` when there is none. */
  currentStep(line: number, depth: number): DraftStep {
    if (!this.step) this.step = this.newStep('', line, depth, false);
    return this.step;
  }

  /**
   * Adds an action (given a provisional id) to step `s`; opens the procedure unless `owner` is
   * given (the resolve pass adds manual actions to steps of known procedures).
   */
  addActionTo(s: DraftStep, a: NewAction, owner?: DraftProc): Action {
    // The step's procedure exists from here on (a step's first action opens it).
    if (!owner) this.ensureProc();
    const action = { id: this.provisionalId('a'), ...a } as Action;
    s.actions.push(action);
    this.lastWithActions = s;
    return action;
  }

  /** Adds an action to the current step; null (nothing added) when the step is not to be done. */
  addAction(a: NewAction, line: number, depth: number): Action | null {
    const s = this.currentStep(line, depth);
    if (s.forbidden) return null;
    return this.addActionTo(s, a);
  }

  /** Emits content lines as settings; returns the INI section the content ends in (or `hint`). */
  emitContent(targets: string[], lines: ContentLine[], via: 'edit', depth: number, hint: string | null = this.sec.section, language: ContentLanguage = null): string | null {
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

  /** Writes the open editor's content lines so far (if any is not blank) to its files; the editor stays open. */
  flushEditor(depth: number): void {
    const editor = this.sec.editor;
    if (editor && editor.lines.some((l) => l.text.trim())) this.emitContent(editor.files, editor.lines, 'edit', depth);
    if (editor) editor.lines = [];
  }

  /**
   * Opens an editor on `files`: the content lines after it are theirs. A section an instruction
   * named for another file does not carry over to these.
   */
  openEditor(files: string[], depth: number): void {
    this.flushEditor(depth);
    const sec = this.sec;
    const named = sec.files;
    if (!files.every((f) => named.some((n) => f === n || f.endsWith(`/${n}`)))) sec.section = null;
    sec.editor = { files, lines: [] };
    sec.files = files;
    sec.filesNamedBy = null;
  }

  /** The INI sections the guide has set keys in so far for `files`, in order of first use. */
  sectionsShown(files: string[]): string[] {
    const out: string[] = [];
    for (const st of [...this.procs.flatMap((p) => p.steps), ...(this.step ? [this.step] : [])]) {
      for (const a of st.actions) if (a.kind === 'ini' && files.includes(a.file) && !out.includes(a.section)) out.push(a.section);
    }
    return out;
  }

  /** The ids of the actions a placeholder definition speaks of: the last step's with actions and this step's. */
  near(): string[] {
    return [...(this.lastWithActions?.actions ?? []), ...(this.step?.actions ?? [])].map((a) => a.id);
  }
}
