import type { MinutesFormat, MinutesRendition } from '@caseroom/contracts';
import { fingerprintRendition } from './fingerprint-rendition';
import { renderMinutesDocx } from './render-docx';
import { renderMinutesHtml, renderMinutesHtmlDocument } from './render-html';
import { renderMinutesPdf } from './render-pdf';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface MinutesRenderJob {
  readonly model: MinutesRendition;
  readonly formats: readonly MinutesFormat[];
  /** The copy's key, when its texts are still to be fingerprinted (fingerprinting them again changes nothing). */
  readonly fingerprintKey?: string;
  /** The HTML as the fragment the browser shows inside its own page, rather than a page of its own. */
  readonly fragment?: boolean;
}

/** A copy as the files its recipient downloads: the PDF, the Word file, the HTML page (as UTF-8). */
export type RenderedMinutesCopy = Partial<Record<MinutesFormat, Buffer>>;

/** Renders one copy in the formats asked for, fingerprinting its texts first when given the key. */
export async function renderMinutesCopy({
  model,
  formats,
  fingerprintKey,
  fragment = false,
}: MinutesRenderJob): Promise<RenderedMinutesCopy> {
  const marked = fingerprintKey === undefined ? model : fingerprintRendition(model, fingerprintKey);
  const rendered: RenderedMinutesCopy = {};
  for (const format of formats) {
    await yieldToEventLoop();
    rendered[format] = await renderFormat(marked, format, fragment);
  }
  return rendered;
}

async function renderFormat(model: MinutesRendition, format: MinutesFormat, fragment: boolean): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderMinutesPdf(model);
    case 'docx':
      return renderMinutesDocx(model);
    case 'html':
      return Buffer.from(fragment ? renderMinutesHtml(model) : renderMinutesHtmlDocument(model), 'utf8');
  }
}
