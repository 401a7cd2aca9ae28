import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generate } from 'otplib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AgencyView, CaseSummaryView, ConferenceView, UserView } from '@caseroom/contracts';
import { Canaries, createTestDatabase, type TestDatabase } from '@caseroom/testing';
import { FrameLog, PolicyRefusals, seriousViolations, storedState, type AxeFinding } from './support/browser-evidence';
import { Api, builtClient, builtServer, CaseroomServer, type DemoLogin } from './support/caseroom-server';

const chromiumPath = '/usr/bin/chromium';
const laptop = { width: 1366, height: 768 };
const tablet = { width: 768, height: 1024 };
/** `npm run screens` sets this: the main screens are then saved as PNGs for the README. */
const screensDir = process.env.CASEROOM_SCREENS ? resolve(__dirname, '../../..', process.env.CASEROOM_SCREENS) : null;

const isBuilt = existsSync(builtServer) && existsSync(join(builtClient, 'index.html'));
const describeBuilt = isBuilt ? describe : describe.skip;

interface Person {
  readonly key: string;
  readonly login: DemoLogin;
  readonly totpSecret: string;
  readonly context: BrowserContext;
  readonly page: Page;
  readonly frames: FrameLog;
  readonly refusals: PolicyRefusals;
}

describeBuilt('the web client, three browsers in one conference', () => {
  jest.setTimeout(120_000);

  let database: TestDatabase;
  let server: CaseroomServer;
  let browser: Browser;
  let api: Api;
  let conference: ConferenceView;
  let reference: string;
  let caseId: string;
  let colleagueName: string;
  const canaries = new Canaries();
  const victimCanary = canaries.plant('victim', 'notes');
  const panelCanary = canaries.plant('panel', 'decision');
  const movedCanary = canaries.plant('victim', 'moved');
  const people = new Map<string, Person>();
  const findings = new Map<string, AxeFinding[]>();
  /** Every uncaught error and console error of any page: each test ends with none. */
  const pageErrors: string[] = [];
  /** How each script and stylesheet of the client reached a browser. */
  const assetEncodings: string[] = [];

  const person = (key: string) => people.get(key)!;

  /** Runs axe-core on the screen as it is and keeps what it found under the screen's name. */
  const audit = async (screen: string, page: Page) => {
    findings.set(screen, await seriousViolations(page));
  };
  const capture = async (name: string, page: Page) => {
    if (!screensDir) return;
    await mkdir(screensDir, { recursive: true });
    await page.screenshot({ path: join(screensDir, `${name}.png`) });
  };

  /** Enrols an authenticator over the API, so that signing in through the page needs the second factor. */
  const enrol = async (login: DemoLogin): Promise<string> => {
    const token = await api.token(login);
    const { secret } = await api.call<{ secret: string }>('POST', '/api/me/second-factor/enrolment', token);
    // The previous time step, so that the code the page is given next (the current step) is a fresh one.
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
    await api.call('POST', '/api/me/second-factor/enrolment/confirm', token, { code });
    return secret;
  };

  const open = async (key: string, logins: Map<string, DemoLogin>, viewport = laptop): Promise<Person> => {
    const login = logins.get(key)!;
    const totpSecret = await enrol(login);
    const context = await browser.newContext({ viewport, baseURL: server.url });
    const page = await context.newPage();
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/assets/')) assetEncodings.push(response.headers()['content-encoding'] ?? 'none');
    });
    page.on('pageerror', (error) => pageErrors.push(`${key}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('Content Security Policy')) pageErrors.push(`${key}: ${message.text()}`);
    });
    const frames = new FrameLog(page);
    const opened = { key, login, totpSecret, context, page, frames, refusals: new PolicyRefusals(page) };
    people.set(key, opened);
    return opened;
  };

  const signIn = async ({ page, login, totpSecret }: Person, audited = false) => {
    await page.goto('/');
    await page.getByLabel('E-mail address').fill(login.email);
    await page.getByLabel('Password').fill(login.password);
    if (audited) {
      await audit('sign-in', page);
      await capture('sign-in', page);
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Second factor' }).waitFor();
    await page
      .getByLabel('Code from your authenticator')
      .fill(await generate({ secret: totpSecret, epoch: Math.floor(Date.now() / 1000) }));
    if (audited) await audit('second factor', page);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('heading', { name: 'Your conferences' }).waitFor();
  };

  const joinConference = async ({ page }: Person, audited = false) => {
    await page.getByRole('link', { name: conference.title }).click();
    await page.getByRole('heading', { name: 'Confidentiality' }).waitFor();
    if (audited) {
      await audit('lobby', page);
      await capture('lobby', page);
    }
    await page.getByLabel('I have read the confidentiality statement and agree to it').check();
    await page.getByRole('button', { name: 'Acknowledge and join' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();
  };

  beforeAll(async () => {
    if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium)`);
    database = await createTestDatabase();
    server = await CaseroomServer.start(database);
    api = new Api(server.url);
    const logins = await server.demoLogins();

    const coordinator = await api.token(logins.get('coordinator')!);
    const admin = await api.token(logins.get('admin')!);
    const users = await api.call<UserView[]>('GET', '/api/users', admin);
    colleagueName = users.find((user) => user.email === logins.get('colleague')!.email)!.name;
    const agencies = await api.call<AgencyView[]>('GET', '/api/agencies', coordinator);
    const [demoCase] = await api.call<CaseSummaryView[]>('GET', '/api/cases', coordinator);
    reference = demoCase.reference;
    caseId = demoCase.id;
    const scheduled = await api.call<ConferenceView>('POST', '/api/conferences', coordinator, {
      title: 'Northmoor MARAC (web)',
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
      location: 'Northmoor Civic Centre, room 2',
      chairId: users.find((user) => user.email === logins.get('chair')!.email)!.id,
      // The IOPC is invited though it is not one of the case's agencies: it still gives a position and may own an action.
      invitedAgencyIds: agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC', 'IOPC'].includes(agency.code)).map((agency) => agency.id),
    });
    conference = await api.call<ConferenceView>('POST', `/api/conferences/${scheduled.id}/agenda`, coordinator, { caseId: demoCase.id });
    // The suspect's force, once their case is listed: everyone of it but the suspect.
    await api.call('POST', `/api/conferences/${scheduled.id}/invitations`, coordinator, {
      agencyIds: agencies.filter((agency) => agency.code === 'NMP').map((agency) => agency.id),
    });

    browser = await chromium.launch({ executablePath: chromiumPath, headless: true });
    await open('chair', logins);
    await open('idva', logins, tablet);
    await open('colleague', logins);
    await open('psd', logins);
  });

  afterEach(() => {
    const found = pageErrors.splice(0);
    expect(found).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await database?.drop();
  });

  it('signs the chair, an IDVA and a colleague of the suspect in through the second factor, and into the room', async () => {
    await signIn(person('chair'), true);
    await audit('conference list', person('chair').page);
    await capture('conferences', person('chair').page);
    await signIn(person('idva'));
    await signIn(person('colleague'));
    for (const key of ['chair', 'idva', 'colleague']) await joinConference(person(key), key === 'chair');
    const me = await person('chair').page.evaluate(() => document.title);
    expect(me).toContain('Live room');
    // Presence by agency: the IDVA's service is listed once everyone is in.
    await person('chair').page.getByRole('heading', { name: 'Northmoor IDVA Service' }).waitFor();
  });

  it('steps the colleague out when the chair moves the agenda to the case', async () => {
    const chair = person('chair').page;
    await chair.getByRole('button', { name: 'Open the conference' }).click();
    await chair.getByRole('button', { name: `Discuss 1. ${reference}` }).click();
    await chair.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();
    // The panel sees which sides of the case work for a police force: here the suspect's alone.
    await chair.getByTestId('police-connected').filter({ hasText: 'Police-connected: the suspect works for a police force' }).waitFor();

    const colleague = person('colleague').page;
    const steppedOut = colleague.getByTestId('stepped-out');
    await steppedOut.waitFor();
    expect(await steppedOut.innerText()).toMatch(/^\s*Current item\s+Item 1: you are not part of this discussion\.?\s*$/);
    expect(await colleague.getByRole('tab').count()).toBe(0);
    expect(await colleague.content()).not.toContain(reference);
    await audit('stepped out', colleague);
    await capture('stepped-out', colleague);

    // The chair, and the chair alone, sees who is stepped out.
    const marked = chair.locator('.presence li').filter({ hasText: colleagueName });
    await marked.getByText('Stepped out', { exact: true }).waitFor();
    await capture('presence-stepped-out', chair);
    expect(await person('idva').page.locator('.presence').innerText()).not.toContain('Stepped out');
  });

  it('shows the IDVA the compartments she is not admitted to as unavailable, with nothing of them', async () => {
    const idva = person('idva').page;
    const chair = person('chair').page;
    // The demo case's investigation reference and standards note: the chair's page holds them, the IDVA's never does.
    const investigation = 'EV/26/11873';
    const standards = 'Referral assessment opened by Northmoor PSD.';
    await chair.waitForFunction((text) => document.body.textContent?.includes(text) === true, investigation);
    expect(await chair.content()).toContain(standards);
    for (const compartment of ['Investigation', 'Standards']) {
      await idva.getByRole('tab', { name: `${compartment} (unavailable)` }).click();
      const panel = idva.getByRole('tabpanel', { name: `${compartment} (unavailable)` });
      expect((await panel.innerText()).trim()).toBe(
        `Unavailable. You are not admitted to the ${compartment.toLowerCase()} compartment of this case.`,
      );
    }
    await idva.getByRole('tab', { name: 'Panel' }).click();
    await idva.getByRole('textbox', { name: 'Panel notes' }).waitFor();
    // The notes came with the room as the chair moved to the case: the page asked for none of them.
    expect(person('idva').frames.stepOnes()).toBe(0);
    // The panel's case record in words: allegation kinds and dates as people write them, never codes.
    const panelTab = idva.getByRole('tabpanel', { name: 'Panel' });
    await panelTab.getByText('Case record').click();
    const record = await panelTab.locator('dl.fields').innerText();
    expect(record).toContain('Coercive control');
    expect(record).toMatch(/Date: \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(record).not.toMatch(/[a-z]+_[a-z]+|\d{4}-\d{2}-\d{2}|[0-9a-f]{8}-[0-9a-f]{4}/);
    await capture('case-record-panel', idva);
    const page = await idva.content();
    expect(page).not.toContain(investigation);
    expect(page).not.toContain(standards);
    expect(person('idva').frames.text()).not.toContain(investigation);
  });

  it('shows the chair within a second what the IDVA types into the victim notes, and who is typing', async () => {
    const idva = person('idva').page;
    const chair = person('chair').page;
    await idva.getByRole('tab', { name: 'Victim' }).click();
    await chair.getByRole('tab', { name: 'Victim' }).click();
    const idvaEditor = idva.getByRole('textbox', { name: 'Victim notes' });
    const chairEditor = chair.getByRole('textbox', { name: 'Victim notes' });
    await chairEditor.waitFor();
    await idvaEditor.click();
    await idva.keyboard.type('Safe contact only through the IDVA service. ');
    // Pasted in one go, so that it travels as one update: frames are searched for it whole.
    await idva.keyboard.insertText(victimCanary);

    const typedAt = Date.now();
    await chair.waitForFunction(
      (canary) => document.querySelector('[aria-label="Victim notes"]')?.textContent?.includes(canary) === true,
      victimCanary,
      { timeout: 5_000, polling: 'raf' },
    );
    expect(Date.now() - typedAt).toBeLessThan(1_000);
    await chair.getByTestId('typing').filter({ hasText: 'Priya Shah is typing' }).first().waitFor({ timeout: 3_000 });
    // Her caret, named, in the chair's copy of the notes.
    const caret = chair.locator('#panel-victim .ProseMirror-yjs-cursor');
    await caret.waitFor({ timeout: 3_000 });
    expect(await caret.innerText()).toContain('Priya Shah');
    await idva.locator('#panel-victim').getByText('Saved', { exact: true }).waitFor();

    // The panel tab is open to the colleague's team no more than the victim's: both stay labelled, one unavailable.
    await audit('live room (chair)', chair);
    await audit('live room (IDVA, tablet)', idva);
    await capture('live-room', chair);
    await capture('live-room-tablet', idva);
    const overflows = await idva.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    expect(overflows).toBe(false);
  });

  it('moves a selection of the panel notes to the victim notes with "Restrict selection"', async () => {
    const chair = person('chair').page;
    const idva = person('idva').page;
    await chair.getByRole('tab', { name: 'Panel' }).click();
    const panel = chair.locator('#panel-panel');
    await chair.getByRole('textbox', { name: 'Panel notes' }).click();
    await chair.keyboard.press('End');
    await chair.keyboard.press('Enter');
    await chair.keyboard.insertText(movedCanary);
    await idva.waitForFunction(
      (text) => (document.querySelector('[aria-label="Panel notes"]')?.textContent ?? '').includes(text),
      movedCanary,
    );
    await chair.keyboard.press('Shift+Home');
    await panel.getByLabel('Compartment to move the selection to').selectOption('victim');
    await panel.getByRole('button', { name: 'Restrict selection' }).click();
    const outcome = panel.locator('[role="status"].success, [role="alert"], [role="status"].error');
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe('Moved to the victim notes.');

    for (const page of [chair, idva]) {
      await page.waitForFunction(
        (text) =>
          !(document.querySelector('[aria-label="Panel notes"]')?.textContent ?? '').includes(text) &&
          (document.querySelector('[aria-label="Victim notes"]')?.textContent ?? '').includes(text),
        movedCanary,
        { timeout: 5_000 },
      );
    }
  });

  it('never lets the canary reach the colleague: not the page, not a socket frame, not storage', async () => {
    const { page, context, frames } = person('colleague');
    // The control: the chair's page and frames do hold it, so the searches below can find it when it is there.
    expect(person('chair').frames.text()).toContain(victimCanary);
    expect(await person('chair').page.content()).toContain(victimCanary);
    expect(frames.count).toBeGreaterThan(0);

    expect(await page.content()).not.toContain(victimCanary);
    expect(canaries.foundIn(frames.text(), ['victim', 'panel'])).toEqual([]);
    expect(canaries.anyIn(frames.text())).toBe(false);
    // Typed text can travel a character at a time; the colleague received no notes traffic at all, and
    // nothing that even names the case.
    expect(frames.text()).not.toMatch(/"notes\.(sync|awareness|reset)"/);
    expect(frames.text()).not.toContain(caseId);
    expect(frames.text()).not.toContain(reference);
    for (const key of ['chair', 'idva', 'colleague']) {
      expect(canaries.anyIn(await storedState(person(key).context, person(key).page))).toBe(false);
    }
    expect(canaries.anyIn(await storedState(context, page))).toBe(false);
  });

  it('shows a decision the chair records, with agency positions, to professional standards', async () => {
    const chair = person('chair').page;
    const form = chair.getByTestId('decision-form');
    // Nothing is chosen for the chair.
    expect(await form.getByLabel('Decision', { exact: true }).inputValue()).toBe('');
    await form.getByLabel('Decision', { exact: true }).selectOption('remove_from_public_protection');
    await form.getByLabel('Options considered (optional)').fill('Restricting system access alone; no change.');
    await form.getByLabel('Rationale').fill(`Access to police systems and knowledge of safeguarding procedures. ${panelCanary}`);
    await form.getByLabel('Position of Northmoor IDVA Service', { exact: true }).selectOption('agree');
    await form.getByLabel("Position of Northmoor Children's Social Care", { exact: true }).selectOption('agree');
    await form.getByLabel('Position of Independent Office for Police Conduct', { exact: true }).selectOption('agree');
    await audit('decision form', chair);
    await form.screenshot({ path: screensDir ? join(screensDir, 'decision-form.png') : join(database.dataDir, 'decision-form.png') });
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await chair.getByTestId('decisions').getByText('Remove from public protection').waitFor();
    expect(await chair.getByTestId('decisions').innerText()).toContain('Options considered: Restricting system access alone; no change.');
    // The IDVA, admitted to the panel, sees it arrive live.
    await person('idva').page.getByTestId('decisions').getByText('Remove from public protection').waitFor();

    const psd = person('psd');
    await signIn(psd);
    await psd.page.getByRole('link', { name: 'Restrictions' }).click();
    const queue = psd.page.getByTestId('restriction-queue');
    await queue.getByRole('heading', { name: `${reference}: Remove from public protection` }).waitFor();
    expect(await queue.innerText()).toContain('Requested');
    await audit('PSD queue', psd.page);
    // What the conference asked, as PSD receive it: its reasons, the options and each agency's position.
    await queue.getByText('What the conference asked').first().click();
    const asked = queue.getByTestId('restriction-request').first();
    await asked.getByText('Rationale').waitFor();
    expect(await asked.innerText()).toContain('Access to police systems and knowledge of safeguarding procedures.');
    expect(await asked.innerText()).toContain('Restricting system access alone; no change.');
    expect(await asked.innerText()).toContain('Northmoor IDVA Service: Agree');
    await audit('PSD queue, what the conference asked', psd.page);
    await capture('psd-restriction-request', psd.page);

    // PSD applies it; the register shows its review date, and the chair's room learns the status alone.
    const conditions = 'Moved to a role outside public protection; no access to safeguarding systems.';
    await queue.getByRole('listitem').filter({ hasText: 'Remove from public protection' }).getByRole('button', { name: 'Apply' }).click();
    const applying = psd.page.getByRole('form', { name: `Apply: ${reference}` });
    // One "Apply" while the form is open: the form's own.
    const listed = queue.getByRole('listitem').filter({ hasText: 'Remove from public protection' });
    expect(await listed.getByRole('button', { name: 'Apply', exact: true }).count()).toBe(1);
    await capture('psd-apply-form', psd.page);
    await applying.getByLabel('Conditions').fill(conditions);
    for (const [legend, [day, month, year]] of [
      ['In effect from', ['21', '11', '2026']],
      ['Told on', ['21', '11', '2026']],
    ] as const) {
      const date = applying.getByRole('group', { name: legend });
      await date.getByLabel('Day').fill(day);
      await date.getByLabel('Month').fill(month);
      await date.getByLabel('Year').fill(year);
    }
    await applying.getByLabel('Decision-maker (appropriate authority)').fill('Superintendent, professional standards');
    await applying.getByLabel('In writing', { exact: true }).check();
    await applying.getByLabel('Rationale').fill('Knowledge of safeguarding procedures.');
    await applying.getByLabel('Alternatives considered').fill('Suspension: not proportionate.');
    await applying.getByRole('button', { name: 'Apply' }).click();
    const register = psd.page.getByTestId('restriction-register');
    // The register names what PSD applied, in words.
    await register.getByText('Removal from a public protection, domestic abuse or safeguarding role').waitFor();
    expect(await register.innerText()).toMatch(/Applied\s+Direction and control/);
    await chair
      .getByTestId('decisions')
      .getByText(/PSD: Applied, review due/)
      .waitFor();
    expect(await chair.content()).not.toContain(conditions);
    await audit('PSD queue and register', psd.page);
    await capture('psd-queue', psd.page);

    await psd.page
      .getByRole('link', { name: `Who has seen ${reference}` })
      .first()
      .click();
    await psd.page.getByTestId('access-log').waitFor();
    expect(await psd.page.getByTestId('access-log').innerText()).toContain('Priya Shah');
    await audit('who has seen this case', psd.page);
    await capture('who-has-seen', psd.page);

    // Nothing of the decision reached the colleague either.
    expect(canaries.anyIn(person('colleague').frames.text())).toBe(false);
    expect(await person('colleague').page.content()).not.toContain(panelCanary);
  });

  it('offers a fresh form after a decision, and shows the systems a restriction names', async () => {
    const chair = person('chair').page;
    const form = chair.getByTestId('decision-form');
    expect(await form.getByLabel('Decision', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('Rationale').inputValue()).toBe('');
    expect(await form.getByLabel('Options considered (optional)').inputValue()).toBe('');
    await form.getByLabel('Decision', { exact: true }).selectOption('restrict_system_access');
    await form.getByLabel('Rationale').fill('Could look up the victim on force systems.');
    await form.getByLabel('Systems or records').fill('Niche RMS, command and control');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    const recorded = chair.getByTestId('decisions').getByRole('listitem').filter({ hasText: 'Restrict system access' });
    await recorded.waitFor();
    expect(await recorded.innerText()).toContain('Systems or records: Niche RMS, command and control');
    await capture('decisions-recorded', chair);
  });

  it('keeps the action plan: the chair adds an action and the owning agency reports on it', async () => {
    const chair = person('chair').page;
    const idva = person('idva').page;
    const text = 'Review the safety plan with the victim';
    const dueOn = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const adding = chair.getByRole('form', { name: 'Add an action' });
    await adding.getByLabel('Action').fill(text);
    // Agency first, then one of its people the conference invited; the IOPC, invited, is there too.
    expect(await adding.getByLabel('Owner agency').innerText()).toContain('Independent Office for Police Conduct');
    await adding.getByLabel('Owner agency').selectOption({ label: 'Northmoor IDVA Service' });
    await adding.getByLabel('Owner', { exact: true }).selectOption({ label: 'Priya Shah' });
    // The due date as day, month and year, the way the UK writes one.
    const [year, month, day] = dueOn.split('-');
    const due = adding.getByRole('group', { name: 'Due on' });
    await due.getByLabel('Day').fill(day);
    await due.getByLabel('Month').fill(month);
    await due.getByLabel('Year').fill(year);
    await adding.getByLabel('Recorded in').selectOption({ label: 'Victim' });
    await adding.getByRole('button', { name: 'Add the action' }).click();

    await idva.getByRole('cell', { name: text, exact: true }).waitFor();
    // Recorded in the victim compartment, as the chair chose (who may read it there: decisions.e2e-spec.ts).
    expect(await idva.getByRole('row', { name: new RegExp(text) }).innerText()).toContain('Victim');
    await idva.getByRole('button', { name: `Report on: ${text}` }).click();
    const report = idva.getByRole('form', { name: `Report on: ${text}` });
    await report.getByLabel('Status').selectOption('done');
    await report.getByLabel('Note').fill('Reviewed at the refuge.');
    await report.getByRole('button', { name: 'Report' }).click();
    await chair.getByRole('row', { name: new RegExp(`${text}.*Done`) }).waitFor();
    const row = chair.getByRole('row', { name: new RegExp(text) });
    expect(await row.innerText()).toContain('Northmoor IDVA Service (Priya Shah)');
    // The report's note is shown with its status.
    expect(await row.innerText()).toContain('Reviewed at the refuge.');
    await capture('action-plan', chair);
  });

  it('lets a member leave the room and come back, with no error in the page', async () => {
    const idva = person('idva').page;
    const askedBefore = person('idva').frames.stepOnes();
    await idva.getByRole('button', { name: 'Leave' }).click();
    await idva.getByRole('heading', { name: 'Confidentiality' }).waitFor();
    // From the lobby too, a link to a suspect can be declared (before joining, say).
    await idva.getByRole('heading', { name: 'Declare a conflict' }).waitFor();
    await audit('lobby, joined before', idva);
    await capture('lobby-declare-conflict', idva);
    await idva.getByRole('button', { name: 'Join the conference' }).click();
    await idva.getByText('Connected', { exact: true }).waitFor();
    await idva.getByRole('textbox', { name: 'Panel notes' }).waitFor();
    // Her notes came with the room again: her page did not have to ask for them.
    expect(person('idva').frames.stepOnes()).toBe(askedBefore);
    await idva.getByRole('tab', { name: 'Victim' }).click();
    await idva.getByRole('textbox', { name: 'Victim notes' }).getByText(victimCanary).waitFor();
  });

  it('steps out at once a member who declares a conflict, once she confirms; the chair removes a participant', async () => {
    const idva = person('idva').page;
    const chair = person('chair').page;
    await idva.getByLabel('Link to the suspect').selectOption('friend');
    await idva.getByLabel('Reason').fill('We trained together.');
    await idva.getByRole('button', { name: 'Declare a conflict' }).click();
    const confirming = idva.getByRole('group', { name: 'Declare a conflict with this case?' });
    expect(await confirming.innerText()).toContain('stepped out of this case at once');
    await capture('declare-conflict', idva);
    await confirming.getByRole('button', { name: 'Confirm and step out' }).click();
    await idva.getByTestId('stepped-out').waitFor();
    expect(await idva.getByRole('textbox', { name: 'Panel notes' }).count()).toBe(0);
    await chair.locator('.presence li').filter({ hasText: 'Priya Shah' }).getByText('Stepped out', { exact: true }).waitFor();

    // The chair removes the colleague, after confirming.
    const participants = chair.getByRole('region', { name: 'Participants' });
    await participants.getByLabel('Person').selectOption({ label: colleagueName });
    await participants.getByRole('button', { name: 'Remove from the conference' }).click();
    await capture('remove-participant', chair);
    await participants.getByRole('button', { name: 'Confirm the removal' }).click();
    await person('colleague').page.getByText('You were removed from this conference.').waitFor();
    await participants.getByText(`${colleagueName} was removed.`).waitFor();
  });

  it('closes the conference only once the chair confirms, and the room then says it is closed', async () => {
    const chair = person('chair').page;
    await chair.getByRole('button', { name: 'Close the conference' }).click();
    const confirming = chair.getByRole('group', { name: 'Close the conference?' });
    expect(await confirming.innerText()).toContain('cannot be opened again');
    await audit('closing the conference', chair);
    await capture('close-confirm', chair);
    // Cancelled, nothing happens; confirmed, it closes.
    await confirming.getByRole('button', { name: 'Cancel' }).click();
    expect(await chair.getByRole('textbox', { name: 'Panel notes' }).count()).toBe(1);
    await chair.getByRole('button', { name: 'Close the conference' }).click();
    await chair.getByRole('button', { name: 'Confirm closing' }).click();
    for (const key of ['chair', 'idva']) {
      const { page } = person(key);
      await page.getByRole('heading', { name: 'Conference closed' }).waitFor();
      expect(await page.getByText('The conference is closed.').count()).toBeGreaterThan(0);
      expect(await page.content()).not.toContain('has not opened yet');
    }
    await capture('conference-closed', chair);
  });

  it('reports no serious or critical accessibility violation on any screen', () => {
    expect([...findings.keys()]).toEqual(
      expect.arrayContaining([
        'sign-in',
        'second factor',
        'conference list',
        'lobby',
        'stepped out',
        'live room (chair)',
        'decision form',
        'PSD queue and register',
      ]),
    );
    expect(Object.fromEntries([...findings.entries()].filter(([, found]) => found.length > 0))).toEqual({});
  });

  it('fetches the live room’s code only when a conference is opened, and says so if it cannot be fetched', async () => {
    // PSD has worked from the restrictions queue only: their page has never fetched the live room.
    const { page } = person('psd');
    const refused: string[] = [];
    await page.route('**/assets/conference-*.js', (route) => {
      refused.push(new URL(route.request().url()).pathname);
      return route.abort();
    });
    await page.getByRole('link', { name: 'Conferences' }).click();
    await page.getByRole('link', { name: conference.title }).click();
    await page.getByRole('heading', { name: 'This screen could not be shown' }).waitFor();
    expect(refused).toHaveLength(1);
    expect(await page.getByRole('alert').innerText()).toContain('Reload the page');
    // The rest of the page still works: another screen opens.
    await page.getByRole('link', { name: 'Restrictions' }).click();
    await page.getByTestId('restriction-queue').waitFor();
    await page.unroute('**/assets/conference-*.js');
    // The refused script is logged, as it should be: expected here, and only for this page.
    const others = pageErrors.filter((error) => !error.startsWith('psd: '));
    pageErrors.splice(0, pageErrors.length, ...others);
  });

  it('sent the browsers the client’s scripts and stylesheet compressed with Brotli', () => {
    expect(assetEncodings.length).toBeGreaterThan(0);
    expect(new Set(assetEncodings)).toEqual(new Set(['br']));
  });

  it('runs every screen under its content security policy without a single refusal', () => {
    // The policy admits no inline style or script (web-client.e2e-spec.ts): the client needs neither.
    expect(Object.fromEntries([...people.values()].map(({ key, refusals }) => [key, refusals.all]))).toEqual({
      chair: [],
      idva: [],
      colleague: [],
      psd: [],
    });
  });
});
