/**
 * Loading the Handlebars templates of templates/ (ansible/…, checklist/…), once per process.
 *
 * Templates are resolved from the package root, three directories up from this module
 * (dist/src/generate/ → ./), so the generators work from any working directory. Each template
 * is compiled with its own Handlebars environment, `noEscape` (the generators escape for YAML
 * or Markdown themselves) and `strict` (a missing field is an error, not an empty string).
 */
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { yamlComment } from './escape/yaml.js';

/** Absolute path of templates/ in the package. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));

/**
 * Path of a file under the package's templates/ directory. Compiled code lives in
 * dist/src/generate/ (or the bundle, dist/src/bundle/, at the same depth), so the package root
 * is three levels up from this module: template loading stays in this module for that reason.
 */
export function templatePath(relative: string): string {
  return fileURLToPath(new URL(`../../../templates/${relative}`, import.meta.url));
}

const handlebars = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();

/**
 * Renders `templates/<name>` (e.g. `ansible/playbook.yml.hbs`) with `context`.
 * Throws when the template is missing or a field it names is absent from `context`.
 */
export function renderTemplate(name: string, context: object): string {
  let template = cache.get(name);
  if (!template) {
    const source = readFileSync(new URL(name, `file://${TEMPLATES_DIR}`), 'utf8');
    template = handlebars.compile(source, { noEscape: true, strict: true });
    cache.set(name, template);
  }
  return template(context);
}

/**
 * Folds text for one line (a YAML `#` comment, a task name): every run of white space, control
 * characters and line breaks YAML knows (NEL, U+2028, U+2029) becomes one space, and the result
 * is trimmed (escape/yaml.ts's yamlComment).
 */
export const oneLine = yamlComment;
