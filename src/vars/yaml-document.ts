/**
 * A YAML file (a vars file, tejun.yaml) parsed with the `yaml` package's public API, keeping what
 * its loaders need to report problems at their place: the document, a function from a source
 * offset to a 1-based line and column, and the syntax errors as message fields.
 */
import { LineCounter, parseDocument, type Document } from 'yaml';

/** {@link parseWithLines}'s result. */
export interface YamlWithLines {
  /** The parsed document (duplicate keys are errors). */
  doc: Document.Parsed;
  /** A 0-based offset in the text (undefined: the start) → its 1-based line and column. */
  at(offset: number | undefined): { line: number; column: number };
  /** Each YAML syntax error: `Unexpected YAML in <path>: <the parser's message up to its first `: `>`, at its line and column (no text of the file is quoted: values may be secrets). */
  syntaxErrors: Array<{ reason: string; line: number; column: number }>;
}

/**
 * Parses `text` (named `path` in reasons) as one YAML document with unique keys. Never throws:
 * syntax errors are returned in `syntaxErrors`.
 */
export function parseWithLines(text: string, path: string): YamlWithLines {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined) => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line, column: pos.col };
  };
  const syntaxErrors = doc.errors.map((e) => ({ reason: `Unexpected YAML in ${path}: ${safeYamlReason(e.message)}`, ...at(e.pos[0]) }));
  return { doc, at, syntaxErrors };
}

/**
 * The first line of a yaml error message up to its first `: ` — the yaml package appends the
 * offending source text after it, which may be a secret value.
 */
function safeYamlReason(message: string): string {
  const first = message.split('\n')[0]!;
  const colon = first.indexOf(': ');
  return colon >= 0 ? first.slice(0, colon) : first;
}
