import { minutesMarking, notPartOfThisDiscussion, type MinutesFormat, type MinutesRendition } from '@caseroom/contracts';
import { compartments, type Compartment } from '@caseroom/domain';
import { Canaries, sampleMinutes } from '@caseroom/testing';
import { decideTrace, fingerprint, newFingerprintKey, traceText, withoutMarks, type TraceCandidate } from './fingerprint';
import { readCopyText } from './read-copy-text';
import { renderMinutesDocx } from './render-docx';
import { renderMinutesHtml, renderMinutesHtmlDocument } from './render-html';
import { renderMinutesPdf } from './render-pdf';

/*
 * Every format rendered from one copy and read back as someone copying it out would: the PDF through pdfjs,
 * the Word file unzipped, the HTML page with its tags stripped. The canaries show what each holds; the marks
 * name the copy.
 */

const keys: TraceCandidate[] = Array.from({ length: 30 }, (_, index) => ({ id: `copy-${index + 1}`, key: newFingerprintKey() }));
const recipient = keys[6];
const canaries = new Canaries();
/** What the recipient has of each item; item 3 they were stepped out of. */
const parts: Readonly<Record<number, readonly Compartment[]>> = {
  1: compartments,
  2: ['panel', 'victim'],
  3: compartments,
  4: ['panel', 'standards'],
};
const steppedOut = 3;

const full = sampleMinutes({
  items: Object.entries(parts).map(([number, included]) => ({ number: Number(number), compartments: included })),
  copyNumber: 7,
  recipientName: 'Jane Doe',
  mark: (text) => fingerprint(text, recipient.key),
  canary: (itemNumber, compartment, field) => canaries.plant(compartment, `item${itemNumber}-${field}`),
});
const steppedOutItem = full.items.find((item) => item.number === steppedOut);
const steppedOutReference = steppedOutItem?.part ? steppedOutItem.reference : 'missing';
/** The copy as the policy gives it: the stepped-out item is its number and nothing else. */
const model: MinutesRendition = {
  ...full,
  items: full.items.map((item) => (item.number === steppedOut ? { number: steppedOut, part: false } : item)),
};

const renderers: Record<MinutesFormat, { fileName: string; render: (copy: MinutesRendition) => Promise<Uint8Array> }> = {
  pdf: { fileName: 'minutes.pdf', render: renderMinutesPdf },
  docx: { fileName: 'minutes.docx', render: renderMinutesDocx },
  html: { fileName: 'minutes.html', render: (copy) => Promise.resolve(Buffer.from(renderMinutesHtmlDocument(copy))) },
};
const texts = new Map<MinutesFormat, string>();
async function readBack(format: MinutesFormat): Promise<string> {
  let text = texts.get(format);
  if (text === undefined) {
    const { fileName, render } = renderers[format];
    text = await readCopyText(await render(model), fileName);
    texts.set(format, text);
  }
  return text;
}

/** The text without its marks, and a line broken after a hyphen (as a PDF breaks a long canary) joined again. */
const asWritten = (text: string) => withoutMarks(text).replace(/-\n/g, '-');

const canariesOf = (itemNumber: number, compartment: Compartment) =>
  canaries.of(compartment).filter((canary) => canary.includes(`-item${itemNumber}-`));

const sectionHeadings = ['Panel summary', 'Victim and safety', 'Investigation', 'Professional standards'];

/** Lines as a reader sees them: a PDF's as they are, the paragraphs of the others wrapped at about ninety characters. */
function displayedLines(text: string, format: MinutesFormat): string[] {
  if (format === 'pdf') return text.split('\n');
  return text.split('\n').flatMap((paragraph) => {
    const lines: string[] = [];
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length > 90) {
        lines.push(line);
        line = '';
      }
      line = line ? `${line} ${word}` : word;
    }
    return [...lines, line];
  });
}

/** Lines of the page marking, which a PDF's text holds at every page break (six lines: three at the foot, three at the head). */
const isPageMarking = (line: string) =>
  line.startsWith(minutesMarking.classification) || minutesMarking.handling.replace(/\n/g, ' ').includes(line.trim());

/**
 * Every passage of ten lines that lies within the summary of a compartment: of its content alone, or (with
 * `withMarking`) as cut from the text as it comes, page marking and all.
 */
function summaryPassages(text: string, format: MinutesFormat, withMarking = false): string[] {
  const lines = displayedLines(text, format).filter((line) => withMarking || !isPageMarking(line));
  const passages: string[] = [];
  const isBoundary = (line: string) =>
    sectionHeadings.includes(line) || ['Decisions', 'Actions'].includes(line) || line.startsWith('Item ');
  for (let start = 0; start < lines.length; start += 1) {
    if (!sectionHeadings.includes(lines[start])) continue;
    let end = start + 1;
    while (end < lines.length && !isBoundary(lines[end])) end += 1;
    for (let from = start + 1; from + 10 <= end; from += 1) passages.push(lines.slice(from, from + 10).join('\n'));
  }
  return passages;
}

describe.each(['pdf', 'docx', 'html'] as const)('the %s of a copy, read back', (format) => {
  it('holds the canaries of every compartment the recipient has, in every field', async () => {
    const text = asWritten(await readBack(format));
    for (const [number, included] of Object.entries(parts)) {
      if (Number(number) === steppedOut) continue;
      for (const compartment of included) {
        const expected = canariesOf(Number(number), compartment);
        expect(expected.length).toBeGreaterThan(2);
        expect(expected.filter((canary) => !text.includes(canary))).toEqual([]);
      }
    }
  });

  it('holds nothing of the item the recipient was stepped out of but its number', async () => {
    const text = asWritten(await readBack(format));
    // The positive control: the stepped-out item's canaries and reference were in the full copy.
    const ofSteppedOut = compartments.flatMap((compartment) => canariesOf(steppedOut, compartment));
    expect(ofSteppedOut.length).toBeGreaterThan(8);
    expect(JSON.stringify(full)).toContain(steppedOutReference);
    expect(ofSteppedOut.filter((canary) => text.includes(canary))).toEqual([]);
    expect(text).not.toContain(steppedOutReference);
    expect(text).toContain(`Item ${steppedOut}\n${notPartOfThisDiscussion}`);
    expect(text).toContain('Item 2 — MRC-');
  });

  it('says what each code means in words', async () => {
    const text = withoutMarks(await readBack(format));
    for (const words of ['Panel summary', 'Victim and safety', 'Professional standards', 'Victim safeguarding', 'Agree', 'Abstain']) {
      expect(text).toContain(words);
    }
    expect(text).not.toMatch(/victim_safeguarding|not_possible|no_unsupervised_contact/);
  });

  it('names the copy from its text among thirty, and no other copy without it', async () => {
    const text = await readBack(format);
    expect(decideTrace(traceText(text, keys))).toMatchObject({ named: true, best: { id: recipient.id } });
    const others = keys.filter((key) => key !== recipient);
    expect(decideTrace(traceText(text, others)).named).toBe(false);
  });

  it('names the copy from every passage of ten lines of its summaries, and never another', async () => {
    const passages = summaryPassages(await readBack(format), format);
    expect(passages.length).toBeGreaterThan(20);
    const others = keys.filter((key) => key !== recipient);
    for (const passage of passages) {
      expect(decideTrace(traceText(passage, keys))).toMatchObject({ named: true, best: { id: recipient.id } });
      expect(decideTrace(traceText(passage, others)).named).toBe(false);
    }
  });
});

describe('the PDF of a copy', () => {
  it('names the copy from most passages of ten lines cut across a page break, and never another', async () => {
    const passages = summaryPassages(await readBack('pdf'), 'pdf', true).filter((passage) =>
      passage.includes(minutesMarking.classification),
    );
    expect(passages.length).toBeGreaterThan(20);
    const others = keys.filter((key) => key !== recipient);
    const verdicts = passages.map((passage) => decideTrace(traceText(passage, keys)));
    expect(verdicts.filter((verdict) => verdict.named && verdict.best.id !== recipient.id)).toEqual([]);
    // Six of the ten lines are the page marking: four lines of content carry ten marks or so, mostly enough.
    expect(verdicts.filter((verdict) => verdict.named).length / passages.length).toBeGreaterThan(0.75);
    for (const passage of passages) expect(decideTrace(traceText(passage, others)).named).toBe(false);
  });

  it('carries the marking with the recipient and the copy at the top of every page, and the marking, the page and the handling statement at the bottom', async () => {
    const text = await readBack('pdf');
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(3);
    const lines = text.split('\n');
    const top = `${minutesMarking.classification} Copy 7 · issued to Jane Doe (Northmoor IDVA Service)`;
    expect(lines.filter((line) => line === top)).toHaveLength(pages);
    for (let page = 1; page <= pages; page += 1)
      expect(lines.filter((line) => line === `${minutesMarking.classification} Page ${page} of ${pages}`)).toHaveLength(1);
    const handling = text.replace(/\n/g, ' ').split(minutesMarking.handling);
    expect(handling).toHaveLength(pages + 1);
  });
});

describe('the HTML view of a copy', () => {
  it('carries class names only, no style, and escapes every text', () => {
    const hostile = '<img src=x onerror="alert(1)"> & <script>alert(2)</script>';
    const html = renderMinutesHtml({
      ...model,
      conference: { ...model.conference, title: hostile },
      items: model.items.map((item) =>
        item.part ? { ...item, sections: item.sections.map((section) => ({ ...section, paragraphs: [hostile] })) } : item,
      ),
    });
    expect(html.startsWith('<article class="minutes"')).toBe(true);
    expect(html.endsWith('</article>')).toBe(true);
    expect(html).not.toMatch(/<img|<script|style=|<style/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;script&gt;');
  });

  it('makes a page of its own for download, styled in its head', () => {
    const page = renderMinutesHtmlDocument(model);
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toMatch(/<head>[\s\S]*<style>[\s\S]*<\/style>[\s\S]*<\/head>/);
    expect(page).toContain(renderMinutesHtml(model));
  });
});
