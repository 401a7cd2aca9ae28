import type { CaseSummaryView } from '@caseroom/contracts';
import type { Page } from 'playwright-core';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/** The references of the agenda on the prepare screen, in order. */
const agendaOrder = async (page: Page) =>
  (await page.getByRole('list', { name: 'Agenda items in order' }).getByRole('listitem').allInnerTexts()).map(
    (text) => /CR-\d{4}-\d{4}|Item \d+/.exec(text)?.[0] ?? text,
  );

describeBuilt('preparing a conference in the browser, and the notices it sends', () => {
  jest.setTimeout(150_000);
  let world: BrowserWorld;
  let demoReference: string;
  let adultsOnly: string;
  let withChildren: string;
  let another: string;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    // Set-up, not under test: three more cases for the agenda, besides the demo case (which has a child).
    const coordinator = await world.token('coordinator');
    const agencies = await world.api.call<{ id: string; code: string }[]>('GET', '/api/agencies', coordinator);
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const newCase = async (number: number, hasChildren: boolean) => {
      const created = await world.api.call<CaseSummaryView>('POST', '/api/cases', coordinator, {
        referral: { ground: 'visible_high_risk', referredOn: '2026-11-10', referringAgencyId: agency('NIDVA'), dashScore: 15 },
        agencyIds: ['NMP', 'NIDVA', 'NPDU', 'NCSC'].map(agency),
        victim: { pseudonym: `Client ${number}`, name: `Victim ${number}`, children: hasChildren ? [{ name: `Child ${number}` }] : [] },
        suspect: { forceId: agency('NMP'), name: `Suspect ${number}`, staffNumber: `NM80${number}` },
      });
      // Only a referral accepted at triage can be listed.
      await world.api.call('POST', `/api/cases/${created.id}/triage`, coordinator, { outcome: 'accepted' });
      return created.reference;
    };
    [demoReference] = (await world.api.call<CaseSummaryView[]>('GET', '/api/cases', coordinator)).map((summary) => summary.reference);
    adultsOnly = await newCase(2, false);
    withChildren = await newCase(3, true);
    another = await newCase(4, false);
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('schedules, previews step-outs, invites, orders and circulates; the invitee sees the count rise live and reads the notices', async () => {
    // The IDVA is signed in already: what they are sent must reach this page without reloading it.
    // The demo world's own conference told the IDVA of itself already: they start with everything read.
    await world.api.call('POST', '/api/me/notifications/read', await world.token('idva'), {});
    const idva = await world.open('idva');
    await world.signIn(idva);
    const noticesLink = idva.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Notices/ });
    await noticesLink.waitFor();
    expect(await idva.page.getByTestId('unread-count').count()).toBe(0);

    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('link', { name: 'Schedule a conference' }).click();
    await page.getByRole('heading', { name: 'Schedule a conference' }).waitFor();

    // The browser refuses what the server would, with the same schema: each problem named and linked.
    await page.getByRole('button', { name: 'Schedule the conference' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).toEqual([
      'Title: must not be empty',
      'Date: must be a real date, with day, month and year',
      'Time: must be a time on the 24-hour clock, e.g. 14:30',
      'Chair: choose the chair',
    ]);
    await world.audit('schedule-form-errors', page);
    await world.capture('schedule-form-errors', page);

    await page.getByLabel('Title', { exact: true }).fill('Northmoor MARAC, 3 December');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('12');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByLabel('Place or meeting link').fill('Room 4, Northmoor Civic Centre');
    await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'DCI Hannah Reid, Eastvale Constabulary' });
    await world.capture('schedule-form', page);
    await page.getByRole('button', { name: 'Schedule the conference' }).click();

    await page.getByRole('heading', { name: 'Prepare Northmoor MARAC, 3 December' }).waitFor();
    expect(await page.getByText('3 Dec 2026, 10:00 · Room 4, Northmoor Civic Centre · Chair: DCI Hannah Reid').count()).toBe(1);
    // The demo case is listed on the demo world's conference already; the others were just accepted.
    const addCase = async (reference: string) => {
      const status = reference === demoReference ? 'Listed' : 'Accepted';
      await page.getByLabel('Case', { exact: true }).selectOption({ label: `${reference} (${status})` });
      await page.getByRole('button', { name: 'Add to the agenda' }).click();
      await page.getByRole('list', { name: 'Agenda items in order' }).getByText(reference).waitFor();
    };
    for (const reference of [adultsOnly, demoReference, another, withChildren]) await addCase(reference);
    expect(await agendaOrder(page)).toEqual([demoReference, withChildren, adultsOnly, another]);

    // Ordered from the keyboard: focus stays with the item that moved.
    await page.getByRole('button', { name: `Move up: ${another}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (reference) => document.querySelectorAll('.agenda-builder li')[2]?.textContent?.includes(reference) ?? false,
      another,
    );
    // At the top of its group now, its Move up is disabled: the keyboard is on its Move down.
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') ?? '', undefined);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Move down: ${another}`);
    expect(await agendaOrder(page)).toEqual([demoReference, withChildren, another, adultsOnly]);
    expect(await page.getByRole('button', { name: `Move up: ${another}` }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: `Move up: ${withChildren}` }).click();
    await page.waitForFunction(
      (reference) => document.querySelector('.agenda-builder li')?.textContent?.includes(reference) ?? false,
      withChildren,
    );
    expect(await agendaOrder(page)).toEqual([withChildren, demoReference, another, adultsOnly]);

    // Taken off after a confirmation.
    await page.getByRole('button', { name: `Remove ${adultsOnly}` }).click();
    await page.getByRole('button', { name: 'Confirm removal' }).click();
    await page.getByRole('list', { name: 'Agenda items in order' }).getByText(adultsOnly).waitFor({ state: 'detached' });

    // Before anyone is invited: who would be stepped out of which item, and why.
    const table = page.getByRole('table', { name: 'People who could be invited' });
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row('PC Mark Doyle').innerText()).toContain(`Item 2, ${demoReference}: Same team as the suspect`);
    expect(await row('Insp. Owen Price').innerText()).toContain(`Item 2, ${demoReference}: Line manager of the suspect`);
    expect(await row('DS Laura Bennett').innerText()).toContain(`Item 2, ${demoReference}: Shared a posting with the suspect`);
    expect(await row('PC Daniel Hart').innerText()).toContain('Never invited: the suspect');
    expect(await row('Priya Shah').innerText()).toContain('Nothing on the agenda');
    await world.capture('schedule-preview', page);

    // One by one: the IDVA's count rises on their page, which nobody reloads.
    await page.getByRole('button', { name: 'Invite Priya Shah' }).click();
    await row('Priya Shah').getByText('Invited').waitFor();
    await idva.page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();

    // By agency: everyone of the suspect's force but the suspect.
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northmoor Police' });
    await page.getByRole('button', { name: 'Invite everyone from this agency' }).click();
    await page.getByRole('status').filter({ hasText: 'Left out: PC Daniel Hart' }).waitFor();
    await row('PC Mark Doyle').getByText('Invited').waitFor();
    expect(await row('PC Daniel Hart').getByRole('button').count()).toBe(0);

    // An invitation withdrawn after a confirmation.
    await page.getByRole('button', { name: 'Withdraw the invitation of DS Rowan Ellis' }).click();
    await page.getByRole('button', { name: 'Confirm withdrawal' }).click();
    await page.getByRole('button', { name: 'Invite DS Rowan Ellis' }).waitFor();

    await page.getByRole('button', { name: 'Circulate the agenda' }).click();
    await page.getByRole('button', { name: 'Confirm circulation' }).click();
    await page.getByText(/^Circulated on \d{1,2} Dec 2026/).waitFor();
    await world.audit('schedule-prepare', page);
    await world.capture('schedule-prepare', page);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conferences' }).click();
    await page.getByRole('link', { name: 'Northmoor MARAC, 3 December', exact: true }).waitFor();
    await world.audit('schedule-conferences', page);
    await world.capture('schedule-conferences', page);

    // The IDVA: two unread, live; the notices in words, marked read one and then all.
    await idva.page.getByTestId('unread-count').filter({ hasText: '2' }).waitFor();
    expect(await noticesLink.innerText()).toMatch(/Notices\s*2/);
    await noticesLink.click();
    await idva.page.getByRole('heading', { name: 'Notices', level: 1 }).waitFor();
    const list = idva.page.getByRole('list', { name: 'Notices' });
    await list.getByRole('heading', { name: /Agenda circulated/ }).waitFor();
    const text = await list.innerText();
    expect(text).toContain('You are invited to Northmoor MARAC, 3 December on 3 Dec 2026, 10:00, Room 4, Northmoor Civic Centre.');
    expect(text).toContain('The agenda for Northmoor MARAC, 3 December on 3 Dec 2026, 10:00 was circulated: 3 items.');
    expect(text).not.toMatch(/agenda_circulated|invitation\b/);
    await world.audit('notices', idva.page);
    await world.capture('notices', idva.page);

    await idva.page.getByRole('button', { name: /^Mark as read: Invitation/ }).click();
    await idva.page.getByTestId('unread-count').filter({ hasText: '1' }).waitFor();
    await idva.page.getByRole('button', { name: 'Mark all as read' }).click();
    await idva.page.getByText('Everything is read.').waitFor();
    expect(await idva.page.getByTestId('unread-count').count()).toBe(0);

    await list.getByRole('link', { name: 'Open the conference' }).first().click();
    await idva.page.getByRole('heading', { name: 'Northmoor MARAC, 3 December' }).waitFor();
    const agenda = await idva.page.getByRole('region', { name: 'Agenda' }).innerText();
    expect(agenda).toContain(withChildren);
    expect(agenda).toContain(demoReference);

    // The suspect's colleague: told of the invitation and the agenda, never of the case they are stepped out of.
    const colleague = await world.open('colleague');
    await world.signIn(colleague);
    await colleague.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /^Notices/ })
      .click();
    await colleague.page
      .getByRole('list', { name: 'Notices' })
      .getByRole('heading', { name: /Agenda circulated/ })
      .waitFor();
    await colleague.page.getByRole('link', { name: 'Open the conference' }).first().click();
    await colleague.page.getByText('Item 2: you are not part of this discussion').waitFor();
    expect(await colleague.page.locator('main').innerText()).not.toContain(demoReference);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
