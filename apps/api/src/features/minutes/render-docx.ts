import {
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TabStopType,
  TextRun,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import type { MinutesRendition } from '@caseroom/contracts';
import { copyLine, documentTitle, outlineMinutes, type MinutesBlock, type MinutesLine } from './minutes-outline';
import { yieldToEventLoop } from './yield-to-event-loop';

/*
 * The Word file of a copy: the same blocks as the PDF, in the same order, with the marking, the handling
 * statement, the recipient and the copy's number in the header and the footer of every page.
 */

/** A4 in twentieths of a point, with margins of 2 cm, and room above and below for the marking. */
const page = { width: 11906, height: 16838, margin: 1134, header: 454, marked: 1900 };
const textWidth = page.width - 2 * page.margin;
const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;
/** Sizes in half-points. */
const sizes = { body: 20, detail: 19, marking: 17, handling: 14 } as const;
const detailColour = '3A3A3A';

export async function renderMinutesDocx(model: MinutesRendition): Promise<Buffer> {
  const children: Paragraph[] = [];
  for (const block of outlineMinutes(model)) {
    children.push(...paragraphs(block));
    await yieldToEventLoop();
  }
  const document = new Document({
    title: `${documentTitle(model)} (version ${model.version})`,
    subject: `${model.marking.classification}: copy ${model.copy.number} (${model.copy.id}) issued to ${model.copy.recipientName}`,
    creator: 'Caseroom',
    lastModifiedBy: 'Caseroom',
    styles: { default: { document: { run: { font: 'Arial', size: sizes.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: {
              top: page.marked,
              bottom: page.marked,
              left: page.margin,
              right: page.margin,
              header: page.header,
              footer: page.header,
            },
          },
        },
        headers: { default: new Header({ children: marking(model) }) },
        footers: { default: new Footer({ children: marking(model) }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

function marking(model: MinutesRendition): Paragraph[] {
  return [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: textWidth }],
      children: [
        new TextRun({ text: model.marking.classification, bold: true, size: sizes.marking }),
        new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: sizes.marking }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: model.marking.handling, size: sizes.handling, color: detailColour })] }),
    new Paragraph({ children: [new TextRun({ text: copyLine(model), bold: true, size: sizes.marking })] }),
  ];
}

function paragraphs(block: MinutesBlock): Paragraph[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ text: block.text, heading: headingLevels[block.level], keepNext: true })];
    case 'paragraph': {
      const options: IParagraphOptions = { spacing: { after: block.tone === 'body' ? 140 : 40 } };
      return [new Paragraph({ ...options, children: runs(block.line, block.tone) })];
    }
    case 'list':
      return block.lines.map((line) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: runs(line, 'body') }));
    case 'group':
      return block.blocks.flatMap(paragraphs);
  }
}

function runs({ label, text }: MinutesLine, tone: 'body' | 'detail' | 'notice'): ParagraphChild[] {
  const look = {
    size: tone === 'detail' ? sizes.detail : sizes.body,
    color: tone === 'detail' ? detailColour : undefined,
    bold: tone === 'notice',
  };
  if (label === undefined) return [new TextRun({ text, ...look })];
  const lead = new TextRun({ text: text ? `${label}: ` : label, ...look, bold: true });
  return text ? [lead, new TextRun({ text, ...look })] : [lead];
}
