// PLACEHOLDER
import type { MinutesRendition } from '@caseroom/contracts';
export function renderMinutesPdf(model: MinutesRendition): Promise<Buffer> {
  return Promise.resolve(Buffer.from(JSON.stringify(model)));
}
