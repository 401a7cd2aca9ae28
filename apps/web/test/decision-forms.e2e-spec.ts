import type { ConferenceView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * The live room's decision and action forms are checked in the browser by the schemas the server checks
 * their bodies with (libs/contracts): the same refusals, the same fields, and nothing sent until they pass.
 */
describeBuilt("the chair's decision and action forms, checked by the server's schemas in the browser", () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let chair: BrowserPerson;
  let reference: string;
  /** Every decision and action the chair's page sent to the server. */
  const sent: string[] = [];

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const conferences = await world.api.call<ConferenceView[]>('GET', '/api/conferences', await world.token('coordinator'));
    const conference = conferences.find((candidate) => candidate.title === 'Northmoor MARAC')!;
    reference = conference.agenda[0].reference!;

    chair = await world.open('chair');
    chair.page.on('request', (request) => {
      if (request.method() === 'POST' && /\/(decisions|actions)$/.test(new URL(request.url()).pathname)) sent.push(request.url());
    });
    await world.signIn(chair);
    await chair.page.getByRole('link', { name: conference.title, exact: true }).click();
    await chair.page.getByLabel('I have read the confidentiality statement and agree to it').check();
    await chair.page.getByRole('button', { name: 'Acknowledge and join' }).click();
    await chair.page.getByText('Connected', { exact: true }).waitFor();
    await chair.page.getByRole('button', { name: 'Open the conference' }).click();
    await chair.page.getByRole('button', { name: `Discuss 1. ${reference}` }).click();
    await chair.page.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('refuses an incomplete decision, naming each field as the server would, and records it once complete', async () => {
    const form = chair.page.getByTestId('decision-form');
    const summary = form.getByRole('alert');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await summary.getByText('Decision: is required').waitFor();
    expect(await summary.innerText()).toContain('Rationale: must not be empty');

    // A restriction of system access names the systems; a note on a position is at most 1,000 characters,
    // and its problem is shown on that agency's row.
    await form.getByLabel('Decision', { exact: true }).selectOption('restrict_system_access');
    await form.getByLabel('Rationale').fill('Could look up the victim on force systems.');
    await form.getByLabel('Position of Northmoor IDVA Service', { exact: true }).selectOption('agree');
    await form.getByLabel('Note on the position of Northmoor IDVA Service').fill('x'.repeat(1001));
    await form.getByRole('button', { name: 'Record the decision' }).click();
    await summary.getByText('Systems or records: must not be empty').waitFor();
    expect(await summary.innerText()).toContain('Note on the position of Northmoor IDVA Service: must be at most 1000 characters');
    expect(await form.getByRole('row', { name: /Northmoor IDVA Service/ }).innerText()).toContain('must be at most 1000 characters');
    await world.audit('decision form, refused', chair.page);
    await world.capture('decision-form-errors', chair.page);
    expect(sent).toEqual([]);

    await form.getByLabel('Systems or records').fill('Niche RMS');
    await form.getByLabel('Note on the position of Northmoor IDVA Service').fill('Agreed at the meeting.');
    await form.getByRole('button', { name: 'Record the decision' }).click();
    const recorded = chair.page.getByTestId('decisions').getByRole('listitem').filter({ hasText: 'Restrict system access' });
    await recorded.waitFor();
    expect(await recorded.innerText()).toContain('Systems or records: Niche RMS');
    expect(await recorded.innerText()).toContain('Northmoor IDVA Service: Agree (Agreed at the meeting.)');
    expect(sent).toHaveLength(1);
    // A fresh form, with no problem left over.
    await form.getByText('Decision recorded: Restrict system access.').waitFor();
    expect(await form.getByLabel('Decision', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('Position of Northmoor IDVA Service', { exact: true }).inputValue()).toBe('');
    expect(await form.getByLabel('Note on the position of Northmoor IDVA Service').inputValue()).toBe('');
    expect(await form.getByLabel('Systems or records').count()).toBe(0);
    expect(await form.getByRole('alert').count()).toBe(0);
  });

  it('refuses an action with no owner or due date, and adds it once complete, in the compartment chosen', async () => {
    const form = chair.page.getByRole('form', { name: 'Add an action' });
    const summary = form.getByRole('alert');
    await form.getByRole('button', { name: 'Add the action' }).click();
    await summary.getByText('Action: must not be empty').waitFor();
    expect(await summary.innerText()).toContain('Owner agency: is required');
    expect(await summary.innerText()).toContain('Due on: is required');
    await world.audit('action form, refused', chair.page);
    expect(sent).toHaveLength(1);

    const text = 'Share the safety plan with children’s social care';
    const due = new Date(Date.now() + 14 * 86_400_000);
    await form.getByLabel('Action').fill(text);
    await form.getByLabel('Owner agency').selectOption({ label: 'Northmoor IDVA Service' });
    const dueOn = form.getByRole('group', { name: 'Due on' });
    await dueOn.getByLabel('Day').fill(String(due.getDate()));
    await dueOn.getByLabel('Month').fill(String(due.getMonth() + 1));
    await dueOn.getByLabel('Year').fill(String(due.getFullYear()));
    await form.getByLabel('Recorded in').selectOption({ label: 'Victim' });
    await form.getByRole('button', { name: 'Add the action' }).click();
    await form.getByText('Action added.').waitFor();
    const row = chair.page.getByRole('row', { name: new RegExp(text) });
    expect(await row.innerText()).toContain('Victim');
    expect(await row.innerText()).toContain(due.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }));
    expect(sent).toHaveLength(2);
    // Ready for the next action: the text, owner and date cleared, the compartment kept.
    expect(await form.getByLabel('Action').inputValue()).toBe('');
    expect(await form.getByLabel('Recorded in').inputValue()).toBe('victim');
    await world.capture('action-form', chair.page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
