import type { CaseRetentionView, CaseSummaryView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * Retention in the browser (decision 0031): the coordinator sees when the demo case's records fall due
 * and sets a legal hold, then releases it, each with a reason and after a confirmation; the administrator
 * reads the configured periods.
 */
describeBuilt('retention and the legal hold, in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('sets and releases a legal hold on a case, each after a confirmation with a reason', async () => {
    const token = await world.token('coordinator');
    const [first] = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', token);
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: first.reference }).click();
    await page.getByRole('heading', { name: first.reference, level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Retention' });
    await card.getByText('The case is open: nothing of it is erased while it is open.').waitFor();
    await card.getByRole('rowheader', { name: 'Who saw the case (access log)' }).waitFor();
    await card.getByText('No legal hold is set.').waitFor();

    // An empty reason is refused in the form, and nothing is set.
    const setForm = card.getByRole('form', { name: 'Set a legal hold' });
    await setForm.getByRole('button', { name: 'Set a legal hold' }).click();
    await setForm
      .getByRole('alert')
      .filter({ hasText: 'There is a problem' })
      .getByRole('link', { name: /^Reason:/ })
      .waitFor();
    await setForm.getByLabel('Reason').fill('Civil claim pending in the county court');
    await setForm.getByRole('button', { name: 'Set a legal hold' }).click();
    const confirmSet = setForm.getByRole('group', { name: 'Confirm: set a legal hold' });
    await confirmSet.getByText('Nothing of this case will be erased while the hold is set', { exact: false }).waitFor();
    await world.audit('case, confirm a legal hold', page);
    await world.capture('case-retention-confirm-hold', page);
    await confirmSet.getByRole('button', { name: 'Confirm and set the hold' }).click();
    const hold = card.getByTestId('legal-hold');
    await hold.getByText('set by Cora Mensah: Civil claim pending in the county court', { exact: false }).waitFor();
    await world.audit('case, under a legal hold', page);
    await world.capture('case-retention-held', page);
    const held = await world.api.call<CaseRetentionView>('GET', `/api/cases/${first.id}/retention`, token);
    expect(held.hold).toMatchObject({ reason: 'Civil claim pending in the county court' });

    const releaseForm = card.getByRole('form', { name: 'Release the legal hold' });
    await releaseForm.getByLabel('Reason').fill('The claim was settled');
    await releaseForm.getByRole('button', { name: 'Release the legal hold' }).click();
    const confirmRelease = releaseForm.getByRole('group', { name: 'Confirm: release the legal hold' });
    await confirmRelease.getByText('erased when their periods have passed', { exact: false }).waitFor();
    await confirmRelease.getByRole('button', { name: 'Confirm and release' }).click();
    await card.getByText('No legal hold is set.').waitFor();
    const released = await world.api.call<CaseRetentionView>('GET', `/api/cases/${first.id}/retention`, token);
    expect(released.hold).toBeNull();
    await coordinator.context.close();
  });

  it('lists the configured periods for the administrator', async () => {
    const admin = await world.open('admin');
    await world.signIn(admin);
    const page = admin.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Retention' }).click();
    await page.getByRole('heading', { name: 'Retention', level: 1 }).waitFor();
    await page.getByRole('row', { name: 'Case content 2192 days (about 6 years)' }).waitFor();
    await page.getByRole('row', { name: 'Who saw the case (access log) 2922 days (about 8 years)' }).waitFor();
    await world.audit('administration, retention', page);
    await world.capture('administration-retention', page);
    await admin.context.close();
  });
});
