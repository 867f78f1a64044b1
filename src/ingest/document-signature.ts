/**
 * Refusing word-processor and print formats before decoding: a PDF, a Word or OpenDocument file,
 * or RTF is not a guide tejun can read line by line, and reading its bytes as text would give
 * nonsense or a `binary-guide` error that does not say what to do. Each is recognised by its own
 * file signature (magic bytes), never by its file name.
 */
import { GuideError } from './guide-error.js';

/** A document format tejun refuses, with what to convert it to. */
interface Signature {
  name: string;
  magic: readonly number[];
  convert: string;
}

const SIGNATURES: readonly Signature[] = [
  { name: 'PDF document', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], convert: 'convert it to text first (`pdftotext -layout FILE`) or to Markdown, or read the guide\'s source (HTML, Markdown, reStructuredText, AsciiDoc, DocBook) if it is published' },
  { name: 'ZIP container (Word .docx, OpenDocument .odt, EPUB)', magic: [0x50, 0x4b, 0x03, 0x04], convert: 'convert it to Markdown or HTML first (`pandoc FILE -t gfm -o guide.md`, or save as HTML)' },
  { name: 'legacy Word document (.doc, OLE compound file)', magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], convert: 'save it as HTML or plain text first (or convert with `libreoffice --convert-to html FILE`)' },
  { name: 'RTF document', magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], convert: 'save it as plain text or HTML first (`pandoc FILE -t gfm -o guide.md`)' },
];

/**
 * Throws when `data` starts with the signature of a document format tejun does not read.
 * @param data the guide's bytes as stored.
 * @param path the guide's name, for the message.
 * @throws {GuideError} `unsupported-format` at line 1, naming the format and what to convert it to.
 */
export function refuseDocumentFormats(data: Uint8Array, path: string): void {
  for (const s of SIGNATURES) {
    if (data.length >= s.magic.length && s.magic.every((b, i) => data[i] === b)) {
      throw new GuideError('unsupported-format', `Unexpected ${s.name} ${path}, expected a text guide (text, Markdown, HTML, reStructuredText, AsciiDoc or DocBook): ${s.convert}`);
    }
  }
}
