/**
 * A hand-made step graph with a reboot in the middle, shared by the reboot tests of the Ansible
 * generator (test/generate-ansible-reboot.test.ts) and of ansible-playbook on its output
 * (test/tools/ansible-reboot.test.ts).
 */
import type { StepGraph } from '../../src/ir/types.js';

/**
 * A guide of one procedure: a command run once (`uname -a`), the command `reboot` (or another
 * command given: `shutdown -r now`, an `ln -s` for the link test) as action `a-2e583a7a`, and a
 * check after it (`uname -r`); `when` makes the middle step conditional.
 */
export function rebootGraph(reboot = 'reboot', when: string | null = null): StepGraph {
  return {
    schemaVersion: 1,
    source: { path: 'guides/901_reboot.md', format: 'markdown', dialect: 'generic', sha256: 'ef'.repeat(32) },
    title: '再起動',
    roles: ['controller'],
    procedures: [
      {
        id: 'p-1',
        title: 'カーネルの更新',
        role: 'controller',
        source: { line: 1 },
        steps: [
          {
            id: 's-1',
            text: 'パッケージを更新します。',
            role: 'controller',
            when: null,
            source: { line: 3 },
            actions: [{ id: 'a-11111111', kind: 'command', run: 'uname -a', user: 'root', verify: false, expect: null, source: { line: 4 } }],
          },
          {
            id: 's-2',
            text: '設定を反映させるため、ホストを再起動します。',
            role: 'controller',
            when,
            source: { line: 6 },
            actions: [{ id: 'a-2e583a7a', kind: 'command', run: reboot, user: 'root', verify: false, expect: null, source: { line: 7 } }],
          },
          {
            id: 's-3',
            text: '再起動後に確認します。',
            role: 'controller',
            when: null,
            source: { line: 9 },
            actions: [{ id: 'a-33333333', kind: 'command', run: 'uname -r', user: 'root', verify: true, expect: null, source: { line: 10 } }],
          },
        ],
      },
    ],
    placeholders: [],
    literals: [],
  } as unknown as StepGraph;
}

