import type { TrackedActionView } from '@caseroom/contracts';
import { compartments, type Compartment } from '@caseroom/domain';
import { ActionRepository } from '@caseroom/persistence';
import { Canaries } from '@caseroom/testing';
import { ExplainPolicy } from '../src/features/cases/explain-policy';
import { TestApp, type TestPerson } from './support/test-app';

/**
 * The tracker between meetings: each owner's actions across cases, every action for the coordinator,
 * and for anyone stepped out of a case no trace of its actions, whoever owns them.
 */
describe('the action tracker', () => {
  let app: TestApp;
  let people: Map<string, TestPerson>;
  const canaries = new Canaries();
  let caseId: string;
  let reference: string;
  let agencyOf: (code: string) => string;
  const actionIds: Record<string, string> = {};

  const as = async (key: string) => {
    const header = await app.bearer(people.get(key)!);
    return {
      get: (path: string) => app.http.get(path).set('Authorization', header),
      post: (path: string, body: object) => app.http.post(path).set('Authorization', header).send(body),
    };
  };
  const tracker = async (key: string) => {
    const response = await (await as(key)).get('/api/actions');
    expect(response.status).toBe(200);
    return { body: response.body as TrackedActionView[], text: response.text };
  };

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    people = await app.seedDemoWorld();
    const coordinator = await as('coordinator');
    const agencies = (await coordinator.get('/api/agencies')).body as { id: string; code: string }[];
    agencyOf = (code) => agencies.find((agency) => agency.code === code)!.id;
    const listed = (await coordinator.get('/api/cases')).body as { id: string; reference: string }[];
    ({ id: caseId, reference } = listed[0]);
    // Recorded in the store directly: recording through a live conference is the decisions story's.
    const plant = async (key: string, compartment: Compartment, ownerAgency: string, ownerUserId: string | null, dueOn: string) => {
      const action = await app.get(ActionRepository).create(
        {
          caseId,
          conferenceId: null,
          compartment,
          text: canaries.plant(compartment, `action-${key}`),
          ownerAgencyId: agencyOf(ownerAgency),
          ownerUserId,
          dueOn,
          createdBy: people.get('chair')!.id,
        },
        [],
      );
      actionIds[key] = action.id;
    };
    // The suspect's own force owns one: its people stepped out of the case must still see nothing.
    await plant('police', 'panel', 'NMP', null, '2026-11-28');
    await plant('probation', 'panel', 'NPDU', people.get('probation')!.id, '2026-11-25');
    await plant('victim', 'victim', 'NIDVA', null, '2026-11-24');
    await plant('investigation', 'investigation', 'EVC', people.get('investigator')!.id, '2026-12-01');
  });
  afterAll(() => app.stop());

  it("lists an owner's actions with the case reference and names, and shows their report to the coordinator", async () => {
    const probation = await as('probation');
    const own = await tracker('probation');
    expect(own.body.map((action) => action.id)).toEqual([actionIds.probation]);
    expect(own.body[0]).toMatchObject({
      reference,
      ownerAgencyName: 'Northmoor Probation Delivery Unit',
      ownerName: 'Tom Okafor',
      status: 'open',
      dueOn: '2026-11-25',
      updates: [],
    });
    const reported = await probation.post(`/api/cases/${caseId}/actions/${actionIds.probation}/reports`, {
      status: 'open',
      note: 'Licence conditions requested from the offender manager.',
    });
    expect(reported.status).toBe(201);

    const all = await tracker('coordinator');
    expect(all.body.map((action) => action.id)).toEqual(
      [actionIds.victim, actionIds.probation, actionIds.police, actionIds.investigation].filter((id) =>
        all.body.some((action) => action.id === id),
      ),
    );
    const seen = all.body.find((action) => action.id === actionIds.probation)!;
    expect(seen.updates).toEqual([
      expect.objectContaining({ status: 'open', note: 'Licence conditions requested from the offender manager.', byName: 'Tom Okafor' }),
    ]);
  });

  it('gives nobody an action of a compartment the policy denies them, and anyone stepped out no trace of the case', async () => {
    const explanation = await app.get(ExplainPolicy).execute(reference, '2026-11-21');
    const steppedOut: string[] = [];
    const leaks: string[] = [];
    for (const [key, person] of people) {
      const row = explanation.rows.find((candidate) => candidate.email === person.email)!;
      const denied = compartments.filter((compartment) => !row.decisions[compartment].admitted);
      const response = await (await as(key)).get('/api/actions');
      const text = `${response.status} ${response.text}`;
      for (const canary of canaries.foundIn(text, denied)) leaks.push(`${key}: ${canary}`);
      if (denied.length === compartments.length) {
        steppedOut.push(key);
        // Someone without the permission to read cases is refused the route; anyone else gets an empty list.
        expect([`403`, `200 []`]).toContain(text.replace(/^403 .*/, '403'));
        expect(text).not.toContain(caseId);
        expect(text).not.toContain(reference);
      }
    }
    expect(leaks).toEqual([]);
    // The test must be able to fail: the suspect's colleagues own an action through their force.
    expect(steppedOut).toEqual(expect.arrayContaining(['suspect', 'colleague']));
    expect(canaries.foundIn((await tracker('coordinator')).text, ['panel']).length).toBeGreaterThan(0);
    expect((await tracker('psd')).body.map((action) => action.id)).toContain(actionIds.police);
    expect(canaries.anyIn(app.logs.text)).toBe(false);
  });
});
