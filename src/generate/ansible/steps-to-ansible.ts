/**
 * The Ansible generator: a step graph → `${base}/site.yml`, one role per host group under
 * `${base}/roles/` (tasks, handlers, defaults: see roles-layout.ts) and `${base}/inventory.ini`.
 *
 * Pipeline: check bindings → name the conditions (conditions.ts) → give each step its host group
 * (host-groups.ts) and shared settings to every group writing the file (shared-settings.ts) →
 * group steps into plays by group, cluster-wide tasks run_once (cluster-wide.ts) → one or more tasks per action (handlers/, module chosen by modules.ts) → YAML built with the
 * `yaml` package → wrapped by the Handlebars templates in templates/ansible/.
 *
 * Decisions (documented for operators):
 * - SQL typed at a client prompt is fed to the client on `stdin:` of an ansible.builtin.command
 *   task, one task per step and session (a `USE db;` seen earlier in the session is repeated).
 *   A bare `-p`/`--password` (password prompt) is dropped from the client command, since with no
 *   terminal the client would read the first statement as the password: the client must
 *   authenticate without a prompt (MariaDB root unix_socket, or ~/.my.cnf). Chosen over
 *   community.mysql.mysql_query, which needs PyMySQL on the database host.
 * - `su ACCOUNT …` opens no task: commands the guide runs as ACCOUNT get `become_user: ACCOUNT`.
 *   Commands typed at a `$` prompt (`user: user`) get `become: false`.
 * - `source F`, `export A=B` and `cd D` are checked by a task and prefixed (`… &&`) to the later
 *   command/shell tasks of the same play, as the guide's shell session would have them.
 * - Guide text Ansible must not template (names, module arguments without a site value) is
 *   written `!unsafe`; placeholders become `{{ VAR }}`, quoted for where they land, with the
 *   literal Jinja delimiters of the guide text around them escaped (escape/ansible.ts); bound
 *   values are `!unsafe` in group_vars.
 */
import { planCds } from '../shell/cd-plan.js';
import { withAnsibleVariableNames } from './variable-names.js';
import type { StepGraph } from '../../ir/types.js';
import { placeholderIndex } from '../bind.js';
import { bindingErrors } from '../bind-values.js';
import { asUnsafe } from '../escape/ansible.js';
import { sourcedFiles } from '../file-language.js';
import { outputBase } from '../output-base.js';
import { oneLine, renderTemplate } from '../templates.js';
import type { GenerateOptions, GenerateResult, OutputFile } from '../types.js';
import { nameConditions } from './conditions.js';
import { guideName, type Context } from './context.js';
import { groupVarsYaml } from './group-vars.js';
import { inventoryGroups } from './inventory.js';
import { appendSpec } from './modules.js';
import { branchReaders } from '../check-branch-readers.js';
import { buildPlays, unboundAssert } from './plays.js';
import { rolesLayout } from './roles-layout.js';
import { placeSteps } from './shared-settings.js';
import { stepGroups } from './host-groups.js';
import { supersededSettings } from './superseded.js';
import { hasRunOnce, stampsPlay } from './run-once.js';
import { writtenTask } from './written.js';

/** Lines the guide adds to /etc/fstab, in guide order (placeholders in place). */
export function fstabLines(graph: StepGraph): string[] {
  const lines: string[] = [];
  for (const procedure of graph.procedures) {
    for (const step of procedure.steps) {
      for (const action of step.actions) {
        if (action.kind === 'file' && action.file === '/etc/fstab') lines.push(...action.content.split('\n'));
        if (action.kind === 'command') {
          const spec = appendSpec(action.run);
          if (spec && spec.args.path === '/etc/fstab') lines.push(String(spec.args.line));
        }
      }
    }
  }
  return lines;
}

/**
 * Generates the Ansible files for `graph`. Returns no files and the `unbound-placeholder`
 * errors when a placeholder has no value and `allowUnbound` is not set. Each role's
 * defaults/main.yml is 0o600 when it holds a bound secret; the other files 0o644. Deterministic: same input, same
 * bytes. Throws only on a malformed graph (unknown action kind).
 */
export function stepsToAnsible(siteGraph: StepGraph, options: GenerateOptions): GenerateResult {
  const errors = bindingErrors(siteGraph, options);
  if (errors.length > 0) return { files: [], messages: errors };
  // Ansible calls each site variable by its lower-case name (variable-names.ts).
  const graph = withAnsibleVariableNames(siteGraph);
  const ctx: Context = {
    graph,
    guide: guideName(graph),
    conditions: nameConditions(graph),
    sessions: new Map(),
    placeholders: placeholderIndex(graph),
    secretLiterals: graph.literals.filter((l) => l.kind === 'secret').map((l) => l.value),
    names: new Set(),
    nameTexts: new Map(),
    checks: 0,
    useBySession: new Map(),
    base: outputBase(graph),
    sourced: sourcedFiles(graph),
    stamps: new Set(),
    superseded: supersededSettings(placeSteps(graph, stepGroups(graph))),
    fstab: fstabLines(graph),
    messages: [],
    branchReaders: branchReaders(graph),
    cds: planCds(graph),
  };
  const built = buildPlays(ctx);
  const stamps = hasRunOnce(built) ? stampsPlay(ctx).tasks.map(writtenTask) : [];
  const unbound = graph.placeholders.filter((p) => !Object.prototype.hasOwnProperty.call(options.vars, p.name));
  const first = unbound.length > 0 && built.length > 0 ? [writtenTask(unboundAssert(unbound))] : [];
  // Names and guide-only strings are written !unsafe from here on (writtenTask).
  const plays = built.map((p) => ({
    ...p,
    name: typeof p.name === 'string' ? asUnsafe(p.name) : p.name,
    tasks: p.tasks.map(writtenTask),
    ...(p.handlers ? { handlers: p.handlers.map(writtenTask) } : {}),
  }));
  const base = outputBase(graph);
  const header = { guide: oneLine(graph.source.path), sha256: oneLine(graph.source.sha256) };
  const defaults = groupVarsYaml(graph, options, ctx.conditions, ctx.messages);
  const files: OutputFile[] = [
    ...rolesLayout({
      base,
      plays,
      first,
      stamps,
      defaults,
      render: (kind, yaml, role) => renderTemplate(`ansible/${kind}.yml.hbs`, { ...header, yaml, role }),
    }),
    {
      path: `${base}/inventory.ini`,
      content: renderTemplate('ansible/inventory.ini.hbs', {
        ...header,
        groups: inventoryGroups(
          plays.map((p) => p.hosts),
          graph.literals,
        ),
      }),
      mode: 0o644,
    },
  ];
  return { files, messages: ctx.messages };
}
