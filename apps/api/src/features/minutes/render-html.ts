import type { MinutesRendition } from '@caseroom/contracts';
import { copyLine, documentTitle, outlineMinutes, type MinutesBlock, type MinutesGroupRole, type MinutesLine } from './minutes-outline';

/*
 * The HTML view of a copy. The fragment carries class names only, no style attribute and no style element: the
 * web client's content security policy forbids inline styles, and the client styles the classes itself.
 */

const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character]);
}

/** `<article class="minutes">…</article>`: the copy for the web client to place in a page. */
export function renderMinutesHtml(model: MinutesRendition): string {
  return [
    `<article class="minutes" lang="en-GB">`,
    marking(model, 'header'),
    ...outlineMinutes(model).map(block),
    marking(model, 'footer'),
    `</article>`,
  ].join('\n');
}

/** The copy as a page of its own, to download and print. */
export function renderMinutesHtmlDocument(model: MinutesRendition): string {
  return [
    '<!doctype html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(`${documentTitle(model)} (version ${model.version}) · ${model.marking.classification}`)}</title>`,
    `<style>${documentStyle}</style>`,
    '</head>',
    '<body>',
    renderMinutesHtml(model),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function marking(model: MinutesRendition, element: 'header' | 'footer'): string {
  return [
    `<${element} class="minutes-marking">`,
    `<p class="minutes-classification">${escapeHtml(model.marking.classification)}</p>`,
    `<p class="minutes-handling">${escapeHtml(model.marking.handling)}</p>`,
    `<p class="minutes-copy">${escapeHtml(copyLine(model))}</p>`,
    `</${element}>`,
  ].join('\n');
}

function block(rendered: MinutesBlock): string {
  switch (rendered.kind) {
    case 'heading':
      return rendered.level === 1
        ? `<h1 class="minutes-title">${escapeHtml(rendered.text)}</h1>`
        : `<h${rendered.level}>${escapeHtml(rendered.text)}</h${rendered.level}>`;
    case 'paragraph':
      return `<p class="minutes-${rendered.tone}">${line(rendered.line)}</p>`;
    case 'list':
      return `<ul class="minutes-list">\n${rendered.lines.map((item) => `<li>${line(item)}</li>`).join('\n')}\n</ul>`;
    case 'group':
      return `<section class="${groupClasses[rendered.role]}">\n${rendered.blocks.map(block).join('\n')}\n</section>`;
  }
}

function line({ label, text }: MinutesLine): string {
  if (label === undefined) return escapeHtml(text);
  const lead = `<span class="minutes-label">${escapeHtml(text ? `${label}:` : label)}</span>`;
  return text ? `${lead} ${escapeHtml(text)}` : lead;
}

const groupClasses: Readonly<Record<MinutesGroupRole, string>> = {
  front: 'minutes-front',
  attendance: 'minutes-attendance',
  agency: 'minutes-agency',
  item: 'minutes-item',
  'item-not-part': 'minutes-item minutes-not-part',
  'section-panel': 'minutes-section minutes-section-panel',
  'section-victim': 'minutes-section minutes-section-victim',
  'section-investigation': 'minutes-section minutes-section-investigation',
  'section-standards': 'minutes-section minutes-section-standards',
  decisions: 'minutes-decisions',
  decision: 'minutes-decision',
  'decision-superseded': 'minutes-decision minutes-superseded',
  actions: 'minutes-actions',
  action: 'minutes-action',
};

/** For the downloaded page only (the fragment in the web client is styled by the client's own sheet). */
const documentStyle = `
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; }
.minutes { max-width: 48rem; margin: 0 auto; padding: 1.5rem; }
.minutes-marking { border: 1px solid #111; padding: 0.4rem 0.6rem; font-size: 8pt; margin: 0 0 1.5rem; }
footer.minutes-marking { margin: 1.5rem 0 0; }
.minutes-marking p { margin: 0.1rem 0; }
.minutes-classification { font-weight: bold; letter-spacing: 0.05em; }
.minutes-title { font-size: 18pt; margin: 0 0 0.5rem; }
.minutes h2 { font-size: 14pt; margin: 1.6rem 0 0.4rem; border-bottom: 1px solid #999; }
.minutes h3 { font-size: 12pt; margin: 1rem 0 0.3rem; }
.minutes h4 { font-size: 11pt; margin: 0.8rem 0 0.2rem; }
.minutes-label { font-weight: bold; }
.minutes-detail { color: #333; margin: 0.15rem 0; }
.minutes-notice { font-weight: bold; }
.minutes-list { margin: 0.3rem 0; padding-left: 1.2rem; }
.minutes-superseded h4 { text-decoration: line-through; }
@media print {
  .minutes { max-width: none; padding: 0; }
  .minutes h2 { break-after: avoid; }
  @page { size: A4; margin: 18mm 16mm; }
}
`.trim();
