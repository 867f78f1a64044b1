/**
 * The reading context that holds within one section: made fresh at every heading (one record
 * instead of fields reset by hand), so nothing read under one heading leaks into the next.
 */
import type { CommandAction } from '../../ir/types.js';
import type { ContentLine } from '../content-to-settings.js';

/** What an operator keeps in mind while reading one section of a guide. */
export interface SectionState {
  /** The files an instruction (or the enclosing heading) names as the files to edit. */
  files: string[];
  /** The list depth and kind of the text that named {@link files}; null when no text did (a heading, an editor line). */
  filesNamedBy: { depth: number; item: boolean } | null;
  /** Files the next item of the list that named them ended (see instruction-files.ts endsFileContext), while no file is named since. */
  filesAside: { files: string[]; namedBy: { depth: number; item: boolean } } | null;
  /** {@link files} were named by the text just before this block (no block since). */
  filesFresh: boolean;
  /** The instruction said to add lines (追記, add): content in an unfenced block is theirs. */
  addInstruction: boolean;
  /** The INI section the content is in (named by text, a note or the content itself), or null. */
  section: string | null;
  /** An open editor (`vi FILE`) and the content lines given to it so far. */
  editor: { files: string[]; lines: ContentLine[] } | null;
  /** The open database client session (`mysql -u root -p`): SQL after it runs in it. */
  session: CommandAction | null;
  /** The account `su` switched to: a `$` prompt after it runs as that user. */
  suUser: string | null;
  /** A command (or SQL) continued into the next line or block. */
  carry: { run: string } | null;
  /** Conditions paragraphs state for the list items below them, by list depth. */
  conditions: Array<{ depth: number; when: string }>;
  /** Roles paragraphs state for the list items below them ("…をホストする各システムで…"), by list depth. */
  roles: Array<{ depth: number; role: string }>;
  /** The previous text introduced placeholder definitions (以下を置き換え): `NAME: …` items define them. */
  replaceIntro: boolean;
  /** List depth of the open note marker item (`- 補足：`), or null. */
  noteDepth: number | null;
  /** Role of the host the last `[対象: host]` tag named; holds until the next heading. */
  tagRole: string | null;
  /** The paragraph that said the current section may be skipped (see section-condition.ts), or null. */
  sectionSkip: string | null;
  /**
   * The file content the previous block gave (its files and the INI section its last line was
   * in), while no text has come since: a code block right after it whose first line is not a
   * command continues that content (a page break split the snippet in two).
   */
  contentBefore: { files: string[]; section: string | null } | null;
  /** The previous block was text ending in a glued definition-list term (see text.ts, GLUED_TERM). */
  termBefore: boolean;
  /** The previous block was a lone definition term (see text.ts, LONE_TERM) for a name a command holds. */
  loneTerm: { name: string; line: number; scope: string[] } | null;
}

/**
 * The context at the start of a section: nothing open, nothing named but `files` (the files the
 * enclosing headings name as the file to edit; empty at the start of the guide).
 */
export function freshSection(files: string[]): SectionState {
  return {
    files,
    filesNamedBy: null,
    filesAside: null,
    filesFresh: false,
    addInstruction: false,
    section: null,
    editor: null,
    session: null,
    suUser: null,
    carry: null,
    conditions: [],
    roles: [],
    replaceIntro: false,
    noteDepth: null,
    tagRole: null,
    sectionSkip: null,
    contentBefore: null,
    termBefore: false,
    loneTerm: null,
  };
}
