import type { AgencyView, CaseSummaryView, ConferenceView, NotificationView, UserView } from '@caseroom/contracts';
import type { Page } from 'playwright-core';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

describeBuilt('research before a conference, in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let conference: ConferenceView;
  let reference: string;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const coordinator = await world.token('coordinator');
    const users = await world.api.call<UserView[]>('GET', '/api/users', await world.token('admin'));
    const agencies = await world.api.call<AgencyView[]>('GET', '/api/agencies', coordinator);
    const [demoCase] = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', coordinator);
    reference = demoCase.reference;
    const scheduled = await world.api.call<ConferenceView>('POST', '/api/conferences', coordinator, {
      title: 'Northmoor MARAC, research',
      scheduledAt: new Date(Date.now() + 5 * 24 * 3_600_000).toISOString(),
      chairId: users.find((user) => user.email === world.login('chair').email)!.id,
      invitedAgencyIds: agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id),
    });
    conference = await world.api.call<ConferenceView>('POST', `/api/conferences/${scheduled.id}/agenda`, coordinator, {
      caseId: demoCase.id,
    });
  });

  afterAll(async () => {
    await world?.stop();
  });

  const openResearch = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Research' }).click();
    await page.getByRole('heading', { name: 'Research', exact: true }).waitFor();
  };

  /** A member returns their agency's research through the page, confirming in the second step. */
  const returnResearch = async (key: string, holdings: { panel?: string; victim?: string }, withheld: string, captured = false) => {
    const person = await world.open(key);
    await world.signIn(person);
    const page = person.page;
    await openResearch(page);
    // The demo world's own conference asks research on the demo case too: this conference's request is the one.
    const asked = page.getByRole('region', { name: new RegExp(`^${conference.title}`) });
    await asked.getByRole('heading', { name: reference }).waitFor();
    await asked.getByRole('button', { name: `Return research on ${reference}` }).click();
    const form = asked.getByRole('form', { name: `Research on ${reference}` });
    if (holdings.panel) await form.getByLabel('Panel', { exact: true }).fill(holdings.panel);
    if (holdings.victim) await form.getByLabel('Victim', { exact: true }).fill(holdings.victim);
    await form.getByLabel('What was withheld, and why (optional)').fill(withheld);
    await form.getByRole('button', { name: 'Return research' }).click();
    await form.getByRole('button', { name: 'Confirm and return research' }).waitFor();
    if (captured) {
      await world.audit('research', page);
      await world.capture('research', page);
    }
    await form.getByRole('button', { name: 'Confirm and return research' }).click();
    await page.getByText(`Research on ${reference} returned.`).waitFor();
    await asked.getByText(/^Returned on /).waitFor();
    if (captured) await world.audit('research returned', page);
  };

  it('lets the coordinator request research, two agencies return theirs, and the third be reminded', async () => {
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await openResearch(page);
    await world.audit('research, coordinator', page);
    await page.getByRole('link', { name: `Research for ${conference.title}` }).click();
    await page.getByRole('heading', { name: `Research tracker: ${conference.title}` }).waitFor();
    await page.getByText('No research has been asked on this case yet.').waitFor();
    await page.getByRole('button', { name: 'Request research' }).click();
    await page.getByRole('button', { name: 'Confirm: request research' }).click();
    await page.getByText('Research requested: 3 requests sent.').waitFor();
    await world.audit('research tracker, requested', page);

    // An empty return is refused in the page, by the same schema as the server's, naming the field.
    const idva = await world.open('idva');
    await world.signIn(idva);
    await openResearch(idva.page);
    await idva.page.getByRole('button', { name: `Return research on ${reference}` }).click();
    await idva.page.getByRole('button', { name: 'Return research', exact: true }).click();
    await idva.page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    await world.audit('research, refused', idva.page);
    await idva.context.close();

    await returnResearch(
      'idva',
      { panel: 'IDVA: in contact with the victim since October; risk remains high.', victim: 'Safe contact through the IDVA only.' },
      'Nothing withheld.',
    );
    await returnResearch(
      'probation',
      { panel: 'Probation: no supervision history for the suspect.' },
      'A third party’s pre-sentence report: not ours to share.',
      true,
    );

    await page.getByRole('button', { name: 'Check again for returned research' }).click();
    const table = page.getByTestId(`research-${reference}`);
    await page.getByText('2 of 3 agencies returned their research.').waitFor();
    const row = (agency: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: agency }) });
    await row('Northmoor IDVA Service')
      .getByText(/^Returned on /)
      .waitFor();
    await row('Northmoor Probation Delivery Unit')
      .getByText(/^Returned on /)
      .waitFor();
    await row("Northmoor Children's Social Care").getByText('Outstanding').waitFor();
    expect(await table.textContent()).not.toMatch(/supervision|pre-sentence|Safe contact/);

    await row("Northmoor Children's Social Care")
      .getByRole('button', { name: "Send a reminder to Northmoor Children's Social Care" })
      .click();
    await page.getByRole('button', { name: "Confirm reminder to Northmoor Children's Social Care" }).click();
    await page.getByText("Reminder sent to Northmoor Children's Social Care.").waitFor();
    await row("Northmoor Children's Social Care").getByText('Not reminded').waitFor({ state: 'detached' });
    await world.audit('research tracker', page);
    await world.capture('research-tracker', page);

    const notices = await world.api.call<NotificationView[]>('GET', '/api/me/notifications', await world.token('csc'));
    const aboutThis = notices.filter((notice) => notice.message.includes(conference.title));
    expect(aboutThis.map((notice) => notice.kind).sort()).toEqual(['invitation', 'research_reminder', 'research_requested']);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
