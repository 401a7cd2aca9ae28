import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConferenceMinutesView, MyMinutesCopyView } from '@caseroom/contracts';
import { compartments, minutesFormats, minutesMarking, type Compartment, type MinutesFormat } from '@caseroom/contracts';
import { MinutesRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { admittedCompartments } from '@caseroom/policy';
import { sampleProse, testServices } from '@caseroom/testing';
import { withoutMarks } from '../src/features/minutes/fingerprint';
import { readCopyText } from '../src/features/minutes/read-copy-text';
import { traceMinutesCopy, type MinutesCopyCandidate } from '../src/features/minutes/trace-minutes-copy';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

const cli = resolve(__dirname, '../../../dist/apps/api/src/cli/trace-minutes.js');

const recipients = ['chair', 'coordinator', 'idva', 'probation', 'csc', 'colleague', 'police-rep', 'investigator', 'iopc'] as const;

/**
 * Every recipient's copy in every format, read back as a reader would: the text a PDF parser extracts,
 * the document XML of the Word file, the HTML page. Each holds exactly the markers of the compartments its
 * recipient is admitted to, and the trace names its copy from the whole of it and from passages of it.
 */
describe('minutes in every format', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let conferenceId: string;
  const items: { itemId: string; caseId: string; reference: string }[] = [];
  const markers: string[] = [];
  const texts = new Map<string, { copyId: string; text: string }>();
  const files = new Map<string, Buffer>();
  const run = Math.random().toString(36).slice(2, 8).toUpperCase();
  const marker = (index: number, compartment: Compartment) => `FORMATSCANARY${run}X${index}X${compartment.toUpperCase()}`;

  const auth = async (key: string) => `Bearer ${(await app.signIn(people.get(key)!)).accessToken}`;
  const expectedFor = async (key: string) => {
    const snapshot = await app.get(PolicyInputsRepository).snapshot();
    const viewer = (await snapshot.viewer(people.get(key)!.id))!;
    const today = app.clock.now().toISOString().slice(0, 10);
    const expected: string[] = [];
    for (const [index, item] of items.entries())
      for (const compartment of admittedCompartments(viewer, (await snapshot.subject(item.caseId))!, { today }))
        expected.push(marker(index, compartment));
    return expected.sort();
  };
  /** The lines of the marking every page repeats: they carry no marks. */
  const isMarking = (line: string) =>
    line.startsWith(minutesMarking.classification) || /^Copy \d+ · /.test(line) || minutesMarking.handling.includes(line.trim());
  /** What a reader copies out: the look-alike letters read as Latin, and a word the PDF broke after its hyphen joined again. */
  const plain = (text: string) => withoutMarks(text).replaceAll('-\n', '-');

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-12-01T09:00:00Z') });
    people = await app.seedDemoWorld({ withConference: true });
    const url = await app.listen();
    const coordinator = await auth('coordinator');
    const chair = await auth('chair');
    const conferences = (await app.http.get('/api/conferences').set('Authorization', coordinator)).body as { id: string; title: string }[];
    conferenceId = conferences.find((conference) => conference.title === 'Northmoor MARAC')!.id;
    const plan = (await app.http.get(`/api/conferences/${conferenceId}/plan`).set('Authorization', coordinator)).body as {
      agenda: { itemId: string; caseId: string; reference: string }[];
    };
    items.push(...plan.agenda.map(({ itemId, caseId, reference }) => ({ itemId, caseId, reference })));
    const invited = await app.http
      .post(`/api/conferences/${conferenceId}/invitations`)
      .set('Authorization', coordinator)
      .send({ userIds: ['colleague', 'police-rep', 'investigator', 'iopc'].map((key) => people.get(key)!.id) });
    expect(invited.status).toBe(201);
    const room = await LiveClient.connect(url, chair.slice('Bearer '.length));
    try {
      expect(await room.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
      expect(await room.emit('conference.open', { conferenceId })).toEqual({ ok: true });
      for (const item of items) expect(await room.emit('agenda.move', { conferenceId, itemId: item.itemId })).toEqual({ ok: true });
      expect(await room.emit('conference.close', { conferenceId })).toEqual({ ok: true });
    } finally {
      room.close();
    }

    // Summaries as long as a real meeting's: pages of prose in each compartment, a marker in each.
    const started = await app.http.post(`/api/conferences/${conferenceId}/minutes/draft`).set('Authorization', chair);
    const summaries = (index: number) =>
      Object.fromEntries(
        compartments.map((compartment, offset) => {
          markers.push(marker(index, compartment));
          const prose = sampleProse(compartment, index * 10 + offset, 1600);
          return [compartment, [`Recorded as ${marker(index, compartment)} at the meeting.`, ...prose].join('\n\n')];
        }),
      );
    const saved = await app.http
      .patch(`/api/conferences/${conferenceId}/minutes/draft`)
      .set('Authorization', chair)
      .send({
        revision: (started.body as ConferenceMinutesView).draft!.revision,
        items: items.map((item, index) => ({ itemId: item.itemId, summaries: summaries(index) })),
      });
    expect(saved.status).toBe(200);
    const approved = await app.http
      .post(`/api/conferences/${conferenceId}/minutes/approve`)
      .set('Authorization', chair)
      .send({ revision: (saved.body as ConferenceMinutesView).draft!.revision });
    expect(approved.status).toBe(200);
    const minutesId = (approved.body as ConferenceMinutesView).versions[0].minutesId;
    expect((await app.http.post(`/api/minutes/${minutesId}/distribute`).set('Authorization', coordinator)).status).toBe(200);

    for (const key of recipients) {
      const authorization = await auth(key);
      const [copy] = (await app.http.get('/api/me/minutes').set('Authorization', authorization)).body as MyMinutesCopyView[];
      for (const format of minutesFormats) {
        const file = await app.http
          .get(`/api/me/minutes/${copy.copyId}/file`)
          .query({ format })
          .set('Authorization', authorization)
          .buffer(true)
          .parse((response, done) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => done(null, Buffer.concat(chunks)));
          });
        expect(file.status).toBe(200);
        const name = /filename="([^"]+)"/.exec(String(file.headers['content-disposition']))![1];
        expect(name.endsWith(`.${format}`)).toBe(true);
        texts.set(`${key}:${format}`, { copyId: copy.copyId, text: await readCopyText(file.body as Buffer, name) });
        files.set(`${key}:${format}`, file.body as Buffer);
      }
    }
  });
  afterAll(() => app.stop());

  it('hold, in every format, exactly the markers of what each recipient is admitted to, and nothing of an item they are stepped out of', async () => {
    let positive = 0;
    for (const key of recipients) {
      const expected = await expectedFor(key);
      for (const format of minutesFormats) {
        const text = plain(texts.get(`${key}:${format}`)!.text);
        const found = markers.filter((value) => text.includes(value)).sort();
        expect({ key, format, found }).toEqual({ key, format, found: expected });
        positive += found.length;
        for (const [index, item] of items.entries()) {
          const takesPart = expected.some((value) => value.includes(`X${index}X`));
          expect({ key, format, item: index, reference: text.includes(item.reference) }).toEqual({
            key,
            format,
            item: index,
            reference: takesPart,
          });
        }
      }
    }
    // The test can fail: the chair's copies hold every compartment of every item, in all three formats.
    expect(positive).toBeGreaterThanOrEqual(minutesFormats.length * items.length * compartments.length);
    // The colleague of the first case's suspect is stepped out of it: their copy holds its number alone.
    expect((await expectedFor('colleague')).some((value) => value.includes('X0X'))).toBe(false);
  });

  it('is traced to its copy and recipient from every copy in every format', async () => {
    const candidates: MinutesCopyCandidate[] = await app.get(MinutesRepository).traceCandidates();
    let named = 0;
    for (const key of recipients)
      for (const format of minutesFormats) {
        const { copyId, text } = texts.get(`${key}:${format}`)!;
        const holdsProse = (await expectedFor(key)).length > 0;
        const verdict = traceMinutesCopy(text, candidates);
        // Never anyone else's copy; always its own where it holds any text of a case.
        if (verdict.match) expect({ key, format, copy: verdict.match.copyId }).toEqual({ key, format, copy: copyId });
        if (holdsProse) {
          expect({ key, format, named: verdict.match?.copyId ?? verdict.reason }).toEqual({ key, format, named: copyId });
          named += 1;
        }
      }
    expect(named).toBeGreaterThan(minutesFormats.length * 4);
  });

  it('is traced from any passage of ten lines of a case text pasted out of a copy, and never to the wrong copy', async () => {
    const candidates: MinutesCopyCandidate[] = await app.get(MinutesRepository).traceCandidates();
    let passages = 0;
    const wrong: string[] = [];
    const unnamed: string[] = [];
    for (const key of recipients)
      for (const format of ['pdf', 'docx'] as MinutesFormat[]) {
        const { copyId, text } = texts.get(`${key}:${format}`)!;
        const lines = text.split('\n');
        for (let start = 0; start + 10 <= lines.length; start += 3) {
          const passage = lines.slice(start, start + 10).join('\n');
          const verdict = traceMinutesCopy(passage, candidates);
          if (verdict.match && verdict.match.copyId !== copyId) wrong.push(`${key} ${format} line ${start}`);
          // A passage of case text: at least seven of its ten lines are prose (the page marking and headings are not).
          const prose = lines.slice(start, start + 10).filter((line) => line.length > 50 && !isMarking(line)).length;
          if (prose >= 7) {
            passages += 1;
            if (verdict.match?.copyId !== copyId) unnamed.push(`${key} ${format} line ${start}: ${verdict.reason}\n${passage}`);
          }
        }
      }
    expect(wrong).toEqual([]);
    expect(unnamed).toEqual([]);
    expect(passages).toBeGreaterThan(100);
  });

  const onServer = testServices.postgresUrl && existsSync(cli) ? it : it.skip;
  onServer(
    'names the copy from the command line, from a file or a pasted passage, or says it cannot (needs TEST_DATABASE_URL and a build)',
    async () => {
      const folder = await mkdtemp(join(tmpdir(), 'caseroom-trace-'));
      const trace = async (file: string) => {
        const child = spawn(process.execPath, [cli, file], {
          env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url!, DEMO_MODE: 'true', DATA_DIR: app.database.dataDir },
        });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        const code = await new Promise((resolveExit) => child.once('exit', resolveExit));
        return { code, output };
      };
      try {
        const pdf = join(folder, 'leaked.pdf');
        await writeFile(pdf, files.get('probation:pdf')!);
        const named = await trace(pdf);
        expect(named).toMatchObject({
          code: 0,
          output: expect.stringMatching(/^copy \d+ of the minutes of Northmoor MARAC \(version 1\), issued to Tom Okafor: /),
        });
        const docx = join(folder, 'renamed.bin');
        await writeFile(docx, files.get('idva:docx')!);
        expect(await trace(docx)).toMatchObject({ code: 0, output: expect.stringContaining('issued to Priya Shah') });
        // Ten lines of the chair's summary of the victim's part, as pasted into an e-mail.
        const lines = texts.get('chair:pdf')!.text.split('\n');
        const from = lines.findIndex((line) => withoutMarks(line).includes(marker(1, 'victim')));
        const pasted = join(folder, 'pasted.txt');
        await writeFile(pasted, lines.slice(from + 1, from + 11).join('\n'));
        expect(await trace(pasted)).toMatchObject({ code: 0, output: expect.stringContaining('issued to DCI Hannah Reid') });
        const unrelated = join(folder, 'unrelated.txt');
        await writeFile(unrelated, withoutMarks(lines.slice(from + 1, from + 11).join('\n')));
        expect(await trace(unrelated)).toMatchObject({ code: 1, output: expect.stringContaining('cannot name a copy') });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  );
});
