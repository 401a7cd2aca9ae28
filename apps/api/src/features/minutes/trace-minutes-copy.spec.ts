import { minutesMarking } from '@caseroom/contracts';
import { compartments } from '@caseroom/domain';
import { sampleProse } from '@caseroom/testing';
import { fingerprint, newFingerprintKey } from './fingerprint';
import { describeTraceVerdict, traceMinutesCopy, type MinutesCopyCandidate } from './trace-minutes-copy';

const copies: MinutesCopyCandidate[] = Array.from({ length: 30 }, (_, index) => ({
  copyId: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
  number: index + 1,
  fingerprintKey: newFingerprintKey(),
  recipientName: `Recipient ${index + 1}`,
  conferenceTitle: 'Northmoor MARAC, December',
  version: 2,
}));
const text = compartments.flatMap((compartment) => sampleProse(compartment, 5, 800)).join('\n');

describe('traceMinutesCopy', () => {
  it('names the copy, its recipient and its minutes', () => {
    const verdict = traceMinutesCopy(fingerprint(text, copies[11].fingerprintKey), copies);
    expect(verdict.match).toMatchObject({ copyId: copies[11].copyId, number: 12, recipientName: 'Recipient 12', version: 2 });
    expect(describeTraceVerdict(verdict)).toMatch(
      /^copy 12 of the minutes of Northmoor MARAC, December \(version 2\), issued to Recipient 12: (\d+) of \1 marked words agree$/,
    );
  });

  it('reads a passage across a page break as the page ran on, without the marking between', () => {
    const lines = fingerprint(text, copies[3].fingerprintKey).split(/(?<=\. )/);
    const marking = [
      `${minutesMarking.classification} Copy 4 · issued to Recipient 4 (Northmoor Police) Page 2 of 9`,
      ...minutesMarking.handling.split(/(?<=disclose further) /),
    ];
    for (let pageBreak = 1; pageBreak < 12; pageBreak += 1) {
      const passage = [...lines.slice(0, pageBreak), '', ...marking, ...marking, ...lines.slice(pageBreak)].join('\n');
      const { match } = traceMinutesCopy(passage, copies);
      expect(match).toMatchObject({ number: 4 });
      expect(match?.agreeing).toBe(match?.compared);
    }
  });

  it('says why it cannot name a copy', () => {
    const verdict = traceMinutesCopy(text, copies);
    expect(verdict).toEqual({ match: null, reason: expect.stringContaining('0 marked words') });
    expect(describeTraceVerdict(verdict)).toMatch(/^cannot name a copy: the text holds 0 marked words/);
  });

  it('cannot name a copy whose key is not among those compared', () => {
    expect(traceMinutesCopy(fingerprint(text, newFingerprintKey()), copies).match).toBeNull();
  });
});
