/** Vars files: the skeleton `tejun vars` prints, and loading a filled-in file for `--vars`. */
export { varsSkeleton } from './skeleton.js';
export { loadVars, varsPermissionWarnings, type LoadedVars } from './load.js';
