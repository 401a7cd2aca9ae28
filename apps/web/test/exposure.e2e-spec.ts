import type { ConferencePlanView, ConferenceView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * Exposure in the browser: the suspect's colleague opens an address of the case and sees what anyone sees
 * of a case that does not exist; professional standards of the suspect's force are alerted, read the
 * alert (a reference, who, when, how, never content) and acknowledge it with what they did, which the
 * IOPC then reads.
 */
describeBuilt('exposure alerts in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let caseId: string;
  let reference: string;
  const people = new Map<string, BrowserPerson>();

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const coordinator = await world.token('coordinator');
    const conference = (await world.api.call<ConferenceView[]>('GET', '/api/conferences', coordinator)).find(
      (candidate) => candidate.title === 'Northmoor MARAC',
    )!;
    const plan = await world.api.call<ConferencePlanView>('GET', `/api/conferences/${conference.id}/plan`, coordinator);
    caseId = plan.agenda[0].caseId!;
    reference = plan.agenda[0].reference!;
    for (const key of ['psd', 'iopc', 'colleague']) {
      const person = await world.open(key);
      await world.signIn(person);
      people.set(key, person);
    }
  });

  afterAll(async () => {
    await world?.stop();
  });

  it("alerts professional standards to the colleague's attempt, live, and takes their acknowledgement", async () => {
    const psd = people.get('psd')!.page;
    const colleague = people.get('colleague')!.page;
    // The colleague follows an address of the case (within the signed-in page: a reload would sign them out):
    // what they see is what a case that does not exist shows.
    await colleague.evaluate((path) => {
      window.history.pushState({}, '', path);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `/cases/${caseId}/access`);
    await colleague.getByRole('alert').filter({ hasText: 'The case was not found' }).waitFor();
    expect(await colleague.getByText(reference).count()).toBe(0);

    // Professional standards hear of it where they are, without reloading.
    await psd
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Notices/ })
      .click();
    await psd.getByText(/Exposure alert: PC Mark Doyle \(Northmoor Police\) tried case/).waitFor();
    await psd.getByRole('link', { name: 'Open exposure alerts' }).first().click();
    await psd.getByRole('heading', { name: 'Exposure alerts', level: 1 }).waitFor();
    const card = psd.getByRole('listitem').filter({ hasText: 'PC Mark Doyle' });
    await card.getByText(`Tried by someone linked to the suspect: ${reference}`).waitFor();
    await card.getByText('Same team as the suspect').waitFor();
    await world.audit('exposure-alerts', psd);
    await world.capture('exposure-alerts', psd);

    await card.getByRole('button', { name: /^Acknowledge the alert/ }).click();
    await card.getByRole('button', { name: 'Confirm: acknowledge' }).click();
    await card.getByRole('alert').filter({ hasText: 'say what you did about it' }).waitFor();
    await card.getByLabel('What you did about it').fill('Spoke to PC Doyle; his system access is under review.');
    await card.getByRole('button', { name: /^Acknowledge the alert/ }).click();
    await card.getByRole('button', { name: 'Confirm: acknowledge' }).click();
    await psd.getByRole('heading', { name: 'Acknowledged' }).waitFor();
    await psd.getByText('Spoke to PC Doyle; his system access is under review.').waitFor();

    // The IOPC reads the alert and what was done, from its own menu.
    const iopc = people.get('iopc')!.page;
    await iopc.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Exposure alerts' }).click();
    await iopc.getByText('Spoke to PC Doyle; his system access is under review.').waitFor();
    await iopc.getByText(/by DI Sam Carter/).waitFor();
    await world.audit('exposure-alerts-iopc', iopc);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
