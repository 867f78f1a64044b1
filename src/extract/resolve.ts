/**
 * The resolve pass, after the whole guide is read: sectionless settings snippets become INI
 * actions, empty steps become manual steps or are dropped, procedures get their roles and
 * conditions, placeholders are gathered and merged, every id is made stable (from meaning), and
 * the literals (host names, addresses, …) are found.
 */
import type { Action, Procedure, Step } from '../ir/types.js';
import { asksReader, conditionOf, conditionWithoutTokens, isManualInstruction, isSecretName, obtainRequest, loadLexicon, roleOf, roleWithoutTokens } from '../nlp/japanese.js';
import { markCheckBranches } from './check-branches.js';
import { withAlternative } from './alternative-block.js';
import { assignStableIds } from './ids.js';
import { anchorStepFiles } from './insert-anchor.js';
import { findLiterals } from './literals.js';
import { findNamePlaceholders } from './name-placeholders.js';
import { findUsedPlaceholders, mergePlaceholders } from './placeholders.js';
import { findSiteVariables } from './site-values.js';
import type { Reader } from './reader/reader.js';
import type { Extracted } from './reader/types.js';
import { settingsFileToIni } from './settings-files.js';
import { editedIniFiles, iniFiles, sectionlessToIni } from './sectionless-ini.js';

/**
 * Sectionless `key=value` snippets for files the guide edits as INI: `[DEFAULT]` keys; for a
 * settings file without sections (grammar `settingsFiles`): keys in the section it implies. The
 * file actions are replaced in place (new provisional ids; placeholder scopes follow them).
 */
function settingsToIni(r: Reader): void {
  const procs = r.procs;
  const findings = r.findings;
  const knownIni = iniFiles(procs.flatMap((p) => p.steps.flatMap((s) => s.actions)));
  const editedIni = editedIniFiles(procs.flatMap((p) => p.steps.flatMap((s) => s.actions)));
  for (const p of procs) {
    for (const st of p.steps) {
      // Only a file action can become INI actions: a step without one keeps its actions as they are.
      if (!st.actions.some((a) => a.kind === 'file')) continue;
      st.actions = st.actions.flatMap((a) => {
        const drafts = a.kind === 'file' ? (sectionlessToIni(a, knownIni, editedIni) ?? settingsFileToIni(a, r.g.settingsFiles)) : null;
        if (!drafts) return [a];
        const made = drafts.map((d) => ({ id: r.provisionalId('a'), ...d }) as Action);
        for (const f of findings) if (f.scope?.includes(a.id)) f.scope = f.scope.flatMap((id) => (id === a.id ? made.map((m) => m.id) : [id]));
        return made;
      });
    }
  }
}

/** Procedures: roles and conditions resolved, empty steps made manual or dropped, empty procedures dropped. */
async function resolveProcedures(r: Reader): Promise<Procedure[]> {
  const procedures: Procedure[] = [];
  for (const p of r.procs) {
    // Empty steps: a step the operator does by hand (テキストエディターで…を開きます) becomes a manual
    // action; notes, lost blocks and other prose are dropped.
    for (const st of p.steps) {
      // An item that runs an earlier command again, inline, with no listing of its own.
      if (st.actions.length === 0 && st.repeats && !st.forbidden) r.addActionTo(st, st.repeats, p);
      if (st.actions.length === 0 && !st.lost && !st.forbidden && !st.note && st.text && (st.item || asksReader(st.text)) && (await isManualInstruction(st.text))) {
        r.addActionTo(st, { kind: 'manual', text: st.text, source: { line: st.line } }, p);
      }
      // A request to get what the listing's commands use ("…ファイルを入手してください。…展開します。"
      // then `tar xf …`): done by hand before them.
      const obtain = st.actions.length > 0 && !st.forbidden && st.text ? await obtainRequest(st.text) : null;
      if (obtain) {
        r.addActionTo(st, { kind: 'manual', text: obtain, source: { line: st.line } }, p);
        st.actions.unshift(st.actions.pop()!);
      }
    }
    for (const st of p.steps) anchorStepFiles(st);
    p.steps = p.steps.filter((st) => st.actions.length > 0 || st.forbidden);
    if (p.steps.length === 0) continue;
    for (const st of p.steps) st.id = r.provisionalId('s');
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
  return procedures;
}

/**
 * Resolves what reader `r` read (after readBlocks) into the extracted part of the step graph:
 * procedures, placeholders, literals, roles (in order of first use), missing steps.
 */
export async function resolve(r: Reader): Promise<Extracted> {
  const title = r.title;
  const findings = r.findings;
  settingsToIni(r);
  const procedures = await resolveProcedures(r);
  markCheckBranches(procedures, loadLexicon());
  const actions = procedures.flatMap((p) => p.steps.flatMap((s) => s.actions));
  for (const rep of r.replaceables) findings.push({ name: rep.name, description: null, line: rep.line, scope: null });
  findings.push(...findUsedPlaceholders(actions), ...findNamePlaceholders(actions, r.g));
  const placeholders = mergePlaceholders(findings, actions, isSecretName);
  // Provisional ids (unique, used for placeholder scopes) become ids derived from meaning only.
  assignStableIds(procedures, placeholders);
  const literals = findLiterals(actions, r.hosts, new Set(placeholders.map((p) => p.name)));
  const { variables, decisions: variableDecisions } = findSiteVariables(procedures, placeholders, literals, r.hosts);
  const roles: string[] = [];
  for (const p of procedures) for (const s of p.steps) if (s.role && !roles.includes(s.role)) roles.push(s.role);
  return { title, roles, procedures, placeholders, literals, variables, variableDecisions, missing: r.missing };
}
