import type {
  CaseIdvaView,
  ContactLogView,
  IdvaAllocationView,
  IdvaProposalView,
  NotificationView,
  VictimStatusView,
  VictimStatusWorkView,
} from '@caseroom/contracts';
import { Canaries } from '@caseroom/testing';
import { DataSource } from 'typeorm';
import { ExplainPolicy } from '../src/features/cases/explain-policy';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * The victim's side of a case (issue 21): the IDVA Caseroom proposes from outside the suspect's force
 * area (and the victim's employer's, when she is police staff), the contact log only the victim
 * compartment's audience reads, and the status PSD release for the IDVA to pass on.
 */
describe("the victim's side of a case", () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  let agencyOf: (code: string) => string;
  let demoCaseId: string;
  let demoReference: string;
  const canaries = new Canaries();

  const bearer = (key: string) => app.bearer(people.get(key)!);
  const as = async (key: string | TestPerson) => (typeof key === 'string' ? bearer(key) : app.bearer(key));

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    people = await app.seedDemoWorld();
    const agencies = (await app.http.get('/api/agencies').set('Authorization', await bearer('coordinator'))).body as {
      id: string;
      code: string;
    }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    const cases = (await app.http.get('/api/cases').set('Authorization', await bearer('coordinator'))).body as {
      id: string;
      reference: string;
    }[];
    ({ id: demoCaseId, reference: demoReference } = cases[0]);
  });
  afterAll(() => app.stop());

  /** A case whose victim works for Eastvale Constabulary, the suspect an officer of Northmoor Police. */
  async function officerVictimCase(): Promise<string> {
    const created = await app.http
      .post('/api/cases')
      .set('Authorization', await bearer('coordinator'))
      .send({
        referral: { ground: 'professional_judgement', referredOn: '2026-11-18', referringAgencyId: agencyOf('NPDU'), concern: 'Stalking' },
        agencyIds: [agencyOf('NPDU'), agencyOf('NCSC')],
        victim: { pseudonym: 'Client E', name: 'Erin Vale', employer: 'Eastvale Constabulary', employerForceId: agencyOf('EVC') },
        suspect: { forceId: agencyOf('NMP'), name: 'PC Lee Fenn', staffNumber: 'NM9001' },
      });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  const proposalFor = async (caseId: string) => {
    const response = await app.http.get(`/api/cases/${caseId}/idva/proposal`).set('Authorization', await bearer('coordinator'));
    expect(response.status).toBe(200);
    return response.body as IdvaProposalView;
  };
  const allocate = async (caseId: string, body: object, key = 'coordinator') =>
    app.http
      .post(`/api/cases/${caseId}/idva`)
      .set('Authorization', await as(key))
      .send(body);

  describe('the IDVA Caseroom proposes', () => {
    let eastvaleIdvaService: string;
    let eastvaleIdva: TestPerson;

    beforeAll(async () => {
      // An IDVA service that serves Eastvale Constabulary, set up as an administrator would on its agency screen.
      eastvaleIdvaService = await app.agency('idva_service');
      const served = await app.http
        .patch(`/api/agencies/${eastvaleIdvaService}`)
        .set('Authorization', await bearer('admin'))
        .send({ servesForceIds: [agencyOf('EVC')] });
      expect(served.status).toBe(200);
      expect(served.body.servesForceIds).toEqual([agencyOf('EVC')]);
      eastvaleIdva = await app.person(['idva'], { agencyId: eastvaleIdvaService });
    });

    it('lets administrators give only an IDVA service force areas, and only police forces', async () => {
      const admin = await bearer('admin');
      const onProbation = await app.http
        .patch(`/api/agencies/${agencyOf('NPDU')}`)
        .set('Authorization', admin)
        .send({ servesForceIds: [] });
      expect(onProbation.status).toBe(200);
      const notAService = await app.http
        .patch(`/api/agencies/${agencyOf('NPDU')}`)
        .set('Authorization', admin)
        .send({ servesForceIds: [agencyOf('NMP')] });
      expect(notAService.status).toBe(400);
      expect(notAService.body.error.details).toEqual([{ path: 'body.servesForceIds', message: 'only for an IDVA service' }]);
      const notAForce = await app.http
        .patch(`/api/agencies/${eastvaleIdvaService}`)
        .set('Authorization', admin)
        .send({ servesForceIds: [agencyOf('EVC'), agencyOf('NCSC')] });
      expect(notAForce.status).toBe(400);
      expect(notAForce.body.error.details).toEqual([{ path: 'body.servesForceIds.1', message: 'must be a police force' }]);
      const byCoordinator = await app.http
        .patch(`/api/agencies/${eastvaleIdvaService}`)
        .set('Authorization', await bearer('coordinator'))
        .send({ servesForceIds: [] });
      expect(byCoordinator.status).toBe(403);
    });

    it("avoids the suspect's force area: the local service serves the suspect's force, so another is proposed", async () => {
      const proposal = await proposalFor(demoCaseId);
      expect(proposal.isPoliceConnected).toBe(false);
      const serving = (serviceId: string) => proposal.services.find((service) => service.serviceId === serviceId)!;
      expect(serving(agencyOf('NIDVA')).concerns).toEqual(['serves_suspect_force']);
      expect(serving(agencyOf('BNAS')).concerns).toEqual([]);
      expect(serving(eastvaleIdvaService).concerns).toEqual([]);
      expect(proposal.proposed).toEqual({
        serviceId: agencyOf('BNAS'),
        idvaId: people.get('outside-idva')!.id,
        basis: 'outside_suspect_force_area',
      });
    });

    it("for a victim who works for a police force, avoids her force's area as well as the suspect's", async () => {
      const caseId = await officerVictimCase();
      const proposal = await proposalFor(caseId);
      expect(proposal.isPoliceConnected).toBe(true);
      expect(proposal.services.find((service) => service.serviceId === eastvaleIdvaService)!.concerns).toEqual([
        'serves_victim_employer_force',
      ]);
      expect(proposal.proposed).toEqual({
        serviceId: agencyOf('BNAS'),
        idvaId: people.get('outside-idva')!.id,
        basis: 'outside_both_force_areas',
      });

      // The national service comes to serve Northmoor: no IDVA outside both areas is left, so nobody is proposed.
      const admin = await bearer('admin');
      await app.http
        .patch(`/api/agencies/${agencyOf('BNAS')}`)
        .set('Authorization', admin)
        .send({ servesForceIds: [agencyOf('NMP')] });
      try {
        expect((await proposalFor(caseId)).proposed).toBeNull();
        // For a victim who is not police staff, Eastvale's service is now the one outside the suspect's area.
        expect((await proposalFor(demoCaseId)).proposed).toMatchObject({ serviceId: eastvaleIdvaService, idvaId: eastvaleIdva.id });
        const refused = await allocate(caseId, { serviceId: agencyOf('BNAS'), idvaId: people.get('outside-idva')!.id });
        expect(refused.status).toBe(400);
        expect(refused.body.error.details).toEqual([
          { path: 'body.reason', message: 'say why, when choosing other than the IDVA proposed' },
        ]);
      } finally {
        await app.http
          .patch(`/api/agencies/${agencyOf('BNAS')}`)
          .set('Authorization', admin)
          .send({ servesForceIds: [] });
      }
    });

    it('allocates the IDVA proposed without a reason, anyone else only with one, and never someone linked to the suspect', async () => {
      const caseId = await officerVictimCase();
      const nell = people.get('outside-idva')!;
      // Not admitted to the case before: her service is not one of its agencies.
      expect((await app.http.get(`/api/cases/${caseId}`).set('Authorization', await as(nell))).status).toBe(404);

      const withoutReason = await allocate(caseId, { serviceId: eastvaleIdvaService, idvaId: eastvaleIdva.id });
      expect(withoutReason.status).toBe(400);
      expect(withoutReason.body.error.details).toEqual([
        { path: 'body.reason', message: 'say why, when choosing other than the IDVA proposed' },
      ]);
      const mismatched = await allocate(caseId, { serviceId: agencyOf('BNAS'), idvaId: eastvaleIdva.id, reason: 'Known to her' });
      expect(mismatched.status).toBe(400);
      expect(mismatched.body.error.details[0].path).toBe('body.idvaId');

      const chosen = await allocate(caseId, { serviceId: eastvaleIdvaService, idvaId: eastvaleIdva.id, reason: 'She asked for this IDVA' });
      expect(chosen.status).toBe(201);
      expect(chosen.body).toMatchObject({
        idvaId: eastvaleIdva.id,
        followedProposal: false,
        basis: null,
        concerns: ['serves_victim_employer_force'],
        reason: 'She asked for this IDVA',
      } satisfies Partial<IdvaAllocationView>);

      const followed = await allocate(caseId, { serviceId: agencyOf('BNAS'), idvaId: nell.id });
      expect(followed.status).toBe(201);
      expect(followed.body).toMatchObject({ followedProposal: true, basis: 'outside_both_force_areas', concerns: [], reason: null });
      // Her service joined the case: the policy admits her to the victim's side by its own rule.
      const hers = await app.http.get(`/api/cases/${caseId}`).set('Authorization', await as(nell));
      expect(hers.status).toBe(200);
      expect(hers.body.admitted).toEqual(['panel', 'victim']);
      const seen = (await app.http.get(`/api/cases/${caseId}/idva`).set('Authorization', await as(nell))).body as CaseIdvaView;
      expect(seen.allocation).toMatchObject({ idvaName: 'Nell Harding', serviceName: 'Beacon National Advocacy Service' });

      // An IDVA with a conflict recorded on the case is neither offered nor allocated.
      const linked = await app.person(['idva'], { agencyId: agencyOf('BNAS') });
      const recorded = await app.http
        .post(`/api/cases/${caseId}/conflicts`)
        .set('Authorization', await bearer('chair'))
        .send({ userId: linked.id, kind: 'friend', reason: 'A friend of the suspect' });
      expect(recorded.status).toBe(204);
      const offered = (await proposalFor(caseId)).services.flatMap((service) => service.idvas.map((idva) => idva.idvaId));
      expect(offered).toContain(nell.id);
      expect(offered).not.toContain(linked.id);
      const refused = await allocate(caseId, { serviceId: agencyOf('BNAS'), idvaId: linked.id, reason: 'Available' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.details[0].path).toBe('body.idvaId');

      // Allocating is the coordinator's (or chair's); the IDVA and the panel's members may not.
      expect((await allocate(caseId, { serviceId: agencyOf('BNAS'), idvaId: nell.id }, 'probation')).status).toBe(403);
      expect((await app.http.get(`/api/cases/${caseId}/idva/proposal`).set('Authorization', await as(nell))).status).toBe(403);
    });
  });

  describe('the contact log', () => {
    it('is read and written by the victim compartment audience alone, exactly as decide() admits, and each access is logged', async () => {
      const idva = await bearer('idva');
      const said = canaries.plant('victim', 'contactSaid');
      const added = await app.http
        .post(`/api/cases/${demoCaseId}/contacts`)
        .set('Authorization', idva)
        .send({
          contactedOn: '2026-11-20',
          method: 'phone',
          safeContact: canaries.plant('victim', 'safeContact'),
          said,
          agreed: canaries.plant('victim', 'agreed'),
        });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ method: 'phone', said, recordedByName: 'Priya Shah' });
      const log = (await app.http.get(`/api/cases/${demoCaseId}/contacts`).set('Authorization', idva)).body as ContactLogView;
      expect(log.contacts.map((contact) => contact.said)).toEqual([said]);
      expect(log.latestSafeContact).toBe(canaries.of('victim')[1]);

      const explanation = await app.get(ExplainPolicy).execute(demoReference, '2026-11-21');
      let admittedCount = 0;
      for (const [key, person] of people) {
        const row = explanation.rows.find((candidate) => candidate.email === person.email)!;
        const isAdmitted = row.decisions.victim.admitted;
        const authorization = await bearer(key);
        const read = await app.http.get(`/api/cases/${demoCaseId}/contacts`).set('Authorization', authorization);
        const write = await app.http
          .post(`/api/cases/${demoCaseId}/contacts`)
          .set('Authorization', authorization)
          .send({ contactedOn: '2026-11-21', method: 'other', said: `Tried by ${key}` });
        if (isAdmitted) {
          admittedCount += 1;
          expect([key, read.status]).toEqual([key, 200]);
          expect([key, write.status]).toEqual([key, 201]);
        } else {
          // The same answer whether the case is hidden from them or only its victim compartment (the
          // administrator, who takes part in no case, is refused at the route).
          const refused = key === 'admin' ? 403 : 404;
          expect([key, read.status, write.status]).toEqual([key, refused, refused]);
          expect(canaries.foundIn(`${read.text}${write.text}`, ['victim'])).toEqual([]);
        }
      }
      expect(admittedCount).toBeGreaterThan(2);
      expect(admittedCount).toBeLessThan(people.size - 5);
      // Only those admitted wrote a line.
      const after = (await app.http.get(`/api/cases/${demoCaseId}/contacts`).set('Authorization', idva)).body as ContactLogView;
      expect(after.contacts).toHaveLength(admittedCount + 1);

      const accesses = (await app.http.get(`/api/cases/${demoCaseId}/access-log`).set('Authorization', await bearer('chair'))).body as {
        viewerId: string;
        compartment: string;
        action: string;
      }[];
      const priya = people.get('idva')!.id;
      expect(accesses).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ viewerId: priya, compartment: 'victim', action: 'write' }),
          expect.objectContaining({ viewerId: priya, compartment: 'victim', action: 'read' }),
        ]),
      );
      expect(canaries.anyIn(app.logs.text)).toBe(false);
    });

    it('is kept as written: the database refuses to change or delete a contact', async () => {
      const database = app.get(DataSource);
      await expect(database.query(`UPDATE victim_contacts SET said = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(database.query(`DELETE FROM victim_contacts`)).rejects.toThrow(/append-only/);
    });
  });

  describe('the status for the victim', () => {
    const status = async (key: string, caseId = demoCaseId) =>
      app.http.get(`/api/cases/${caseId}/victim-status`).set('Authorization', await bearer(key));
    const saveDraft = async (text: string, key = 'psd') =>
      app.http
        .post(`/api/cases/${demoCaseId}/victim-status/draft`)
        .set('Authorization', await bearer(key))
        .send({ text });
    const release = async (revision: number, key = 'psd') =>
      app.http
        .post(`/api/cases/${demoCaseId}/victim-status/release`)
        .set('Authorization', await bearer(key))
        .send({ revision });
    const idvaNotices = async () =>
      ((await app.http.get('/api/me/notifications').set('Authorization', await bearer('idva'))).body as NotificationView[]).filter(
        (notice) => notice.kind === 'victim_status_released',
      );

    beforeAll(async () => {
      // Priya, already supporting the victim, is allocated: the coordinator says why, as she is not the one proposed.
      const allocated = await allocate(demoCaseId, {
        serviceId: agencyOf('NIDVA'),
        idvaId: people.get('idva')!.id,
        reason: 'Already supporting the victim, who asked to keep her IDVA',
      });
      expect(allocated.status).toBe(201);
    });

    it('never reaches the IDVA while PSD write it; released, it does, with when, and the IDVA is told', async () => {
      const draftText = canaries.plant('standards', 'statusDraft');
      const saved = await saveDraft(draftText);
      expect(saved.status).toBe(200);
      expect((saved.body as VictimStatusWorkView).draft).toMatchObject({ text: draftText, revision: 1, writtenByName: 'DI Sam Carter' });

      // The victim compartment's audience: nothing released yet, and not a word of the draft.
      for (const key of ['idva', 'coordinator', 'csc']) {
        const answer = await status(key);
        expect([key, answer.status]).toEqual([key, 200]);
        expect(answer.body).toEqual({ current: null, earlier: [] } satisfies VictimStatusView);
        expect(answer.text).not.toContain(draftText);
      }
      expect(await idvaNotices()).toEqual([]);
      // The draft is PSD's: not the chair's or the IOPC's to change, and not the IDVA's to read.
      expect((await saveDraft('Changed', 'chair')).status).toBe(403);
      expect((await saveDraft('Changed', 'iopc')).status).toBe(403);
      const byIdva = await app.http.get(`/api/cases/${demoCaseId}/victim-status/draft`).set('Authorization', await bearer('idva'));
      expect(byIdva.status).toBe(403);
      expect(byIdva.text).not.toContain(draftText);

      // A second officer rewrites the draft: the first cannot release the words they read, only the draft now.
      const rewritten = 'Professional standards have opened a misconduct investigation. The officer is on restricted duties.';
      expect((await saveDraft(rewritten, 'psd2')).body.draft).toMatchObject({ text: rewritten, revision: 2 });
      const stale = await release(1);
      expect(stale.status).toBe(409);
      expect((await status('idva')).body.current).toBeNull();

      const released = await release(2);
      expect(released.status).toBe(200);
      expect((released.body as VictimStatusWorkView).draft).toBeNull();
      const read = (await status('idva')).body as VictimStatusView;
      expect(read.current).toMatchObject({ text: rewritten });
      expect(new Date(read.current!.releasedAt).getTime()).toBeGreaterThan(0);
      expect(JSON.stringify(read)).not.toContain(draftText);

      const told = await idvaNotices();
      expect(told).toEqual([expect.objectContaining({ caseId: demoCaseId, subjectId: read.current!.id })]);
      expect(told[0].message).toContain(demoReference);
      expect(told[0].message).not.toContain('misconduct');

      // Released words are fixed; a later release supersedes them.
      const database = app.get(DataSource);
      await expect(database.query(`UPDATE victim_statuses SET text = 'changed' WHERE released_at IS NOT NULL`)).rejects.toThrow(/fixed/);
      await expect(database.query(`DELETE FROM victim_statuses WHERE released_at IS NOT NULL`)).rejects.toThrow(/fixed/);
      const later = 'The misconduct investigation has finished; a hearing is being arranged.';
      const again = await saveDraft(later);
      expect((await release(again.body.draft.revision as number)).status).toBe(200);
      const now = (await status('idva')).body as VictimStatusView;
      expect(now.current).toMatchObject({ text: later });
      expect(now.earlier).toEqual([expect.objectContaining({ text: rewritten })]);
      expect(await idvaNotices()).toHaveLength(2);
    });

    it('is read by the victim compartment audience as decide() admits, and released only by PSD of the force not linked to the suspect', async () => {
      const explanation = await app.get(ExplainPolicy).execute(demoReference, '2026-11-21');
      for (const [key, person] of people) {
        const row = explanation.rows.find((candidate) => candidate.email === person.email)!;
        expect([key, (await status(key)).status]).toEqual([key, row.decisions.victim.admitted ? 200 : key === 'admin' ? 403 : 404]);
      }
      // PSD of another force, and PSD in the suspect's own team, find no case to write for.
      const eastvalePsd = await app.person(['psd'], { agencyId: agencyOf('EVC') });
      const response = (await app.http.get(`/api/agencies/${agencyOf('NMP')}/units`).set('Authorization', await bearer('coordinator')))
        .body as { id: string; name: string }[];
      const suspectTeam = response.find((unit) => unit.name === 'Response Team B, Northmoor Central')!.id;
      const teamPsd = await app.person(['psd'], { agencyId: agencyOf('NMP'), unitId: suspectTeam });
      for (const officer of [eastvalePsd, teamPsd]) {
        const authorization = await as(officer);
        const listed = (await app.http.get('/api/victim-statuses').set('Authorization', authorization)).body as VictimStatusWorkView[];
        expect(listed.map((work) => work.reference)).not.toContain(demoReference);
        const written = await app.http
          .post(`/api/cases/${demoCaseId}/victim-status/draft`)
          .set('Authorization', authorization)
          .send({ text: 'Anything' });
        expect(written.status).toBe(404);
      }
      const eastvales = (await app.http.get('/api/victim-statuses').set('Authorization', await as(eastvalePsd)))
        .body as VictimStatusWorkView[];
      expect(eastvales).toEqual([]);
      const mine = (await app.http.get('/api/victim-statuses').set('Authorization', await bearer('psd'))).body as VictimStatusWorkView[];
      expect(mine.map((work) => work.reference)).toContain(demoReference);
    });
  });
});
