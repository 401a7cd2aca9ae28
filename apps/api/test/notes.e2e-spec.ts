import fc from 'fast-check';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { ConferenceView, CurrentItemView, NotesSyncReply } from '@caseroom/contracts';
import { NoteRepository } from '@caseroom/persistence';
import {
  appendParagraph,
  compactState,
  decodeAwareness,
  decodeSync,
  encodeAwareness,
  encodeSyncStep1,
  encodeUpdate,
  notesFragment,
  repairNotes,
  notesText,
  spanOf,
} from '@caseroom/realtime';
import { NoteDocuments } from '../src/features/notes/note-documents';
import { LiveClient } from './support/live-client';
import { NotesPeer } from './support/notes-peer';
import { TestApp, type TestPerson } from './support/test-app';

/** Live shared notes: one Yjs document per compartment, gated by the policy, durable before acknowledged. */
describe('live shared notes', () => {
  let app: TestApp;
  let url: string;
  let people: Map<string, TestPerson>;
  let conference: ConferenceView;
  let caseId: string;
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];
  const live = new Map<string, LiveClient>();

  const token = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return tokens.get(key)!;
  };
  const enter = async (key: string) => {
    const client = await LiveClient.connect(url, await token(key));
    clients.push(client);
    expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
    live.set(key, client);
    return client;
  };
  const sql = <T>(text: string, parameters: unknown[] = []) => app.get(DataSource).query<T>(text, parameters);
  /** Every stored byte of a document (snapshot and logged updates), as text. */
  const storedText = async (compartment: string) => {
    const rows = await sql<{ bytes: Buffer | null }[]>(
      `SELECT snapshot AS bytes FROM note_documents WHERE case_id = $1 AND compartment = $2
       UNION ALL SELECT body FROM note_updates WHERE case_id = $1 AND compartment = $2`,
      [caseId, compartment],
    );
    return rows.map((row) => (row.bytes ? row.bytes.toString('utf8') : '')).join('\n');
  };
  const waitFor = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  beforeAll(async () => {
    app = await TestApp.start();
    url = await app.listen();
    people = await app.seedDemoWorld();
    const coordinator = `Bearer ${await token('coordinator')}`;
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    const byCode = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    caseId = ((await app.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string }[])[0].id;
    const observerAgencyId = byCode('NCSC');
    const observer = await app.person(['observer'], { agencyId: observerAgencyId });
    people.set('observer', observer);
    // Of an invited agency, first joining late in the meeting.
    people.set('latecomer', await app.person(['observer'], { agencyId: observerAgencyId }));
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Notes MARAC',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: people.get('chair')!.id,
        invitedAgencyIds: [byCode('NIDVA'), byCode('NPDU'), byCode('NCSC')],
      });
    conference = (await app.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId }))
      .body as ConferenceView;
    // The suspect's force, once their case is listed: everyone of it but the suspect.
    await app.http
      .post(`/api/conferences/${conference.id}/invitations`)
      .set('Authorization', coordinator)
      .send({ agencyIds: [byCode('NMP')] });
    const chair = await enter('chair');
    for (const key of ['idva', 'probation', 'colleague', 'observer']) await enter(key);
    expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
    expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
    await live.get('idva')!.next('agenda.current');
    await live.get('colleague')!.next('agenda.stepped-out');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('shares what one member types with the others, acknowledging only once it is stored', async () => {
    const idva = new NotesPeer(live.get('idva')!, caseId, 'victim');
    const chair = new NotesPeer(live.get('chair')!, caseId, 'victim');
    expect(await idva.open()).toMatchObject({ epoch: 1, writable: true });
    await chair.open();
    const ack = await idva.type('NOTES-VICTIM-CANARY Victim is staying with her sister.');
    expect(ack).toEqual({ ok: true });
    // Acknowledged, so committed: the log holds it.
    expect(await storedText('victim')).toContain('NOTES-VICTIM-CANARY');
    await waitFor(() => chair.text().includes('NOTES-VICTIM-CANARY'), 'the chair to receive the edit');
    // The access log has the IDVA's write on this channel, once.
    const writes = await sql<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM access_log WHERE case_id = $1 AND viewer_id = $2 AND compartment = 'victim' AND action = 'write' AND channel = 'socket'`,
      [caseId, people.get('idva')!.id],
    );
    expect(writes[0].count).toBe('1');
  });

  it('gives each fresh joiner the document as it is at that moment, whatever joiners before them were given', async () => {
    const writer = new NotesPeer(live.get('chair')!, caseId, 'panel');
    await writer.open();
    const joinAndRead = async () => {
      const joiner = new NotesPeer(live.get('probation')!, caseId, 'panel');
      await joiner.open();
      return joiner.text();
    };
    const before = await joinAndRead();
    expect(await writer.type('FRESH-JOINER-ONE')).toEqual({ ok: true });
    const afterOne = await joinAndRead();
    expect(afterOne).toContain('FRESH-JOINER-ONE');
    expect(before).not.toContain('FRESH-JOINER-ONE');
    expect(await joinAndRead()).toBe(afterOne);
    expect(await writer.type('FRESH-JOINER-TWO')).toEqual({ ok: true });
    expect(await joinAndRead()).toContain('FRESH-JOINER-TWO');
  });

  it('sends a joiner the notes of every compartment it is admitted to with the room, so that it asks for nothing', async () => {
    const writer = new NotesPeer(live.get('chair')!, caseId, 'panel');
    await writer.open();
    expect(await writer.type('OPENED-WITH-THE-ROOM')).toEqual({ ok: true });
    for (const [key, writable] of [
      ['idva', true],
      ['observer', false],
    ] as const) {
      const client = await LiveClient.connect(url, await token(key));
      clients.push(client);
      expect(await client.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      const current = await client.next<CurrentItemView>('agenda.current');
      expect(current.notesFollow).toEqual(current.admitted);
      for (const compartment of current.admitted) {
        const { reply } = await client.next<{ compartment: string; reply: NotesSyncReply }>(
          'notes.opened',
          (event) => event.compartment === compartment,
        );
        expect(reply).toMatchObject({ epoch: expect.any(Number), writable: compartment === 'panel' ? writable : expect.any(Boolean) });
        const doc = new Y.Doc();
        Y.applyUpdate(doc, decodeSync(new Uint8Array(reply.step2)).payload);
        if (compartment === 'panel') expect(notesText(doc)).toContain('OPENED-WITH-THE-ROOM');
      }
      // Only what the policy admits: the observer is not admitted to the victim's notes.
      const opened = client.of<{ caseId: string; compartment: string }>('notes.opened');
      expect(opened.map((event) => event.compartment).sort()).toEqual([...current.admitted].sort());
      if (key === 'observer') expect(opened.some((event) => event.compartment === 'victim')).toBe(false);
      client.close();
    }
  });

  it('says so when the notes cannot be read as the room is joined, and answers the step 1 the client then sends', async () => {
    const documents = app.get(NoteDocuments);
    // The database away for the read that goes with the room.
    const failing = jest.spyOn(documents, 'syncStep1').mockRejectedValueOnce(new Error('Connection terminated unexpectedly'));
    const client = await LiveClient.connect(url, await token('probation'));
    clients.push(client);
    try {
      expect(await client.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      const current = await client.next<CurrentItemView>('agenda.current');
      const refused = await client.next<{ compartment: string; reply: NotesSyncReply | null }>(
        'notes.opened',
        (event) => event.reply === null,
      );
      expect(current.notesFollow).toContain(refused.compartment);
    } finally {
      failing.mockRestore();
    }
    const peer = new NotesPeer(client, caseId, 'panel');
    expect(await peer.open()).toMatchObject({ epoch: expect.any(Number) });
    expect(peer.text()).toContain('OPENED-WITH-THE-ROOM');
    client.close();
  });

  it('sends nothing of the notes to a socket taken out of the room while they were being read', async () => {
    const latecomer = people.get('latecomer')!;
    const client = await LiveClient.connect(url, await token('latecomer'));
    clients.push(client);
    const chair = live.get('chair')!;
    const documents = app.get(NoteDocuments);
    const syncStep1 = documents.syncStep1.bind(documents);
    const removal: { answer?: Promise<unknown> } = {};
    // The latecomer's notes, read as they join the room, are answered only once the chair has removed them.
    const held = jest.spyOn(documents, 'syncStep1').mockImplementation(async (key, stateVector) => {
      const answer = await syncStep1(key, stateVector);
      removal.answer ??= chair.emit('participant.remove', { conferenceId: conference.id, userId: latecomer.id });
      await removal.answer;
      return answer;
    });
    try {
      // The join itself may be answered either way: the removal can come before its answer is written.
      await client.emit('conference.acknowledge', { conferenceId: conference.id });
      await client.next('conference.removed');
      expect(await removal.answer).toEqual({ ok: true });
    } finally {
      held.mockRestore();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.of('agenda.current')).toHaveLength(1);
    expect(client.of('notes.opened')).toEqual([]);
    expect(client.text()).not.toContain('OPENED-WITH-THE-ROOM');
  });

  it('catches its copies up with what another instance stored, the documents a meeting opens at once read together', async () => {
    const repository = app.get(NoteRepository);
    // Copies this instance holds, with a reader on each.
    // (The investigation notes are left for a test below that needs them as it finds them.)
    const compartments = ['panel', 'victim', 'standards'] as const;
    const holders = compartments.map((compartment) => new NotesPeer(live.get('chair')!, caseId, compartment));
    for (const holder of holders) await holder.open();
    // Another instance stores a line in each (written to the log here, as its writers' edits would be).
    for (const compartment of compartments) {
      const key = { caseId, compartment };
      const stored = (await repository.load(key))!;
      const other = new Y.Doc();
      if (stored.snapshot) Y.applyUpdate(other, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(other, update.body);
      const before = Y.encodeStateVector(other);
      appendParagraph(other, `ELSEWHERE-${compartment.toUpperCase()}`);
      expect(await repository.append([{ ...key, epoch: stored.epoch, body: Y.encodeStateAsUpdate(other, before) }])).toEqual([true]);
    }
    const reads = jest.spyOn(repository, 'sinceEach');
    try {
      // Opened at once, twice each: everyone is answered with the other instance's line.
      const openers = [
        ...['chair', 'probation'].map((key) => new NotesPeer(live.get(key)!, caseId, 'panel')),
        ...['chair', 'idva'].map((key) => new NotesPeer(live.get(key)!, caseId, 'victim')),
        ...[1, 2].map(() => new NotesPeer(live.get('chair')!, caseId, 'standards')),
      ];
      await Promise.all(openers.map((opener) => opener.open()));
      for (const opener of openers) expect(opener.text()).toContain(`ELSEWHERE-${opener.compartment.toUpperCase()}`);
      // In fewer reads than openings (each of whichever documents were waiting), never one document twice in one.
      expect(reads.mock.calls.length).toBeLessThan(openers.length);
      for (const [batch] of reads.mock.calls) expect(new Set(batch.map(({ key }) => key.compartment)).size).toBe(batch.length);
      // The readers already in the room are sent what they had not had relayed.
      for (const holder of holders) {
        await waitFor(() => holder.text().includes(`ELSEWHERE-${holder.compartment.toUpperCase()}`), `the ${holder.compartment} copy`);
      }
    } finally {
      reads.mockRestore();
    }
  });

  it('takes a burst of edits from a new editor in the order they were typed, refusing none', async () => {
    // Sent without waiting, as a browser sends keystrokes: the first (a client id the server has not seen)
    // waits on the database to learn whose it is, and each after it builds on the one before.
    const writer = new NotesPeer(live.get('chair')!, caseId, 'panel');
    await writer.open();
    const acks = await Promise.all(Array.from({ length: 30 }, (_, index) => writer.type(`BURST-${index}`)));
    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    expect(writer.refused).toEqual([]);
    const reader = new NotesPeer(live.get('probation')!, caseId, 'panel');
    await reader.open();
    for (let index = 0; index < 30; index += 1) expect(reader.text()).toContain(`BURST-${index}`);
  });

  it('gives someone stepped out of the case nothing: the same NOT_FOUND as notes that do not exist, and no frame', async () => {
    const colleague = live.get('colleague')!;
    const asked = await colleague.emit('notes.sync', { caseId, compartment: 'victim', epoch: null, message: encodeSyncStep1(new Y.Doc()) });
    const missing = await colleague.emit('notes.sync', {
      caseId: '00000000-0000-4000-8000-000000000000',
      compartment: 'victim',
      epoch: null,
      message: encodeSyncStep1(new Y.Doc()),
    });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(asked).toEqual(missing);
    expect(colleague.text()).not.toContain('NOTES-VICTIM-CANARY');
    // An observer is admitted to the panel but not to the victim compartment.
    const observer = live.get('observer')!;
    const notAdmitted = await observer.emit('notes.sync', {
      caseId,
      compartment: 'victim',
      epoch: null,
      message: encodeSyncStep1(new Y.Doc()),
    });
    expect(notAdmitted).toEqual(missing);
    expect(observer.text()).not.toContain('NOTES-VICTIM-CANARY');
  });

  it('lets an observer read but not write', async () => {
    const observer = new NotesPeer(live.get('observer')!, caseId, 'panel');
    expect(await observer.open()).toMatchObject({ writable: false });
    const refused = await observer.type('OBSERVER-WROTE-THIS');
    expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await storedText('panel')).not.toContain('OBSERVER-WROTE-THIS');
  });

  it('refuses malformed notes messages with VALIDATION_FAILED and stores nothing', async () => {
    const idva = live.get('idva')!;
    expect(await idva.emit('notes.sync', { caseId, compartment: 'victim', epoch: 1, message: 'not bytes' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(await idva.emit('notes.sync', { caseId, compartment: 'victim', epoch: 1, message: Buffer.from([9, 9, 9]) })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(await idva.emit('notes.sync', { caseId, compartment: 'attic', epoch: 1, message: Buffer.from([0]) })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
  });

  it('answers a step 1 or an awareness update it cannot read, however malformed, with VALIDATION_FAILED, never INTERNAL', async () => {
    const idva = live.get('idva')!;
    const step1 = (stateVector: Uint8Array) => {
      const message = new Uint8Array(stateVector.byteLength + 2);
      message.set([0, stateVector.byteLength], 0);
      message.set(stateVector, 2);
      return message;
    };
    // A state vector that says it has more entries than it carries, then one whose numbers run off its end.
    for (const stateVector of [Uint8Array.from([5, 1]), Uint8Array.from([1, 0xff, 0xff, 0xff])]) {
      expect(await idva.emit('notes.sync', { caseId, compartment: 'victim', epoch: null, message: step1(stateVector) })).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
      });
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 60 }), async (bytes) => {
        for (const [event, message] of [
          ['notes.sync', step1(bytes)],
          ['notes.awareness', bytes],
        ] as const) {
          const ack = await idva.emit(event, { caseId, compartment: 'victim', epoch: null, message });
          expect(ack.ok || ack.code).not.toBe('INTERNAL');
        }
      }),
      { numRuns: 60 },
    );
    expect(await new NotesPeer(idva, caseId, 'victim').open()).toMatchObject({ epoch: expect.any(Number) });
  });

  it('refuses an update Yjs cannot read with VALIDATION_FAILED: not relayed, not stored, and the notes go on', async () => {
    const idva = new NotesPeer(live.get('idva')!, caseId, 'victim');
    const chair = new NotesPeer(live.get('chair')!, caseId, 'victim');
    await idva.open();
    await chair.open();
    const relayedBefore = live.get('chair')!.of('notes.sync').length;
    const unreadable = encodeUpdate(Buffer.from('UNREADABLE-UPDATE-CANARY'));
    expect(
      await live.get('idva')!.emit('notes.sync', { caseId, compartment: 'victim', epoch: idva.epoch, message: unreadable }),
    ).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
    expect(await storedText('victim')).not.toContain('UNREADABLE-UPDATE-CANARY');
    expect(await idva.type('AFTER-UNREADABLE-CANARY')).toEqual({ ok: true });
    await waitFor(() => chair.text().includes('AFTER-UNREADABLE-CANARY'), 'the next edit to arrive');
    expect(live.get('chair')!.text()).not.toContain('UNREADABLE-UPDATE-CANARY');
    expect(live.get('chair')!.of('notes.sync').length).toBe(relayedBefore + 1);
  });

  describe('hostile updates', () => {
    /** The panel notes as a fresh reader gets them: over REST, and loaded whole from the log. */
    const readsWhole = async () => {
      const read = await app.http
        .get(`/api/cases/${caseId}/compartments/panel/notes`)
        .set('Authorization', `Bearer ${await token('chair')}`);
      expect(read.status).toBe(200);
      const stored = (await app.get(NoteRepository).load({ caseId, compartment: 'panel' }))!;
      // Nothing a repair would have to leave out: every block the editor's, nothing waiting for a missing edit.
      expect(
        repairNotes(
          stored.snapshot,
          stored.updates.map((update) => update.body),
        ),
      ).toBeNull();
      return read.body as { text: string };
    };
    /** An update made on top of what the writer has, by whatever `change` does to a copy of it. */
    const updateFrom = (peer: NotesPeer, change: (doc: Y.Doc) => void, clientId?: number) => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(peer.doc));
      // Set after the state is in: Yjs gives a document a new client id when an update arrives under its own.
      if (clientId !== undefined) copy.clientID = clientId;
      const before = Y.encodeStateVector(copy);
      change(copy);
      return Y.encodeStateAsUpdate(copy, before);
    };
    const send = (key: string, epoch: number | null, update: Uint8Array) =>
      live.get(key)!.emit('notes.sync', { caseId, compartment: 'panel', epoch, message: encodeUpdate(update) });

    it('refuses what would break the notes for everyone: too deep, text outside a paragraph, unknown elements, content outside the notes', async () => {
      const chair = new NotesPeer(live.get('chair')!, caseId, 'panel');
      await chair.open();
      const deep = updateFrom(chair, (doc) =>
        doc.transact(() => {
          // Nested one level at a time, each inside one already in the document (Yjs integrates a
          // nested new element recursively, and 2,000 levels of that overflow the stack).
          let element = new Y.XmlElement('blockquote');
          notesFragment(doc).push([element]);
          for (let depth = 0; depth < 2_000; depth += 1) {
            const inner = new Y.XmlElement('blockquote');
            element.insert(0, [inner]);
            element = inner;
          }
          element.insert(0, [new Y.XmlElement('paragraph')]);
        }),
      );
      const bareText = updateFrom(chair, (doc) => notesFragment(doc).push([new Y.XmlText('BARE-TEXT-CANARY')]));
      const unknown = updateFrom(chair, (doc) => notesFragment(doc).push([new Y.XmlElement('script')]));
      const textInDoc = updateFrom(chair, (doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlElement('paragraph')]);
        notesFragment(doc).push([paragraph]);
      });
      const elsewhere = updateFrom(chair, (doc) => doc.getMap('side-channel').set('x', 'OUTSIDE-CANARY'));
      const unknownMark = updateFrom(chair, (doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('')]);
        notesFragment(doc).push([paragraph]);
        (paragraph.get(0) as Y.XmlText).insert(0, 'MARKED', { blink: true });
      });
      for (const update of [deep, bareText, unknown, textInDoc, elsewhere, unknownMark]) {
        expect(await send('chair', chair.epoch, update)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      }
      expect(await storedText('panel')).not.toMatch(/BARE-TEXT-CANARY|OUTSIDE-CANARY|MARKED/);
      // The notes go on, and read whole.
      expect(await chair.type('AFTER-HOSTILE-CANARY')).toEqual({ ok: true });
      expect((await readsWhole()).text).toContain('AFTER-HOSTILE-CANARY');
    });

    it('reads a document stored too deep before the schema was enforced, instead of answering 500', async () => {
      const key = { caseId, compartment: 'victim' as const };
      const deep = new Y.Doc();
      deep.transact(() => {
        let element = new Y.XmlElement('blockquote');
        notesFragment(deep).push([element]);
        for (let depth = 0; depth < 2_000; depth += 1) {
          const inner = new Y.XmlElement('blockquote');
          element.insert(0, [inner]);
          element = inner;
        }
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('DEEP-LEGACY-CANARY')]);
        element.insert(0, [paragraph]);
      });
      // Stored as an older version would have stored it: straight into the log, past the server's checks.
      await app.get(NoteRepository).ensure(key);
      const { epoch } = (await app.get(NoteRepository).load(key))!;
      expect(await app.get(NoteRepository).append([{ ...key, epoch, body: Y.encodeStateAsUpdate(deep) }])).toEqual([true]);
      const read = await app.http
        .get(`/api/cases/${caseId}/compartments/victim/notes`)
        .set('Authorization', `Bearer ${await token('chair')}`);
      expect(read.status).toBe(200);
      // Read to the depth a reader goes, and no deeper: the deepest words are not shown, nothing fails.
      expect((read.body as { text: string }).text).not.toContain('DEEP-LEGACY-CANARY');
    });

    it('never answers INTERNAL and never stores what cannot be read back, whatever the bytes of an update', async () => {
      const chair = new NotesPeer(live.get('chair')!, caseId, 'panel');
      await chair.open();
      const valid = updateFrom(chair, (doc) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('FUZZ-BASE')]);
        notesFragment(doc).push([paragraph]);
      });
      const mutation = fc.oneof(
        fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => ({ kind: 'random', bytes })),
        fc.integer({ min: 1, max: valid.byteLength - 1 }).map((length) => ({ kind: 'truncated', bytes: valid.slice(0, length) })),
        fc
          .array(fc.tuple(fc.integer({ min: 0, max: valid.byteLength - 1 }), fc.integer({ min: 0, max: 7 })), {
            minLength: 1,
            maxLength: 4,
          })
          .map((flips) => {
            const bytes = Uint8Array.from(valid);
            for (const [index, bit] of flips) bytes[index] ^= 1 << bit;
            return { kind: 'bit-flipped', bytes };
          }),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async ({ bytes }) => {
          const ack = await send('chair', chair.epoch, bytes);
          expect(ack.ok ? 'ok' : ack.code).toMatch(/^(ok|VALIDATION_FAILED|FORBIDDEN|CONFLICT)$/);
          await readsWhole();
        }),
        { numRuns: 60 },
      );
    });

    it('refuses an update written under another participant’s client id, and keeps their edits', async () => {
      const chair = new NotesPeer(live.get('chair')!, caseId, 'panel');
      await chair.open();
      expect(await chair.type('OWNED-BY-THE-CHAIR')).toEqual({ ok: true });
      const probation = new NotesPeer(live.get('probation')!, caseId, 'panel');
      await probation.open();
      const forged = updateFrom(
        probation,
        (doc) => {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText('FORGED-UNDER-THE-CHAIR')]);
          notesFragment(doc).push([paragraph]);
        },
        chair.doc.clientID,
      );
      expect(await send('probation', probation.epoch, forged)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await chair.type('STILL-THE-CHAIR')).toEqual({ ok: true });
      const { text } = await readsWhole();
      expect(text).toContain('OWNED-BY-THE-CHAIR');
      expect(text).toContain('STILL-THE-CHAIR');
      expect(text).not.toContain('FORGED-UNDER-THE-CHAIR');
      // Their own client id is theirs: the same words under it are taken.
      expect(await probation.type('PROBATION-OWN-WORDS')).toEqual({ ok: true });
    });

    it('takes a resync larger than one frame, sent in parts, and a fresh reader gets all of it', async () => {
      const offline = new NotesPeer(live.get('probation')!, caseId, 'panel');
      await offline.open();
      // Written while away: about 200 KB the server has not seen.
      const away = new Y.Doc();
      away.clientID = offline.doc.clientID + 1;
      Y.applyUpdate(away, Y.encodeStateAsUpdate(offline.doc));
      away.transact(() => {
        for (let index = 0; index < 400; index += 1) {
          const paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText(`OFFLINE-${index} `.padEnd(500, 'y'))]);
          notesFragment(away).push([paragraph]);
        }
      });
      const back = new NotesPeer(live.get('probation')!, caseId, 'panel');
      back.doc = away;
      await back.open();
      await waitFor(() => back.pending.size === 0, 'the parts to be taken');
      expect(back.refused).toEqual([]);
      const { text } = await readsWhole();
      expect(text).toContain('OFFLINE-0 ');
      expect(text).toContain('OFFLINE-399 ');
    });
  });

  it('stores an update whose relay failed, so that the copy and the log still agree', async () => {
    const documents = app.get(NoteDocuments);
    const key = { caseId, compartment: 'victim' as const };
    const author = new Y.Doc();
    appendParagraph(author, 'RELAY-FAILED-CANARY');
    const update = Y.encodeStateAsUpdate(author);
    await app.get(NoteRepository).ensure(key);
    const { epoch } = (await app.get(NoteRepository).load(key))!;
    await documents.accept(key, epoch, update, people.get('idva')!.id, () => {
      throw new Error('the relay broke');
    });
    expect(await storedText('victim')).toContain('RELAY-FAILED-CANARY');
    expect(notesText(await documents.current(key))).toContain('RELAY-FAILED-CANARY');
  });

  it('moves restricted text out of the panel notes: gone from its rows, its state and what a fresh joiner receives', async () => {
    const chair = new NotesPeer(live.get('chair')!, caseId, 'panel');
    await chair.open();
    expect(await chair.type('Agreed: refer to the IOPC.')).toEqual({ ok: true });
    expect(await chair.type('RESTRICT-CANARY The victim’s new address is known to the IDVA.')).toEqual({ ok: true });
    expect(await storedText('panel')).toContain('RESTRICT-CANARY');
    const paragraph = notesFragment(chair.doc)
      .toArray()
      .find((node) => node instanceof Y.XmlElement && node.toJSON().includes('RESTRICT-CANARY')) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const oldEpoch = chair.epoch!;
    const restricted = await live
      .get('chair')!
      .emit('notes.restrict', { caseId, from: 'panel', to: 'victim', span: spanOf(text, 0, text.length) });
    expect(restricted).toEqual({ ok: true });

    expect(await storedText('panel')).not.toContain('RESTRICT-CANARY');
    expect(await storedText('victim')).toContain('RESTRICT-CANARY');
    const panelNow = await app.http
      .get(`/api/cases/${caseId}/compartments/panel/notes`)
      .set('Authorization', `Bearer ${await token('chair')}`);
    expect(panelNow.status).toBe(200);
    expect(panelNow.body.text).toContain('Agreed: refer to the IOPC.');
    expect(JSON.stringify(panelNow.body)).not.toContain('RESTRICT-CANARY');

    // Someone joining the panel notes now (an observer, on a new connection) receives no trace of it.
    const joiner = await LiveClient.connect(url, await token('observer'));
    clients.push(joiner);
    expect(await joiner.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
    await joiner.next('agenda.current');
    const fresh = new NotesPeer(joiner, caseId, 'panel');
    const reply: NotesSyncReply = await fresh.open();
    expect(reply.epoch).toBe(oldEpoch + 1);
    expect(Buffer.from(reply.step2).toString('utf8')).not.toContain('RESTRICT-CANARY');
    expect(fresh.text()).toContain('Agreed: refer to the IOPC.');
    expect(joiner.text()).not.toContain('RESTRICT-CANARY');

    // The chair's copy was reset and resynced; an update from the old epoch is refused.
    await waitFor(() => chair.epoch === oldEpoch + 1, 'the chair to resync');
    expect(chair.text()).not.toContain('RESTRICT-CANARY');
    const stale = new Y.Doc();
    notesFragment(stale).push([new Y.XmlElement('paragraph')]);
    expect(
      await live
        .get('chair')!
        .emit('notes.sync', { caseId, compartment: 'panel', epoch: oldEpoch, message: encodeUpdate(Y.encodeStateAsUpdate(stale)) }),
    ).toMatchObject({ ok: false, code: 'EPOCH_STALE' });

    // Outside the room, the victim's notes ask for a recent second factor (decision 0029).
    await app.stepUp(people.get('idva')!, await token('idva'));
    const victim = await app.http
      .get(`/api/cases/${caseId}/compartments/victim/notes`)
      .set('Authorization', `Bearer ${await token('idva')}`);
    expect(victim.body.text).toContain('RESTRICT-CANARY');
    expect(victim.body.content).toEqual(
      expect.arrayContaining([
        { type: 'paragraph', attrs: { movedFrom: 'panel' }, content: [{ type: 'text', text: expect.stringContaining('RESTRICT-CANARY') }] },
      ]),
    );
  });

  it('lets the chair redact a span outright, and no one else', async () => {
    const idva = new NotesPeer(live.get('idva')!, caseId, 'panel');
    await idva.open();
    expect(await idva.type('REDACT-CANARY said in anger')).toEqual({ ok: true });
    const paragraph = notesFragment(idva.doc)
      .toArray()
      .find((node) => node instanceof Y.XmlElement && node.toJSON().includes('REDACT-CANARY')) as Y.XmlElement;
    const span = spanOf(paragraph.get(0) as Y.XmlText, 0, 'REDACT-CANARY'.length);
    expect(await live.get('idva')!.emit('notes.redact', { caseId, compartment: 'panel', span })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await live.get('chair')!.emit('notes.redact', { caseId, compartment: 'panel', span })).toEqual({ ok: true });
    expect(await storedText('panel')).not.toContain('REDACT-CANARY');
    await waitFor(() => idva.text().includes('said in anger') && !idva.text().includes('REDACT-CANARY'), 'the IDVA to resync');
    // A span that no longer resolves is refused and changes nothing.
    expect(await live.get('chair')!.emit('notes.redact', { caseId, compartment: 'panel', span })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
    });
  });

  it('reads notes outside the room only as the policy admits, and logs the reading', async () => {
    const before = await sql<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM access_log WHERE case_id = $1 AND viewer_id = $2 AND compartment = 'victim' AND channel = 'http'`,
      [caseId, people.get('idva')!.id],
    );
    await app.stepUp(people.get('idva')!, await token('idva'));
    const read = await app.http.get(`/api/cases/${caseId}/compartments/victim/notes`).set('Authorization', `Bearer ${await token('idva')}`);
    expect(read.status).toBe(200);
    const after = await sql<{ count: string }[]>(
      `SELECT count(*)::text AS count FROM access_log WHERE case_id = $1 AND viewer_id = $2 AND compartment = 'victim' AND channel = 'http'`,
      [caseId, people.get('idva')!.id],
    );
    expect(Number(after[0].count)).toBe(Number(before[0].count) + 1);
    const colleague = await app.http
      .get(`/api/cases/${caseId}/compartments/victim/notes`)
      .set('Authorization', `Bearer ${await token('colleague')}`);
    expect(colleague.status).toBe(404);
    expect(JSON.stringify(colleague.body)).not.toContain('CANARY');
    const observer = await app.http
      .get(`/api/cases/${caseId}/compartments/victim/notes`)
      .set('Authorization', `Bearer ${await token('observer')}`);
    expect(observer.status).toBe(404);
  });

  it('folds a document’s log into its snapshot once it has grown, while writers go on, and joiners get every line', async () => {
    const writers = ['idva', 'chair', 'probation'].map((key) => new NotesPeer(live.get(key)!, caseId, 'panel'));
    for (const writer of writers) await writer.open();
    const count = async () =>
      (
        await sql<{ count: number }[]>(`SELECT count(*)::int AS count FROM note_updates WHERE case_id = $1 AND compartment = 'panel'`, [
          caseId,
        ])
      )[0].count;
    // More than the 500 updates after which a copy folds its log, within each writer's rate limit.
    const lines = writers.map((_, writer) => Array.from({ length: 170 }, (_, line) => `FOLD-${writer}-${line}`));
    await Promise.all(
      writers.map(async (writer, index) => {
        for (const line of lines[index]) expect(await writer.type(line)).toEqual({ ok: true });
      }),
    );
    const deadline = Date.now() + 10_000;
    while ((await count()) >= 500 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await count()).toBeLessThan(500);
    const [{ compacted }] = await sql<{ compacted: boolean }[]>(
      `SELECT snapshot IS NOT NULL AND compacted_through > 0 AS compacted FROM note_documents WHERE case_id = $1 AND compartment = 'panel'`,
      [caseId],
    );
    expect(compacted).toBe(true);
    const joiner = new NotesPeer(live.get('probation')!, caseId, 'panel');
    await joiner.open();
    for (const line of lines.flat()) expect(joiner.text()).toContain(line);
  });

  it('compacts the log into a snapshot that a copy which had read less picks up again', async () => {
    const repository = app.get(NoteRepository);
    const key = { caseId, compartment: 'investigation' as const };
    await repository.ensure(key);
    const author = new Y.Doc();
    const updates: Uint8Array[] = [];
    author.on('update', (update: Uint8Array) => updates.push(update));
    for (const line of ['first line', 'second line', 'third line']) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(line)]);
      notesFragment(author).push([paragraph]);
    }
    const epoch = (await repository.load(key))!.epoch;
    expect(await repository.append(updates.map((body) => ({ ...key, epoch, body })))).toEqual([true, true, true]);
    // A copy that has read only the first update.
    const partial = await repository.load(key);
    const firstId = partial!.updates[0].id;
    await repository.compact(key, (stored) =>
      compactState(
        stored.snapshot,
        stored.updates.map((update) => update.body),
      ),
    );
    const afterCompaction = await repository.load(key);
    expect(afterCompaction!.updates).toEqual([]);
    const caughtUp = await repository.since(key, firstId);
    expect(caughtUp!.snapshot).not.toBeNull();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, updates[0]);
    Y.applyUpdate(copy, caughtUp!.snapshot!);
    expect(notesText(copy)).toBe('first line\nsecond line\nthird line');
    // An update from an epoch that is no longer the document's is not stored.
    expect(await repository.append([{ ...key, epoch: epoch - 1, body: updates[0] }])).toEqual([false]);
  });

  describe('awareness (carets, who is typing)', () => {
    type AwarenessFrame = { caseId: string; compartment: string; message: Uint8Array };
    const awarenessIn = (client: LiveClient, compartment: string) =>
      client.of<AwarenessFrame>('notes.awareness').filter((frame) => frame.compartment === compartment);
    const entriesOf = (frame: AwarenessFrame) => decodeAwareness(new Uint8Array(frame.message));
    const nameOf = async (key: string) =>
      (await sql<{ name: string }[]>(`SELECT name FROM users WHERE id = $1`, [people.get(key)!.id]))[0].name;
    /** Another connection of the IDVA's, in the room. */
    const anotherIdvaConnection = async () => {
      const client = await LiveClient.connect(url, await token('idva'));
      clients.push(client);
      expect(await client.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      await client.next('agenda.current');
      return client;
    };
    /** The chair's next word that a client of the victim notes has gone. */
    const departureOf = (clientId: number) =>
      live
        .get('chair')!
        .next<AwarenessFrame>(
          'notes.awareness',
          (frame) =>
            frame.compartment === 'victim' && entriesOf(frame).some((entry) => entry.clientId === clientId && entry.state === null),
        );
    const say = (client: LiveClient, compartment: string, clientId: number, clock: number, state: object | null) =>
      client.emit('notes.awareness', { caseId, compartment, message: encodeAwareness([{ clientId, clock, state } as never]) });

    it('reaches the compartment’s room only, with the sender’s own name and none of the fields the editor does not use', async () => {
      const chair = live.get('chair')!;
      const seen = awarenessIn(chair, 'victim').length;
      const ack = await say(live.get('idva')!, 'victim', 41_001, 1, {
        user: { name: 'The Chair', color: '#2266aa', id: people.get('chair')!.id },
        cursor: {
          anchor: { type: { client: 1, clock: 2 }, tname: 'content', assoc: 0 },
          head: { item: { client: 1, clock: 3 }, assoc: -1 },
        },
        typingAt: 12,
        whereabouts: 'AWARENESS-VICTIM-CANARY',
      });
      expect(ack).toEqual({ ok: true });
      await waitFor(() => awarenessIn(chair, 'victim').length > seen, 'the chair to hear of the IDVA');
      const [entry] = entriesOf(awarenessIn(chair, 'victim').at(-1)!);
      expect(entry).toEqual({
        clientId: 41_001,
        clock: 1,
        state: {
          user: { id: people.get('idva')!.id, name: await nameOf('idva'), color: '#2266aa' },
          cursor: {
            anchor: { type: { client: 1, clock: 2 }, tname: 'content', assoc: 0 },
            head: { item: { client: 1, clock: 3 }, assoc: -1 },
          },
          typingAt: 12,
        },
      });
      // Nobody outside the victim compartment's room hears of it: not the colleague stepped out of the case,
      // not the observer, who is admitted to the panel only.
      for (const key of ['colleague', 'observer']) {
        expect(awarenessIn(live.get(key)!, 'victim')).toEqual([]);
        expect(live.get(key)!.text()).not.toContain('AWARENESS-VICTIM-CANARY');
      }
      expect(chair.text()).not.toContain('AWARENESS-VICTIM-CANARY');
      // And nobody outside the room may speak in it.
      expect(await say(live.get('observer')!, 'victim', 41_002, 1, { user: {} })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await say(live.get('colleague')!, 'victim', 41_003, 1, { user: {} })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    });

    it('sends the room the first caret of a burst at once and the latest as the spell ends, not one frame per keystroke', async () => {
      const chair = live.get('chair')!;
      // Past any spell the IDVA's last caret opened.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seen = awarenessIn(chair, 'victim').length;
      for (let clock = 1; clock <= 10; clock += 1)
        expect(await say(live.get('idva')!, 'victim', 41_100, clock, { typingAt: clock })).toEqual({ ok: true });
      const ours = () =>
        awarenessIn(chair, 'victim')
          .slice(seen)
          .flatMap(entriesOf)
          .filter((entry) => entry.clientId === 41_100);
      await waitFor(() => ours().some((entry) => entry.clock === 10), 'the chair to hear the latest caret');
      expect(ours()[0].clock).toBe(1);
      expect(ours().length).toBeLessThan(5);
    });

    it('relays a caret sent without an answer asked for, as the browser sends them, and writes no answer back to its sender', async () => {
      const chair = live.get('chair')!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const sender = await anotherIdvaConnection();
      // Every socket.io packet the sender receives, by type: 3 and 6 are answers (ACK, BINARY_ACK).
      const answers: unknown[] = [];
      (sender.socket.io as unknown as { on(event: 'packet', listener: (packet: { type: number; data?: unknown }) => void): void }).on(
        'packet',
        (packet) => {
          if (packet.type === 3 || packet.type === 6) answers.push(packet.data);
        },
      );
      const seen = awarenessIn(chair, 'victim').length;
      sender.socket.emit('notes.awareness', {
        caseId,
        compartment: 'victim',
        message: encodeAwareness([{ clientId: 41_300, clock: 1, state: { typingAt: 1 } } as never]),
      });
      await waitFor(
        () =>
          awarenessIn(chair, 'victim')
            .slice(seen)
            .flatMap(entriesOf)
            .some((entry) => entry.clientId === 41_300),
        'the chair to hear the caret',
      );
      // Past anything the server could still write back for it; an event asked to answer is still answered.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(answers).toEqual([]);
      expect(await say(sender, 'victim', 41_300, 2, { typingAt: 2 })).toEqual({ ok: true });
      expect(answers).toHaveLength(1);
      sender.close();
    });

    it('holds a caret sent while its writer’s edit is on its way, and sends it after the edit', async () => {
      const chair = live.get('chair')!;
      await new Promise((resolve) => setTimeout(resolve, 300));
      const writer = new NotesPeer(live.get('idva')!, caseId, 'victim');
      await writer.open();
      const from = chair.frames.length;
      // As a browser sends a keystroke: the edit, then at once the caret that points into it.
      const [edited, moved] = await Promise.all([
        writer.type('CARET-AFTER-EDIT'),
        say(live.get('idva')!, 'victim', 41_200, 1, { typingAt: 1 }),
      ]);
      expect([edited, moved]).toEqual([{ ok: true }, { ok: true }]);
      const frames = () => chair.frames.slice(from).filter((frame) => (frame.payload as { compartment?: string }).compartment === 'victim');
      const isEdit = (frame: { event: string; payload: unknown }) =>
        frame.event === 'notes.sync' && Buffer.from((frame.payload as AwarenessFrame).message).includes('CARET-AFTER-EDIT');
      const isCaret = (frame: { event: string; payload: unknown }) =>
        frame.event === 'notes.awareness' && entriesOf(frame.payload as AwarenessFrame).some((entry) => entry.clientId === 41_200);
      await waitFor(() => frames().some(isCaret) && frames().some(isEdit), 'the chair to hear the edit and the caret');
      expect(frames().findIndex(isCaret)).toBeGreaterThan(frames().findIndex(isEdit));
    });

    it('refuses a caret that belongs to another connection, and anything that is not an awareness update', async () => {
      const idva = live.get('idva')!;
      const seen = awarenessIn(idva, 'victim').length;
      expect(await say(live.get('chair')!, 'victim', 41_001, 2, { user: { name: 'Impostor' } })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
      // A departure for someone else's caret is not relayed either.
      expect(await say(live.get('chair')!, 'victim', 41_001, 9, null)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      for (const message of [
        Buffer.from([1, 5]),
        Buffer.from('not awareness'),
        encodeAwareness([{ clientId: 1, clock: 1, state: 7 as never }]),
      ]) {
        expect(await idva.emit('notes.awareness', { caseId, compartment: 'victim', message })).toMatchObject({
          ok: false,
          code: 'VALIDATION_FAILED',
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(awarenessIn(idva, 'victim').length).toBe(seen);
    });

    it('tells the room a caret has gone when its connection leaves, whoever else is still there', async () => {
      const chair = live.get('chair')!;
      const second = await anotherIdvaConnection();
      expect(await say(second, 'victim', 41_010, 3, { user: {} })).toEqual({ ok: true });
      await waitFor(() => awarenessIn(chair, 'victim').some((frame) => entriesOf(frame)[0].clientId === 41_010), 'the second caret');
      second.close();
      expect(entriesOf(await departureOf(41_010))).toEqual([{ clientId: 41_010, clock: 4, state: null }]);
      // The first connection's caret is still the IDVA's, and only hers.
      expect(await say(live.get('chair')!, 'victim', 41_001, 5, { user: {} })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('lets the same person’s newer connection take their caret over, as a browser that reconnected does', async () => {
      const newer = await anotherIdvaConnection();
      expect(await say(newer, 'victim', 41_001, 8, { user: {} })).toEqual({ ok: true });
      newer.close();
      expect(entriesOf(await departureOf(41_001))).toEqual([{ clientId: 41_001, clock: 9, state: null }]);
    });
  });
});
