/**
 * The bash generator: a step graph → one runnable, idempotent-where-possible bash runbook
 * (`${base}.sh`), rendered from templates/bash/runbook.sh.hbs.
 *
 * Passes, each a small pure function (one job per file):
 *   1. bindingErrors            unbound placeholders (unless allowUnbound) and values that
 *                               cannot land where the guide uses them → errors (no output)
 *   2. bashContext              (context.ts) placeholder → bash variable (names.ts), sql actions
 *                               grouped by the command that opened their session
 *   3. procedureFunction        (procedure.ts) one bash function per procedure, steps → guarded
 *                               action lines written by one handler per action kind (handlers/)
 *   4. renderBashTemplate       (template.ts) the Handlebars template, helpers and option parsing
 *
 * Everything from the guide (titles, step text, conditions, expectations, commands, its file
 * name) reaches the script only as a comment with control characters folded, or as a shellQuote'd
 * word (escape/bash.ts): a command is a quoted string given to `tejun_run`, which evals it, so no
 * guide text can break the script's structure. Site values are variables: bound ones assigned
 * once at the top with shellQuote, referenced from commands as `"${VAR}"` in the quoting context
 * they occur in (bash/subst.ts); where a value lands in a file another program reads (a file the
 * guide sources, a Python file, a URL's userinfo) it is escaped for that reader at run time.
 */
import type { StepGraph } from '../../ir/types.js';
import { bindingErrors } from '../bind-values.js';
import { shellQuote } from '../escape/bash.js';
import { outputBase } from '../output-base.js';
import { loadLexicon } from '../../nlp/lexicon.js';
import { oneLine } from '../templates.js';
import type { GenerateOptions, GenerateResult } from '../types.js';
import { bashContext, commentText, functionName, q, where, type BashContext } from './context.js';
import { procedureFunction } from './procedure.js';
import { renderBashTemplate } from './template.js';

/**
 * Generates the bash runbook of `graph`: one file `${base}.sh`, executable: mode 0o700 when a
 * bound secret is written into it, else 0o755. Unbound placeholders (unless `options.allowUnbound`) give
 * `unbound-placeholder` errors and no file. Other messages (warnings): `unbalanced-command`
 * (a command ends inside a quote: it will fail when run), `orphan-sql` (a statement whose session
 * command is not in the graph). Pure and deterministic; throws only if the template is missing.
 */
export function stepsToBash(graph: StepGraph, options: GenerateOptions): GenerateResult {
  const errors = bindingErrors(graph, options);
  if (errors.length > 0) return { files: [], messages: errors };
  const ctx = bashContext(graph);
  const procedures = graph.procedures.map((p, i) => procedureFunction(ctx, p, i));
  const content = renderBashTemplate({
    guidePath: graph.source.path,
    guideSha256: graph.source.sha256,
    dialect: graph.source.dialect,
    title: graph.title,
    varLines: variableLines(ctx, options),
    unboundHelp: unboundHelp(ctx, options),
    listLines: listLines(ctx),
    stateDir: q(`/var/lib/tejun/${outputBase(graph)}/steps`),
    roles: knownRoles(graph).map(q),
    stepIds: graph.procedures.flatMap((p) => p.steps.filter((s) => !s.forbidden).map((s) => q(s.id))),
    conditionNames: [...new Set([...ctx.conditions.values()].map((c) => c.name))],
    manualIds: graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.filter((a) => a.kind === 'manual').map((a) => q(a.id)))),
    procedures,
    mainLines: graph.procedures.map((_, i) => functionName(i)),
  });
  const holdsSecret = graph.placeholders.some(
    (p) => p.secret && Object.prototype.hasOwnProperty.call(options.vars, p.name),
  );
  return {
    files: [{ path: `${outputBase(graph)}.sh`, content, mode: holdsSecret ? 0o700 : 0o755 }],
    messages: ctx.messages,
  };
}

/**
 * The roles `--role` accepts, sorted: the host roles of the lexicon (grammars/lexicon.yaml:
 * controller, compute, network, db, storage, all — so one host's role list fits every guide's
 * runbook) and those the guide's procedures and steps name. Anything else is a typo.
 */
function knownRoles(graph: StepGraph): string[] {
  const lexicon = loadLexicon().file;
  const roles = new Set<string>([lexicon.allRole, ...lexicon.roles.map((r) => r.role), ...graph.roles]);
  for (const p of graph.procedures) {
    if (p.role) roles.add(p.role);
    for (const s of p.steps) if (s.role) roles.add(s.role);
  }
  return [...roles].sort();
}

/**
 * The shell-quoted `--list` lines: each procedure (title, role, guide:line), its steps under it
 * (stable id, guide:line, text; the ids `--from` and `--redo` take), then the names `--answers`
 * takes for the conditions and optional steps (with the guide's words) and the manual steps.
 */
function listLines(ctx: BashContext): string[] {
  const lines: string[] = [];
  for (const p of ctx.graph.procedures) {
    lines.push(`${p.title}  [role: ${p.role ?? '-'}]  (${ctx.guide}:${p.source.line})`);
    for (const s of p.steps) if (!s.forbidden) lines.push(`  ${s.id}  ${ctx.guide}:${s.source.line}  ${oneLine(s.text).slice(0, 100)}`);
  }
  if (ctx.conditions.size > 0) {
    lines.push('', 'Conditions and optional steps (--answers FILE: NAME=yes|no):');
    const seen = new Set<string>();
    for (const c of ctx.conditions.values()) {
      if (seen.has(c.name)) continue;
      seen.add(c.name);
      lines.push(`  ${c.name}  ${oneLine(c.words).slice(0, 100)}`);
    }
  }
  const manual = ctx.graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'manual' ? [a] : []))));
  if (manual.length > 0) {
    lines.push('', 'Manual steps (--answers FILE: ID=done|no):');
    for (const a of manual) lines.push(`  ${a.id}  ${ctx.guide}:${a.source.line}  ${oneLine(a.text).slice(0, 100)}`);
  }
  return lines.map(q);
}

/**
 * The assignments (bound values, shellQuote'd) and run-time checks (unbound values, with
 * allowUnbound) of every placeholder, each under a comment giving its name, description, guide
 * line and whether it is secret.
 */
function variableLines(ctx: BashContext, options: GenerateOptions): string[] {
  const lines: string[] = [];
  for (const p of ctx.graph.placeholders) {
    const name = ctx.vars.get(p.name) as string;
    const about = [
      p.name === name ? name : `${name} (${p.name})`,
      p.description ?? '',
      `(${where(ctx, p)})`,
      p.secret ? 'secret' : '',
    ].filter(Boolean);
    lines.push(`# ${commentText(about.join(' '))}`);
    if (Object.prototype.hasOwnProperty.call(options.vars, p.name)) {
      lines.push(`${name}=${shellQuote(options.vars[p.name])}`);
    } else {
      lines.push(`tejun_require ${name} ${q(p.description ?? p.name)} ${q(where(ctx, p))}`);
    }
  }
  return lines.length > 0 ? lines : ['# (this guide has no placeholders)'];
}

/** --help lines (shell-quoted) naming each unbound value's environment variable. */
function unboundHelp(ctx: BashContext, options: GenerateOptions): string[] {
  return ctx.graph.placeholders
    .filter((p) => !Object.prototype.hasOwnProperty.call(options.vars, p.name))
    .map((p) =>
      q(`  ${ctx.vars.get(p.name)}  ${p.name}: ${p.description ?? ''} (${where(ctx, p)})`),
    );
}

