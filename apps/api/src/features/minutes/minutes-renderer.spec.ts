import { minutesFormats } from '@caseroom/contracts';
import { compartments } from '@caseroom/domain';
import { sampleMinutes } from '@caseroom/testing';
import { decideTrace, newFingerprintKey, traceText } from './fingerprint';
import { MinutesRenderer } from './minutes-renderer';
import { readCopyText } from './read-copy-text';

const model = sampleMinutes({
  items: [1, 2, 3].map((number) => ({ number, compartments: number === 2 ? null : compartments })),
  copyNumber: 4,
  recipientName: 'Sam Patel',
  summaryLength: 1200,
});
const keys = Array.from({ length: 30 }, (_, index) => ({ id: `copy-${index + 1}`, key: newFingerprintKey() }));

describe('MinutesRenderer', () => {
  const renderer = new MinutesRenderer(2);
  afterAll(() => renderer.close());

  it('renders copies on threads of their own, each fingerprinted with its own key', async () => {
    const copies = await Promise.all(
      keys.slice(0, 3).map(({ key }) => renderer.render({ model, formats: minutesFormats, fingerprintKey: key })),
    );
    for (const [index, copy] of copies.entries()) {
      for (const format of minutesFormats) {
        const file = copy[format];
        expect(file).toBeInstanceOf(Buffer);
        const text = await readCopyText(file!, `minutes.${format}`);
        expect(text).toContain('Sam Patel');
        expect(decideTrace(traceText(text, keys))).toMatchObject({ named: true, best: { id: keys[index].id } });
      }
    }
  });

  it('renders only the formats asked for', async () => {
    const copy = await renderer.render({ model, formats: ['html'] });
    expect(Object.keys(copy)).toEqual(['html']);
    expect(copy.html?.toString('utf8')).toMatch(/^<!doctype html>/);
  });

  it('refuses a copy it cannot render, and renders the next', async () => {
    await expect(renderer.render({ model, formats: ['pdf'], fingerprintKey: 'not a key' })).rejects.toThrow(
      'rendering a copy of the minutes failed',
    );
    await expect(renderer.render({ model, formats: ['docx'] })).resolves.toHaveProperty('docx');
  });

  it('refuses work once closed', async () => {
    const closed = new MinutesRenderer(1);
    await closed.close();
    await expect(closed.render({ model, formats: ['html'] })).rejects.toThrow('closed');
  });
});
