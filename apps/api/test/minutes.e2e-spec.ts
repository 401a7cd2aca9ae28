import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { ConferenceMinutesView, MyMinutesCopyView, NotificationView } from '@caseroom/contracts';
import { compartments, type Compartment } from '@caseroom/domain';
import {
  ActionRepository,
  DecisionRepository,
  MinutesRepository,
  minutesEventChain,
  PolicyInputsRepository,
  verifyAllChains,
  verifyChain,
} from '@caseroom/persistence';
import { admittedCompartments } from '@caseroom/policy';
import { testServices } from '@caseroom/testing';
import { withoutMarks } from '../src/features/minutes/fingerprint';
import { LiveClient } from './support/live-client';
import { TestApp, type TestPerson } from './support/test-app';

/** People invited besides the demo's invitees: the suspect's force (one of them linked to the suspect), another force, the IOPC. */
const extraInvitees = ['colleague', 'police-rep', 'investigator', 'iopc'] as const;

/**
 * Minutes: drafted from the meeting, approved, one copy per recipient made by `decide()` and nothing
 * else, withdrawn, replaced when the policy has moved on, corrected, and every step in the chained
 * record. The formats and the fingerprint are read back in minutes-formats.e2e-spec.ts.
 */
describe('minutes', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let url: string;
  let conferenceId: string;
  let minutesId: string;
  const items: { itemId: string; caseId: string; reference: string }[] = [];
  /** Per item and compartment, a marker planted in the draft's summary. */
  const planted = new Map<string, string>();
  const tokens = new Map<string, string>();
  const clients: LiveClient[] = [];
  const run = Math.random().toString(36).slice(2, 8).toUpperCase();

  const auth = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, (await app.signIn(people.get(key)!)).accessToken);
    return `Bearer ${tokens.get(key)!}`;
  };
  const as = async (key: string) => {
    const header = await auth(key);
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object = {}) => app.http.post(path).set('Authorization', header).send(body),
      patch: (path: string, body: object) => app.http.patch(path).set('Authorization', header).send(body),
    };
  };
  const marker = (itemIndex: number, compartment: Compartment) => `MINUTESCANARY${run}X${itemIndex}X${compartment.toUpperCase()}`;
  /** The markers found in a text, read with the fingerprint's look-alike letters taken back to Latin. */
  const markersIn = (text: string) => [...planted.values()].filter((value) => withoutMarks(text).includes(value)).sort();
  /** The markers a person's copy must hold: of each item, the compartments the policy admits them to. */
  const expectedFor = async (key: string) => {
    const snapshot = await app.get(PolicyInputsRepository).snapshot();
    const viewer = (await snapshot.viewer(people.get(key)!.id))!;
    const today = app.clock.now().toISOString().slice(0, 10);
    const expected: string[] = [];
    for (const [index, item] of items.entries()) {
      const subject = (await snapshot.subject(item.caseId))!;
      for (const compartment of admittedCompartments(viewer, subject, { today })) expected.push(marker(index, compartment));
    }
    return expected.sort();
  };
  const copyOf = async (key: string) => {
    const mine = (await (await as(key)).get('/api/me/minutes')).body as MyMinutesCopyView[];
    return mine.find((copy) => copy.withdrawnAt === null && copy.replacedBy === null)!;
  };

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-12-01T09:00:00Z') });
    people = await app.seedDemoWorld({ withConference: true });
    url = await app.listen();
    const coordinator = await as('coordinator');
    const conferences = (await coordinator.get('/api/conferences')).body as { id: string; title: string }[];
    conferenceId = conferences.find((conference) => conference.title === 'Northmoor MARAC')!.id;
    const plan = (await coordinator.get(`/api/conferences/${conferenceId}/plan`)).body as {
      agenda: { itemId: string; caseId: string; reference: string }[];
    };
    for (const item of plan.agenda) items.push({ itemId: item.itemId, caseId: item.caseId, reference: item.reference });
    expect(items).toHaveLength(2);
    const invited = await coordinator.post(`/api/conferences/${conferenceId}/invitations`, {
      userIds: extraInvitees.map((key) => people.get(key)!.id),
    });
    expect(invited.status).toBe(201);

    // The meeting: the chair opens it, takes both items with the IDVA in the room, and closes it.
    const live = async (key: string) => {
      const client = await LiveClient.connect(url, (await auth(key)).slice('Bearer '.length));
      clients.push(client);
      expect(await client.emit('conference.acknowledge', { conferenceId })).toMatchObject({ ok: true });
      return client;
    };
    const chair = await live('chair');
    const idva = await live('idva');
    expect(await chair.emit('conference.open', { conferenceId })).toEqual({ ok: true });
    expect(await idva.emit('conference.join', { conferenceId })).toMatchObject({ ok: true });
    for (const item of items) expect(await chair.emit('agenda.move', { conferenceId, itemId: item.itemId })).toEqual({ ok: true });

    // What the meeting recorded, one decision and one action in each compartment of each case.
    const agencies = (await coordinator.get('/api/agencies')).body as { id: string; code: string }[];
    const agencyOf = (code: string) => agencies.find((agency) => agency.code === code)!.id;
    for (const [index, item] of items.entries())
      for (const compartment of compartments) {
        await app.get(DecisionRepository).record(
          {
            caseId: item.caseId,
            conferenceId,
            kind: 'victim_safeguarding',
            compartment,
            rationale: `Decided on the grounds recorded ${marker(index, compartment)}DECISION for the safety of those involved.`,
            optionsConsidered: null,
            details: {},
            positions: [{ agencyId: agencyOf('NIDVA'), position: 'agree', note: null }],
            recordedBy: people.get('chair')!.id,
            supersedes: null,
          },
          { restriction: null, withdraw: null, accessLog: [] },
        );
        await app.get(ActionRepository).create(
          {
            caseId: item.caseId,
            conferenceId,
            compartment,
            text: `Agreed action ${marker(index, compartment)}ACTION to be completed by the owner.`,
            ownerAgencyId: agencyOf('NIDVA'),
            ownerUserId: people.get('idva')!.id,
            dueOn: '2026-12-20',
            createdBy: people.get('chair')!.id,
          },
          [],
        );
      }
    expect(await chair.emit('conference.close', { conferenceId })).toEqual({ ok: true });
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await app.stop();
  });

  it('is drafted by the chair from the notes, edited by revision, and refused on a stale revision', async () => {
    const chair = await as('chair');
    const started = await chair.post(`/api/conferences/${conferenceId}/minutes/draft`);
    expect(started.status).toBe(200);
    const draft = (started.body as ConferenceMinutesView).draft!;
    expect(draft.items.map((item) => item.reference)).toEqual(items.map((item) => item.reference));

    const summaries = (index: number) =>
      Object.fromEntries(
        compartments.map((compartment) => {
          const value = marker(index, compartment);
          planted.set(`${index}:${compartment}`, value);
          return [compartment, `The panel heard the ${compartment} account.\n\nIt recorded ${value} as discussed at the meeting.`];
        }),
      );
    const saved = await chair.patch(`/api/conferences/${conferenceId}/minutes/draft`, {
      revision: draft.revision,
      items: items.map((item, index) => ({ itemId: item.itemId, summaries: summaries(index) })),
    });
    expect(saved.status).toBe(200);
    expect((saved.body as ConferenceMinutesView).draft!.revision).toBe(draft.revision + 1);

    // Two edits on one revision at once: one is saved, the other refused, however they interleave.
    const racing = await Promise.all(
      [0, 1].map(() =>
        chair.patch(`/api/conferences/${conferenceId}/minutes/draft`, {
          revision: draft.revision + 1,
          items: [{ itemId: items[0].itemId, summaries: { panel: `${summaries(0).panel}\n\nAnd more.` } }],
        }),
      ),
    );
    expect(racing.map((response) => response.status).sort()).toEqual([200, 409]);

    // The same revision again: someone saved since.
    const stale = await chair.patch(`/api/conferences/${conferenceId}/minutes/draft`, { revision: draft.revision, items: [] });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details).toEqual([expect.objectContaining({ path: 'body.revision' })]);

    // A member is not an organiser of the minutes; a bad body names its field.
    expect((await (await as('probation')).get(`/api/conferences/${conferenceId}/minutes`)).status).toBe(403);
    const bad = await chair.patch(`/api/conferences/${conferenceId}/minutes/draft`, { revision: -1, items: 'all' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(
      expect.arrayContaining(['body.revision', 'body.items']),
    );
  });

  it('is approved once, chained, and distributed as one copy per person, each told by a notice', async () => {
    const chair = await as('chair');
    const revision = ((await chair.get(`/api/conferences/${conferenceId}/minutes`)).body as ConferenceMinutesView).draft!.revision;
    const approved = await chair.post(`/api/conferences/${conferenceId}/minutes/approve`, { revision });
    expect(approved.status).toBe(200);
    const view = approved.body as ConferenceMinutesView;
    expect(view.versions).toHaveLength(1);
    minutesId = view.versions[0].minutesId;

    const coordinator = await as('coordinator');
    const distributed = await coordinator.post(`/api/minutes/${minutesId}/distribute`);
    expect(distributed.status).toBe(200);
    const copies = (distributed.body as ConferenceMinutesView).copies;
    const recipients = ['chair', 'coordinator', 'idva', 'probation', 'csc', ...extraInvitees];
    expect(copies.map((copy) => copy.recipientId).sort()).toEqual(recipients.map((key) => people.get(key)!.id).sort());
    expect(new Set(copies.map((copy) => copy.number)).size).toBe(copies.length);
    expect((await coordinator.post(`/api/minutes/${minutesId}/distribute`)).status).toBe(409);

    for (const key of recipients) {
      const notices = (await (await as(key)).get('/api/me/notifications')).body as NotificationView[];
      const issued = notices.filter((notice) => notice.kind === 'minutes_issued');
      expect(issued).toHaveLength(1);
      expect(issued[0].caseId).toBeNull();
      expect(markersIn(issued[0].message)).toEqual([]);
    }
    // Nobody else receives a copy: the suspect least of all.
    expect((await (await as('suspect')).get('/api/me/minutes')).body).toEqual([]);
  });

  it('gives each recipient exactly what decide() admits them to, and a stepped-out colleague only the item number', async () => {
    let positive = 0;
    for (const key of ['chair', 'coordinator', 'idva', 'probation', 'csc', ...extraInvitees]) {
      const copy = await copyOf(key);
      const opened = await (await as(key)).get(`/api/me/minutes/${copy.copyId}`);
      expect(opened.status).toBe(200);
      const html = (opened.body as { html: string }).html;
      expect({ key, markers: markersIn(html) }).toEqual({ key, markers: await expectedFor(key) });
      positive += markersIn(html).length;
      for (const [index, item] of items.entries()) {
        const admitted = (await expectedFor(key)).some((value) => value.includes(`X${index}X`));
        expect({ key, item: index, reference: html.includes(item.reference) }).toEqual({ key, item: index, reference: admitted });
      }
    }
    // The test can fail: the chair's copy holds every compartment of every item.
    expect(positive).toBeGreaterThan(items.length * compartments.length);
    const colleague = await expectedFor('colleague');
    expect(colleague.some((value) => value.includes('X0X'))).toBe(false);
  });

  it('stops a copy holding what its recipient may no longer receive, and offers a fresh one instead', async () => {
    const probation = await as('probation');
    const before = await copyOf('probation');
    expect(before.stale).toBe(false);
    // A conflict recorded after the meeting steps them out of the second case.
    const recorded = await (
      await as('chair')
    ).post(`/api/cases/${items[1].caseId}/conflicts`, {
      userId: people.get('probation')!.id,
      kind: 'friend',
      reason: 'Known to the suspect socially',
    });
    expect(recorded.status).toBe(204);
    const refused = await probation.get(`/api/me/minutes/${before.copyId}/file?format=html`);
    expect(refused.status).toBe(409);
    expect(markersIn(refused.text)).toEqual([]);
    expect(refused.text).not.toContain(items[1].reference);
    expect(
      ((await probation.get('/api/me/minutes')).body as MyMinutesCopyView[]).find((copy) => copy.copyId === before.copyId)!.stale,
    ).toBe(true);

    const fresh = await probation.post(`/api/me/minutes/${before.copyId}/fresh`);
    expect(fresh.status).toBe(200);
    const replacement = fresh.body as MyMinutesCopyView;
    expect(replacement.stale).toBe(false);
    const html = ((await probation.get(`/api/me/minutes/${replacement.copyId}`)).body as { html: string }).html;
    expect(markersIn(html)).toEqual(await expectedFor('probation'));
    expect(markersIn(html).some((value) => value.includes('X1X'))).toBe(false);
    expect(html).not.toContain(items[1].reference);
    // The old copy answers as withdrawn.
    expect((await probation.get(`/api/me/minutes/${before.copyId}`)).status).toBe(404);
  });

  it('withdraws a copy: its link stops working and its recipient is told, with nothing of a case', async () => {
    const idva = await as('idva');
    const copy = await copyOf('idva');
    expect((await idva.get(`/api/me/minutes/${copy.copyId}/file?format=html`)).status).toBe(200);
    const withdrawn = await (await as('coordinator')).post(`/api/minutes/copies/${copy.copyId}/withdraw`, { reason: 'Sent in error' });
    expect(withdrawn.status).toBe(200);
    expect((await (await as('coordinator')).post(`/api/minutes/copies/${copy.copyId}/withdraw`, { reason: 'Twice' })).status).toBe(409);
    expect((await idva.get(`/api/me/minutes/${copy.copyId}/file?format=html`)).status).toBe(404);
    expect((await idva.get(`/api/me/minutes/${copy.copyId}`)).status).toBe(404);
    const notices = (await idva.get('/api/me/notifications')).body as NotificationView[];
    expect(notices.filter((notice) => notice.kind === 'minutes_withdrawn')).toHaveLength(1);
    // Someone else's copy answers exactly as one that does not exist.
    const other = await copyOf('csc');
    const theirs = await idva.get(`/api/me/minutes/${other.copyId}`);
    const none = await idva.get(`/api/me/minutes/00000000-0000-4000-8000-000000000000`);
    expect([theirs.status, theirs.body.message]).toEqual([none.status, none.body.message]);
    // The organisers reissue it: a fresh copy at today's policy.
    const reissued = await (await as('coordinator')).post(`/api/minutes/copies/${copy.copyId}/reissue`);
    expect(reissued.status).toBe(200);
    expect((await copyOf('idva')).copyId).not.toBe(copy.copyId);
  });

  it('is corrected by a new version with its reason, and whoever holds the old one is told', async () => {
    const chair = await as('chair');
    const revision = ((await chair.get(`/api/conferences/${conferenceId}/minutes`)).body as ConferenceMinutesView).draft!.revision;
    const unexplained = await chair.post(`/api/conferences/${conferenceId}/minutes/approve`, { revision });
    expect(unexplained.status).toBe(400);
    expect(unexplained.body.error.details).toEqual([expect.objectContaining({ path: 'body.correctionReason' })]);
    const corrected = await chair.post(`/api/conferences/${conferenceId}/minutes/approve`, {
      revision,
      correctionReason: 'An action owner was wrong',
    });
    expect(corrected.status).toBe(200);
    expect((corrected.body as ConferenceMinutesView).versions.map((version) => version.version)).toEqual([1, 2]);
    const notices = (await (await as('csc')).get('/api/me/notifications')).body as NotificationView[];
    expect(notices.filter((notice) => notice.kind === 'minutes_corrected')).toHaveLength(1);
  });

  it('keeps every download, refusal, withdrawal and reissue in a chained record that audit:verify checks', async () => {
    const events = await app.get(DataSource).query<{ step: string }[]>(`SELECT step FROM minutes_events ORDER BY id`);
    const steps = new Set(events.map((event) => event.step));
    expect([...steps].sort()).toEqual(['downloaded', 'issued', 'refused', 'reissued', 'withdrawn']);
    // Each download is a disclosure in the access log, on the export channel.
    const exports = await app.get(DataSource).query<{ n: number }[]>(`SELECT count(*)::int AS n FROM access_log WHERE channel = 'export'`);
    expect(exports[0].n).toBeGreaterThan(0);
    for (const { spec, verdict } of await verifyAllChains(app.get(DataSource)))
      expect({ chain: spec.name, intact: verdict.intact }).toEqual({ chain: spec.name, intact: true });
    expect((await app.get(MinutesRepository).traceCandidates()).length).toBeGreaterThan(9);
  });

  const onServer = testServices.postgresUrl ? it : it.skip;
  onServer('names the first altered event of a copy, and the database refuses changes (needs TEST_DATABASE_URL)', async () => {
    const superuser = new Client({ connectionString: app.database.url! });
    await superuser.connect();
    try {
      await superuser.query(`SET session_replication_role = replica`);
      await superuser.query(`UPDATE minutes_events SET detail = '{}' WHERE id = (SELECT min(id) + 1 FROM minutes_events)`);
      const [{ event }] = (await superuser.query(`SELECT (SELECT min(id) + 1 FROM minutes_events)::text AS event`)).rows as {
        event: string;
      }[];
      expect(await verifyChain(app.get(DataSource), minutesEventChain)).toMatchObject({ intact: false, brokenAt: event });
      await expect(superuser.query(`SET session_replication_role = origin; DELETE FROM minutes`)).rejects.toThrow(/append-only/);
    } finally {
      await superuser.end();
    }
  });
});
