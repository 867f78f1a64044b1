/**
 * The sandbox harness of the end-to-end suite (`npm run test:e2e`), shared by the bash and the
 * Ansible halves: a private MariaDB server, a PATH shim recording the calls that cannot run here,
 * and a real INI reader. See each module for details.
 */
export { startMariaDb, type ClientResult, type MariaDb, type MariaDbOptions } from './mariadb.js';
export { FAKE_COMMANDS, FAKE_SCRIPTS, SANDBOXED_COMMANDS, makeShim, readShimLog, type Shim, type ShimCall, type ShimKind, type ShimOptions } from './shim.js';
export { readIni, readIniFiles, type IniData } from './ini.js';
export { STUB_INPUTS, writeStubArchives, writeStubInputs } from './inputs.js';
export { boundText } from './bound.js';
