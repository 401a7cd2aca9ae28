// PLACEHOLDER
import type { MinutesRendition } from '@caseroom/contracts';
export function renderMinutesDocx(model: MinutesRendition): Promise<Buffer> {
  return Promise.resolve(Buffer.from(JSON.stringify(model)));
}
