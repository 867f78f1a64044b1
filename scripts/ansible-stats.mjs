#!/usr/bin/env node
/**
 * How much of the generated Ansible is modules, and what ansible-lint says of it, over a corpus
 * of guides (issue 16: shell/command ≤ 25 % of the tasks, each with `creates`, `removes`, a check
 * command or a comment saying why none exists; `ansible-lint --profile production` at zero).
 *
 * For the guides of DIR (default ../shared/guides, else guides/): compiles them together with the
 * built CLI (`tejun compile GUIDE… --target ansible --vars examples/site.yaml --allow-unbound`), counts
 * the tasks of every playbook.yml / tasks file by module (handlers included), counts the
 * shell/command tasks and those of them without a guard (no `creates`/`removes`, no
 * `changed_when: false`, no `when`/`failed_when` on a registered check, and no comment line
 * before the task saying why), then runs `ansible-lint --profile production`
 * on the playbook (unless --no-lint) and counts its findings by rule.
 *
 * Usage: node scripts/ansible-stats.mjs [--no-lint] [--json] [--guides DIR] [--keep DIR]
 * Prints one row per guide and a total line; --json prints the same as JSON. Exit 0 always
 * (numbers are reported, not enforced; test/tools/ansible-stats.test.ts enforces them); 2 when
 * the CLI is not built or a guide does not compile.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'tejun.js');

/** Where tasksOf puts the comment written on the line before a task (its reason). */
export const WHY = Symbol('why');

/** Modules that run a command line. */
export const COMMAND_MODULES = new Set(['ansible.builtin.command', 'ansible.builtin.shell', 'ansible.builtin.raw', 'ansible.builtin.script']);

/**
 * The task lists of a parsed playbook or tasks file: a play's `pre_tasks`, `tasks`,
 * `post_tasks` and `handlers`, a list of tasks (a role's tasks/main.yml), with `block`,
 * `rescue` and `always` flattened. Shape: unknown → task objects.
 */
export function tasksOf(doc) {
  const out = [];
  const visit = (list) => {
    for (const t of Array.isArray(list) ? list : []) {
      if (!t || typeof t !== 'object') continue;
      if (t.block || t.rescue || t.always) {
        visit(t.block);
        visit(t.rescue);
        visit(t.always);
      } else out.push(t);
    }
  };
  for (const item of Array.isArray(doc) ? doc : []) {
    if (item && typeof item === 'object' && 'hosts' in item) {
      for (const key of ['pre_tasks', 'tasks', 'post_tasks', 'handlers']) visit(item[key]);
    } else visit([item]);
  }
  return out;
}

/** The module key of a task (the first key with a dot, or a known short name), or null. */
export function moduleOf(task) {
  return Object.keys(task).find((k) => k.includes('.')) ?? null;
}

/**
 * True when a command/shell task says when it has nothing to do: `creates` or `removes` in its
 * arguments, `changed_when: false` (a check that changes nothing), a `when` or `changed_when`
 * reading a registered result (a check command ran before it), or a comment line before the task
 * (the generator's reason: nothing can observe the state, so a run-once stamp guards it; a
 * stamp's `creates` alone does not count).
 */
export function isGuarded(task) {
  if (typeof task[WHY] === 'string' && task[WHY].length > 0) return true;
  const args = task[moduleOf(task)];
  // A run-once stamp under /var/lib/tejun/ is no observation of the host: it needs the reason above.
  const stamp = args && typeof args === 'object' && typeof args.creates === 'string' && args.creates.includes('/var/lib/tejun/');
  if (args && typeof args === 'object' && !stamp && ('creates' in args || 'removes' in args)) return true;
  if (task.changed_when === false) return true;
  const exprs = [task.when, task.changed_when, task.failed_when].flat().filter((x) => typeof x === 'string');
  return exprs.some((w) => /\btejun_(exists|check)_\w+/.test(w));
}

/**
 * The plain data of a parsed document with the comment written before each mapping (a task's
 * reason, see src/generate/ansible/types.ts's COMMENT) under {@link WHY}.
 */
function withComments(doc) {
  const data = doc.toJS();
  const walk = (node, value) => {
    if (isMap(node)) {
      if (node.commentBefore) value[WHY] = node.commentBefore.trim();
      for (const pair of node.items) if (pair.value && typeof pair.key?.value === 'string') walk(pair.value, value[pair.key.value]);
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        // yaml hangs a comment before a sequence item on the item, or on the sequence for the first.
        if (item && item.commentBefore === undefined && i === 0 && node.commentBefore && isMap(item)) item.commentBefore = node.commentBefore;
        walk(item, value[i]);
      });
    }
  };
  walk(doc.contents, data);
  return data;
}

/** Counts of one playbook (or a role tree): tasks, command tasks, unguarded command tasks, by module. */
export function countTasks(docs) {
  const byModule = {};
  let tasks = 0;
  let commands = 0;
  let unguarded = 0;
  for (const doc of docs) {
    for (const t of tasksOf(doc)) {
      const m = moduleOf(t) ?? '(none)';
      byModule[m] = (byModule[m] ?? 0) + 1;
      tasks += 1;
      if (COMMAND_MODULES.has(m)) {
        commands += 1;
        if (!isGuarded(t)) unguarded += 1;
      }
    }
  }
  return { tasks, commands, unguarded, byModule };
}

/** YAML files of an output directory that hold tasks: playbook.yml and roles' tasks/handlers. */
function taskFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name) && (e.name === 'site.yml' || /[\\/](tasks|handlers)[\\/]/.test(p))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Runs ansible-lint --profile production in `dir`; returns findings by rule id. */
async function lint(dir, home) {
  const r = await run('ansible-lint', ['--offline', '--nocolor', '--profile', 'production', '-p', 'site.yml'], {
    cwd: dir,
    env: { ...process.env, HOME: home, ANSIBLE_HOME: path.join(home, '.ansible') },
    maxBuffer: 256 * 1024 * 1024,
  }).then(
    (x) => ({ code: 0, stdout: x.stdout, stderr: x.stderr }),
    (e) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
  const rules = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^\S+?:\d+(?::\d+)?: ([\w[\]-]+)/.exec(line);
    if (m) rules[m[1]] = (rules[m[1]] ?? 0) + 1;
  }
  if (r.code !== 0 && Object.keys(rules).length === 0) rules[`exit-${r.code}`] = 1;
  return rules;
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (f) => args.includes(f);
  const opt = (f) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src'))) {
    console.error('not built: npm run build');
    process.exit(2);
  }
  const shared = path.resolve(ROOT, '..', 'shared', 'guides');
  const fallback = fs.existsSync(shared) ? shared : path.resolve('/work/shared/guides');
  const guidesDir = opt('--guides') ?? (fs.existsSync(fallback) ? fallback : path.join(ROOT, 'guides'));
  const guides = fs
    .readdirSync(guidesDir)
    .filter((f) => /^\d{3}_/.test(f))
    .sort()
    .map((f) => path.join(guidesDir, f));
  const out = opt('--keep') ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tejun-ansible-stats-'));
  const home = path.join(out, 'home');
  fs.mkdirSync(home, { recursive: true });
  const rows = [];
  // One compile of every guide: examples/site.yaml serves the whole corpus, so a key is checked
  // against the variables of all the guides (alone, a guide would call another's key unknown).
  const r = await run(process.execPath, [CLI, 'compile', ...guides, '--target', 'ansible', '--vars', path.join(ROOT, 'examples', 'site.yaml'), '--allow-unbound', '-j', '1', '-o', out], {
    maxBuffer: 64 * 1024 * 1024,
  }).catch((e) => e);
  for (const guide of guides) {
    const base = path.basename(guide).replace(/\.[^.]+$/, '');
    const dir = path.join(out, 'ansible', base);
    if (!fs.existsSync(path.join(dir, 'site.yml'))) {
      console.error(`${path.basename(guide)}: no playbook (${r.stderr ?? r.message})`);
      process.exit(2);
    }
    const docs = taskFiles(dir).map((f) => withComments(parseDocument(fs.readFileSync(f, 'utf8'), { version: '1.1', customTags: [{ tag: '!unsafe', resolve: (s) => s }] })));
    const counts = countTasks(docs);
    const findings = flag('--no-lint') ? null : await lint(dir, home);
    rows.push({ guide: path.basename(guide), ...counts, findings });
  }
  if (!opt('--keep')) fs.rmSync(out, { recursive: true, force: true });
  const total = rows.reduce(
    (t, r) => {
      t.tasks += r.tasks;
      t.commands += r.commands;
      t.unguarded += r.unguarded;
      for (const [k, v] of Object.entries(r.byModule)) t.byModule[k] = (t.byModule[k] ?? 0) + v;
      if (r.findings) for (const [k, v] of Object.entries(r.findings)) t.findings[k] = (t.findings[k] ?? 0) + v;
      return t;
    },
    { tasks: 0, commands: 0, unguarded: 0, byModule: {}, findings: {} },
  );
  if (flag('--json')) {
    console.log(JSON.stringify({ rows, total }, null, 2));
    return;
  }
  const pct = (a, b) => (b === 0 ? '0.0' : ((100 * a) / b).toFixed(1));
  const sum = (f) => (f ? Object.values(f).reduce((a, b) => a + b, 0) : '-');
  console.log('guide'.padEnd(44) + 'tasks'.padStart(7) + ' cmd'.padStart(6) + '  cmd%' + ' unguarded'.padStart(11) + ' lint'.padStart(6));
  for (const r of rows) {
    console.log(r.guide.padEnd(44) + String(r.tasks).padStart(7) + String(r.commands).padStart(6) + pct(r.commands, r.tasks).padStart(6) + String(r.unguarded).padStart(11) + String(sum(r.findings)).padStart(6));
  }
  console.log('TOTAL'.padEnd(44) + String(total.tasks).padStart(7) + String(total.commands).padStart(6) + pct(total.commands, total.tasks).padStart(6) + String(total.unguarded).padStart(11) + String(flag('--no-lint') ? '-' : sum(total.findings)).padStart(6));
  console.log(`modules: ${Object.entries(total.byModule).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (!flag('--no-lint')) console.log(`lint: ${Object.entries(total.findings).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}=${v}`).join(' ') || 'none'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
