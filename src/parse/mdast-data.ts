/**
 * What the format readers put on mdast nodes' `data`, beyond Markdown's own tree, for
 * mdast-to-blocks.ts to carry onto the block stream:
 *
 * - `when`: the condition the source format attaches to the node (reStructuredText/Sphinx
 *   `.. only:: rdo` → `"rdo"`), on every node inside the conditional content;
 * - `file`: the file a code node's lines belong to, named by the markup rather than the prose
 *   (a `.. path /etc/x.conf` comment right before a Sphinx code block).
 */
declare module 'mdast' {
  interface Data {
    /** The source format's condition on this node, in the guide's words (`rdo`, `ubuntu or debian`). */
    when?: string;
    /** The file a code node's content is for, as the markup names it. */
    file?: string;
  }
}

export {};
