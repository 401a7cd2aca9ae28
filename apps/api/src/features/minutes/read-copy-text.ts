import { extname } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/*
 * The text of a copy as someone copying it out would get it: what a PDF reader extracts, what a Word file's
 * document holds, what a web page shows. The trace reads marks from this text, never from metadata.
 */

type CopyKind = 'pdf' | 'docx' | 'html' | 'text';

/** The text of a file: a PDF, a Word file, an HTML page, or any text (a passage pasted out of a copy). */
export async function readCopyText(bytes: Uint8Array, fileName: string): Promise<string> {
  switch (kindOf(bytes, fileName)) {
    case 'pdf':
      return readPdfText(bytes);
    case 'docx':
      return readDocxText(bytes);
    case 'html':
      return htmlText(utf8(bytes));
    case 'text':
      return utf8(bytes);
  }
}

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => bytes[index] === byte);

/** By the file's name, or by its first bytes when the name says nothing (a PDF or Word file renamed). */
function kindOf(bytes: Uint8Array, fileName: string): CopyKind {
  const extension = extname(fileName).toLowerCase();
  if (extension === '.pdf' || startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (extension === '.docx' || startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  if (extension === '.html' || extension === '.htm') return 'html';
  return 'text';
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** The legacy build runs on Node without a DOM; it is an ES module, loaded when a PDF is first read. */
async function pdfjs() {
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

async function readPdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await pdfjs();
  // pdfjs may take over the buffer it is given: it gets a copy.
  const loading = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const pdf = await loading.promise;
  try {
    const pages: string[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.endsWith('\n') ? text : `${text}\n`);
    }
    return pages.join('');
  } finally {
    await loading.destroy();
  }
}

/** The paragraphs of word/document.xml as lines: the text of their runs, tabs and breaks. */
function readDocxText(bytes: Uint8Array): string {
  const files = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' });
  const xml = files['word/document.xml'];
  if (!xml) throw new Error('the file is not a Word document: it has no word/document.xml');
  const lines: string[] = [];
  let line = '';
  const pieces = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<\/w:p>|<w:p(?:\s[^>]*)?\/>/g;
  for (const [piece, text] of strFromU8(xml).matchAll(pieces)) {
    if (text !== undefined) line += xmlText(text);
    else if (piece === '<w:tab/>') line += '\t';
    else if (piece.startsWith('<w:br')) line += '\n';
    else {
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const named: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return named[name.toLowerCase()] ?? entity;
  });
}

const blockEnd = /<\/(?:p|div|section|article|header|footer|h[1-6]|li|ul|ol|tr|table|blockquote|pre)>|<br\s*\/?>/gi;

/** What a page shows: scripts and styles dropped, a line for each block, the tags gone, the entities read. */
function htmlText(html: string): string {
  return xmlText(
    html
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(blockEnd, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/\n\s*\n+/g, '\n'),
  );
}
