/**
 * Reading a paragraph or list item: placeholder definitions, the files and INI section an
 * instruction names, host tags, roles and conditions, settings given in prose; a list item (or a
 * top-level paragraph, or text after a step that has its actions) opens a step, other text adds to
 * the open one.
 */
import type { CommandAction, IniAction } from '../../ir/types.js';
import {
  conditionOf,
  conditionWithoutTokens,
  expectationOf,
  hostScopeRoleOf,
  insertAnchorOf,
  introRoleOf,
  introRoleWithoutTokens,
  loadLexicon,
  mayDefinePlaceholders,
  modalityOf,
  modalityWithoutTokens,
  placeholderDefinitions,
  roleOf,
  roleWithoutTokens,
} from '../../nlp/japanese.js';
import type { TextBlock } from '../../parse/blocks.js';
import { alternativeMarker, alternativeWhen } from '../alternative-block.js';
import { sectionHintOf } from '../content-to-settings.js';
import { endsFileContext, instructionFiles } from '../instruction-files.js';
import { markupConditionChanges, markupWhen, stepCondition } from '../markup-conditions.js';
import { placeAnchor } from '../insert-anchor.js';
import { hasToken } from '../placeholders.js';
import { proseSettings, siblingPlace } from '../prose-settings.js';
import { hostRole } from '../roles.js';
import { isSectionSkip, sectionWhen } from '../section-condition.js';
import { repeatedCommand } from '../repeated-command.js';
import { proseSection } from '../section-mentions.js';
import { ADD_VERB, EDIT_VERB } from './patterns.js';
import type { Reader } from './reader.js';

const REPLACE_INTRO = /以下(?:の値)?を置き換え/u;
const INLINE_SETTING = /(?:adding|追加して|add)\s+([A-Za-z_][\w.-]*)\s*=\s*([^\s,]+)/u;
const NOTE_MARKER = /^(?:\(?補足\)?|注記|注意|参考|備考|Note)\s*[:：]?\s*$/iu;
const DEF_ITEM = /^([A-Z][A-Z0-9_]*|\/[\w./-]+)\s*[:：]\s*(.+)$/u;
/**
 * A paragraph that is one placeholder-shaped name (`accessValue`, `IMAGE_FILE`): the term of a
 * definition list a PDF conversion split into paragraphs (003:1716 `accessValue`, then its
 * description); a term only when a command of the procedure so far holds the name.
 */
const LONE_TERM = /^([a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Z0-9]*_[A-Z0-9_]+)$/u;
/**
 * A definition-list term a scraped page glued onto the end of the paragraph before it
 * (`…場合があります。 openstack-nova-cert`, 001:360): a lone package or service name after a
 * Japanese full stop. The list item after it is the term's description.
 */
const GLUED_TERM = /。\s*[a-z][\w.+-]*[a-z0-9]$/u;

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

/**
 * Reads text block `b` (a paragraph or list item of any format; `b.raw` the text with its markup
 * placeholders) into `r`.
 */
export async function readText(r: Reader, b: TextBlock): Promise<void> {
  const g = r.g;
  const sec = r.sec;
  const findings = r.findings;
  sec.contentBefore = null;
  // The description of a definition-list term (what a package or service is): never a step of
  // its own, whatever it says (001:366 "Nova ネットワーキングサービス。…起動してはならない…").
  const definition = sec.termBefore && b.item;
  sec.termBefore = GLUED_TERM.test(b.text.trim());
  // Placeholder definitions, with the actions they speak of (this step's and the last step's).
  // (The nlp checks are asked synchronously first: no await for the many texts they rule out.)
  const raw = b.raw ?? b.text;
  if (mayDefinePlaceholders(raw)) for (const d of await placeholderDefinitions(raw)) findings.push({ name: d.name, description: d.description, line: b.line, scope: r.near() });
  // The description after a lone term paragraph.
  const loneTerm = sec.loneTerm;
  if (loneTerm && !b.item && !findings.some((f) => f.name === loneTerm.name && f.description)) {
    findings.push({ name: loneTerm.name, description: b.text.trim(), line: loneTerm.line, scope: loneTerm.scope });
  }
  sec.loneTerm = null;
  const lone = b.item ? null : LONE_TERM.exec(b.text.trim());
  // The procedure's actions so far, gathered only for a lone term (a scan per block was quadratic in a long procedure).
  const recent = lone ? [...(r.proc?.steps ?? []).flatMap((x) => x.actions), ...(r.step?.actions ?? [])] : [];
  const holder = lone ? recent.find((a) => a.kind === 'command' && a.run.split(/\s+/u).slice(1).some((w) => hasToken(w, lone[1]!))) : undefined;
  if (lone && holder) sec.loneTerm = { name: lone[1]!, line: b.line, scope: r.near() };
  const item = sec.replaceIntro ? DEF_ITEM.exec(b.text) : null;
  if (item && !findings.some((f) => f.line === b.line && f.name === item[1])) {
    findings.push({ name: item[1]!, description: item[2]!.trim(), line: b.line, scope: r.near() });
  }
  sec.replaceIntro = REPLACE_INTRO.test(b.text) || (sec.replaceIntro && Boolean(item));

  // Files and INI sections an instruction names.
  const paths = r.mentions.read(b.text);
  if (paths.length) {
    sec.files = instructionFiles(b.text, paths, EDIT_VERB);
    sec.filesNamedBy = { depth: b.depth, item: b.item };
    sec.filesFresh = true;
    sec.addInstruction = ADD_VERB.test(b.text);
    sec.section = sectionHintOf(b.text) ?? (/セクション|section/iu.test(b.text) ? proseSection(b.text, r.sectionsShown(paths)) : null);
    sec.filesAside = null;
  } else if (sec.files.length && endsFileContext(b.text, b.depth, b.item, EDIT_VERB, sec.filesNamedBy)) {
    // The next step of the list that named the files: set aside for a later "同じ場所に追加".
    sec.filesAside = b.item && sec.filesNamedBy ? { files: sec.files, namedBy: sec.filesNamedBy } : null;
    sec.files = [];
    sec.filesNamedBy = null;
    sec.filesFresh = false;
    sec.addInstruction = false;
    sec.section = null;
  } else {
    // A later item that says to add or edit and names no file speaks of the file named last.
    const aside = sec.filesAside;
    if (aside && b.item && sec.files.length === 0 && EDIT_VERB.test(b.text)) {
      sec.files = aside.files;
      sec.filesNamedBy = aside.namedBy;
      sec.filesAside = null;
    }
    const hint = sectionHintOf(b.text);
    if (hint) sec.section = hint;
    if (ADD_VERB.test(b.text)) sec.addInstruction = true;
    sec.filesFresh = sec.files.length > 0 && EDIT_VERB.test(b.text);
  }

  // A setting given in prose ("We recommend adding verbose = True to the [DEFAULT] section in
  // /etc/neutron/neutron.conf"): an optional INI action.
  const inline = INLINE_SETTING.exec(b.text);
  const section = sec.section;
  if (inline && paths.length && section && ADD_VERB.test(b.text)) {
    const s = r.currentStep(b.line, b.depth);
    for (const target of paths) {
      if (s.forbidden) break;
      r.addActionTo(s, { kind: 'ini', file: target, section, key: inline[1]!, value: inline[2]!, via: 'edit', optional: true, source: { line: b.line } });
    }
  }

  // Host tags (`[対象: controller01]`).
  const tag = g.hostTag?.exec(b.text);
  const tagHost = tag?.[1] ?? null;
  if (tagHost) {
    r.hosts.push({ host: tagHost, line: b.line });
    sec.tagRole = hostRole(tagHost);
  }
  const text = g.hostTag ? b.text.replace(g.hostTag, '').trim() : b.text;

  if (b.depth === 0 && !b.item) {
    const role = introRoleWithoutTokens(text) === null ? null : await introRoleOf(text);
    if (role) {
      r.introRole = role;
      if (r.proc && r.proc.steps.length === 0) r.proc.contextRole = role;
    }
  }
  if (b.item) sec.conditions = sec.conditions.filter((c) => c.depth < b.depth);
  if (b.item && sec.noteDepth !== null && b.depth <= sec.noteDepth) sec.noteDepth = null;
  const isNoteMarker = b.item && NOTE_MARKER.test(text);

  // Sentences that describe placeholders (…に置き換えます) are not instructions: no condition in them.
  const instruction = withoutPlaceholderSentences(text);
  const read = instruction && conditionWithoutTokens(instruction) === undefined ? await conditionOf(instruction) : null;
  // A scope that says which hosts the step runs on ("…をホストする各システムで") is its role, not a condition.
  const scopeRole = read ? await hostScopeRoleOf(read) : null;
  const cond = scopeRole ? null : read;
  if (b.item) sec.roles = sec.roles.filter((c) => c.depth < b.depth);
  // A list item starts a step; so does a top-level paragraph (a lead-in to the block after it)
  // and any text after a step that already has its actions. Text inside an item adds to it.
  const sectionNeed = sectionCondition(r, text, cond, b);
  const marker = alternativeMarker(text, loadLexicon());
  const current = r.step;
  const lastBefore = r.lastWithActions;
  const startNew = b.item || !current || current.actions.length > 0 || current.lost || (b.depth === 0 && !current.item) || markupConditionChanges(current.markupWhen, b);
  if (startNew) {
    r.finishStep();
    const step = r.newStep(text, b.line, b.depth, b.item);
    r.step = step;
    step.note = isNoteMarker || definition || (sec.noteDepth !== null && b.depth > sec.noteDepth);
    if (isNoteMarker) sec.noteDepth = b.depth;
    const inheritedRole = [...sec.roles].reverse().find((c) => c.depth < b.depth)?.role ?? null;
    step.role = sec.tagRole ?? scopeRole ?? (b.item && roleWithoutTokens(text) === undefined ? await roleOf(text) : null) ?? inheritedRole;
    const inherited = [...sec.conditions].reverse().find((c) => c.depth < b.depth || (c.depth === b.depth && !b.item));
    step.markupWhen = markupWhen(b);
    step.when = stepCondition(step.markupWhen, sectionNeed ?? cond ?? inherited?.when ?? null);
    const mod = definition ? { optional: false, forbidden: false, discouraged: false } : (modalityWithoutTokens(text) ?? (await modalityOf(text)));
    step.optional = mod.optional;
    step.forbidden = mod.forbidden;
    // Discouraged (実行しないことを推奨): kept, but only ever run under a condition; unless the text
    // names the hosts it runs on (a scope role): then the advice is about the other hosts (001:354
    // "…をホストする各システムで…、すべてのコンピュートノードでは実行しないことを推奨").
    if (mod.discouraged && !step.when && !scopeRole) step.when = text;
    const before = r.lastWithActions?.actions.at(-1);
    if (marker && (before?.kind === 'command' || before?.kind === 'sql')) step.alternative = alternativeWhen(marker, before.run, loadLexicon());
  } else {
    const s = current;
    s.text = s.text ? `${s.text} ${text}` : text;
    if (cond && !s.when) s.when = cond;
    // A paragraph after the list (not inside the item) that says the block after it is not to
    // be done (a notation example, 【設定ファイルの記述例】).
    if (b.depth < s.depth && !s.forbidden && (modalityWithoutTokens(text) ?? (await modalityOf(text))).forbidden) s.forbidden = true;
    if (sec.tagRole && !s.role) s.role = sec.tagRole;
    if (scopeRole && !s.role) s.role = scopeRole;
  }
  if (scopeRole && !b.item && b.depth > 0) sec.roles.push({ depth: b.depth, role: scopeRole });
  if (cond && !b.item && b.depth > 0) sec.conditions.push({ depth: b.depth, when: cond });
  // A sentence placing added lines before another line.
  const anchor = r.step ? insertAnchorOf(text) : null;
  if (anchor && r.step) placeAnchor(anchor, r.step, b.item, startNew ? lastBefore : r.step);
  addProseSettings(r, b);
  if (b.item && b.code) await addRepeatedCommand(r, b.code, b.line);
}

/**
 * A command an item's inline code runs again ({@link repeatedCommand}): kept on the item's step,
 * and its action if the step gets no listing of its own (the resolve pass decides).
 */
async function addRepeatedCommand(r: Reader, code: string[], line: number): Promise<void> {
  const step = r.step;
  if (!step || step.forbidden || step.actions.length > 0) return;
  const earlier = [...r.procs.flatMap((p) => p.steps)].flatMap((st) => st.actions.filter((a): a is CommandAction => a.kind === 'command'));
  const again = repeatedCommand(code, earlier);
  if (!again) return;
  const expect = again.verify ? await expectationOf(step.text) : null;
  step.repeats = { kind: 'command', run: again.run, user: again.user, verify: again.verify, expect, source: { line } };
}
/** Settings the text changes in prose ({@link proseSettings}), in the file named, else beside their sibling keys. */
function addProseSettings(r: Reader, b: TextBlock): void {
  const changes = b.text.includes('=') ? proseSettings(b.text, loadLexicon()) : [];
  if (changes.length === 0 || !r.step || r.step.forbidden) return;
  const shown = [...r.procs.flatMap((p) => p.steps), r.step].flatMap((st) => st.actions.filter((a): a is IniAction => a.kind === 'ini'));
  const sec = r.sec;
  for (const { key, value } of changes) {
    const place = sec.files.length === 1 && sec.section ? { file: sec.files[0]!, section: sec.section } : siblingPlace(key, shown);
    if (place) r.addActionTo(r.step, { kind: 'ini', file: place.file, section: place.section, key, value, via: 'edit', source: { line: b.line } });
  }
}

/**
 * A leading paragraph of a section (no action in it yet) that says the section may be skipped,
 * or states the case it is needed in after such a paragraph: the condition of every step of
 * the section (the enclosing heading's condition).
 * @returns the section's condition when this paragraph states the case it is needed in (its
 *   step's condition too), else null.
 */
function sectionCondition(r: Reader, text: string, cond: string | null, b: TextBlock): string | null {
  if (b.depth !== 0 || b.item) return null;
  if ((r.proc?.steps ?? []).some((s) => s.actions.length > 0) || (r.step?.actions.length ?? 0) > 0) return null;
  const sec = r.sec;
  let when: string | null = null;
  if (isSectionSkip(text, loadLexicon())) {
    sec.sectionSkip = text;
    when = sectionWhen(text, null);
  } else if (sec.sectionSkip && cond) when = sectionWhen(sec.sectionSkip, cond);
  if (!when) return null;
  const top = r.headings[r.headings.length - 1];
  if (top) top.when = when;
  if (r.proc) r.proc.headingWhen = when;
  return sec.sectionSkip === text ? null : when;
}

