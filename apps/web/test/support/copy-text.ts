import { strFromU8, unzipSync } from 'fflate';

/*
 * The text of a downloaded copy as a reader gets it out: a PDF through a real PDF parser (pdfjs), a Word
 * file through its document XML, anything else as UTF-8. And the text read back to Latin letters: a copy's
 * fingerprint swaps letters for the Cyrillic letters drawn the same.
 */

const startsWith = (bytes: Uint8Array, magic: string) => [...magic].every((character, index) => bytes[index] === character.charCodeAt(0));

export async function copyText(bytes: Uint8Array): Promise<string> {
  if (startsWith(bytes, '%PDF-')) return pdfText(bytes);
  if (startsWith(bytes, 'PK\u0003\u0004')) return docxText(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

async function pdfText(bytes: Uint8Array): Promise<string> {
  // The legacy build runs on Node without a DOM; it is an ES module, loaded only when a PDF is read.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const loading = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 });
  const pdf = await loading.promise;
  try {
    let text = '';
    for (let number = 1; number <= pdf.numPages; number += 1) {
      for (const item of (await (await pdf.getPage(number)).getTextContent()).items)
        if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text += '\n';
    }
    return text;
  } finally {
    await loading.destroy();
  }
}

function docxText(bytes: Uint8Array): string {
  const xml = unzipSync(bytes, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml'];
  if (!xml) throw new Error('the file is not a Word document: it has no word/document.xml');
  return strFromU8(xml)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Cyrillic letters drawn like Latin ones, read back as the Latin letters they stand for. */
const latinOf: Readonly<Record<string, string>> = {
  '\u0430': 'a',
  '\u0435': 'e',
  '\u043e': 'o',
  '\u0440': 'p',
  '\u0441': 'c',
  '\u0445': 'x',
  '\u0443': 'y',
  '\u0456': 'i',
  '\u0458': 'j',
  '\u0455': 's',
  '\u0410': 'A',
  '\u0412': 'B',
  '\u0415': 'E',
  '\u041a': 'K',
  '\u041c': 'M',
  '\u041d': 'H',
  '\u041e': 'O',
  '\u0420': 'P',
  '\u0421': 'C',
  '\u0422': 'T',
  '\u0425': 'X',
  '\u0406': 'I',
  '\u0408': 'J',
  '\u0405': 'S',
};

export function inLatin(text: string): string {
  return text.replace(/\p{Script=Cyrillic}/gu, (letter) => latinOf[letter] ?? letter);
}
