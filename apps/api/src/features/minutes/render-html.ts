// PLACEHOLDER
import type { MinutesRendition } from '@caseroom/contracts';
export function renderMinutesHtml(model: MinutesRendition): string {
  return JSON.stringify(model);
}
export function renderMinutesHtmlDocument(model: MinutesRendition): string {
  return JSON.stringify(model);
}
