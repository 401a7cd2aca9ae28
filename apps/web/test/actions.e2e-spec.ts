import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { liveParser, type AgencyView, type CaseSummaryView, type ConferenceView, type UserView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

describeBuilt('the action tracker and the attendance register, in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let conference: ConferenceView;
  let reference: string;
  const sockets: Socket[] = [];
  const actionText = 'Share the licence conditions with the IDVA service.';
  const progress = 'Licence conditions requested from the offender manager.';

  /** A live-channel connection for set-up that is not under test: the chair runs the meeting the actions come from. */
  const connect = async (token: string) => {
    const socket = io(`${world.server.url}/live`, {
      transports: ['websocket'],
      parser: liveParser,
      auth: { token },
      extraHeaders: { Origin: world.server.url },
      reconnection: false,
      forceNew: true,
    });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const emit = async (event: string, payload: object) => {
      const ack = (await socket.timeout(10_000).emitWithAck(event, payload)) as { ok: boolean };
      if (!ack.ok) throw new Error(`${event}: ${JSON.stringify(ack)}`);
    };
    return emit;
  };

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
      title: 'Northmoor MARAC, actions',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      chairId: userId('chair'),
      invitedAgencyIds: ['NIDVA', 'NPDU', 'NCSC'].map(agency),
    });
    conference = await world.api.call<ConferenceView>('POST', `/api/conferences/${scheduled.id}/agenda`, coordinator, {
      caseId: demoCase.id,
    });
    // The meeting, as the chair's live channel runs it: joined, opened, the case discussed and an action agreed.
    const asChair = await connect(chair);
    await asChair('conference.acknowledge', { conferenceId: conference.id });
    await asChair('conference.join', { conferenceId: conference.id });
    await asChair('conference.open', { conferenceId: conference.id });
    await asChair('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId });
    // The probation member comes in and leaves again: the register shows both times.
    const probation = await connect(await world.token('probation'));
    await probation('conference.acknowledge', { conferenceId: conference.id });
    await probation('conference.join', { conferenceId: conference.id });
    await probation('conference.leave', { conferenceId: conference.id });
    await world.api.call('POST', `/api/cases/${demoCase.id}/actions`, chair, {
      conferenceId: conference.id,
      text: actionText,
      ownerAgencyId: agency('NPDU'),
      ownerUserId: userId('probation'),
      dueOn: new Date(Date.now() + 5 * 24 * 3_600_000).toISOString().slice(0, 10),
    });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await world?.stop();
  });

  const openActions = async (page: Page) => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { name: 'Actions', exact: true }).waitFor();
  };

  it('lets the owner report progress and then mark the action done after confirming; the coordinator reads the report', async () => {
    const probation = await world.open('probation');
    await world.signIn(probation);
    const page = probation.page;
    await openActions(page);
    const action = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `${reference}: ${actionText}` }) });
    await action.getByText('No reports yet.').waitFor();
    expect(await action.innerText()).toContain('Tom Okafor, Northmoor Probation Delivery Unit');

    // Nothing written: refused in the page by the contract's schema, naming the field.
    const form = page.getByRole('form', { name: `Report progress on ${reference}: ${actionText}` });
    await form.getByRole('button', { name: 'Send report' }).click();
    await form
      .getByRole('alert')
      .getByText(/What has been done/)
      .waitFor();

    await form.getByLabel('What has been done').fill(progress);
    await form.getByRole('button', { name: 'Send report' }).click();
    await form.getByText('Your progress report is recorded.').waitFor();
    await action.getByText(progress).waitFor();
    await world.audit('action tracker (owner)', page);
    await world.capture('action-tracker', page);

    await form.getByLabel('Where it stands').selectOption('done');
    await form.getByLabel('What has been done').fill('Shared with the IDVA service on the phone and by secure e-mail.');
    await form.getByRole('button', { name: 'Send report' }).click();
    const confirm = form.getByRole('group', { name: 'Confirm closing the action' });
    await confirm.getByText(/cannot be reopened here/).waitFor();
    await world.audit('action tracker (confirm done)', page);
    await confirm.getByRole('button', { name: 'Confirm: Done' }).click();
    await page.getByText('0 actions shown.').waitFor();
    await page.getByLabel('Status').selectOption('closed');
    await action.getByText('Shared with the IDVA service on the phone and by secure e-mail.').waitFor();
    expect(await action.innerText()).toMatch(/Status\s+Done/);

    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    await openActions(coordinator.page);
    await coordinator.page.getByLabel('Status').selectOption('all');
    const seen = coordinator.page
      .getByRole('listitem')
      .filter({ has: coordinator.page.getByRole('heading', { name: `${reference}: ${actionText}` }) });
    await seen.getByText(progress).waitFor();
    expect(await seen.innerText()).toMatch(/Tom Okafor: Open/);
    await world.audit('action tracker (coordinator)', coordinator.page);
    await world.capture('action-tracker-coordinator', coordinator.page);

    // A colleague of the suspect is stepped out of the case: no trace of its actions.
    const colleague = await world.open('colleague');
    await world.signIn(colleague);
    await openActions(colleague.page);
    await colleague.page.getByText('0 actions shown.').waitFor();
    await colleague.page.getByLabel('Status').selectOption('all');
    await colleague.page.getByText('0 actions shown.').waitFor();
    expect(await colleague.page.content()).not.toContain(reference);
  });

  it("keeps the register of who came and went, and an invitee's apologies, for the coordinator", async () => {
    const idva = await world.open('idva');
    await world.signIn(idva);
    await idva.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conferences' }).click();
    await idva.page.getByRole('link', { name: 'Send apologies', description: conference.title, exact: true }).click();
    await idva.page.getByRole('heading', { name: `Attendance register: ${conference.title}` }).waitFor();
    await idva.page.getByText('Only the chair and the coordinator see the register.').waitFor();
    await idva.page.getByRole('textbox', { name: 'Your apologies' }).fill('On leave; Sam Reed will represent the IDVA service.');
    await idva.page.getByRole('button', { name: 'Send apologies' }).click();
    await idva.page.getByText('Your apologies are recorded.').waitFor();
    await world.audit('register (invitee)', idva.page);

    const coordinator = await world.open('coordinator-register', { login: world.login('coordinator') });
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conferences' }).click();
    await page.getByRole('link', { name: 'Attendance register', description: conference.title, exact: true }).click();
    const register = page.getByRole('table', { name: 'Attendance register' });
    await register.waitFor();
    const row = (name: string) => register.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await row('Priya Shah').innerText()).toContain('On leave; Sam Reed will represent the IDVA service.');
    expect(await row('Tom Okafor').innerText()).toMatch(/\d{1,2} \w{3} \d{4}, \d{2}:\d{2} to \d{2}:\d{2}/);
    expect(await row('Tom Okafor').innerText()).toContain('Northmoor Probation Delivery Unit');
    await world.audit('attendance register', page);
    await world.capture('attendance-register', page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });

  it('lets the coordinator record on the register the apologies an invitee gave by phone', async () => {
    const coordinator = await world.open('coordinator-apologies', { login: world.login('coordinator') });
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conferences' }).click();
    await page.getByRole('link', { name: 'Attendance register', description: conference.title, exact: true }).click();
    const register = page.getByRole('table', { name: 'Attendance register' });
    const row = (name: string) => register.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await row('Grace Lindqvist').getByText('None').waitFor();
    const form = page.getByRole('form', { name: 'Record apologies for an invitee' });

    // The browser refuses what the server would, with the same fields: nobody chosen, no reason given.
    await form.getByRole('button', { name: 'Record apologies' }).click();
    const summary = form.getByRole('alert');
    await summary.getByText('Whose apologies: is required').waitFor();
    expect(await summary.innerText()).toContain('The reason they gave: must not be empty');

    const reason = 'Phoned: at a child protection conference; her manager will send notes.';
    await form.getByLabel('Whose apologies').selectOption({ label: "Grace Lindqvist, Northmoor Children's Social Care" });
    await form.getByLabel('The reason they gave').fill(reason);
    await form.getByRole('button', { name: 'Record apologies' }).click();
    await form.getByText('Apologies recorded for Grace Lindqvist.').waitFor();
    await row('Grace Lindqvist').getByText(reason).waitFor();
    // A fresh form for the next one; the invitee's own apologies elsewhere on the register are as they were.
    expect(await form.getByLabel('The reason they gave').inputValue()).toBe('');
    expect(await row('Priya Shah').innerText()).toContain('On leave; Sam Reed will represent the IDVA service.');
    await world.audit('attendance register, apologies recorded for an invitee', page);
    await world.capture('attendance-register-apologies', page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
