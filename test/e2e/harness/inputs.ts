/**
 * Input files the guides' commands read from their working directory but that no step makes, for
 * both halves of the e2e suite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Guide 003:1692 uploads `< imageFile`, the placeholder for "the downloaded image"
 * (examples/site.yaml names the CirrOS image the guide's `wget` fetches, which the sandbox does
 * not download), after `mkdir images; cd images/`. Paths relative to the run's working directory.
 */
export const STUB_INPUTS: readonly string[] = ['images/cirros-0.3.2-x86_64-disk.img'];

/** Writes every {@link STUB_INPUTS} file, empty, under `dir` (creating its folders). */
export function writeStubInputs(dir: string): void {
  for (const f of STUB_INPUTS) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
}
