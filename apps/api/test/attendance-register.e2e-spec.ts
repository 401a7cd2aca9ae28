import type { ConferenceView, RegisterView } from '@caseroom/contracts';
import { ConferenceRepository } from '@caseroom/persistence';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * Apologies on a conference's attendance register: an invitee sends their own, and the chair or the
 * coordinator records those an invitee gave them by other means, only for someone invited.
 */
describe('apologies on the attendance register', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let conference: ConferenceView;
  const tokens = new Map<string, string>();

  const person = (key: string) => people.get(key)!;
  const as = async (key: string) => {
    if (!tokens.has(key)) tokens.set(key, await app.bearer(person(key)));
    return tokens.get(key)!;
  };
  const register = async () =>
    (await app.http.get(`/api/conferences/${conference.id}/register`).set('Authorization', await as('coordinator'))).body as RegisterView[];
  const apologiesOf = async (key: string) => (await register()).find((line) => line.userId === person(key).id)?.apologies;
  /** Apologies recorded by `by` on behalf of the person `forKey` (or an id), with `body` as sent. */
  const recordFor = async (by: string, forKey: string, body: unknown, conferenceId = conference.id) =>
    app.http
      .post(`/api/conferences/${conferenceId}/invitations/${people.get(forKey)?.id ?? forKey}/apologies`)
      .set('Authorization', by.startsWith('Bearer ') ? by : await as(by))
      .send(body as object);

  beforeAll(async () => {
    app = await TestApp.start();
    people = await app.seedDemoWorld();
    const agencies = (await app.http.get('/api/agencies').set('Authorization', await as('coordinator'))).body as {
      id: string;
      code: string;
    }[];
    const scheduled = await app.http
      .post('/api/conferences')
      .set('Authorization', await as('coordinator'))
      .send({
        title: 'Northmoor MARAC, 3 December',
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId: person('chair').id,
        invitedAgencyIds: agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id),
      });
    expect(scheduled.status).toBe(201);
    conference = scheduled.body as ConferenceView;
  });

  afterAll(() => app.stop());

  it("keeps an invitee's own apologies on the register, and sending again replaces them", async () => {
    const send = async (note: string) =>
      app.http
        .post(`/api/conferences/${conference.id}/apologies`)
        .set('Authorization', await as('idva'))
        .send({ note });
    expect((await send('On leave.')).status).toBe(204);
    expect((await send('On leave; Sam Reed will represent the IDVA service.')).status).toBe(204);
    expect(await apologiesOf('idva')).toBe('On leave; Sam Reed will represent the IDVA service.');
    // The register itself is the organisers' to read.
    expect((await app.http.get(`/api/conferences/${conference.id}/register`).set('Authorization', await as('idva'))).status).toBe(403);
  });

  it('records apologies an invitee gave the coordinator, or the chair, on their behalf', async () => {
    const recorded = await recordFor('coordinator', 'probation', { note: '  Phoned in: in court all day.  ' });
    expect(recorded.status).toBe(204);
    expect(await apologiesOf('probation')).toBe('Phoned in: in court all day.');

    expect((await recordFor('chair', 'csc', { note: 'At a child protection conference; will send notes.' })).status).toBe(204);
    expect(await apologiesOf('csc')).toBe('At a child protection conference; will send notes.');
    // The invitee's own apologies are replaced by what the organiser records for them, as by their own.
    expect((await recordFor('coordinator', 'idva', { note: 'Called: her deputy comes instead.' })).status).toBe(204);
    expect(await apologiesOf('idva')).toBe('Called: her deputy comes instead.');
    // Nobody else's line changed.
    expect((await register()).filter((line) => line.apologies !== null).map((line) => line.userId)).toEqual(
      expect.arrayContaining([person('idva').id, person('probation').id, person('csc').id]),
    );
    expect((await register()).filter((line) => line.apologies !== null)).toHaveLength(3);
  });

  it('records apologies only for someone invited, with the same answer as a conference that does not exist', async () => {
    const notInvited = await recordFor('coordinator', 'investigator', { note: 'Not coming.' });
    expect(notInvited.status).toBe(404);
    const missing = await recordFor('coordinator', 'probation', { note: 'Not coming.' }, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    // Nor for someone whose invitation was withdrawn.
    const withdrawn = await app.http
      .delete(`/api/conferences/${conference.id}/invitations/${person('csc').id}`)
      .set('Authorization', await as('coordinator'));
    expect(withdrawn.status).toBe(204);
    expect((await recordFor('coordinator', 'csc', { note: 'Not coming.' })).status).toBe(404);
    expect(await apologiesOf('csc')).toBe('At a child protection conference; will send notes.');
    expect((await register()).map((line) => line.userId)).not.toContain(person('investigator').id);
  });

  it('answers nothing of the conference, after its withdrawal returned, to a read the withdrawn invitee began before', async () => {
    const invitee = await app.person(['member']);
    const invited = await app.http
      .post(`/api/conferences/${conference.id}/invitations`)
      .set('Authorization', await as('coordinator'))
      .send({ userIds: [invitee.id] });
    expect(invited.status).toBe(201);
    const bearer = await app.bearer(invitee);
    expect((await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', bearer)).status).toBe(200);
    const repository = app.get(ConferenceRepository);
    const acknowledgedAt = repository.acknowledgedAt.bind(repository);
    let withdrawal: number | null = null;
    // Their read has found them invited; the coordinator withdraws the invitation before it answers.
    const held = jest.spyOn(repository, 'acknowledgedAt').mockImplementation(async (conferenceId, userId) => {
      const answer = await acknowledgedAt(conferenceId, userId);
      if (userId === invitee.id && withdrawal === null)
        withdrawal = (
          await app.http.delete(`/api/conferences/${conference.id}/invitations/${invitee.id}`).set('Authorization', await as('coordinator'))
        ).status;
      return answer;
    });
    let read: { status: number; body: unknown };
    try {
      read = await app.http.get(`/api/conferences/${conference.id}`).set('Authorization', bearer);
    } finally {
      held.mockRestore();
    }
    expect(withdrawal).toBe(204);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toContain(conference.title);
  });

  it("refuses an invitee recording someone else's apologies, and another conference's coordinator", async () => {
    const byInvitee = await recordFor('idva', 'probation', { note: 'He is not coming.' });
    expect(byInvitee.status).toBe(403);
    const otherCoordinator = await app.bearer(await app.person(['coordinator']));
    const byOther = await recordFor(otherCoordinator, 'probation', { note: 'He is not coming.' });
    expect(byOther.status).toBe(404);
    expect(await apologiesOf('probation')).toBe('Phoned in: in court all day.');
  });

  it('requires the reason, within 1,000 characters, naming the field', async () => {
    for (const [body, message] of [
      [{}, expect.any(String)],
      [{ note: '   ' }, 'must not be empty'],
      [{ note: 'x'.repeat(1001) }, 'must be at most 1000 characters'],
      [{ note: 42 }, expect.any(String)],
    ] as const) {
      const response = await recordFor('coordinator', 'probation', body);
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ path: 'body.note', message }]);
    }
    const unknown = await recordFor('coordinator', 'probation', { note: 'Not coming.', userId: person('idva').id });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.error.details)).toContain('userId');
    expect(await apologiesOf('probation')).toBe('Phoned in: in court all day.');
  });
});
