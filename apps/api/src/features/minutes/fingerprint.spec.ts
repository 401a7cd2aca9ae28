import fc from 'fast-check';
import { compartments } from '@caseroom/domain';
import { sampleProse } from '@caseroom/testing';
import { decideTrace, fingerprint, newFingerprintKey, traceText, traceThresholds, withoutMarks } from './fingerprint';

const keys = Array.from({ length: 30 }, (_, index) => ({ id: `copy-${index + 1}`, key: newFingerprintKey() }));
const cyrillic = /\p{Script=Cyrillic}/u;
/** Ten lines of about ninety characters, as a passage pasted out of a page would be. */
function tenLines(text: string, from = 0): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line.length + word.length > 90) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.slice(from, from + 10).join('\n');
}

/** About 8,000 characters of summary with no sentence repeated. */
const source = compartments.flatMap((compartment) => sampleProse(compartment, 7, 2000)).join(' ');
const verdictFor = (text: string, candidates = keys) => decideTrace(traceText(text, candidates));

describe('fingerprint', () => {
  it('swaps a letter in about one word of four and reads back as the original text', () => {
    const marked = fingerprint(source, keys[0].key);
    expect(marked).not.toBe(source);
    expect(withoutMarks(marked)).toBe(source);
    const words = source.match(/\p{L}{2,}/gu) ?? [];
    const markedWords = (marked.match(/[\p{L}]{2,}/gu) ?? []).filter((word) => cyrillic.test(word));
    expect(markedWords.length / words.length).toBeGreaterThan(0.15);
    expect(markedWords.length / words.length).toBeLessThan(0.3);
    expect(markedWords.every((word) => (word.match(/\p{Script=Cyrillic}/gu) ?? []).length === 1)).toBe(true);
  });

  it('changes nothing when a text is written twice with the same key', () => {
    const marked = fingerprint(source, keys[0].key);
    expect(fingerprint(marked, keys[0].key)).toBe(marked);
  });

  it('keeps any text, once read back, as it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        fc.pre(!cyrillic.test(text));
        expect(withoutMarks(fingerprint(text, keys[1].key))).toBe(text);
      }),
    );
  });

  it('refuses a key that is not hex of at least 16 bytes', () => {
    expect(() => fingerprint('text', 'not a key')).toThrow('hex');
    expect(() => fingerprint('text', 'abcd')).toThrow('hex');
  });
});

describe('traceText', () => {
  it('finds every mark of the right key agreeing', () => {
    const scores = traceText(fingerprint(source, keys[3].key), keys);
    const right = scores.find((score) => score.id === 'copy-4');
    expect(right?.compared).toBeGreaterThan(200);
    expect(right?.agreeing).toBe(right?.compared);
  });

  it('names the copy from a passage of ten lines, among thirty keys', () => {
    for (const { id, key } of keys) {
      const verdict = verdictFor(tenLines(fingerprint(source, key), 5));
      expect(verdict).toMatchObject({ named: true, best: { id } });
    }
  });

  it('never names the wrong copy, over every pair of keys', () => {
    const passages = keys.map(({ key }) => tenLines(fingerprint(source, key), 12));
    for (const [writer, passage] of passages.entries()) {
      for (const [other, candidate] of keys.entries()) {
        if (other === writer) continue;
        expect(verdictFor(passage, [candidate]).named).toBe(false);
        expect(verdictFor(passage, [candidate, keys[writer]])).toMatchObject({ named: true, best: { id: keys[writer].id } });
      }
    }
  });

  it('names the copy when its first words follow a heading it was not written after', () => {
    const paragraphs = sampleProse('victim', 3, 1500).map((paragraph) => fingerprint(paragraph, keys[5].key));
    const page = paragraphs.map((paragraph) => `Victim and safety\n${paragraph}`).join('\n');
    expect(verdictFor(page)).toMatchObject({ named: true, best: { id: 'copy-6', agreeing: expect.any(Number) } });
    const right = traceText(page, [keys[5]])[0];
    expect(right.agreeing).toBe(right.compared);
  });

  it('cannot name a copy from a short passage', () => {
    const short = fingerprint('The IDVA spoke with the victim on Monday; she is frightened and sleeping poorly.', keys[0].key);
    const verdict = verdictFor(short);
    expect(verdict.named).toBe(false);
    expect(verdict).toMatchObject({ reason: expect.stringContaining(`at least ${traceThresholds.fewestCompared}`) });
  });

  it('cannot name a copy from text that carries no marks', () => {
    expect(verdictFor(source)).toMatchObject({ named: false, reason: expect.stringContaining('holds 0 marked words') });
    expect(verdictFor('')).toMatchObject({ named: false });
  });

  it('cannot name a copy from a text pieced together from two copies', () => {
    const first = tenLines(fingerprint(source, keys[0].key), 0);
    const second = tenLines(fingerprint(source, keys[1].key), 10);
    expect(verdictFor(`${first}\n${second}`).named).toBe(false);
  });

  it('leaves genuine Cyrillic alone and does not count it as marks', () => {
    const russian = 'Потерпевшая сообщила, что Москва и Санкт-Петербург ей не знакомы; он сказал: «а я здесь».';
    expect(fingerprint(russian, keys[0].key)).toBe(russian);
    expect(traceText(russian, keys)[0].compared).toBe(0);
    const mixed = `${russian}\n${fingerprint(source, keys[8].key)}\n${russian}`;
    expect(verdictFor(tenLines(mixed, 3))).toMatchObject({ named: true, best: { id: 'copy-9' } });
    expect(verdictFor(`${russian}\n${russian}\n${source}`).named).toBe(false);
  });
});
