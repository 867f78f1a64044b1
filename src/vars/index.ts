/** Vars files: the skeleton `tejun vars` prints, loading and checking a filled-in file for `--vars`, filling its secrets. */
export { varsSkeleton } from './skeleton.js';
export { loadVars, varsPermissionWarnings, type LoadedVars } from './load.js';
export { checkSite, didYouMean, type CheckSiteOptions } from './check-site.js';
export { decodeVars } from './decode-vars.js';
export { fillSecrets, randomSecret } from './generate-secrets.js';
export { siteVariables, type SiteVariable } from './site-variables.js';
