/**
 * `tejun init`: the text of a commented tejun.yaml and of a site vars file for the given guides.
 * Pure: the caller parses the guides and writes the files.
 */
import fg from 'fast-glob';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { TARGETS } from '../generate/index.js';
import type { StepGraph } from '../ir/types.js';
import { varsSkeleton } from '../vars/skeleton.js';
import { PROJECT_FILE } from './load-project.js';

/** One file `tejun init` writes, path relative to the project folder. */
export interface InitFile {
  path: string;
  content: string;
  /** 0o644 for tejun.yaml, 0o600 for the vars file (it will hold secrets). */
  mode: number;
}

/** Options of {@link initProject}. */
export interface InitOptions {
  /** Guide paths relative to the project folder, `/`-separated, in the order to list them. */
  guides: string[];
  /** Their step graphs (for the placeholders of the vars file), `source.path` as in `guides`. */
  graphs: StepGraph[];
  /** Site name (default `default`); its vars file is `sites/<site>.yaml`. */
  site?: string;
}

/** A key/value pair with a comment above it. */
function entry(key: string, value: unknown, comment: string, doc: Document): Pair {
  const k = new Scalar(key);
  k.commentBefore = comment;
  return new Pair(k, doc.createNode(value));
}

/**
 * The files of a new project: `tejun.yaml` (every field commented, all targets, one site; guide
 * paths with glob characters escaped so they match only themselves) and
 * `sites/<site>.yaml` (the vars skeleton of `graphs`, see `tejun vars`). Deterministic.
 */
export function initProject(options: InitOptions): InitFile[] {
  const site = options.site ?? 'default';
  const varsPath = `sites/${site}.yaml`;
  const doc = new Document(new YAMLMap());
  const map = doc.contents as YAMLMap;
  // A path is read back as a glob: escape its glob characters (`[`, `*`, `(`…).
  const guides = doc.createNode(options.guides.map((g) => fg.escapePath(g))) as YAMLSeq;
  const targets = doc.createNode([...TARGETS]) as YAMLSeq;
  targets.flow = true;
  map.items.push(
    new Pair(
      Object.assign(new Scalar('guides'), {
        commentBefore:
          ' Guides to build: paths or globs (guides/*.txt) relative to this file. To force a dialect:\n' +
          '   - path: guides/foo.md\n' +
          '     dialect: markdown-walkthrough',
      }),
      guides,
    ),
    new Pair(
      Object.assign(new Scalar('targets'), {
        commentBefore: ' What to write for each guide: bash (runbook), ansible (playbook), checklist (Markdown).',
      }),
      targets,
    ),
    entry(
      'sites',
      { [site]: { vars: varsPath } },
      ' Sites: each builds into <output>/<site>/<target>/ with the values of its vars file\n' +
        ' (fill it in; `tejun vars GUIDE…` lists what the guides need). Add a site per data centre.',
      doc,
    ),
    entry('output', 'out', ' Output folder, relative to this file.', doc),
    entry('cache', '.tejun-cache', ' Cache of step graphs and output fingerprints (safe to delete; not worth committing).', doc),
    entry('allowUnbound', false, ' true: a placeholder without a value is asked for at run time instead of failing the build.', doc),
  );
  doc.commentBefore =
    ' tejun project file. `tejun build` compiles every guide × target × site below;\n' +
    ' `tejun build --check` exits 1 when the outputs on disk are stale (for CI).';
  return [
    { path: PROJECT_FILE, content: doc.toString({ lineWidth: 0 }), mode: 0o644 },
    { path: varsPath, content: varsSkeleton(options.graphs), mode: 0o600 },
  ];
}
