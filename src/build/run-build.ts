/**
 * Running a build: tejun.yaml → guides → step graphs (from the cache when the guide's bytes are
 * unchanged) → every guide × target × site generated in memory → written atomically only when the
 * whole build succeeded, and only the files whose content changed. With `check`, nothing is
 * written: the result says which outputs are stale or missing.
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { GenerateResult, OutputFile } from '../generate/index.js';
import { extractGraph } from '../extract/extract-graph.js';
import { GuideError } from '../ingest/guide-error.js';
import { parseAll, workerCount } from '../pool/parse-pool.js';
import { TaskPool, type TaskHandle } from '../pool/task-pool.js';
import type { StepGraph } from '../ir/types.js';
import { checkSite } from '../vars/check-site.js';
import { decodeVars } from '../vars/decode-vars.js';
import { loadVars, type LoadedVars } from '../vars/load.js';
import { siteVariables } from '../vars/site-variables.js';
import { graphKey, keyOf, loadState, saveState, sha256, storeGraph, type CacheState } from './build-cache.js';
import { loadCacheKey } from './cache-key.js';
import { lookupGraph, pruneGraphs, type GraphLookup } from './cached-graph.js';
import { commitOutputs, removableOutputs, removeLeftoverStaging } from './commit-outputs.js';
import { distinctBases, renameOutput } from './output-names.js';
import { loadProject } from './load-project.js';
import { planBuild } from './plan-build.js';
import { resolveGuides } from './resolve-guides.js';
import { toolchainFingerprint } from './toolchain.js';
import type { BuildMessage, BuildStats, Project } from './types.js';

/** Options of {@link runBuild}. */
export interface BuildOptions {
  /** Path of tejun.yaml (absolute, or relative to the working directory); its folder is the project folder. */
  projectFile: string;
  /** Write nothing; report stale or missing outputs (`tejun build --check`). */
  check?: boolean;
  /** Threads at work parsing guides (see `parseAll` in src/pool/parse-pool.ts; default the
   * machine's available parallelism; 1 = no worker thread). */
  jobs?: number;
  /** Called after each guide and each job (and each removed file), in build order. */
  onProgress?: (event: ProgressEvent) => void;
  /** The file of the key that seals the cache (default this user's, see cache-key.ts). */
  cacheKeyFile?: string;
}

/** One step of progress. `done` of `total` units (guides + jobs) are finished. */
export interface ProgressEvent {
  done: number;
  total: number;
  /** A guide (parsed or from the cache), a job (its files written or unchanged) or a removed file. */
  kind: 'guide' | 'job' | 'remove';
  status: 'parsed' | 'cached' | 'written' | 'unchanged' | 'removed' | 'failed';
  /** The guide path, the job id (`site/target/guide`) or the removed file, relative to the project folder. */
  path: string;
}

/** What {@link runBuild} did. */
export interface BuildResult {
  /** False when an error message stopped the build (then no output was written). */
  ok: boolean;
  stats: BuildStats;
  /**
   * Errors (always) and warnings of the guides parsed in this run (a cached guide's warnings were
   * reported when it was parsed); `file` is relative to the project folder (tejun.yaml's own
   * messages name it by its base name).
   */
  messages: BuildMessage[];
  /** Output files written (with `check`: stale or missing) and removed, relative to the project folder, in build order. */
  changed: string[];
  /** The project folder (absolute). */
  root: string;
}

/** A file to write, with its content hash. */
interface Pending {
  path: string;
  file: OutputFile;
  sha256: string;
}

/** True when `path` (absolute) holds exactly `content` with `mode`. */
async function sameOnDisk(path: string, sha: string, mode: number): Promise<boolean> {
  try {
    const st = await stat(path);
    if ((st.mode & 0o777) !== mode) return false;
    return sha256(await readFile(path)) === sha;
  } catch {
    return false;
  }
}

/** True when the recorded outputs of a job are all on disk as written (stat first, then hash). */
async function jobOutputsIntact(root: string, files: string[], state: CacheState): Promise<boolean> {
  for (const f of files) {
    const rec = state.outputs[f];
    if (!rec) return false;
    try {
      const st = await stat(join(root, f));
      if ((st.mode & 0o777) !== rec.mode) return false;
      if (st.size === rec.size && st.mtimeMs === rec.mtimeMs) continue;
      if (sha256(await readFile(join(root, f))) !== rec.sha256) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** A message about a site (vars file problems), with its site named. */
function siteMessage(m: BuildMessage, site: string): BuildMessage {
  return { ...m, reason: `${m.reason} (site ${site})` };
}

/**
 * Builds the project of `options.projectFile`.
 * @returns the result; problems in the project, a guide or a site's values are error messages
 *   (`ok` false, nothing written: the outputs of the previous build stay as they were).
 * @throws {Error} on an I/O failure while writing outputs or the cache (disk full, permissions).
 */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
  const projectPath = resolve(options.projectFile);
  const root = dirname(projectPath);
  const projectName = basename(projectPath);
  const stats: BuildStats = { parsed: 0, cached: 0, read: 0, written: 0, unchanged: 0, removed: 0 };
  const messages: BuildMessage[] = [];
  const changed: string[] = [];
  const fail = (): BuildResult => ({ ok: false, stats, messages, changed: [], root });

  let projectText: string;
  try {
    projectText = await readFile(projectPath, 'utf8');
  } catch (error) {
    messages.push({ file: projectName, ruleId: 'read-project', severity: 'error', reason: `Unexpected missing project file: ${(error as Error).message}`, line: 1, column: 1 });
    return fail();
  }
  const loaded = loadProject(projectText, projectName);
  messages.push(...loaded.messages);
  if (!loaded.project) return fail();
  const project: Project = loaded.project;

  const resolved = await resolveGuides(project.guides, root, projectName);
  messages.push(...resolved.messages);
  const cacheDir = resolve(root, project.cache);
  const toolchain = await toolchainFingerprint();
  const sealKey = await loadCacheKey(options.cacheKeyFile);
  const loadedState = await loadState(cacheDir, sealKey.key);
  const state = loadedState.state;
  if (!sealKey.key) {
    messages.push({ file: sealKey.path, ruleId: 'cache-key', severity: 'warning', reason: `Unexpected cache key file ${sealKey.path}: ${sealKey.problem}; the build cache is neither trusted nor saved, so every guide is parsed`, line: 1, column: 1 });
  } else if (loadedState.untrusted) {
    messages.push({ file: project.cache, ruleId: 'cache-untrusted', severity: 'info', reason: `The build cache was sealed with another key than this user's (${sealKey.path}) or edited since: it is not trusted, everything is rebuilt and the cache is sealed anew`, line: 1, column: 1 });
  }
  const next: CacheState = { version: state.version, guides: {}, jobs: {}, outputs: {}, graphs: {} };
  const outputDir = resolve(root, project.output);

  // Site values, each file read once.
  const siteVars = new Map<string, { vars: Record<string, string>; lines: Record<string, number>; path: string; hash: string; loaded: LoadedVars }>();
  for (const site of project.sites) {
    let text: string;
    try {
      const decoded = decodeVars(await readFile(resolve(root, site.vars)), site.vars);
      if (decoded.message) {
        messages.push(siteMessage({ ...decoded.message, file: site.vars }, site.name));
        continue;
      }
      text = decoded.text;
    } catch (error) {
      messages.push({ file: projectName, ruleId: 'read-vars', severity: 'error', reason: `Unexpected missing vars file of site ${site.name}: ${(error as Error).message}`, line: site.line, column: 1 });
      continue;
    }
    const lv = loadVars(text, site.vars);
    messages.push(...lv.messages.map((m) => siteMessage({ ...m, file: site.vars }, site.name)));
    const sorted = Object.entries(lv.vars).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    siteVars.set(site.name, { vars: lv.vars, lines: lv.lines, path: site.vars, hash: keyOf(sorted), loaded: lv });
  }

  const jobs = planBuild(project, resolved.guides);
  // Guides whose file names give the same output base get distinct ones (output-names.ts).
  const renames = distinctBases(resolved.guides.map((g) => g.path));
  const total = resolved.guides.length + jobs.length;
  let done = 0;
  const progress = (kind: ProgressEvent['kind'], status: ProgressEvent['status'], path: string) =>
    options.onProgress?.({ done, total, kind, status, path });

  // Step graphs: stat fingerprint → sha256 → cache, else parse. The guides to parse are parsed
  // as one batch (on worker threads when there are several, see src/pool/parse-pool.ts), then
  // every guide is reported in build order.
  const graphs = new Map<string, { graph: StepGraph; key: string }>();
  const newGraphs: Array<{ key: string; graph: StepGraph }> = [];
  const lookups: GraphLookup[] = [];
  for (const guide of resolved.guides) lookups.push(await lookupGraph(guide, root, cacheDir, toolchain, state, next, stats));
  const toParse = lookups.flatMap((l, i) => ('bytes' in l ? [{ index: i, job: { path: resolved.guides[i]!.path, dialect: resolved.guides[i]!.dialect, bytes: l.bytes } }] : []));
  let n = 0;
  for await (const outcome of parseAll(toParse.map((t) => t.job), { jobs: options.jobs })) {
    const index = toParse[n++]!.index;
    try {
      if (outcome.error !== undefined) throw outcome.error;
      const graph = await extractGraph(outcome.parsed);
      stats.parsed += 1;
      lookups[index] = { graph, key: graphKey(toolchain, resolved.guides[index]!, graph.source.sha256), parsed: true };
    } catch (error) {
      lookups[index] = error instanceof GuideError ? { error: error.message, ruleId: error.ruleId, line: error.line, column: error.column } : { error: (error as Error).message };
    }
  }
  resolved.guides.forEach((guide, i) => {
    const got = lookups[i]!;
    done += 1;
    if ('bytes' in got) throw new Error(`internal: ${guide.path} was not parsed`);
    if ('error' in got) {
      messages.push({ file: guide.path, ruleId: got.ruleId ?? 'read-guide', severity: 'error', reason: got.error, line: got.line ?? 1, column: got.column ?? 1 });
      progress('guide', 'failed', guide.path);
      return;
    }
    graphs.set(guide.path, { graph: got.graph, key: got.key });
    if (got.parsed) newGraphs.push({ key: got.key, graph: got.graph });
    for (const m of got.graph.messages) {
      if (got.parsed || m.severity === 'error') messages.push({ ...m, file: guide.path });
    }
    progress('guide', got.parsed ? 'parsed' : 'cached', guide.path);
  });

  // Each site file checked against the variables of every guide of the project (vars/check-site.ts).
  const variables = siteVariables([...graphs.values()].map((g) => g.graph));
  for (const sv of siteVars.values()) {
    const site = project.sites.find((x) => x.vars === sv.path)?.name ?? sv.path;
    messages.push(...checkSite(sv.loaded, sv.path, variables, { allowUnbound: project.allowUnbound }).map((m) => siteMessage({ ...m, file: sv.path }, site)));
  }

  // Outputs, in memory first. A job whose key is unchanged and whose outputs are intact is kept;
  // the others are generated on worker threads (src/pool/task-pool.ts), up to WINDOW jobs ahead of
  // the in-order pass below, which alone records results and reports progress.
  const pending: Pending[] = [];
  const produced = new Map<string, string>();
  const plans: JobPlan[] = [];
  for (const job of jobs) {
    const g = graphs.get(job.guide.path);
    const sv = siteVars.get(job.site.name);
    if (!g || !sv) {
      plans.push({ job });
      continue;
    }
    const key = keyOf(['job', g.key, sv.hash, job.target, project.allowUnbound, project.showSecrets, renames.get(job.guide.path)?.to ?? null]);
    const before = state.jobs[job.id];
    // --check regenerates every job and compares with the disk: it trusts no record.
    const kept = !options.check && before && before.key === key && (await jobOutputsIntact(root, before.files, state)) ? before : undefined;
    plans.push({ job, graph: g.graph, vars: sv.vars, varsFile: { path: sv.path, lines: sv.lines }, key, kept });
  }
  const toGenerate = plans.filter((p) => p.graph && !p.kept);
  const pool = new TaskPool(workerCount(options.jobs, toGenerate.length));
  const handles = new Map<JobPlan, TaskHandle<{ kind: 'generate'; result: GenerateResult }>>();
  const WINDOW = 32;
  let submitted = 0;
  try {
    for (const plan of plans) {
      while (submitted < toGenerate.length && handles.size < WINDOW) {
        const p = toGenerate[submitted++]!;
        const genOptions = { vars: p.vars!, allowUnbound: project.allowUnbound, showSecrets: project.showSecrets, varsFile: p.varsFile };
        handles.set(p, pool.submit({ kind: 'generate', graph: p.graph!, target: p.job.target, options: genOptions }));
      }
      const { job, kept, key } = plan;
      done += 1;
      if (!plan.graph || key === undefined) {
        progress('job', 'failed', job.id);
        continue;
      }
      if (kept) {
        next.jobs[job.id] = kept;
        for (const f of kept.files) {
          next.outputs[f] = state.outputs[f];
          produced.set(f, job.id);
        }
        stats.unchanged += kept.files.length;
        progress('job', 'unchanged', job.id);
        continue;
      }
      const handle = handles.get(plan)!;
      handles.delete(plan);
      const { result } = await pool.waitFor(handle);
      const errors = result.messages.filter((m) => m.severity === 'error');
      messages.push(...errors.map((m) => siteMessage({ ...m, file: job.guide.path }, job.site.name)));
      if (errors.length > 0) {
        progress('job', 'failed', job.id);
        continue;
      }
      const files: string[] = [];
      let wrote = false;
      for (const file of result.files) {
        const path = `${job.outDir}/${renameOutput(file.path, renames.get(job.guide.path))}`;
        const other = produced.get(path);
        if (other !== undefined) {
          messages.push({ file: projectName, ruleId: 'duplicate-output', severity: 'error', reason: `Unexpected second output ${path} from ${job.id}, expected one guide per output name (already written by ${other})`, line: 1, column: 1 });
          continue;
        }
        produced.set(path, job.id);
        files.push(path);
        const sha = sha256(file.content);
        if (await sameOnDisk(join(root, path), sha, file.mode)) {
          stats.unchanged += 1;
          const st = await stat(join(root, path));
          next.outputs[path] = { size: st.size, mtimeMs: st.mtimeMs, sha256: sha, mode: file.mode };
        } else {
          pending.push({ path, file, sha256: sha });
          stats.written += 1;
          changed.push(path);
          wrote = true;
        }
      }
      next.jobs[job.id] = { key, files };
      progress('job', wrote ? 'written' : 'unchanged', job.id);
    }
  } finally {
    await pool.close();
  }

  // Outputs of an earlier build that this one no longer produces.
  // Only files tejun wrote, unchanged since, inside the output folder (commit-outputs.ts).
  const stale = Object.keys(state.outputs).filter((f) => !produced.has(f)).sort();
  const toRemove = await removableOutputs(root, outputDir, stale, state.outputs);

  const failed = messages.some((m) => m.severity === 'error');
  if (!options.check) {
    // Parsed graphs are keyed by content: worth keeping even when the build failed.
    for (const { key, graph } of newGraphs) next.graphs[key] = await storeGraph(cacheDir, key, graph);
  }
  if (failed) {
    // The outputs are as the old state says; the new graphs are recorded for the next build.
    if (!options.check && newGraphs.length > 0 && sealKey.key) await saveState(cacheDir, { ...state, graphs: { ...state.graphs, ...next.graphs } }, sealKey.key);
    return fail();
  }
  stats.removed = toRemove.length;
  changed.push(...toRemove);
  if (options.check) return { ok: true, stats, messages, changed, root };

  await removeLeftoverStaging(outputDir);
  await commitOutputs(root, outputDir, pending.map((p) => ({ path: p.path, content: p.file.content, mode: p.file.mode })));
  for (const p of pending) {
    const st = await stat(join(root, p.path));
    next.outputs[p.path] = { size: st.size, mtimeMs: st.mtimeMs, sha256: p.sha256, mode: p.file.mode };
  }
  for (const f of toRemove) {
    await rm(join(root, f), { force: true });
    progress('remove', 'removed', f);
  }
  if (sealKey.key) await saveState(cacheDir, next, sealKey.key);
  await pruneGraphs(cacheDir, new Set([...graphs.values()].map((g) => g.key)));
  return { ok: true, stats, messages, changed, root };
}

/** One job of the build and what it needs: nothing when its guide or site failed; kept (its
 * earlier outputs are intact and its key unchanged); or generated from `graph` with `vars`. */
interface JobPlan {
  job: ReturnType<typeof planBuild>[number];
  graph?: StepGraph;
  vars?: Record<string, string>;
  /** The site's vars file and the line of each value, for binding messages. */
  varsFile?: { path: string; lines: Record<string, number> };
  key?: string;
  kept?: CacheState['jobs'][string];
}

