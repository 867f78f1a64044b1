/**
 * `tejun build` as a library: load tejun.yaml, plan guide × target × site, build incrementally
 * with a content-hash cache; and `tejun init`'s files. See README "Building a project".
 */
export { loadProject, PROJECT_FILE, PROJECT_SCHEMA_PATH, type LoadedProject } from './load-project.js';
export { resolveGuides, type ResolvedGuides } from './resolve-guides.js';
export { planBuild, type BuildJob } from './plan-build.js';
export { runBuild, type BuildOptions, type BuildResult, type ProgressEvent } from './run-build.js';
export { initProject, type InitFile, type InitOptions } from './init-project.js';
export { toolchainFingerprint, tejunVersion } from './toolchain.js';
export type { BuildMessage, BuildStats, GuideSpec, Project, ResolvedGuide, Site } from './types.js';
