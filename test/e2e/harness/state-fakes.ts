/**
 * Fakes of shim.ts (its FAKE_SCRIPTS, bash run after the call is logged) that answer from state
 * instead of printing nothing (test/e2e/harness/state-fakes.bash, a real bash file, linted). When the test wrote the state the skipped packages and mounts tags would leave (harness/skipped-state.ts, `<shim dir>/state/`),
 * `rpm -qa [GLOB…]` / `rpm -q NAME…` answer from its installed packages (`NAME-0-0.e2e.noarch`;
 * `package NAME is not installed` and status 1 for the others), `pip list` / `pip freeze` from its
 * Python distributions (version 0 unless pinned), `vgdisplay [VG…]` from its volume groups
 * (`Volume group "VG" not found`, status 5); without it they print nothing, as before.
 * `chkconfig --list [NAME]` lists the units the stateful fake systemd (option `units`) has
 * started or enabled on this root (levels 2-5 on when enabled), a service the run never
 * touched is not listed. `ip a s DEV` shows the address the network scripts the run wrote under
 * the root (etc/sysconfig/network-scripts/ifcfg-DEV) give DEV at boot, and fails for a device
 * the run configured nowhere; `ping` prints the summary of a reply to every packet (the sandbox
 * has no network: reachability is not what the e2e proves). `packstack` (not `--dry-run`) leaves the
 * credentials file it writes, root's keystonerc_admin, under the root.
 */

import { join } from 'node:path';
import { ROOT } from '../../helpers/paths.js';

/** test/e2e/harness/state-fakes.bash, the functions the fakes call. */
const LIBRARY = join(ROOT, 'test', 'e2e', 'harness', 'state-fakes.bash');

/** The bash of the fake `name`: the library sourced, its function called with the arguments, its status the fake's. */
const fake = (name: string): string => `builtin source '${LIBRARY.replace(/'/g, `'\\''`)}'\ntejun_fake_${name} "$@" || exit $?`;

/** The stateful fakes by command name (see the module comment). */
export const STATE_SCRIPTS: Readonly<Record<string, string>> = {
  rpm: fake('rpm'),
  pip: fake('pip'),
  vgdisplay: fake('vgdisplay'),
  chkconfig: fake('chkconfig'),
  ip: fake('ip'),
  ping: fake('ping'),
  packstack: fake('packstack'),
};
