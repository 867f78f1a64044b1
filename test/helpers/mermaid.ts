/**
 * Mermaid's own parser for the tests, run in Node: mermaid needs a DOM (DOMPurify), so a jsdom
 * window is installed as `globalThis.window`/`document` before mermaid is imported, once.
 */
import { JSDOM } from 'jsdom';

/** A vertex of a parsed flowchart, as mermaid's flowchart database holds it. */
export interface MermaidVertex {
  id: string;
  /** The label with entity codes decoded back to characters. */
  text: string;
  /** Mermaid's shape name (`square`, `hexagon`, `trapezoid`, …). */
  type: string;
  classes: string[];
}

/** A subgraph of a parsed flowchart: id, decoded title, member node ids. */
export interface MermaidSubgraph {
  id: string;
  title: string;
  nodes: string[];
}

/** What a flowchart parses to: vertices by id, subgraphs, edges (start → end). */
export interface ParsedFlowchart {
  vertices: Map<string, MermaidVertex>;
  subgraphs: MermaidSubgraph[];
  edges: { start: string; end: string }[];
}

type Mermaid = typeof import('mermaid').default;
let loaded: Promise<Mermaid> | undefined;

/** mermaid, imported once under a jsdom window. */
function mermaid(): Promise<Mermaid> {
  loaded ??= (async () => {
    const dom = new JSDOM('<!doctype html><html><body></body></html>');
    Object.assign(globalThis, { window: dom.window, document: dom.window.document });
    return (await import('mermaid')).default;
  })();
  return loaded;
}

/**
 * Mermaid's pre-pass turns `#NN;` / `#name;` entity codes into markers (`ﬂ°°NN¶ß`, `ﬂ°name¶ß`)
 * that the renderer decodes; this decodes them to the characters a reader sees.
 */
function decode(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, name: string) => named[name] ?? m);
}

/**
 * Parses `source` with mermaid's flowchart parser. Throws mermaid's parse error when the source
 * is not a valid diagram.
 */
export async function parseFlowchart(source: string): Promise<ParsedFlowchart> {
  const m = await mermaid();
  const result = await m.parse(source);
  if (!result || !String(result.diagramType).startsWith('flowchart')) throw new Error(`not a flowchart: ${JSON.stringify(result)}`);
  const diagram = await m.mermaidAPI.getDiagramFromText(source);
  const db = diagram.db as unknown as {
    getVertices(): Map<string, { id: string; text: string; type: string; classes: string[] }>;
    getSubGraphs(): { id: string; title: string; nodes: string[] }[];
    getEdges(): { start: string; end: string }[];
  };
  const vertices = new Map<string, MermaidVertex>();
  for (const [id, v] of db.getVertices()) vertices.set(id, { id, text: decode(v.text), type: v.type, classes: [...v.classes] });
  return {
    vertices,
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: decode(s.title), nodes: [...s.nodes] })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end })),
  };
}
