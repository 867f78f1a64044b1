/** Which guide commands restart the host: the runbook records their step as done before running them. */

/** `reboot`, `shutdown -r …`, `systemctl reboot`, `init 6` (optionally after `sudo`), as a whole command. */
const REBOOT = /^(?:sudo\s+)?(?:(?:\/usr)?\/s?bin\/)?(?:reboot\b|shutdown\s+(?:\S+\s+)*-r\b|systemctl\s+(?:\S+\s+)*reboot\b|init\s+6\b)/;

/** True when `run` (a command action's normalised text) restarts the host. Pure. */
export function isReboot(run: string): boolean {
  return REBOOT.test(run.trim());
}
