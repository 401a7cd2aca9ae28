import type { CaseSummaryView, CaseView } from '@caseroom/contracts';
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

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
