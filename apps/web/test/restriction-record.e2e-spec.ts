import type { Locator, Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { liveParser, type AgencyView, type CaseSummaryView, type ConferenceView, type UserView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/** An ISO date some days before today (the server's clock is the real one here). */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Fills a day, month and year date field by its legend. */
async function fillDate(scope: Locator, legend: string, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  const group = scope.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year);
}

/** What a person reads: no ISO dates and no codes. */
async function expectWordsOnly(page: Page): Promise<void> {
  const text = await page.getByRole('main').innerText();
  expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
  expect(text).not.toMatch(/\b[a-z]+(_[a-z0-9]+)+\b/);
}

/**
 * Professional standards record a suspension with its whole record, a second officer approves it, the
 * queue puts the overdue written notice first in words, and the restriction's history reads as steps.
 */
describeBuilt('the duty restriction record, in the browser', () => {
  jest.setTimeout(240_000);
  let world: BrowserWorld;
  let reference: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const coordinator = await world.token('coordinator');
    const chair = await world.token('chair');
    const users = await world.api.call<UserView[]>('GET', '/api/users', await world.token('admin'));
    const userId = (key: string) => users.find((user) => user.email === world.login(key).email)!.id;
    const agencies = await world.api.call<AgencyView[]>('GET', '/api/agencies', coordinator);
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const [demoCase] = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', coordinator);
    reference = demoCase.reference;
    const scheduled = await world.api.call<ConferenceView>('POST', '/api/conferences', coordinator, {
      title: 'Northmoor MARAC, restrictions',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      chairId: userId('chair'),
      invitedAgencyIds: ['NIDVA', 'NPDU', 'IOPC'].map(agency),
    });
    const conference = await world.api.call<ConferenceView>('POST', `/api/conferences/${scheduled.id}/agenda`, coordinator, {
      caseId: demoCase.id,
    });
    const socket = io(`${world.server.url}/live`, {
      transports: ['websocket'],
      parser: liveParser,
      auth: { token: chair },
      extraHeaders: { Origin: world.server.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    for (const [event, payload] of [
      ['conference.acknowledge', { conferenceId: conference.id }],
      ['conference.open', { conferenceId: conference.id }],
      ['agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId }],
    ] as const) {
      const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean };
      if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack)}`);
    }
    for (const kind of ['recommend_suspension', 'no_unsupervised_contact'])
      await world.api.call('POST', `/api/cases/${demoCase.id}/decisions`, chair, {
        kind,
        conferenceId: conference.id,
        rationale: 'The panel agreed it.',
        positions: [{ agencyId: agency('NIDVA'), position: 'agree' }],
      });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await world?.stop();
  });

  it('takes the whole record, a second officer, and shows the clocks and the history in words', async () => {
    const psd = await world.open('psd');
    await world.signIn(psd);
    await psd.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restrictions' }).click();
    const queue = psd.page.getByTestId('restriction-queue');
    const suspension = queue.getByRole('listitem').filter({ hasText: 'Recommend suspension' });
    await suspension.getByText(/Decision \(regulation 11B\) (due|overdue)/).waitFor();
    await suspension.getByRole('button', { name: 'Apply' }).click();
    const form = psd.page.getByRole('form', { name: `Apply: ${reference}` });
    // Sent empty: each missing field is named, in words, before anything reaches the server.
    await form.getByRole('button', { name: 'Propose the suspension' }).click();
    const summary = form.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await summary.innerText()).toContain('Decision-maker (appropriate authority)');
    await world.audit('restriction apply form, refused', psd.page);
    await world.capture('restriction-apply-errors', psd.page);

    await form.getByLabel('Warrant card retained').check();
    await fillDate(form, 'In effect from', daysAgo(20));
    await form.getByLabel('Conditions').fill('Not to attend any police building.');
    await form.getByLabel('Decision-maker (appropriate authority)').fill('Deputy Chief Constable');
    await fillDate(form, 'Told on', daysAgo(20));
    await form.getByLabel('Rationale').fill("Access to the victim's address through police systems.");
    await form.getByLabel('Alternatives considered').fill('Redeployment: still within reach of the systems.');
    await form.getByLabel('The IOPC was consulted').check();
    await fillDate(form, 'IOPC consulted on', daysAgo(21));
    // Regulation 11's conditions are asked for once the rest is there.
    await form.getByRole('button', { name: 'Propose the suspension' }).click();
    await summary.getByText('Redeployment: regulation 11 needs redeployment considered and judged inappropriate').waitFor();
    await form.getByLabel('Redeployment to other duties was considered and judged inappropriate').check();
    await form.getByLabel('The public interest requires it').check();
    await world.audit('restriction apply form, filled', psd.page);
    await world.capture('restriction-apply-form', psd.page);
    await form.getByRole('button', { name: 'Propose the suspension' }).click();
    await suspension.getByText('Suspension waiting for a second officer').waitFor();
    // The proposer cannot approve it: the API refuses, and the page says so in words.
    await suspension.getByRole('button', { name: 'Approve the proposal' }).click();
    await psd.page
      .getByRole('form', { name: `Approve the proposal: ${reference}` })
      .getByRole('button', { name: 'Approve the proposal' })
      .click();
    await suspension.getByText('A second person from professional standards must approve or reject this proposal.').waitFor();

    const second = await world.open('psd2');
    await world.signIn(second);
    await second.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restrictions' }).click();
    const secondQueue = second.page.getByTestId('restriction-queue');
    const pending = secondQueue.getByRole('listitem').filter({ hasText: 'Suspension waiting for a second officer' });
    await pending.getByRole('button', { name: 'Approve the proposal' }).click();
    await second.page
      .getByRole('form', { name: `Approve the proposal: ${reference}` })
      .getByRole('button', { name: 'Approve the proposal' })
      .click();
    // In force, told orally 20 days ago with no written notice: overdue, and first in the queue.
    const first = secondQueue.getByRole('listitem').first();
    await first.getByText(/Written notice overdue by \d+ working days/).waitFor();
    expect(await first.innerText()).toContain('Applied: Suspension (regulation 11); Warrant card retained');
    await expectWordsOnly(second.page);
    await world.audit('restrictions queue with clocks', second.page);
    await world.capture('restrictions-queue-clocks', second.page);

    await first.getByRole('link', { name: 'Record and history' }).click();
    await second.page.getByRole('heading', { name: `Duty restriction on ${reference}` }).waitFor();
    const history = second.page.getByTestId('restriction-history');
    await history.getByText('Approved the proposal').waitFor();
    const steps = await history.getByRole('listitem').allInnerTexts();
    expect(steps.map((step) => step.split(' · ')[0])).toEqual(['Requested', 'Proposed applying it', 'Approved the proposal']);
    expect(await second.page.getByRole('main').innerText()).toContain(
      'Redeployment considered and judged inappropriate; the public interest requires it',
    );
    // A written notice now is too late: refused on its field, in words.
    await second.page.getByRole('button', { name: 'Record the written notice' }).click();
    const notice = second.page.getByRole('form', { name: `Record the written notice: ${reference}` });
    await fillDate(notice, 'Written notice given on', daysAgo(0));
    await notice.getByRole('button', { name: 'Record the written notice' }).click();
    await notice
      .getByText(/must be within 3 working days of telling the officer orally \(by \d{1,2} [A-Z][a-z]+ \d{4}\)/)
      .first()
      .waitFor();
    await expectWordsOnly(second.page);
    await world.audit('restriction record and history', second.page);
    await world.capture('restriction-history', second.page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
