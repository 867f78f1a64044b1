/**
 * Reading a site (vars) file for a subcommand: bytes → UTF-8 text (vars/decode-vars.ts) → values
 * (vars/load.ts), every problem printed as `file:line:col  severity  reason  rule-id`, and the
 * check of its keys and values against the guides' variables (vars/check-site.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import type { StepGraph } from '../ir/types.js';
import { checkSite } from '../vars/check-site.js';
import { decodeVars } from '../vars/decode-vars.js';
import { loadVars, varsPermissionWarnings, type LoadedVars } from '../vars/load.js';
import { siteVariables } from '../vars/site-variables.js';
import { EXIT, raise, type CliRun } from './io.js';
import { formatMessage, hasErrors } from './report.js';

/**
 * Reads and loads the site file `path`, printing its diagnostics (a `read-vars` error when it
 * cannot be read, `vars-encoding` when it is not UTF-8, loadVars's errors, the
 * `vars-permissions` warning).
 * @returns the loaded values, or null after an error (exit code raised to 1).
 */
export async function readSiteFile(run: CliRun, path: string): Promise<LoadedVars | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    run.io.stderr.write(`${path}:1:1  error  cannot read site variables: ${(error as Error).message}  read-vars\n`);
    raise(run, EXIT.input);
    return null;
  }
  const decoded = decodeVars(bytes, path);
  if (decoded.message) {
    run.io.stderr.write(`${formatMessage(path, decoded.message)}\n`);
    raise(run, EXIT.input);
    return null;
  }
  const loaded = loadVars(decoded.text, path);
  for (const m of loaded.messages) run.io.stderr.write(`${formatMessage(path, m)}\n`);
  if (hasErrors(loaded.messages)) {
    raise(run, EXIT.input);
    return null;
  }
  const mode = (await stat(path)).mode;
  for (const m of varsPermissionWarnings(path, mode, loaded.vars)) run.io.stderr.write(`${formatMessage(path, m)}\n`);
  return loaded;
}

/**
 * Checks a loaded site file against the variables of `graphs` and prints the messages.
 * @returns true when there is no error (else the exit code is raised to 1).
 */
export function siteFileOk(run: CliRun, path: string, loaded: LoadedVars, graphs: readonly StepGraph[], allowUnbound: boolean): boolean {
  const messages = checkSite(loaded, path, siteVariables(graphs), { allowUnbound });
  for (const m of messages) run.io.stderr.write(`${formatMessage(path, m)}\n`);
  if (!hasErrors(messages)) return true;
  raise(run, EXIT.input);
  return false;
}
