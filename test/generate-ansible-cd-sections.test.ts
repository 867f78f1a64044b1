/**
 * The playbook's shell prelude of `cd`s (src/generate/ansible/handlers/environment.ts): a guide
 * that writes each section's `cd` from the directory its sources were unpacked in (`cd src-1.0`
 * to build, later `cd src-1.0/contrib/a`, `cd src-1.0/contrib/b`) gets each later task in the
 * directory the guide means, not in `src-1.0/src-1.0/contrib/a` (the chain a shell running every
 * `cd` in turn would look for); a file sourced again replaces its earlier `source`; a step without
 * words of its own names its tasks with the procedure's title.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepsToAnsible } from '../src/generate/ansible/steps-to-ansible.js';
import type { Action, StepGraph } from '../src/ir/types.js';

/** One procedure whose steps each run the commands given, in order. */
function graphOf(steps: string[][]): StepGraph {
  let n = 0;
  return {
    schemaVersion: 1,
    source: { path: 'guides/902_build.md', format: 'markdown', dialect: 'generic', sha256: '12'.repeat(32) },
    title: 'ビルド',
    roles: [],
    procedures: [
      {
        id: 'p-1',
        title: 'ソースからのビルド',
        role: null,
        source: { line: 1 },
        steps: steps.map((runs, i) => ({
          id: `s-${i}`,
          text: `手順${i}を実行します。`,
          role: null,
          when: null,
          source: { line: 10 * (i + 1) },
          actions: runs.map((run): Action => ({ id: `a-${(n += 1).toString(16).padStart(8, '0')}`, kind: 'command', run, user: 'root', verify: false, expect: null, source: { line: 10 * (i + 1) + n } })),
        })),
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
}

/** The `cmd` of every shell or command task, in order. */
function commands(graph: StepGraph): string[] {
  const text = stepsToAnsible(graph, { vars: {} }).files.map((f) => f.content).join('\n');
  return [...text.matchAll(/^ {4}cmd: (?:!unsafe )?(.*)$/gm)].map((m) => m[1]!);
}

test('a section cd written from the unpack directory restarts the chain; a cd into a subdirectory of the current one continues it', () => {
  const cmds = commands(
    graphOf([
      ['tar xf src-1.0.tar.gz'],
      ['cd src-1.0', './configure', 'make'],
      ['cd src-1.0/contrib/a', 'make install'],
      ['source env.sh', 'cd src-1.0/contrib/b', 'make install'],
      ['cd sub', 'make check'],
    ]),
  );
  assert.deepEqual(cmds, [
    'tar xf src-1.0.tar.gz',
    'cd src-1.0 && ./configure',
    'cd src-1.0 && make',
    'cd src-1.0/contrib/a && make install',
    // `source` stays; the earlier cd into contrib/a goes.
    'source env.sh && cd src-1.0/contrib/b && make install',
    'source env.sh && cd src-1.0/contrib/b && cd sub && make check',
  ]);
});

test('a section whose first cd continues no directory of the chain starts from the chain\'s top', () => {
  const graph = graphOf([['cd src-1.0', 'make'], ['cd src-1.0/src/sql', 'make install']]);
  const more = graphOf([['cd doc', 'make', 'cd ..', 'cd doc.ja', 'make']]).procedures[0]!;
  graph.procedures.push({ ...more, id: 'p-2', steps: more.steps.map((s) => ({ ...s, id: `${s.id}-b`, actions: s.actions.map((a) => ({ ...a, id: `${a.id}-b` })) })) });
  assert.deepEqual(commands(graph), [
    'cd src-1.0 && make',
    'cd src-1.0/src/sql && make install',
    'cd src-1.0 && cd doc && make',
    'cd src-1.0 && cd doc && cd .. && cd doc.ja && make',
  ]);
});

test('a file sourced again replaces its earlier source in the prelude, unless a cd stands between them', () => {
  assert.deepEqual(commands(graphOf([['source a.sh', 'make'], ['source b.sh', 'source a.sh', 'make install']])), [
    'source a.sh && make',
    'source b.sh && source a.sh && make install',
  ]);
  assert.deepEqual(commands(graphOf([['source a.sh', 'cd d', 'source a.sh', 'make']])), ['source a.sh && cd d && source a.sh && make']);
});

test('a step without words of its own names its tasks with the procedure title', () => {
  const graph = graphOf([['make']]);
  graph.procedures[0]!.steps[0]!.text = '';
  const text = stepsToAnsible(graph, { vars: {} }).files.map((f) => f.content).join('\n');
  assert.match(text, /^- name: (?:!unsafe )?ソースからのビルド \(a-00000001\)$/m);
});
