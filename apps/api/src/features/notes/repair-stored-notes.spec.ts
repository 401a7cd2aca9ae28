import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { migrate, NoteRepository, openDatabase, type NoteKey, type OpenDatabase } from '@caseroom/persistence';
import { notesDoc, notesFragment, notesText, repairNotes } from '@caseroom/realtime';
import { createTestDatabase, type TestDatabase } from '@caseroom/testing';
import { notesSchemaVersion, repairStoredNotes } from './repair-stored-notes';

/** A paragraph holding `text`, as the editor makes one. */
const paragraph = (text: string) => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

/** A stored state made by `build` on a document that skips the server's checks, as old notes were. */
const stateOf = (build: (doc: Y.Doc) => void) => {
  const doc = notesDoc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
};

describe('notes stored before the schema was enforced', () => {
  let database: TestDatabase;
  let opened: OpenDatabase;
  let dataSource: DataSource;
  let notes: NoteRepository;
  let caseId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    opened = await openDatabase(
      database.url ? { kind: 'postgres', url: database.url, poolSize: 2 } : { kind: 'embedded', dataDir: database.dataDir },
    );
    await migrate(opened);
    dataSource = await new DataSource(opened.options).initialize();
    notes = new NoteRepository(dataSource);
    const [agency] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO agencies (name, kind, code) VALUES ('Force', 'police_force', 'RPR') RETURNING id`,
    );
    caseId = randomUUID();
    await dataSource.query(
      `INSERT INTO cases (id, reference, status, referral_ground, referred_on, referring_agency_id, victim_match_key, suspect_match_key, created_by)
       VALUES ($1, 'CR-REPAIR', 'referred', 'escalation', '2026-11-01', $2, 'v', 's', $1)`,
      [caseId, agency.id],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await opened?.close();
    await database?.drop();
  });

  /** Stores a document as it might have been stored before the check: never checked, with these bytes. */
  const stored = async (compartment: NoteKey['compartment'], snapshot: Uint8Array | null, updates: Uint8Array[] = []) => {
    const key: NoteKey = { caseId, compartment };
    await dataSource.query(`DELETE FROM note_documents WHERE case_id = $1 AND compartment = $2`, [caseId, compartment]);
    await dataSource.query(`INSERT INTO note_documents (case_id, compartment, snapshot, checked_against) VALUES ($1, $2, $3, 0)`, [
      caseId,
      compartment,
      snapshot ? Buffer.from(snapshot) : null,
    ]);
    for (const update of updates)
      await dataSource.query(`INSERT INTO note_updates (case_id, compartment, epoch, body) VALUES ($1, $2, 1, $3)`, [
        caseId,
        compartment,
        Buffer.from(update),
      ]);
    return key;
  };

  const quarantined = async (key: NoteKey) =>
    dataSource.query<{ epoch: number; reason: string; snapshot: Buffer | null; updates: Buffer[] }[]>(
      `SELECT epoch, reason, snapshot, updates FROM note_quarantine WHERE case_id = $1 AND compartment = $2 ORDER BY id`,
      [key.caseId, key.compartment],
    );

  /** The document as every reader now loads it. */
  const loaded = async (key: NoteKey) => {
    const document = (await notes.load(key))!;
    const doc = notesDoc();
    if (document.snapshot) Y.applyUpdate(doc, document.snapshot);
    for (const update of document.updates) Y.applyUpdate(doc, update.body);
    return { document, doc };
  };

  it('keeps a document the editor accepts as it is, and quarantines nothing', async () => {
    const state = stateOf((doc) => notesFragment(doc).insert(0, [paragraph('First line'), paragraph('Second line')]));
    const key = await stored('panel', state);
    await repairStoredNotes(dataSource);
    const { document, doc } = await loaded(key);
    expect(document.epoch).toBe(1);
    expect(Buffer.from(document.snapshot!)).toEqual(Buffer.from(state));
    expect(notesText(doc)).toBe('First line\nSecond line');
    expect(await quarantined(key)).toEqual([]);
  });

  it('rebuilds a document from the blocks that pass, and keeps what was stored in quarantine, untouched', async () => {
    // A bare text run straight in the fragment, paragraphs nested 2,000 deep, and content beside the notes.
    const snapshot = stateOf((doc) => {
      const deep = new Y.XmlElement('paragraph');
      notesFragment(doc).insert(0, [paragraph('Kept before'), new Y.XmlText('bare text'), deep, paragraph('Kept after')]);
      // Nested one level at a time inside the document: Yjs integrates a nested element given whole recursively.
      let inner = deep;
      for (let level = 0; level < 2_000; level += 1) {
        const next = new Y.XmlElement('paragraph');
        inner.insert(0, [next]);
        inner = next;
      }
      doc.getMap('elsewhere').set('field', 'outside the notes');
    });
    const key = await stored('victim', snapshot);
    await repairStoredNotes(dataSource);

    const { document, doc } = await loaded(key);
    expect(document.epoch).toBe(2);
    expect(notesText(doc)).toBe('Kept before\nKept after');
    expect(repairNotes(document.snapshot, [])).toBeNull();
    const [kept] = await quarantined(key);
    expect(kept.epoch).toBe(1);
    expect(Buffer.from(kept.snapshot!)).toEqual(Buffer.from(snapshot));
    expect(kept.reason).toContain('block 2: text or a hook outside a paragraph');
    expect(kept.reason).toContain('block 3: too deep');
    expect(kept.reason).toContain('content outside the notes');
    // The reason names positions and kinds, never the text.
    expect(kept.reason).not.toContain('bare text');
    expect(kept.reason).not.toContain('Kept');
  });

  it('rebuilds empty a document that cannot be read at all, and one whose edits wait for an edit never stored', async () => {
    const unreadable = await stored('investigation', randomBytes(64), [randomBytes(40)]);
    const writer = notesDoc();
    notesFragment(writer).insert(0, [paragraph('Stored')]);
    const first = Y.encodeStateAsUpdate(writer);
    const before = Y.encodeStateVector(writer);
    notesFragment(writer).insert(1, [paragraph('Never stored')]);
    const missing = Y.encodeStateAsUpdate(writer, before);
    const beforeLast = Y.encodeStateVector(writer);
    notesFragment(writer).insert(2, [paragraph('Built on what was never stored')]);
    const waiting = Y.encodeStateAsUpdate(writer, beforeLast);
    expect(missing.byteLength).toBeGreaterThan(0);
    const incomplete = await stored('standards', null, [first, waiting]);

    await repairStoredNotes(dataSource);

    const unread = await loaded(unreadable);
    expect(unread.document.epoch).toBe(2);
    expect(notesText(unread.doc)).toBe('');
    expect((await quarantined(unreadable))[0].reason).toBe('the whole document: it could not be read');
    expect((await quarantined(unreadable))[0].updates).toHaveLength(1);

    const rebuilt = await loaded(incomplete);
    expect(notesText(rebuilt.doc)).toBe('Stored');
    expect(rebuilt.doc.store.pendingStructs).toBeNull();
    expect((await quarantined(incomplete))[0].reason).toContain('edits that build on edits never stored');
  });

  it('checks each document once: a second pass changes nothing, and new documents start checked', async () => {
    const before = await dataSource.query<{ count: string }[]>(`SELECT count(*) FROM note_quarantine`);
    await repairStoredNotes(dataSource);
    expect(await dataSource.query(`SELECT count(*) FROM note_quarantine`)).toEqual(before);
    const fresh: NoteKey = { caseId, compartment: 'panel' };
    await dataSource.query(`DELETE FROM note_documents WHERE case_id = $1 AND compartment = 'panel'`, [caseId]);
    await notes.ensure(fresh);
    expect(await notes.uncheckedBefore(notesSchemaVersion, 10)).toEqual([]);
  });
});
