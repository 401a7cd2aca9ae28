import { minutesMarking, type MinutesTraceMatch } from '@caseroom/contracts';
import { decideTrace, traceText } from './fingerprint';

/** A copy that was issued, with its key: what a text found somewhere is compared with. */
export interface MinutesCopyCandidate {
  readonly copyId: string;
  readonly number: number;
  readonly fingerprintKey: string;
  readonly recipientName: string;
  readonly conferenceTitle: string;
  readonly version: number;
}

export type MinutesTraceVerdict =
  { readonly match: MinutesTraceMatch; readonly reason: null } | { readonly match: null; readonly reason: string };

/** The copy a text was taken from, named by the marks it carries, or why it cannot be named. */
export function traceMinutesCopy(text: string, copies: readonly MinutesCopyCandidate[]): MinutesTraceVerdict {
  const candidates = copies.map(({ copyId, fingerprintKey }) => ({ id: copyId, key: fingerprintKey }));
  const verdict = decideTrace(traceText(withoutPageMarking(text), candidates));
  if (!verdict.named) return { match: null, reason: verdict.reason };
  const copy = copies.find(({ copyId }) => copyId === verdict.best.id);
  if (!copy) return { match: null, reason: 'the copy named is not among those compared' };
  return {
    match: {
      copyId: copy.copyId,
      number: copy.number,
      recipientName: copy.recipientName,
      conferenceTitle: copy.conferenceTitle,
      version: copy.version,
      agreeing: verdict.best.agreeing,
      compared: verdict.best.compared,
    },
    reason: null,
  };
}

/**
 * The text without the marking a PDF repeats at every page break. It carries no marks, and read back it parts
 * the last word of a page from the first of the next, which was written after it.
 */
function withoutPageMarking(text: string): string {
  const isMarking = (line: string) =>
    line.startsWith(minutesMarking.classification) || (line.length > 0 && minutesMarking.handling.includes(line));
  return text
    .split('\n')
    .filter((line) => !isMarking(line.trim()))
    .join('\n');
}

/** copy 7 of the minutes of <title> (version 1), issued to <name>: 212 of 212 marked words agree */
export function describeTraceVerdict(verdict: MinutesTraceVerdict): string {
  if (!verdict.match) return `cannot name a copy: ${verdict.reason}`;
  const { number, conferenceTitle, version, recipientName, agreeing, compared } = verdict.match;
  return `copy ${number} of the minutes of ${conferenceTitle} (version ${version}), issued to ${recipientName}: ${agreeing} of ${compared} marked words agree`;
}
