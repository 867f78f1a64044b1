/**
 * One-shot forms of guide commands that watch output forever. A guide has the reader follow a
 * log (`tailf /var/log/messages`) and read it with their own eyes, then
 * press Ctrl-C; a runbook has no one to press it, so the command would hang the run (bash) or
 * the play (Ansible) for ever. The runbook prints what the reader sees first and goes on:
 *
 * | guide writes                          | runbook runs      |
 * |---------------------------------------|-------------------|
 * | `tailf FILE` (util-linux)             | `tail FILE`       |
 * | `tail -f FILE`, `-F`, `--follow[=…]`  | `tail FILE`       |
 * | `watch [-n N …] CMD`, `watch 'CMD'`   | `CMD`             |
 * | `ping HOST` (no `-c`/`-w`: until ^C)  | `ping -c 4 HOST`  |
 *
 * (`tailf` prints the file's last 10 lines, as `tail` does, before following; it is gone from
 * util-linux since 2.30, so the one-shot form also runs on current hosts.) Other options of
 * `tail` (`-n 100`) are kept.
 */

/** `tail`'s follow options, as whole words. */
const FOLLOW_OPTION = /^(?:-f|-F|--follow(?:=\S+)?|--retry)$/;

/**
 * `run` (a shell command) with a leading `tailf` or `tail … -f …` in its one-shot form (see the
 * module comment); anything else unchanged. Pure.
 */
export function oneShotCommand(run: string): string {
  const watched = watchedCommand(run);
  if (watched !== null) return watched;
  if (/^ping\s/.test(run) && !/\s-[cw](?:\s|\d)|\s--count\b|\s--deadline\b/.test(run)) return run.replace(/^ping\s+/, 'ping -c 4 ');
  const tailf = /^tailf(\s+)/.exec(run);
  if (tailf) return `tail${run.slice('tailf'.length)}`;
  const tail = /^tail\s+(.*)$/s.exec(run);
  if (!tail) return run;
  // The options up to the first operand (a word not starting with `-`): the rest is kept as written.
  const words = tail[1]!.split(/(\s+)/);
  let i = 0;
  const kept: string[] = [];
  for (; i < words.length; i += 2) {
    const w = words[i]!;
    if (!w.startsWith('-')) break;
    if (!FOLLOW_OPTION.test(w)) kept.push(w);
  }
  if (kept.length === Math.ceil(i / 2)) return run;
  return ['tail', ...kept, words.slice(i).join('')].filter((w) => w !== '').join(' ');
}

/** `watch`'s options that take a value as the next word. */
const WATCH_VALUE = /^(?:-n|--interval|-q|--equexit)$/;

/**
 * The command `watch [options] CMD…` repeats (procps: its words joined by spaces, one quoted
 * word unquoted), or null for any other command.
 */
function watchedCommand(run: string): string | null {
  if (!/^watch\s+\S/.test(run)) return null;
  const words = run.slice('watch'.length).trim().split(/\s+/);
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-')) i += WATCH_VALUE.test(words[i]!) ? 2 : 1;
  const rest = words.slice(i).join(' ');
  const quoted = /^(['"])([^'"]*)\1$/.exec(rest);
  return rest === '' ? null : quoted ? quoted[2]! : rest;
}
