import type {
  AccessView,
  CompartmentView,
  ConferenceView,
  RequestResearchResult,
  ResearchAgencyView,
  ResearchAskedView,
  ResearchTrackerView,
} from '@caseroom/contracts';
import { DataSource } from 'typeorm';
import { ReminderSweep } from '../src/features/notifications/reminder-sweep';
import { TestApp, type TestPerson } from './support/test-app';

interface StoredNotice {
  recipient_id: string;
  kind: string;
  case_id: string;
  subject_id: string;
  message: string;
}

/**
 * Research before a conference: each invited agency is asked to research each case of the agenda,
 * returns what it holds into the case's compartments through the policy, and the coordinator tracks
 * and reminds the agencies still outstanding. A person stepped out of a case is never asked about it,
 * never told of it and finds no trace of it.
 */
describe('research before a conference', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  const bearers = new Map<string, string>();
  let agencyOf: (code: string) => string;
  let demoCase: { id: string; reference: string };
  let otherCase: { id: string; reference: string };
  let conference: ConferenceView;

  /** Signs each person in once: a second factor's codes move the test clock on. */
  const as = async (key: string) => {
    if (!bearers.has(key)) bearers.set(key, await app.bearer(people.get(key)!));
    return bearers.get(key)!;
  };
  const tracker = async () =>
    (await app.http.get(`/api/conferences/${conference.id}/research`).set('Authorization', await as('coordinator')))
      .body as ResearchTrackerView;
  const asked = async (key: string) => {
    const response = await app.http.get('/api/me/research').set('Authorization', await as(key));
    expect(response.status).toBe(200);
    return response.body as ResearchAskedView[];
  };
  const requestOf = async (key: string, caseId: string) => (await asked(key)).find((request) => request.caseId === caseId)!;
  const returnResearch = async (key: string, requestId: string, body: object) =>
    app.http
      .post(`/api/research/${requestId}/return`)
      .set('Authorization', await as(key))
      .send(body);
  const stored = (kind: string) =>
    app
      .get(DataSource)
      .query<StoredNotice[]>(
        `SELECT recipient_id, kind, case_id, subject_id, message FROM notifications WHERE kind = $1 ORDER BY created_at, id`,
        [kind],
      );
  const idOf = (key: string) => people.get(key)!.id;
  const entries = async (caseId: string, compartment: string) =>
    (
      (await app.http.get(`/api/cases/${caseId}/compartments/${compartment}`).set('Authorization', await as('chair')))
        .body as CompartmentView
    ).entries;
  const sweep = () => app.get(ReminderSweep).run();

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-12-09T09:00:00Z') });
    people = await app.seedDemoWorld();
    const coordinator = await as('coordinator');
    const agencies = (await app.http.get('/api/agencies').set('Authorization', coordinator)).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    [demoCase] = (await app.http.get('/api/cases').set('Authorization', coordinator)).body as { id: string; reference: string }[];
    // A second case, whose suspect serves in the neighbouring force: Northmoor Police takes no part in it.
    const created = await app.http
      .post('/api/cases')
      .set('Authorization', coordinator)
      .send({
        referral: {
          ground: 'professional_judgement',
          referredOn: '2026-11-30',
          referringAgencyId: agencyOf('NIDVA'),
          concern: 'Escalating threats',
        },
        agencyIds: ['NIDVA', 'NPDU', 'NCSC'].map(agencyOf),
        victim: { pseudonym: 'Client B', name: 'Olivia Grant' },
        suspect: { forceId: agencyOf('EVC'), name: 'PC Sam Roe', staffNumber: 'EV9001' },
      });
    expect(created.status).toBe(201);
    otherCase = created.body as { id: string; reference: string };
    // Accepted at triage: only an accepted case goes on an agenda.
    expect(
      (await app.http.post(`/api/cases/${otherCase.id}/triage`).set('Authorization', coordinator).send({ outcome: 'accepted' })).status,
    ).toBe(200);

    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', coordinator)
      .send({
        title: 'Northmoor MARAC, December',
        scheduledAt: '2026-12-14T10:00:00Z',
        chairId: idOf('chair'),
        invitedAgencyIds: ['NIDVA', 'NPDU', 'NCSC'].map(agencyOf),
        // Northmoor Police through two people: its professional standards, and a colleague of the suspect.
        invitedUserIds: [idOf('psd'), idOf('colleague')],
      });
    expect(scheduled.status).toBe(201);
    for (const caseId of [demoCase.id, otherCase.id]) {
      const listed = await app.http.post(`/api/conferences/${scheduled.body.id}/agenda`).set('Authorization', coordinator).send({ caseId });
      expect(listed.status).toBe(201);
      conference = listed.body as ConferenceView;
    }
  });

  afterAll(() => app.stop());

  it('asks every invited agency about every agenda case once, however often the coordinator asks', async () => {
    const before = await tracker();
    expect(before.invitedAgencies.map((agency) => agency.agencyId).sort()).toEqual(['NCSC', 'NIDVA', 'NMP', 'NPDU'].map(agencyOf).sort());
    expect(before.items.every((item) => item.agencies.length === 0)).toBe(true);

    const first = await app.http.post(`/api/conferences/${conference.id}/research`).set('Authorization', await as('coordinator'));
    expect(first.status).toBe(200);
    expect((first.body as RequestResearchResult).created).toBe(8);
    const again = await app.http.post(`/api/conferences/${conference.id}/research`).set('Authorization', await as('coordinator'));
    expect((again.body as RequestResearchResult).created).toBe(0);

    const { items } = (again.body as RequestResearchResult).tracker;
    expect(items.map((item) => item.reference).sort()).toEqual([demoCase.reference, otherCase.reference].sort());
    for (const item of items) {
      expect(item.agencies.map((agency) => agency.agencyId).sort()).toEqual(['NCSC', 'NIDVA', 'NMP', 'NPDU'].map(agencyOf).sort());
      expect(item.agencies.every((agency) => agency.returnedAt === null && agency.requestedAt.startsWith('2026-12-09T'))).toBe(true);
    }
    const [{ count }] = await app
      .get(DataSource)
      .query<{ count: string }[]>(`SELECT count(*) FROM research_requests WHERE conference_id = $1`, [conference.id]);
    expect(Number(count)).toBe(8);
  });

  it("tells only the invited people the policy admits to each case, by the conference and the case's reference", async () => {
    const notices = await stored('research_requested');
    const told = (caseId: string) =>
      notices
        .filter((notice) => notice.case_id === caseId)
        .map((notice) => notice.recipient_id)
        .sort();
    expect(told(demoCase.id)).toEqual(['idva', 'probation', 'csc', 'psd'].map(idOf).sort());
    // Northmoor Police is asked about the other case too, but none of its people may see it: nobody is told.
    expect(told(otherCase.id)).toEqual(['idva', 'probation', 'csc'].map(idOf).sort());
    for (const key of ['colleague', 'suspect', 'sergeant', 'police-rep', 'coordinator', 'chair', 'investigator']) {
      expect(notices.map((notice) => notice.recipient_id)).not.toContain(idOf(key));
    }
    const demoNotice = notices.find((notice) => notice.case_id === demoCase.id)!;
    expect(demoNotice.message).toBe(
      `Your agency is asked to research ${demoCase.reference} before Northmoor MARAC, December on 14 December 2026.`,
    );
    expect(notices.map((notice) => notice.message).join('\n')).not.toMatch(/Jessica|Marlow|Hart|Olivia|Roe/);

    const listed = (await app.http.get('/api/me/notifications').set('Authorization', await as('probation'))).body as { kind: string }[];
    expect(listed.filter((notice) => notice.kind === 'research_requested')).toHaveLength(2);
  });

  it('lists for each member only the cases their agency is asked about and the policy admits them to', async () => {
    const probation = await asked('probation');
    expect(probation.map((request) => request.reference).sort()).toEqual([demoCase.reference, otherCase.reference].sort());
    const demo = probation.find((request) => request.caseId === demoCase.id)!;
    expect(demo).toMatchObject({
      conferenceId: conference.id,
      conferenceTitle: 'Northmoor MARAC, December',
      agencyName: 'Northmoor Probation Delivery Unit',
      returnedAt: null,
      writable: ['panel', 'victim'],
    });
    const psd = await asked('psd');
    expect(psd.map((request) => request.reference)).toEqual([demoCase.reference]);
    expect(psd[0].writable).toEqual(['panel', 'standards']);

    // A colleague of the suspect, invited with Northmoor Police, is stepped out: no trace of the case at all.
    const colleague = await app.http.get('/api/me/research').set('Authorization', await as('colleague'));
    expect(colleague.status).toBe(200);
    expect(colleague.body).toEqual([]);
    const notices = await app.http.get('/api/me/notifications').set('Authorization', await as('colleague'));
    for (const text of [colleague.text, notices.text]) {
      expect(text).not.toContain(demoCase.reference);
      expect(text).not.toContain(demoCase.id);
    }
    // Nor may they reach their agency's request on it directly.
    const nmpRequest = (await tracker()).items
      .find((item) => item.caseId === demoCase.id)!
      .agencies.find((agency) => agency.agencyId === agencyOf('NMP'))!;
    const attempt = await returnResearch('colleague', nmpRequest.requestId, { holdings: { panel: 'Nothing known' } });
    expect(attempt.status).toBe(404);
    expect(attempt.text).not.toContain(demoCase.reference);
  });

  it('writes what an agency holds through the policy, refusing a compartment its member may not write', async () => {
    const idva = await requestOf('idva', demoCase.id);
    const panelBefore = (await entries(demoCase.id, 'panel')).length;
    const refused = await returnResearch('idva', idva.requestId, {
      holdings: { panel: 'IDVA contact since October', standards: 'Conduct history' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error.details).toEqual([{ path: 'body.holdings.standards', message: 'you may not write in this compartment' }]);
    // Nothing of a refused return is written, and the request stays outstanding.
    expect(await entries(demoCase.id, 'panel')).toHaveLength(panelBefore);
    expect((await requestOf('idva', demoCase.id)).returnedAt).toBeNull();

    const psd = await requestOf('psd', demoCase.id);
    expect((await returnResearch('psd', psd.requestId, { holdings: { victim: 'The victim lives at' } })).status).toBe(403);

    const empty = await returnResearch('idva', idva.requestId, { holdings: { panel: '   ' }, withheld: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'body.holdings' })]);
    const otherAgency = await returnResearch('csc', idva.requestId, { holdings: { panel: 'Known to us' } });
    expect(otherAgency.status).toBe(404);
  });

  it('marks the request returned with what was withheld and why, once', async () => {
    const request = await requestOf('probation', demoCase.id);
    const returned = await returnResearch('probation', request.requestId, {
      holdings: { panel: 'Probation research: the suspect has no supervision history.', victim: 'Victim known to probation since 2024.' },
      withheld: 'A pre-sentence report on a third party: not ours to share.',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({
      requestId: request.requestId,
      returnedAt: expect.stringMatching(/^2026-12-09T/),
      returnedByName: 'Tom Okafor',
      withheld: 'A pre-sentence report on a third party: not ours to share.',
    });
    expect((await entries(demoCase.id, 'panel')).map((entry) => entry.text)).toContain(
      'Probation research: the suspect has no supervision history.',
    );
    expect((await entries(demoCase.id, 'victim')).map((entry) => entry.text)).toContain('Victim known to probation since 2024.');

    // The same access log as any entry: one write per compartment, by the member.
    const log = (await app.http.get(`/api/cases/${demoCase.id}/access-log`).set('Authorization', await as('chair'))).body as AccessView[];
    const writes = log.filter((line) => line.viewerId === idOf('probation') && line.action === 'write');
    expect(writes.map((line) => line.compartment).sort()).toEqual(['panel', 'victim']);

    const twice = await returnResearch('probation', request.requestId, { holdings: { panel: 'More' } });
    expect(twice.status).toBe(409);
    expect((await requestOf('probation', demoCase.id)).withheld).toBe('A pre-sentence report on a third party: not ours to share.');
  });

  it('shows the coordinator who returned and who is outstanding, by agency name and date only', async () => {
    const view = await app.http.get(`/api/conferences/${conference.id}/research`).set('Authorization', await as('coordinator'));
    expect(view.status).toBe(200);
    const demo = (view.body as ResearchTrackerView).items.find((item) => item.caseId === demoCase.id)!;
    const returned = demo.agencies.filter((agency) => agency.returnedAt !== null).map((agency) => agency.agencyName);
    const outstanding = demo.agencies.filter((agency) => agency.returnedAt === null).map((agency) => agency.agencyName);
    expect(returned).toEqual(['Northmoor Probation Delivery Unit']);
    expect(outstanding).toEqual(["Northmoor Children's Social Care", 'Northmoor IDVA Service', 'Northmoor Police']);
    expect(view.text).not.toMatch(/Probation research|pre-sentence|Victim known/);
    const other = (view.body as ResearchTrackerView).items.find((item) => item.caseId === otherCase.id)!;
    expect(other.agencies.every((agency) => agency.returnedAt === null)).toBe(true);

    expect((await app.http.get(`/api/conferences/${conference.id}/research`).set('Authorization', await as('idva'))).status).toBe(403);
  });

  it('reminds an outstanding agency when the coordinator asks, once a day at most, and never one that returned', async () => {
    const demo = (await tracker()).items.find((item) => item.caseId === demoCase.id)!;
    const csc = demo.agencies.find((agency) => agency.agencyId === agencyOf('NCSC'))!;
    const remind = async (requestId: string) =>
      app.http.post(`/api/conferences/${conference.id}/research/${requestId}/reminders`).set('Authorization', await as('coordinator'));

    const first = await remind(csc.requestId);
    expect(first.status).toBe(200);
    expect((first.body as ResearchAgencyView).lastRemindedAt).not.toBeNull();
    expect((await remind(csc.requestId)).status).toBe(200);
    const reminders = await stored('research_reminder');
    expect(reminders.map((notice) => [notice.recipient_id, notice.subject_id])).toEqual([[idOf('csc'), csc.requestId]]);
    expect(reminders[0].message).toBe(
      `Research on ${demoCase.reference} for Northmoor MARAC, December on 14 December 2026 is still awaited from your agency.`,
    );

    const probation = demo.agencies.find((agency) => agency.agencyId === agencyOf('NPDU'))!;
    expect((await remind(probation.requestId)).status).toBe(409);
    const idva = await app.http
      .post(`/api/conferences/${conference.id}/research/${csc.requestId}/reminders`)
      .set('Authorization', await as('idva'));
    expect(idva.status).toBe(403);
  });

  it('has the sweep remind outstanding agencies a few days before the conference, once', async () => {
    const before = (await stored('research_reminder')).length;
    expect((await sweep()).raised).toBe(0);
    app.clock.advance(2 * 24 * 60 * 60 * 1000);
    const swept = await sweep();
    expect(swept.ran).toBe(true);
    const reminders = (await stored('research_reminder')).slice(before);
    const reminded = (caseId: string) =>
      reminders
        .filter((notice) => notice.case_id === caseId)
        .map((notice) => notice.recipient_id)
        .sort();
    // Probation returned its research on the demo case: it is reminded only of the other one.
    expect(reminded(demoCase.id)).toEqual(['idva', 'csc', 'psd'].map(idOf).sort());
    expect(reminded(otherCase.id)).toEqual(['idva', 'probation', 'csc'].map(idOf).sort());
    expect(reminders.map((notice) => notice.recipient_id)).not.toContain(idOf('colleague'));
    expect(swept.raised).toBe(6);

    expect((await sweep()).raised).toBe(0);
    expect(await stored('research_reminder')).toHaveLength(before + 6);
  });
});
