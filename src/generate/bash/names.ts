/**
 * Bash variable names for placeholders: `placeholder.variable`, unless that would clobber a
 * special or environment variable of the shell (USER, PATH, HOME, IFS, …), one of the runbook's
 * own `TEJUN_*` variables, or another placeholder's variable.
 */
import type { StepGraph } from '../../ir/types.js';

/**
 * Names bash or the environment give a meaning to; assigning one of them in a runbook would
 * change how the script or the commands it runs behave.
 */
const RESERVED = new Set([
  'BASH', 'BASHOPTS', 'BASHPID', 'CDPATH', 'COLUMNS', 'COMP_WORDBREAKS', 'DIRSTACK', 'DISPLAY',
  'EDITOR', 'ENV', 'EPOCHREALTIME', 'EPOCHSECONDS', 'EUID', 'FCEDIT', 'FIGNORE', 'FUNCNAME',
  'FUNCNEST', 'GLOBIGNORE', 'GROUPS', 'HISTCMD', 'HISTCONTROL', 'HISTFILE', 'HISTFILESIZE',
  'HISTIGNORE', 'HISTSIZE', 'HISTTIMEFORMAT', 'HOME', 'HOSTFILE', 'HOSTNAME', 'HOSTTYPE', 'IFS',
  'IGNOREEOF', 'INPUTRC', 'LANG', 'LANGUAGE', 'LINENO', 'LINES', 'LOGNAME', 'MACHTYPE', 'MAIL',
  'MAILCHECK', 'MAILPATH', 'OLDPWD', 'OPTARG', 'OPTERR', 'OPTIND', 'OSTYPE', 'PAGER', 'PATH',
  'PIPESTATUS', 'POSIXLY_CORRECT', 'PPID', 'PROMPT_COMMAND', 'PROMPT_DIRTRIM', 'PS0', 'PS1', 'PS2',
  'PS3', 'PS4', 'PWD', 'RANDOM', 'READLINE_LINE', 'READLINE_POINT', 'REPLY', 'SECONDS', 'SHELL',
  'SHELLOPTS', 'SHLVL', 'SRANDOM', 'SUDO_USER', 'TERM', 'TIMEFORMAT', 'TMOUT', 'TMPDIR', 'TZ', 'UID',
  'USER', 'VISUAL', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'PYTHONPATH', 'PYTHONHOME',
]);

/** Prefixes of names with a meaning to bash, the C library or the runbook itself. */
const RESERVED_PREFIXES = ['BASH_', 'LC_', 'LD_', 'COMP', 'HIST', 'READLINE', 'TEJUN_'];

/**
 * The bash variable for a placeholder variable name: `variable` itself when it is a valid,
 * unreserved identifier, else `TEJUN_` + a sanitized form (`USER` → `TEJUN_USER`,
 * `PATH` → `TEJUN_PATH`, `TEJUN_ROOT` → `TEJUN_TEJUN_ROOT`, `9X` → `TEJUN_9X`,
 * `A-B` → `TEJUN_A_B`). Never returns a reserved name.
 */
export function safeBashName(variable: string): string {
  const cleaned = variable.replace(/[^A-Za-z0-9_]/g, '_') || 'VALUE';
  const upper = cleaned.toUpperCase();
  const ok =
    cleaned === variable &&
    /^[A-Za-z_]/.test(cleaned) &&
    !RESERVED.has(upper) &&
    !RESERVED_PREFIXES.some((p) => upper.startsWith(p)) &&
    !/^_+$/.test(cleaned);
  return ok ? cleaned : `TEJUN_${cleaned}`;
}

/**
 * Bash variable for every placeholder of `graph`, keyed by placeholder name: {@link safeBashName}
 * of `placeholder.variable`, with `_2`, `_3`, … appended (in placeholder order) when two
 * placeholders would share a variable (`PASSWORD` and `password`).
 */
export function bashVariableNames(graph: StepGraph): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of graph.placeholders) {
    if (names.has(p.name)) continue;
    const base = safeBashName(p.variable || p.name);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    names.set(p.name, name);
  }
  return names;
}
