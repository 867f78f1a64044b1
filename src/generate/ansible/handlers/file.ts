/**
 * The file handler of the playbook: lines the guide adds to a file → lineinfile or blockinfile
 * (`insertbefore` the line the guide names, when it says where: FileAction.insertBefore).
 */
import type { FileAction, Procedure, Step } from '../../../ir/types.js';
import { escapeJinja } from '../../escape/ansible.js';
import { fileLanguage } from '../../file-language.js';
import { anchorPattern } from '../../insert-anchor.js';
import { finish, render, renderPath, taskName, type Context } from '../context.js';
import { fileMode } from '../file-modes.js';
import { rootedPath } from '../paths.js';
import type { Task } from '../types.js';

/**
 * One task adding the guide's lines to a file (created if missing, path under tejun_root): one
 * line → ansible.builtin.lineinfile; several → ansible.builtin.blockinfile with a marker naming
 * the action's stable id (never a guide line: an edit elsewhere in the guide must not make a
 * second block). Site values escaped for the file's language (file-language.ts); `mode` from
 * file-modes.ts.
 */
export function fileTask(ctx: Context, procedure: Procedure, step: Step, action: FileAction): Task {
  const path = renderPath(ctx, action, action.file);
  const language = fileLanguage(action, ctx.sourced);
  const content = render(ctx, action, action.content, language === 'text' ? 'raw' : language);
  const name = taskName(ctx, step.text, action.id);
  const mode = fileMode(ctx, action.file, path.secret || content.secret);
  const task: Task = action.content.includes('\n')
    ? {
        name,
        'ansible.builtin.blockinfile': {
          path: rootedPath(path.text),
          block: content.text,
          marker: escapeJinja(`# {mark} tejun ${action.id}`),
          create: true,
          mode,
        },
      }
    : { name, 'ansible.builtin.lineinfile': { path: rootedPath(path.text), line: content.text, create: true, mode } };
  // Before the anchor line: lineinfile's first match; blockinfile has no firstmatch (ansible-core
  // 2.14) and takes the last line that matches.
  const line = task['ansible.builtin.lineinfile'] as Record<string, unknown> | undefined;
  const block = task['ansible.builtin.blockinfile'] as Record<string, unknown> | undefined;
  if (action.insertBefore) Object.assign(line ?? block ?? {}, { insertbefore: anchorPattern(action.insertBefore.words), ...(line ? { firstmatch: true } : {}) });
  return finish(ctx, task, procedure, step, action, { secret: path.secret || content.secret, tag: 'config' });
}
