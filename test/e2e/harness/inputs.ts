/**
 * Input files the guides' commands read from their working directory but that no step makes, for
 * both halves of the e2e suite: stub files by path, and the source archives a guide asks the
 * operator to download.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, normalize } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import { isCd, planCds } from '../../../src/generate/shell/cd-plan.js';
import type { CommandAction, StepGraph } from '../../../src/ir/types.js';
import { boundText } from './bound.js';

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

/** Archive names `tar` unpacks that a source build starts from. */
const ARCHIVE = /\.(?:tar\.gz|tgz|tar\.xz|tar\.bz2|tar)$/;

/**
 * The operator's download of a source build, for the guides that leave it to the reader ("…の
 * ファイルを入手してください", then `tar xf NAME.tar.gz`): for each relative archive a `tar x…f`
 * command of `graph` unpacks and no earlier command names (a `wget`/`curl` of it would fetch
 * it), writes under `dir` a gzip tar holding the directory it unpacks to (the name without the
 * extension) with a `configure` script that exits 0, and every directory under it the guide's
 * later relative `cd`s go to (src/generate/shell/cd-plan.ts; their names bound with `site`, the
 * site values by variable or by the guide's name, as the runbooks bind them). Returns the archives written (paths
 * relative to `dir`).
 */
export function writeStubArchives(dir: string, graph: StepGraph, site: Readonly<Record<string, string>>): string[] {
  const commands = graph.procedures.flatMap((p) => p.steps.flatMap((s) => s.actions)).filter((a): a is CommandAction => a.kind === 'command');
  const values: Record<string, string> = {};
  for (const p of graph.placeholders) {
    const value = site[p.variable] ?? site[p.name];
    if (value !== undefined) values[p.name] = value;
  }
  const bound = (a: CommandAction, text: string) => boundText(graph, a, text, values);
  const visited = cdTargets(graph, bound);
  const written: string[] = [];
  commands.forEach((a, i) => {
    const words = parseShell(bound(a, a.run)).filter((w): w is string => typeof w === 'string');
    if (words[0] !== 'tar' || !/^-?[a-z]*x[a-z]*f$/.test(words[1] ?? '')) return;
    const archive = words[2] ?? '';
    if (!ARCHIVE.test(archive) || archive.startsWith('/') || archive.split('/').includes('..')) return;
    if (commands.slice(0, i).some((b) => bound(b, b.run).includes(basename(archive)))) return;
    const top = basename(archive).replace(ARCHIVE, '');
    const stage = mkdtempSync(join(tmpdir(), 'tejun-archive-'));
    for (const d of [top, ...visited.filter((v) => v.startsWith(`${top}/`))]) mkdirSync(join(stage, d), { recursive: true });
    writeFileSync(join(stage, top, 'configure'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    mkdirSync(dirname(join(dir, archive)), { recursive: true });
    const tar = spawnSync('tar', ['-czf', join(dir, archive), '-C', stage, top], { encoding: 'utf8' });
    rmSync(stage, { recursive: true, force: true });
    if (tar.status !== 0) throw new Error(`tar -czf ${archive}: ${tar.stderr}`);
    written.push(archive);
  });
  return written;
}

/**
 * The directories (relative to where the guide starts, normalised) the relative `cd`s of `graph`
 * go to, as the runbooks type them (shell/cd-plan.ts): `cd ..` goes up, an absolute `cd` leaves
 * the tree (nothing after it is listed until a relative chain starts again from there).
 */
function cdTargets(graph: StepGraph, bound: (a: CommandAction, text: string) => string): string[] {
  const plan = planCds(graph);
  const at = new Map<string, string | null>();
  let cur: string | null = '';
  const out = new Set<string>();
  const into = (from: string | null, d: string): string | null => (from === null ? null : normalize(join(from || '.', d)));
  for (const p of graph.procedures) {
    for (const s of p.steps) {
      for (const a of s.actions) {
        if (a.kind !== 'command' || !isCd(a.run)) continue;
        const move = plan.get(a.id);
        if (!move) {
          cur = /^cd\s+\.\.\/?$/.test(a.run.trim()) && cur ? dirname(cur) : null;
          if (cur === '.') cur = '';
          continue;
        }
        if (move.back && at.has(move.back)) cur = at.get(move.back)!;
        if (move.enter) {
          at.set(move.enter.dir, cur);
          cur = into(cur, bound(move.enter.action, move.enter.dir));
        }
        at.set(move.head, cur);
        cur = into(cur, bound(a, a.run.trim().replace(/^cd\s+/, '')));
        if (cur !== null) out.add(cur.replace(/\/$/, ''));
      }
    }
  }
  return [...out];
}
