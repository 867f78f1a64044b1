/**
 * Step graphs for the picture tests (Mermaid, DOT): a fast-check arbitrary whose titles, roles,
 * step texts and conditions are hostile to every picture syntax, and the label text a reader
 * should see for each node.
 */
import fc from 'fast-check';
import type { Action, StepGraph } from '../../src/ir/types.js';
import { conditionLine, truncateLabel } from '../../src/generate/step-lanes.js';

/** Pieces that break naive Mermaid, DOT or Markdown quoting. */
const NASTY = [
  '"', "'", '#', ';', ':', '[', ']', '(', ')', '{', '}', '{{', '}}', '<', '>', '|', '`', '\\', '\\"', '\\n', '\\N', '\\l',
  '%%', '$$', '&', '&amp;', '#quot;', '#35;', '\n', '\r\n', '\t', ' ', 'end', 'subgraph', '-->', '---o', 'style x:#f00;',
  'classDef', 'click', '%%{init: {"theme":"dark"}}%%', '<br/>', '<script>alert(1)</script>', '\u0000', '\u2028', '\u202e',
  '\ud800', '\udfff', '😀', 'あ', '手順', '８．４．', 'a', '1.', '-', '*', '_', '~', '=', '/', 'digraph', '}}"];',
];

/** A string built from {@link NASTY} pieces, or any UTF-16 string (lone surrogates included). */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** A step graph of 1–3 procedures of 1–3 steps with hostile prose and all kinds of marks. */
export const hostileGraph: fc.Arbitrary<StepGraph> = fc
  .record({
    title: hostileString,
    roles: fc.uniqueArray(hostileString, { minLength: 1, maxLength: 3 }),
    procedures: fc.array(
      fc.record({
        title: hostileString,
        roleIndex: fc.nat(3),
        when: fc.option(hostileString, { nil: null }),
        steps: fc.array(
          fc.record({
            text: hostileString,
            roleIndex: fc.option(fc.nat(3), { nil: null }),
            when: fc.option(hostileString, { nil: null }),
            manual: fc.boolean(),
            optional: fc.boolean(),
            forbidden: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ title, roles, procedures }) => {
    const role = (i: number | null) => (i === null || i >= roles.length ? null : roles[i]!);
    let n = 0;
    return {
      schemaVersion: 1,
      source: { path: 'guides/hostile.txt', format: 'text', dialect: 'redhat-text', sha256: '0'.repeat(64) },
      title,
      roles,
      procedures: procedures.map((p, i) => ({
        id: `p-${i}`,
        title: p.title,
        role: role(p.roleIndex),
        when: p.when,
        source: { line: i + 1 },
        steps: p.steps.map((s) => {
          n += 1;
          const action: Action = s.manual
            ? { id: `a-${n}`, kind: 'manual', text: s.text, source: { line: n } }
            : { id: `a-${n}`, kind: 'command', run: 'true', user: 'root', verify: false, expect: null, source: { line: n } };
          return {
            id: `s-${n}`,
            text: s.text,
            role: role(s.roleIndex),
            when: s.when,
            optional: s.optional,
            forbidden: s.forbidden,
            source: { line: n },
            actions: [action],
          };
        }),
      })),
      placeholders: [],
      literals: [],
      missing: [],
      messages: [],
    } satisfies StepGraph;
  });

/** The lines a reader should see on a step's node: the text and, when conditional, the condition. */
export function expectedStepLines(text: string, when: string | null, max = 40): string[] {
  return when ? [truncateLabel(text, max), conditionLine(when, max)] : [truncateLabel(text, max)];
}
