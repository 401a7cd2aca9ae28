import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { MinutesRendition } from '@caseroom/contracts';
import { copyLine, documentTitle, outlineMinutes, pageLine, type MinutesBlock, type MinutesLine } from './minutes-outline';
import { yieldToEventLoop } from './yield-to-event-loop';

/*
 * The PDF of a copy: A4, DejaVu Sans embedded (it draws every letter a copy can hold, the Cyrillic look-alikes
 * of the fingerprint among them, and keeps them as text a reader can select and copy), the marking, the
 * recipient and the copy's number at the top and the bottom of every page.
 */

type Document = PDFKit.PDFDocument;

let fonts: { regular: Buffer; bold: Buffer } | undefined;
/** The font files, read once per process: each document embeds the subset of glyphs it uses. */
function dejaVu(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: readFileSync(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fonts;
}

const page = { top: 76, bottom: 76, left: 56, right: 56 };
const ink = { text: '#111111', detail: '#3a3a3a', rule: '#8a8a8a' };
const headingSizes = { 1: 17, 2: 13.5, 3: 11.5, 4: 10.5 } as const;
const sizes = { body: 10, detail: 9.5, notice: 10 } as const;
const bulletIndent = 14;

export async function renderMinutesPdf(model: MinutesRendition): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: page,
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: `${documentTitle(model)} (version ${model.version})`,
      Subject: `${model.marking.classification}: copy ${model.copy.number} (${model.copy.id}) issued to ${model.copy.recipientName}`,
      Author: 'Caseroom',
      Creator: 'Caseroom',
      CreationDate: new Date(model.copy.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', dejaVu().regular);
  doc.registerFont('bold', dejaVu().bold);
  doc.font('regular').fillColor(ink.text);

  for (const block of outlineMinutes(model)) {
    write(doc, block);
    // A copy takes a few hundred milliseconds to lay out: let the live channel in between its parts.
    await yieldToEventLoop();
  }
  markEveryPage(doc, model);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

function write(doc: Document, block: MinutesBlock): void {
  switch (block.kind) {
    case 'heading':
      return heading(doc, block.level, block.text);
    case 'paragraph':
      return paragraph(doc, block.line, block.tone);
    case 'list':
      return list(doc, block.lines);
    case 'group':
      for (const inner of block.blocks) write(doc, inner);
      if (block.role === 'action') doc.moveDown(0.4);
      return;
  }
}

const contentWidth = (doc: Document) => doc.page.width - page.left - page.right;
const bottomOf = (doc: Document) => doc.page.height - page.bottom;

/** Starts a new page when fewer than `height` points are left on this one. */
function keepRoom(doc: Document, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

function heading(doc: Document, level: 1 | 2 | 3 | 4, text: string): void {
  const size = headingSizes[level];
  doc.moveDown(level <= 2 ? 0.9 : 0.5);
  // A heading is never the last line of a page.
  keepRoom(doc, size * 1.4 + sizes.body * 3.6);
  doc
    .font('bold')
    .fontSize(size)
    .fillColor(ink.text)
    .text(text, page.left, doc.y, { width: contentWidth(doc) });
  if (level === 2) {
    const y = doc.y + 1;
    doc
      .moveTo(page.left, y)
      .lineTo(page.left + contentWidth(doc), y)
      .lineWidth(0.5)
      .strokeColor(ink.rule)
      .stroke();
    doc.y = y + 3;
  }
  doc.moveDown(0.2);
}

function paragraph(doc: Document, line: MinutesLine, tone: 'body' | 'detail' | 'notice'): void {
  const size = sizes[tone];
  keepRoom(doc, size * 1.3);
  labelled(doc, line, {
    x: page.left,
    width: contentWidth(doc),
    size,
    color: tone === 'detail' ? ink.detail : ink.text,
    isBold: tone === 'notice',
  });
  doc.moveDown(tone === 'body' ? 0.45 : 0.15);
}

function list(doc: Document, lines: readonly MinutesLine[]): void {
  for (const line of lines) {
    keepRoom(doc, sizes.body * 1.3);
    const y = doc.y;
    doc
      .font('regular')
      .fontSize(sizes.body)
      .fillColor(ink.text)
      .text('•', page.left + 2, y, { lineBreak: false });
    doc.y = y;
    labelled(doc, line, {
      x: page.left + bulletIndent,
      width: contentWidth(doc) - bulletIndent,
      size: sizes.body,
      color: ink.text,
      isBold: false,
    });
    doc.moveDown(0.15);
  }
  doc.moveDown(0.3);
}

interface LineLayout {
  readonly x: number;
  readonly width: number;
  readonly size: number;
  readonly color: string;
  readonly isBold: boolean;
}

/** A line with its label in bold, run on into its text. */
function labelled(doc: Document, { label, text }: MinutesLine, layout: LineLayout): void {
  const options = { width: layout.width, lineGap: 1.5 };
  doc.fontSize(layout.size).fillColor(layout.color);
  if (label !== undefined) {
    doc.font('bold').text(text ? `${label}: ` : label, layout.x, doc.y, { ...options, continued: Boolean(text) });
    if (text) doc.font(layout.isBold ? 'bold' : 'regular').text(text, options);
  } else {
    doc.font(layout.isBold ? 'bold' : 'regular').text(text, layout.x, doc.y, options);
  }
}

/**
 * Every page carries, at the top, the marking with the copy's number and its recipient on one line, and at
 * the bottom the marking with the page's number and the handling statement. A passage copied across a page
 * break then carries as few lines of marking as it can (four), and as many of the text whose marks name the copy.
 */
function markEveryPage(doc: Document, model: MinutesRendition): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    doc.switchToPage(index);
    // Written in the margins: with the margins at nought the text cannot spill onto a new page.
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    markingLine(doc, model, copyLine(model), 24);
    markingLine(doc, model, pageLine(index - start + 1, count), doc.page.height - page.bottom + 24);
    doc.fontSize(6.8).fillColor(ink.detail).font('regular');
    doc.text(model.marking.handling, page.left, doc.page.height - page.bottom + 35, { width: contentWidth(doc), lineGap: 0.5 });
    doc.page.margins = margins;
  }
}

/** The marking and, beside it on the same line, what this page says of itself (its copy, or its number), smaller if need be. */
function markingLine(doc: Document, model: MinutesRendition, beside: string, top: number): void {
  const width = contentWidth(doc);
  doc.font('bold').fontSize(8).fillColor(ink.text);
  doc.text(model.marking.classification, page.left, top, { width, lineBreak: false });
  const from = page.left + doc.widthOfString(model.marking.classification) + 14;
  const room = page.left + width - from;
  let size = 8;
  while (size > 5 && doc.font('regular').fontSize(size).widthOfString(beside) > room) size -= 0.5;
  doc
    .font('regular')
    .fontSize(size)
    .text(beside, from, top + (8 - size) / 2, { width: room, lineBreak: false, align: 'right' });
}
