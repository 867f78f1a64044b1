/**
 * The e2e sandbox (harness/shim.ts) with its fakes as bash functions, for runs that start a
 * runbook hundreds of times (test/e2e/bash-hostile-guides.e2e.ts): a shim script is one bash
 * process per call (tens of milliseconds on a loaded machine, a thousand calls in a run of guide
 * 003), a function is none. A BASH_ENV file defines, in the runbook's own shell:
 *
 * - each fake command (harness FAKE_COMMANDS and the extras given) as a function that logs the
 *   call with the harness's logger (harness/shim-log.bash, the same JSON lines) and returns 0,
 *   after running its extra script, if any, in a subshell (a script's `exit` ends only that);
 * - each sandboxed file command (harness SANDBOXED_COMMANDS) as a function that runs the real
 *   program (`command NAME`) when every absolute path argument is inside TEJUN_ROOT or an allowed
 *   root, else only logs the call;
 * - the programs called by absolute path, as fakes of that name;
 * - and then the shim's own BASH_ENV (`cd` rerooted, command_not_found_handle logging).
 *
 * A child process that is not bash (or a `sh -c`) does not have the functions: the shim's PATH
 * scripts still answer it, into the same log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { FAKE_COMMANDS, FAKE_SCRIPTS, SANDBOXED_COMMANDS, makeShim, type Shim } from './harness/index.js';

/** Options of {@link functionFakes}. */
export interface FunctionFakeOptions {
  /** Commands faked besides the harness's FAKE_COMMANDS (e.g. `mysql`). */
  fake?: readonly string[];
  /** Extra bash run by a fake after logging, by name (default: the harness's FAKE_SCRIPTS). */
  scripts?: Readonly<Record<string, string>>;
  /** Programs the guide calls by absolute path. */
  absolute?: readonly string[];
  /** Roots inside which the sandboxed commands run for real, besides $TEJUN_ROOT. */
  allow?: readonly string[];
}

/** Single-quotes `s` for bash. */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Makes the shim in `dir` (harness makeShim: PATH scripts, rerooted `cd`, logged not-found
 * commands) and a BASH_ENV file `dir/function-fakes.sh` defining the function fakes. Run the
 * runbook with `PATH: shim.path` and `BASH_ENV: shim.bashEnv` of the returned shim. Throws as
 * makeShim does.
 */
export function functionFakes(dir: string, options: FunctionFakeOptions = {}): Shim {
  const fakes = [...new Set([...FAKE_COMMANDS, ...(options.fake ?? [])])];
  const allow = options.allow ?? [];
  const scripts = options.scripts ?? FAKE_SCRIPTS;
  const shim = makeShim(dir, { fake: fakes, allow, logNotFound: true, rerootCd: true, scripts });
  const lines = [
    '# function fakes of test/e2e/function-fakes.ts',
    `TEJUN_SHIM_LOG_FILE=${sq(shim.log)}`,
    `source ${sq(join(ROOT, 'test', 'e2e', 'harness', 'shim-log.bash'))}`,
    'tejun_fake_log() { local TEJUN_SHIM_CMD=$1 ran=$2; shift 2; tejun_shim_log "$ran" "$@"; }',
    `TEJUN_FAKE_ALLOW=(${allow.map(sq).join(' ')})`,
    'tejun_fake_inside() {',
    '  local a r ok roots=("${TEJUN_FAKE_ALLOW[@]}")',
    '  if [[ -n "${TEJUN_ROOT:-}" ]]; then roots+=("${TEJUN_ROOT%/}"); fi',
    '  for a in "$@"; do',
    '    [[ "$a" == /* ]] || continue',
    '    ok=0',
    '    for r in "${roots[@]}"; do if [[ "$a" == "$r" || "$a" == "$r"/* ]]; then ok=1; break; fi; done',
    '    ((ok)) || return 1',
    '  done',
    '  return 0',
    '}',
  ];
  for (const name of [...fakes, ...(options.absolute ?? [])]) {
    const extra = scripts[name];
    lines.push(`function ${name} { tejun_fake_log ${sq(name)} false "$@"; ${extra ? `( ${extra}\n)` : 'return 0'}; }`);
  }
  for (const name of SANDBOXED_COMMANDS) {
    lines.push(`function ${name} { if tejun_fake_inside "$@"; then tejun_fake_log ${sq(name)} true "$@"; command ${name} "$@"; else tejun_fake_log ${sq(name)} false "$@"; fi; }`);
  }
  lines.push(`source ${sq(shim.bashEnv)}`, '');
  const bashEnv = join(dir, 'function-fakes.sh');
  writeFileSync(bashEnv, lines.join('\n'));
  return { ...shim, bashEnv };
}
