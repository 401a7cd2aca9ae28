import type { AgencyView, CaseSummaryView, VictimStatusView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * The victim's side of a case in the browser: the coordinator allocates an IDVA against Caseroom's
 * proposal, PSD write a status for the victim and release it, and the IDVA, told by a notice, reads it
 * on the case and logs a contact.
 */
describeBuilt("the victim's side of a case, in the browser", () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let reference: string;
  let caseId: string;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const [demoCase] = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', await world.token('coordinator'));
    ({ reference, id: caseId } = demoCase);
  });

  afterAll(async () => {
    await world?.stop();
  });

  const idOf = async (code: string) =>
    (await world.api.call<AgencyView[]>('GET', '/api/agencies', await world.token('admin'))).find((agency) => agency.code === code)!.id;

  it('lets an administrator set the force areas an IDVA service serves', async () => {
    const admin = await world.open('admin');
    await world.signIn(admin);
    const page = admin.page;
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
    await page.getByTestId('agencies').getByRole('link', { name: 'Northmoor IDVA Service', exact: true }).click();
    const areas = page.getByRole('form', { name: 'Force areas served' });
    expect(await areas.getByRole('checkbox', { name: 'Northmoor Police' }).isChecked()).toBe(true);
    expect(await areas.getByRole('checkbox', { name: 'Eastvale Constabulary' }).isChecked()).toBe(false);
    await world.audit('agency force areas', page);
    await world.capture('admin-agency-areas', page);
    // Ticked and saved, then put back as it was: the demo's other screens rely on it.
    for (const isServed of [true, false]) {
      await areas.getByRole('checkbox', { name: 'Eastvale Constabulary' }).setChecked(isServed);
      await areas.getByRole('button', { name: 'Save the force areas' }).click();
      await areas.getByText('The force areas are saved.').waitFor();
      const saved = await world.api.call<AgencyView>('GET', `/api/agencies/${await idOf('NIDVA')}`, await world.token('admin'));
      expect(saved.servesForceIds).toHaveLength(isServed ? 2 : 1);
    }
    await admin.context.close();
  });

  it('lets the coordinator allocate an IDVA against the proposal, saying why when choosing otherwise', async () => {
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('link', { name: reference }).click();
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    await page.getByText('No IDVA is allocated yet.').waitFor();
    await page
      .getByTestId('idva-proposal')
      .getByText("Caseroom proposes Nell Harding (Beacon National Advocacy Service). From outside the suspect's force area.")
      .waitFor();

    // Priya already supports the victim: choosing her, not the one proposed, needs a reason.
    const form = page.getByRole('form', { name: 'Allocate an IDVA' });
    await form.getByLabel('IDVA', { exact: true }).selectOption({ label: 'Priya Shah (0 open cases)' });
    await form.getByText('Required: you are choosing someone other than the IDVA proposed.').waitFor();
    await form.getByRole('button', { name: 'Allocate the IDVA' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await page.getByRole('link', { name: 'Why this IDVA: say why, when choosing other than the IDVA proposed' }).waitFor();
    await world.audit('case, allocation refused', page);
    await world.capture('case-idva-proposal', page);
    await form.getByLabel('Why this IDVA').fill('Already supporting the victim, who asked to keep her IDVA.');
    await form.getByRole('button', { name: 'Allocate the IDVA' }).click();
    const allocation = page.getByTestId('idva-allocation');
    await allocation.getByText('Priya Shah').waitFor();
    await allocation.getByText("Area: Serves the suspect's force.").waitFor();
    await allocation.getByText(/Already supporting the victim/).waitFor();
    await world.audit('case, IDVA allocated', page);
    await world.capture('case-idva', page);
    await coordinator.context.close();
  });

  it('lets PSD write and release a status, which the IDVA reads on the case only once released', async () => {
    const psd = await world.open('psd');
    await world.signIn(psd);
    const page = psd.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restrictions' }).click();
    const form = page.getByRole('form', { name: `Status for the victim: ${reference}` });
    const words = 'Professional standards have opened a misconduct investigation, and the officer is on restricted duties.';
    await form.getByLabel('Write a new status').fill(words);
    await form.getByRole('button', { name: 'Save the draft' }).click();
    await form.getByText('The draft is saved. It stays with professional standards until you release it.').waitFor();

    // Saved, not released: nothing reaches the IDVA yet.
    const idvaToken = await world.token('idva');
    const before = await world.api.call<VictimStatusView>('GET', `/api/cases/${caseId}/victim-status`, idvaToken);
    expect(before.current).toBeNull();

    await form.getByRole('button', { name: `Release the status for the victim on ${reference}` }).click();
    await form.getByText('A released status cannot be taken back').waitFor();
    await world.audit('status for the victim, confirm release', page);
    await world.capture('psd-victim-status', page);
    await form.getByRole('button', { name: 'Release it' }).click();
    await form.getByText('Released. The IDVA is told, and reads it on the case.').waitFor();
    await page
      .getByTestId('victim-status-work')
      .getByText(/^Released .* by DI Sam Carter$/)
      .waitFor();
    await world.audit('status for the victim, released', page);
    await psd.context.close();

    const idva = await world.open('idva');
    await world.signIn(idva);
    const idvaPage = idva.page;
    await idvaPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notices/ })
      .click();
    const notice = idvaPage.getByRole('listitem').filter({ hasText: 'Status for the victim released' });
    await notice.getByText(`Professional standards released a new status for the victim on ${reference}.`).waitFor();
    await notice.getByRole('link', { name: 'Open the case' }).click();
    const released = idvaPage.getByTestId('released-status');
    await released.getByText(words).waitFor();
    await released.getByText(/^Released \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/).waitFor();

    // The IDVA logs what she passed on and what was agreed.
    const contact = idvaPage.getByRole('form', { name: 'Log a contact' });
    await contact.getByLabel('Day').fill('20');
    await contact.getByLabel('Month').fill('11');
    await contact.getByLabel('Year').fill('2026');
    await contact.getByLabel('How').selectOption({ label: 'Phone call' });
    await contact.getByLabel('What was said').fill('Passed on the status from professional standards; she understood it.');
    await contact.getByLabel('What was agreed').fill('Call again after the hearing date is set.');
    await contact.getByLabel('Her preferred and safe way to be contacted').fill('Mobile, weekdays after 6pm; no voicemail.');
    await contact.getByRole('button', { name: 'Log the contact' }).click();
    await contact.getByText('The contact is logged.').waitFor();
    const contacts = idvaPage.getByRole('list', { name: 'Contacts, newest first' });
    await contacts.getByText('Passed on the status from professional standards; she understood it.').waitFor();
    await idvaPage.getByText('Mobile, weekdays after 6pm; no voicemail.').first().waitFor();
    await world.audit('case, victim side', idvaPage);
    await world.capture('case-victim-side', idvaPage);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
