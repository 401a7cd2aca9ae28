import type { CaseSummaryView, CaseView, VictimWorkplaceView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * Where a police-employed victim works, recorded on a case already registered: the coordinator gives her
 * force and line manager on the case screen, confirms, and the line manager is out of the case.
 */
describeBuilt("the victim's workplace on a registered case, in the browser", () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('is recorded by the coordinator after a confirmation, and steps her line manager out of the case at once', async () => {
    const [coordinatorToken, chairToken] = await Promise.all(['coordinator', 'chair'].map((key) => world.token(key)));
    const [demoCase] = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', coordinatorToken);
    const { reference, id: caseId } = demoCase;
    type Conflict = { name: string; reason: string };
    const conflicts = async () => await world.api.call<Conflict[]>('GET', `/api/cases/${caseId}/conflicts`, chairToken);
    expect((await conflicts()).map((line) => line.name)).not.toContain('DS Femi Adeyemi');

    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: reference }).click();
    const section = page.getByTestId('case-victim-workplace');
    await section.getByText('She is not recorded as police staff.').waitFor();
    await section.getByText('Record or correct where she works').click();
    const form = section.getByRole('form', { name: 'Where the victim works' });
    await form.getByLabel('If the victim works for a police force, which').selectOption({ label: 'Eastvale Constabulary' });
    await form.getByLabel('The victim has no Caseroom account: I will give their unit and line manager').check();
    await form.getByLabel("Find their line manager in the force's records (optional)").fill('Adeyemi');
    await form.getByLabel("Find their line manager in the force's records (optional)").press('Enter');
    await form.getByRole('button', { name: 'Choose DS Femi Adeyemi as their line manager' }).click();
    await form.getByTestId('victim-line-manager').filter({ hasText: 'DS Femi Adeyemi' }).waitFor();
    await form.getByRole('button', { name: 'Record where she works' }).click();
    const confirm = form.getByRole('group', { name: 'Confirm where the victim works' });
    await confirm.getByText('stepped out of the case at once', { exact: false }).waitFor();
    await world.audit('case, confirm where the victim works', page);
    await world.capture('case-victim-workplace', page);
    await confirm.getByRole('button', { name: 'Confirm and record' }).click();
    await section.getByText('Where the victim works is recorded.', { exact: false }).waitFor();
    await section.getByText('She is recorded as working for a police force', { exact: false }).waitFor();
    await world.audit('case, victim workplace recorded', page);

    // Her line manager is out of the case by the time the answer came: the chair's conflict list names her.
    expect(await conflicts()).toContainEqual(expect.objectContaining({ name: 'DS Femi Adeyemi', reason: 'manages-the-victim' }));
    const view = await world.api.call<CaseView>('GET', `/api/cases/${caseId}`, coordinatorToken);
    expect(view.structure?.policeConnected.victim).toBe(true);

    // A correction starts from what is recorded: her line manager is still there, and adding an earlier
    // posting keeps him rather than sending the workplace again from nothing.
    const again = section.getByRole('form', { name: 'Where the victim works' });
    await again.getByTestId('victim-line-manager').filter({ hasText: 'DS Femi Adeyemi' }).waitFor();
    await again.getByRole('button', { name: 'Add a posting' }).click();
    const posting = again.getByRole('group', { name: /^Posting 1/ });
    await posting.getByLabel('Unit').selectOption({ label: 'Major Crime Investigation Team' });
    const from = posting.getByRole('group', { name: 'From' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('2');
    await from.getByLabel('Year').fill('2020');
    const until = posting.getByRole('group', { name: 'Until' });
    await until.getByLabel('Day').fill('31');
    await until.getByLabel('Month').fill('3');
    await until.getByLabel('Year').fill('2023');
    await world.capture('case-victim-workplace-correction', page);
    await again.getByRole('button', { name: 'Record where she works' }).click();
    await again.getByRole('button', { name: 'Confirm and record' }).click();
    await section.getByRole('group', { name: 'Posting 1: Major Crime Investigation Team' }).waitFor();
    const recorded = await world.api.call<VictimWorkplaceView>('GET', `/api/cases/${caseId}/victim-workplace`, coordinatorToken);
    expect(recorded).toMatchObject({ userId: null, postings: [expect.objectContaining({ startsOn: '2020-02-01', endsOn: '2023-03-31' })] });
    expect(await conflicts()).toContainEqual(expect.objectContaining({ name: 'DS Femi Adeyemi', reason: 'manages-the-victim' }));
    await world.audit('case, victim workplace corrected', page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
