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
  /** Each YAML syntax error: `Unexpected YAML in <path>: <first line of the parser's message>`, at its line and column. */
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
  const syntaxErrors = doc.errors.map((e) => ({ reason: `Unexpected YAML in ${path}: ${e.message.split('\n')[0]}`, ...at(e.pos[0]) }));
  return { doc, at, syntaxErrors };
}
