/**
 * Loading and rendering templates/bash/runbook.sh.hbs (Handlebars, HTML escaping off: every
 * value handed to the template is already a bash comment text or a shell-quoted word). Its shell
 * functions are partials in templates/bash/partials/ (`{{> run}}` is run.sh.hbs): the step
 * guards and records (helpers), running commands and checks (run), files and INI (files), SQL
 * sessions (sql), and the command line (cli).
 */
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { bashComment, shellQuote } from '../escape/bash.js';
import { templatePath } from '../templates.js';

/** What the runbook template fills in. Strings in `*Lines` are complete bash lines/words. */
export interface BashTemplateData {
  guidePath: string;
  guideSha256: string;
  dialect: string;
  title: string;
  /** Assignments / tejun_require lines of the site values, with their comments. */
  varLines: string[];
  /** Shell-quoted --help lines naming the unbound values' environment variables. */
  unboundHelp: string[];
  /** Shell-quoted --list lines: procedures, their steps with ids, conditions, manual steps. */
  listLines: string[];
  /** Shell-quoted default directory of the step records (`/var/lib/tejun/<base>/steps`, put under TEJUN_ROOT at run time). */
  stateDir: string;
  /** Shell-quoted roles `--role` accepts. */
  roles: string[];
  /** Shell-quoted stable ids of the steps, in guide order (`--from`, `--redo`). */
  stepIds: string[];
  /** Names of the conditions and optional marks (`--answers` keys answered yes/no). */
  conditionNames: string[];
  /** Shell-quoted ids of the manual actions (`--answers` keys answered done/no). */
  manualIds: string[];
  /** One bash function per procedure. */
  procedures: string[];
  /** The calls main makes, in order. */
  mainLines: string[];
}

let cached: Handlebars.TemplateDelegate<BashTemplateData> | undefined;

/**
 * Renders the runbook. The template and its partials are read and compiled once per process
 * (cached). Helpers: `quote` (escape/bash.ts's shellQuote), `comment` (its bashComment: control
 * characters folded for a `#` comment).
 * Throws if templates/bash/runbook.sh.hbs or templates/bash/partials/ cannot be read.
 */
export function renderBashTemplate(data: BashTemplateData): string {
  if (!cached) {
    const hbs = Handlebars.create();
    hbs.registerHelper('quote', (v: unknown) => shellQuote(String(v ?? '')));
    hbs.registerHelper('comment', (v: unknown) => bashComment(String(v ?? '')));
    for (const file of readdirSync(templatePath('bash/partials'))) {
      if (file.endsWith('.sh.hbs')) hbs.registerPartial(file.slice(0, -'.sh.hbs'.length), readFileSync(templatePath(`bash/partials/${file}`), 'utf8'));
    }
    cached = hbs.compile<BashTemplateData>(readFileSync(templatePath('bash/runbook.sh.hbs'), 'utf8'), {
      noEscape: true,
      strict: true,
    });
  }
  return cached(data);
}
