/**
 * Hostile site values through the bash runbooks of guides 000 and 003, run for real (issue 14):
 * every site variable of the guide bound to a generated hostile value (test/helpers/hostile-values.ts:
 * quotes, `$( )`, backticks, `;`, line breaks, unicode, each value with a canary command that
 * would create the file CANARY), as many runbooks as it takes to send VALUES values through each
 * guide (2,000 under TEJUN_TEST_FULL=1, 100 otherwise: a run of guide 003 costs about 30 CPU-seconds). Each runbook is generated as the CLI does
 * (`generate('bash', …)`) and run with `--yes`, every role, in the e2e sandbox: the PATH shim
 * (fake package, service and OpenStack commands; file commands real only inside the sandbox), a
 * fake `mysql` recording what it is sent, a throwaway TEJUN_ROOT that is also the working
 * directory, so the `openrc.sh` the runbook writes with ADMIN_PASS is the file it sources next.
 *
 * A value a context cannot carry is refused at binding with an error naming the variable (never
 * written): that variable gets a plain token in that run and the refusal is counted. Asserted:
 * every run exits 0; the canary never exists and no `touch` of it is recorded; and the values
 * arrive verbatim in four sampled contexts — INI values (read back by configparser), arguments of
 * the guide's commands (the shim's argv), the password of a GRANT (the SQL the client gets), and
 * the variables of the sourced file (`OS_PASSWORD` as a later command of the runbook sees it).
 * Counts and time go to the test diagnostics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGuide } from '../../src/index.js';
import { generate } from '../../src/generate/index.js';
import { withPromptedSecrets } from '../../src/generate/shell/interactive-secrets.js';
import { withSiteVariables } from '../../src/generate/site-binding.js';
import type { Action, Procedure, Step, StepGraph } from '../../src/ir/types.js';
import { FULL } from '../helpers/depth.js';
import { sampleHostile } from '../helpers/hostile-values.js';
import { GUIDES_DIR } from '../helpers/paths.js';
import { FAKE_COMMANDS, FAKE_SCRIPTS, SANDBOXED_COMMANDS, boundText, readIniFiles } from './harness/index.js';
import { functionFakes } from './function-fakes.js';

/** Values sent through each guide. */
const VALUES = FULL ? 2000 : 100;

/** Where the fakes write what they were given, under TEJUN_TEST_DIR. */
const SQL_LOG = 'mysql.stdin';
const ENV_LOG = 'os-password';

/** The site variables a generated runbook binds (the CLI's passes: prompted secrets, then site variables). */
function siteVariables(graph: StepGraph): { bound: StepGraph; names: string[] } {
  const bound = withSiteVariables(withPromptedSecrets(graph).graph, { vars: {} }).graph;
  return { bound, names: [...new Set(bound.placeholders.map((p) => p.name))] };
}

/** True when a step runs with `--yes` and every role (mirrors the runbook's guards). */
function stepRuns(proc: Procedure, step: Step): boolean {
  return !proc.when && !step.forbidden && !step.when && !step.optional;
}

/** The actions a `--yes` run executes, in guide order. */
function runActions(graph: StepGraph): Action[] {
  return graph.procedures.flatMap((p) => p.steps.filter((s) => stepRuns(p, s)).flatMap((s) => s.actions.filter((a) => !a.when && !a.optional)));
}

/** The MySQL single-quoted literal contents of `v` as the runbook's tejun_sql_line writes it. */
function sqlEscaped(v: string): string {
  return v.replace(/[\\'"]/g, (c) => `\\${c}`);
}

/** Bash's builtins and keywords (`compgen -b -k`), and programs that only read or print: never faked. */
const HARMLESS = new Set([
  ...spawnSync('bash', ['-c', 'compgen -b; compgen -k'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean),
  'awk', 'grep', 'egrep', 'cat', 'file', 'uname', 'head', 'tail', 'sort', 'wc', 'cut', 'tr',
]);

/** Shell metacharacters: a command with none of them (but in its values) is split on blanks only. */
const SHELL_SPECIAL = /[;&|<>$`'"\\(){}*?~#=[\]]/;

for (const guide of ['000_309adc3628346781.txt', '003_e518f7a0c7d8b72e.txt']) {
  test(`${VALUES} hostile values through the bash runbook of ${guide}, run in the sandbox: nothing executes, values arrive verbatim`, async (t) => {
    const started = Date.now();
    const base = mkdtempSync(join(tmpdir(), 'tejun-e2e-hostile-guide-'));
    try {
      const canary = join(base, 'CANARY');
      const graph = await parseGuide(join(GUIDES_DIR, guide));
      const { bound, names } = siteVariables(graph);
      assert.ok(names.length > 0, 'the guide has site variables');
      const actions = runActions(bound);
      // Programs the guide calls by absolute path are answered by bash functions (BASH_ENV).
      const absolute = new Set<string>();
      for (const a of actions) if (a.kind === 'command') for (const m of a.run.matchAll(/(?:^|[;&|(]\s*)(\/[\w./-]+)/g)) absolute.add(m[1]!);
      // Files the guide sources by a bare name (`source openrc.sh`): bash looks such a name up on
      // PATH first, so a link in the shim's folder leads every `source` to the file under the
      // root, the one the runbook writes (with the site's value) or, for a file of an earlier
      // chapter, an empty one. A `cd` of the guide cannot lose it.
      const sourced = new Set(actions.flatMap((a) => (a.kind === 'command' ? [...a.run.matchAll(/(?:^|[;&|]\s*)(?:source|\.)\s+([\w.-]+)\s*$/g)].map((m) => m[1]!) : [])));
      // Every program a guide command starts is faked but for the harmless readers and the
      // sandboxed file commands: a step of any role runs here, not only the controller's.
      const guideWords = new Set(actions.flatMap((a) => (a.kind === 'command' ? a.run.split(/[\s;&|()`]+|\$\(/) : [])));
      const programs = [...guideWords].filter((w) => /^[A-Za-z][\w.+-]*$/.test(w) && !HARMLESS.has(w) && !sourced.has(w) && !SANDBOXED_COMMANDS.includes(w));
      const shim = functionFakes(join(base, 'shim'), {
        fake: ['mysql', ...programs],
        allow: [base],
        absolute: [...absolute],
        scripts: {
          ...FAKE_SCRIPTS,
          mysql: `cat >>"$TEJUN_TEST_DIR/${SQL_LOG}"`,
          keystone: `printf '%s\\0' "\${OS_PASSWORD-}" >>"$TEJUN_TEST_DIR/${ENV_LOG}"`,
        },
      });
      // A variable the guide reads a file from (`< IMAGEFILE`) names an existing file: not hostile.
      const inputs = new Set(actions.flatMap((a) => (a.kind === 'command' ? [...a.run.matchAll(/<\s*([A-Za-z_]\w*)/g)].map((m) => m[1]!) : [])).filter((n) => names.includes(n)));
      const input = join(base, 'input-file');
      writeFileSync(input, '');
      const hostile = names.filter((n) => !inputs.has(n));
      const values = sampleHostile(canary, VALUES);
      const dir = join(base, 'run');
      const root = join(dir, 'root');
      const home = join(dir, 'home');
      for (const f of sourced) symlinkSync(join(root, f), join(shim.bin, f));
      const counts = { runs: 0, sent: 0, refused: 0, ini: 0, argv: 0, sql: 0, sourced: 0, shimCalls: 0 };
      for (let run = 0; counts.sent < VALUES; run++) {
        const vars: Record<string, string> = {};
        for (const n of inputs) vars[n] = input;
        for (const n of hostile) vars[n] = values[counts.sent++ % values.length]!;
        let result = generate('bash', graph, { vars });
        // A refused value names its variable (among other quoted words, such as `..`); that
        // variable gets a plain token this run.
        const refused = new Set(result.messages.filter((m) => m.severity === 'error').map((m) => [...m.reason.matchAll(/`([^`]+)`/g)].map((x) => x[1]!).find((n) => names.includes(n))));
        if (refused.size > 0) {
          assert.ok([...refused].every((n) => n !== undefined && names.includes(n)), `an error names no variable: ${result.messages.map((m) => m.reason).join('; ')}`);
          for (const n of refused) vars[n!] = `plain-token-${n}`;
          counts.refused += refused.size;
          result = generate('bash', graph, { vars });
        }
        assert.deepEqual(result.messages.filter((m) => m.severity === 'error').map((m) => m.reason), []);
        // One sandbox path for every run, emptied before each.
        rmSync(dir, { recursive: true, force: true });
        for (const d of [root, home]) mkdirSync(d, { recursive: true });
        for (const f of sourced) writeFileSync(join(root, f), '');
        writeFileSync(join(home, 'keystonerc_admin'), '');
        writeFileSync(join(dir, 'client.cnf'), '[client]\n');
        const script = join(dir, 'runbook.sh');
        writeFileSync(script, result.files[0]!.content);
        shim.reset();
        const r = spawnSync('bash', [script, '--yes'], {
          cwd: root,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          env: { PATH: shim.path, BASH_ENV: shim.bashEnv, HOME: home, LANG: 'C.UTF-8', TEJUN_ROOT: root, TEJUN_MYSQL_DEFAULTS: join(dir, 'client.cnf'), TEJUN_TEST_DIR: dir },
        });
        const shown = JSON.stringify(Object.fromEntries(names.map((n) => [n, vars[n]])));
        assert.equal(r.status, 0, `run ${run} failed with ${shown}:\n${r.stderr.split('\n').slice(-20).join('\n')}`);
        const calls = shim.calls();
        counts.shimCalls += calls.length;
        assert.equal(existsSync(canary), false, `a value was executed (run ${run}: ${shown})`);
        assert.deepEqual(calls.filter((c) => c.cmd === 'touch' && c.argv.includes(canary)).map((c) => c.step), [], `a canary touch was recorded (run ${run})`);
        // A program the sandbox lacks is logged as missing: it must be one the guide runs (`fdisk`), never a value's word.
        assert.deepEqual(calls.filter((c) => c.missing && !guideWords.has(c.cmd)).map((c) => c.cmd), [], 'a value was read as a command');

        // INI values (last write wins), read back by configparser: those holding a site value.
        const ini = new Map<string, Map<string, string>>();
        for (const a of actions) {
          if (a.kind !== 'ini') continue;
          const file = boundText(bound, a, a.file, vars);
          const key = `${boundText(bound, a, a.section, vars)}\0${boundText(bound, a, a.key, vars)}`;
          const value = boundText(bound, a, a.value, vars).trim();
          const keys = ini.get(file) ?? new Map<string, string>();
          if (value !== a.value.trim()) keys.set(key, value);
          else keys.delete(key);
          ini.set(file, keys);
        }
        const under = (f: string): string => (f.startsWith('~/') ? join(root, home, f.slice(2)) : join(root, f));
        const files = [...ini.keys()].filter((f) => (ini.get(f)?.size ?? 0) > 0);
        const read = readIniFiles(files.map(under));
        for (const f of files)
          for (const [key, value] of ini.get(f)!) {
            const [section, name] = key.split('\0') as [string, string];
            assert.equal(read[under(f)]?.[section]?.[name], value, `${f} [${section}] ${name} (run ${run})`);
            counts.ini++;
          }

        // Arguments of the guide's commands with no shell syntax of their own: split on blanks.
        for (const a of actions) {
          if (a.kind !== 'command' || a.interactive || SHELL_SPECIAL.test(a.run)) continue;
          const words = a.run.trim().split(/\s+/);
          if (!FAKE_COMMANDS.includes(words[0]!) && !programs.includes(words[0]!)) continue;
          const argv = words.slice(1).map((w) => boundText(bound, a, w, vars));
          if (argv.every((w, i) => w === words[i + 1])) continue;
          assert.ok(
            calls.some((c) => c.cmd === words[0] && JSON.stringify(c.argv) === JSON.stringify(argv)),
            `${guide}:${a.source.line} did not get ${JSON.stringify(argv)} (run ${run})`,
          );
          counts.argv++;
        }

        // Passwords of GRANTs, as the SQL the client was sent.
        const sent = existsSync(join(dir, SQL_LOG)) ? readFileSync(join(dir, SQL_LOG), 'utf8') : '';
        for (const a of actions) {
          if (a.kind !== 'sql') continue;
          const m = /IDENTIFIED\s+BY\s+'([A-Za-z_][A-Za-z0-9_]*)'/i.exec(a.run);
          if (!m || vars[m[1]!] === undefined) continue;
          assert.ok(sent.includes(`IDENTIFIED BY '${sqlEscaped(vars[m[1]!]!)}'`), `${guide}:${a.source.line}: the GRANT's password (run ${run})`);
          counts.sql++;
        }

        // The sourced credential file: OS_PASSWORD as a later command of the runbook sees it.
        for (const a of actions) {
          if (a.kind !== 'file' || !/openrc/.test(a.file)) continue;
          const m = /^export OS_PASSWORD=([A-Za-z_][A-Za-z0-9_]*)$/m.exec(a.content);
          if (!m || vars[m[1]!] === undefined) continue;
          const seen = existsSync(join(dir, ENV_LOG)) ? readFileSync(join(dir, ENV_LOG), 'utf8').split('\0') : [];
          assert.ok(seen.includes(vars[m[1]!]!), `OS_PASSWORD from ${a.file} is not ${JSON.stringify(vars[m[1]!])} (run ${run})`);
          counts.sourced++;
          break;
        }
        counts.runs++;
      }
      assert.ok(counts.sent >= VALUES);
      assert.ok(counts.ini > 0 && counts.argv > 0, 'the sampled contexts were checked');
      if (guide.startsWith('003')) assert.ok(counts.sql > 0 && counts.sourced > 0, 'SQL and the sourced file were checked');
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      t.diagnostic(
        `${guide}: ${counts.sent} values (${hostile.length} site variables × ${counts.runs} runs; ${inputs.size} naming an input file bound to one), ${counts.sent - counts.refused} bound and run, ${counts.refused} refused at binding; ` +
          `canary never created; verbatim: ${counts.ini} INI values, ${counts.argv} command arguments, ${counts.sql} GRANT passwords, ${counts.sourced} sourced OS_PASSWORD; ${counts.shimCalls} shim calls; ${seconds} s`,
      );
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
}
