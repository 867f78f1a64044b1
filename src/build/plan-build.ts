/**
 * Planning a build: every guide × target × site of the project, in a fixed order (site, then
 * target, then guide), each with the folder its files go to.
 */
import type { Target } from '../generate/index.js';
import type { Project, ResolvedGuide, Site } from './types.js';

/** One unit of work: the outputs of one guide for one target and one site. */
export interface BuildJob {
  /** `site/target:guide-path`, unique in a build (the cache's key for the job). */
  id: string;
  site: Site;
  target: Target;
  guide: ResolvedGuide;
  /** Folder the generator's files go to, relative to the project folder: `<output>/<site>/<target>`. */
  outDir: string;
}

/**
 * The jobs of a build, sites in the order of tejun.yaml, then targets in the order given, then
 * guides by path. Pure: no file is read.
 */
export function planBuild(project: Project, guides: ResolvedGuide[]): BuildJob[] {
  const output = project.output.replace(/\/+$/, '') || '.';
  const jobs: BuildJob[] = [];
  for (const site of project.sites) {
    for (const target of project.targets) {
      for (const guide of guides) {
        jobs.push({ id: `${site.name}/${target}:${guide.path}`, site, target, guide, outDir: `${output}/${site.name}/${target}` });
      }
    }
  }
  return jobs;
}
