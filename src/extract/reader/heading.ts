/**
 * Reading a heading: it ends the step and opens a section (a new procedure when the heading is
 * one), with a fresh section context; the files it names as the file to edit hold for it and its
 * subsections; the role and condition it states hold for the procedures under it.
 */
import { conditionOf, conditionWithoutTokens, roleOf, roleWithoutTokens } from '../../nlp/japanese.js';
import type { HeadingBlock } from '../../parse/blocks.js';
import { EDIT_VERB } from './patterns.js';
import type { Reader } from './reader.js';
import { freshSection } from './section.js';

/** Reads heading block `b` (any format's heading, with its depth and 1-based line) into `r`. */
export async function readHeading(r: Reader, b: HeadingBlock): Promise<void> {
  r.finishStep();
  if (!r.title) r.title = b.text;
  r.headingFiles = r.headingFiles.filter((h) => h.depth < b.depth);
  const named = r.mentions.read(b.text);
  if (named.length && EDIT_VERB.test(b.text)) r.headingFiles.push({ depth: b.depth, files: named });
  r.sec = freshSection(r.headingFiles[r.headingFiles.length - 1]?.files ?? []);
  if (b.procedure) {
    r.proc = null;
    r.pendingSection = { title: b.text, line: b.line };
    r.ensureProc();
    return;
  }
  const headings = r.headings;
  while (headings.length && headings[headings.length - 1]!.depth >= b.depth) headings.pop();
  const role = roleWithoutTokens(b.text) === null ? null : await roleOf(b.text);
  const when = conditionWithoutTokens(b.text) === null ? null : await conditionOf(b.text);
  headings.push({ depth: b.depth, text: b.text, role, when });
  r.proc = null;
  r.pendingSection = { title: b.text, line: b.line };
  r.introRole = null;
}
