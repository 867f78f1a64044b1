/**
 * The checklist generator: a step graph → `${base}.md`, a GitHub-flavoured Markdown checklist
 * an operator ticks off by hand.
 *
 * Layout: `# <title>`, the guide, `## 手順の流れ` with the Mermaid picture of the step graph
 * (steps-to-mermaid.ts) in a ```mermaid fence, the values to supply, then per procedure `## <title>` with its role and
 * guide line, each step a task item `- [ ] <text> (guide:line)` with its condition and marks,
 * and under it fenced blocks with its commands, SQL, INI settings and file lines (values bound,
 * secrets `********` unless showSecrets). Manual actions are task items of their own. All prose
 * is escaped (markdown.ts); all code is fenced with a fence longer than any backtick run in it.
 */
import type { Action, Placeholder, Procedure, Step, StepGraph } from '../ir/types.js';
import { placeholderIndex, splitByPlaceholders } from './bind.js';
import { bindingErrors } from './bind-values.js';
import type { GenerateOptions, GenerateResult } from './types.js';
import { renderTemplate } from './templates.js';
import { codeFence, escapeMarkdown } from './markdown.js';
import { stepsToMermaid } from './steps-to-mermaid.js';
import { outputBase } from './output-base.js';
import { trimTrailing } from '../nlp/text.js';
import { inUrlUserinfo, urlUserinfo } from './escape/url.js';

/** What a secret is shown as unless showSecrets. */
export const MASK = '********';

/** Indentation of content under a `- [ ] ` list item. */
const ITEM_INDENT = '  ';

/** What binding needs: the graph, options and the secret literal values of the guide. */
interface Binder {
  graph: StepGraph;
  options: GenerateOptions;
  secretLiterals: string[];
  /** The placeholders that apply to an action (bind.ts's placeholderIndex of the graph). */
  placeholders: (action: Action) => Placeholder[];
  /** Guide line → its escaped `(guide:line)` reference, filled by {@link at}. */
  at: Map<number, string>;
}

/** The text shown for one placeholder: its value (or MASK for a secret), or its name if unbound. */
function shownValue(b: Binder, p: Placeholder): string {
  if (!Object.prototype.hasOwnProperty.call(b.options.vars, p.name)) return p.name;
  if (p.secret && !b.options.showSecrets) return MASK;
  return b.options.vars[p.name]!;
}

/** Masks the guide's secret literals in literal text unless showSecrets. */
function maskLiterals(b: Binder, text: string): string {
  if (b.options.showSecrets) return text;
  return b.secretLiterals.reduce((t, secret) => (secret ? t.split(secret).join(MASK) : t), text);
}

/**
 * `text` of `action` with its placeholders replaced by their shown values (see
 * {@link shownValue}) and secret literals masked.
 */
export function bindText(b: Binder, action: Action, text: string): string {
  const segments = splitByPlaceholders(text, b.placeholders(action));
  // A bound value in a URL's userinfo (`mysql://nova:PASS@host/`) is percent-encoded as the
  // runbooks write it (escape/url.ts), so `@ / : # ?` in a password cannot end the userinfo.
  const probe = segments.map((s) => ('text' in s ? s.text : 'X')).join('');
  let at = 0;
  return segments
    .map((s) => {
      if ('text' in s) {
        at += s.text.length;
        return maskLiterals(b, s.text);
      }
      const shown = shownValue(b, s.placeholder);
      const url = shown !== s.placeholder.name && shown !== MASK && inUrlUserinfo(probe.slice(Math.max(0, at - 512), at), probe.slice(at + 1, at + 513));
      at += 1;
      return url ? urlUserinfo(shown) : shown;
    })
    .join('');
}

/** `(guide:line)` for prose, escaped; computed once per line of one generation (see Binder.at). */
function at(b: Binder, line: number): string {
  let text = b.at.get(line);
  if (text === undefined) {
    const file = b.graph.source.path.split(/[\\/]/).pop() ?? b.graph.source.path;
    text = escapeMarkdown(`(${file}:${line})`);
    b.at.set(line, text);
  }
  return text;
}

/** One block of consecutive actions of one kind, shown as one fence. */
function blocks(b: Binder, step: Step): string[] {
  const out: string[] = [];
  const actions = step.actions;
  for (let i = 0; i < actions.length; i += 1) {
    const action = actions[i]!;
    const notes: string[] = [];
    if (action.when) notes.push(`条件: ${escapeMarkdown(action.when)}`);
    if (action.optional) notes.push('〔オプション〕');
    const note = notes.length > 0 ? `${ITEM_INDENT}${notes.join(' ')}\n\n` : '';
    const same = (next: Action | undefined): boolean =>
      next !== undefined && !next.when && !next.optional && !action.when && !action.optional && next.kind === action.kind;
    switch (action.kind) {
      case 'command':
      case 'sql': {
        const run = [action];
        while (same(actions[i + 1]) && (actions[i + 1] as Action).kind === action.kind) run.push(actions[++i]! as typeof action);
        const users = run.flatMap((a) => (a.kind === 'command' && a.user !== 'root' ? [a.user] : []));
        const who = users.length > 0 ? `${ITEM_INDENT}実行ユーザー: ${escapeMarkdown([...new Set(users)].join(', '))}\n\n` : '';
        const expects = run.flatMap((a) => (a.kind === 'command' && a.expect ? [a.expect] : []));
        const expect = expects.map((e) => `${ITEM_INDENT}期待される結果: ${escapeMarkdown(e)}\n`).join('\n');
        const code = run.map((a) => bindText(b, a, a.run)).join('\n');
        out.push(note + who + codeFence(code, action.kind === 'sql' ? 'sql' : 'bash', ITEM_INDENT) + (expect ? `\n${expect}` : ''));
        break;
      }
      case 'ini': {
        const run = [action];
        while (same(actions[i + 1]) && (actions[i + 1] as Action).kind === 'ini' && (actions[i + 1] as typeof action).file === action.file) {
          run.push(actions[++i]! as typeof action);
        }
        const lines: string[] = [];
        let section: string | null = null;
        for (const a of run) {
          const s = bindText(b, a, a.section);
          // A file without sections (section "") has its keys before any `[…]` line.
          if (s !== section && s !== '') lines.push(`[${s}]`);
          section = s;
          lines.push(`${bindText(b, a, a.key)} = ${bindText(b, a, a.value)}`);
        }
        out.push(
          `${note}${ITEM_INDENT}ファイル ${escapeMarkdown(bindText(b, action, action.file))} に設定:\n\n${codeFence(lines.join('\n'), 'ini', ITEM_INDENT)}`,
        );
        break;
      }
      case 'file':
        out.push(
          `${note}${ITEM_INDENT}ファイル ${escapeMarkdown(bindText(b, action, action.file))} に追記:\n\n${codeFence(bindText(b, action, action.content), 'text', ITEM_INDENT)}`,
        );
        break;
      case 'manual':
        if (actions.length === 1 && !note && action.text.replace(/\s+/g, ' ').trim() === step.text.replace(/\s+/g, ' ').trim()) {
          break;
        }
        out.push(`${note}${ITEM_INDENT}- [ ] ${escapeMarkdown(bindText(b, action, action.text))} ${at(b, action.source.line)}\n`);
        break;
      default:
        throw new Error(`unknown action kind ${String((action satisfies never as Action).kind)}`);
    }
  }
  return out;
}

/** The Markdown of one step: its task item line and the blocks under it. */
function stepMarkdown(b: Binder, step: Step): string {
  const marks = [step.forbidden ? '〔実行しないこと〕' : '', step.optional ? '〔オプション〕' : ''].join('');
  const when = step.when ? ` — 条件: ${escapeMarkdown(step.when)}` : '';
  const line = `${marks}${escapeMarkdown(step.text)} ${at(b, step.source.line)}${when}`;
  if (step.forbidden) return `- ${line}\n`;
  const body = blocks(b, step);
  return `- [ ] ${line}\n${body.map((x) => `\n${x}`).join('')}`;
}

/** Characters {@link headingText} cuts from the end of a title. */
const HEADING_END = /[\s.,;:!。，；：！]/u;

/**
 * A procedure title as a heading's text: trailing punctuation (`:`, `。`, …; "To configure
 * networking:" in guide 003) dropped, as headings do not end in punctuation (markdownlint MD026).
 * A title that is only punctuation is kept as it is.
 */
export function headingText(title: string): string {
  return trimTrailing(title, HEADING_END) || title;
}

/** The Markdown of one procedure: heading, role and condition, and its steps. */
function procedureMarkdown(b: Binder, procedure: Procedure): { heading: string; meta: string; steps: string } {
  const meta = [
    `役割: ${escapeMarkdown(procedure.role ?? '未指定')}`,
    at(b, procedure.source.line),
    ...(procedure.when ? [`条件: ${escapeMarkdown(procedure.when)}`] : []),
  ].join(' · ');
  return {
    heading: `## ${escapeMarkdown(headingText(procedure.title))}`,
    meta,
    steps: procedure.steps.map((s) => stepMarkdown(b, s)).join('\n'),
  };
}

/**
 * Generates the checklist for `graph`: one file `${base}.md`. Returns no files and the
 * `unbound-placeholder` errors when a placeholder has no value and `allowUnbound` is not set
 * (unbound placeholders are then shown by name). Mode 0o600 when showSecrets and a secret is
 * bound, else 0o644. Deterministic. Throws only on a malformed graph (unknown action kind).
 */
export function stepsToChecklist(graph: StepGraph, options: GenerateOptions): GenerateResult {
  const errors = bindingErrors(graph, options);
  if (errors.length > 0) return { files: [], messages: errors };
  const b: Binder = {
    graph,
    options,
    secretLiterals: graph.literals.filter((l) => l.kind === 'secret').map((l) => l.value),
    placeholders: placeholderIndex(graph),
    at: new Map(),
  };
  // The same safe base name as the bash and Ansible outputs (no `/`, `..`, line break, `{{`, `$`).
  const base = outputBase(graph);
  const values = graph.placeholders.map((p) => {
    const bound = Object.prototype.hasOwnProperty.call(options.vars, p.name);
    const shown = bound ? escapeMarkdown(shownValue(b, p)) : '（未設定: 実行時に指定）';
    const description = p.description ? ` — ${escapeMarkdown(p.description)}` : '';
    return `- ${escapeMarkdown(p.name)}${description} ${at(b, p.source.line)}: ${shown}`;
  });
  const rendered = renderTemplate('checklist/checklist.md.hbs', {
    title: `# ${escapeMarkdown(graph.title)}`,
    guide: escapeMarkdown(graph.source.path),
    sha256: escapeMarkdown(graph.source.sha256),
    picture: codeFence(stepsToMermaid(graph).replace(/\n$/, ''), 'mermaid'),
    values,
    procedures: graph.procedures.map((p) => procedureMarkdown(b, p)),
    missing: graph.missing.map((m) => `- ${escapeMarkdown(m.text)} ${at(b, m.source.line)}`),
  });
  // one final newline, never a blank line at the end (markdownlint MD012/MD047)
  const content = `${rendered.trimEnd()}\n`;
  const holdsSecret = Boolean(options.showSecrets) && graph.placeholders.some((p) => p.secret && Object.prototype.hasOwnProperty.call(options.vars, p.name));
  return { files: [{ path: `${base}.md`, content, mode: holdsSecret ? 0o600 : 0o644 }], messages: [] };
}
