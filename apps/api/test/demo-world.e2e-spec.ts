import type { CaseSummaryView, ConferenceView, NotificationView, ResearchTrackerView } from '@caseroom/contracts';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * What `npm start` seeds: a newcomer lands in a conference being prepared, not on "You are not invited
 * to any conference". Seeded through the same use cases a person's requests go through.
 */
describe('the demo world, with its conference', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;

  beforeAll(async () => {
    app = await TestApp.start();
    people = await app.seedDemoWorld({ withConference: true });
  });

  afterAll(async () => {
    await app.stop();
  });

  const bearer = (key: string) => app.bearer(people.get(key)!);

  it('seeds a scheduled conference with its chair, invitations and both cases listed on its agenda', async () => {
    const coordinator = await bearer('coordinator');
    const conferences = (await app.http.get('/api/conferences').set('Authorization', coordinator).expect(200)).body as ConferenceView[];
    expect(conferences).toHaveLength(1);
    const [conference] = conferences;
    expect(conference).toMatchObject({ title: 'Northmoor MARAC', status: 'scheduled', chairId: people.get('chair')!.id });
    expect(new Date(conference.scheduledAt).getTime()).toBeGreaterThan(Date.now());
    expect(conference.agenda).toHaveLength(2);

    const cases = (await app.http.get('/api/cases').set('Authorization', coordinator).expect(200)).body as CaseSummaryView[];
    expect(cases.map((summary) => summary.status)).toEqual(['listed', 'listed']);

    // The invited see it; the chair is told as they are.
    for (const key of ['chair', 'idva', 'probation', 'csc']) {
      const token = await bearer(key);
      const theirs = (await app.http.get('/api/conferences').set('Authorization', token).expect(200)).body as ConferenceView[];
      expect(theirs.map((seen) => seen.id)).toEqual([conference.id]);
      const notices = (await app.http.get('/api/me/notifications').set('Authorization', token).expect(200)).body as NotificationView[];
      expect(notices.map((notice) => notice.kind)).toContain('invitation');
    }
  });

  it("leaves one agency's research outstanding: the other two have returned theirs", async () => {
    const coordinator = await bearer('coordinator');
    const [conference] = (await app.http.get('/api/conferences').set('Authorization', coordinator).expect(200)).body as ConferenceView[];
    const tracker = (await app.http.get(`/api/conferences/${conference.id}/research`).set('Authorization', coordinator).expect(200))
      .body as ResearchTrackerView;
    expect(tracker.items).toHaveLength(2);
    for (const item of tracker.items) {
      const returned = item.agencies.filter((agency) => agency.returnedAt !== null).map((agency) => agency.agencyName);
      const outstanding = item.agencies.filter((agency) => agency.returnedAt === null).map((agency) => agency.agencyName);
      expect(returned.sort()).toEqual(['Northmoor IDVA Service', 'Northmoor Probation Delivery Unit']);
      expect(outstanding).toEqual(["Northmoor Children's Social Care"]);
    }
    const csc = await bearer('csc');
    const notices = (await app.http.get('/api/me/notifications').set('Authorization', csc).expect(200)).body as NotificationView[];
    expect(notices.map((notice) => notice.kind)).toContain('research_requested');
  });
});
