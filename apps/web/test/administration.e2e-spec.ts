import type { Page } from 'playwright-core';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

interface PersonRecord {
  readonly id: string;
  readonly email: string;
  readonly lineManagerId: string | null;
  readonly isActive: boolean;
  readonly postings: readonly { roleTitle: string; startsOn: string; endsOn: string | null }[];
}

/** Types a date into a day/month/year field of a form. */
async function typeDate(page: Page, form: string, legend: string, [day, month, year]: [string, string, string]): Promise<void> {
  const group = page.getByRole('form', { name: form }).getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

describeBuilt('administration', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('lets the administrator build an agency, a unit and a person, and manage their line manager, postings, sessions and second factor', async () => {
    const admin = await world.open('admin');
    await world.signIn(admin);
    const page = admin.page;
    // Administrators take part in no case: Caseroom opens on Administration, and there is no Conferences entry.
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
    const menu = page.getByRole('navigation', { name: 'Main' });
    expect(await menu.getByRole('link', { name: 'Conferences' }).count()).toBe(0);
    expect(await menu.getByRole('link', { name: 'Administration' }).getAttribute('aria-current')).toBe('page');
    expect(
      await page
        .getByTestId('agencies')
        .getByRole('row', { name: /Northmoor Police/ })
        .textContent(),
    ).toContain('Police force');

    // The browser refuses what the contract refuses, on the fields it names.
    const newAgency = page.getByRole('form', { name: 'Add an agency' });
    await newAgency.getByRole('button', { name: 'Add the agency' }).click();
    const summary = newAgency.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    expect(await summary.textContent()).toContain('Name: must not be empty');
    expect(await summary.textContent()).toContain('Kind: is required');
    await world.audit('admin-agencies-invalid', page);

    // The server's refusal (a code already in use) lands on the code field.
    await newAgency.getByLabel('Name').fill('Westmarch Police');
    await newAgency.getByLabel('Kind').selectOption({ label: 'Police force' });
    await newAgency.getByLabel('Code').fill('nmp');
    await newAgency.getByRole('button', { name: 'Add the agency' }).click();
    await newAgency.locator('#field-new-agency-code-error').getByText('already in use').waitFor();
    await world.capture('admin-agencies', page);

    await newAgency.getByLabel('Code').fill('wmp');
    await newAgency.getByRole('button', { name: 'Add the agency' }).click();
    await page.getByRole('heading', { level: 1, name: 'Westmarch Police' }).waitFor();
    expect(await page.getByLabel('Code').inputValue()).toBe('WMP');

    // A command at the top of the force, then a team added beside it and moved under it, renamed.
    const newUnit = page.getByRole('form', { name: 'Add a unit or team' });
    await newUnit.getByLabel('Name').fill('Operations Command');
    await newUnit.getByLabel('Kind').selectOption({ label: 'Command' });
    await newUnit.getByRole('button', { name: 'Add the unit' }).click();
    await newUnit.getByText('Operations Command is added.').waitFor();
    await newUnit.getByLabel('Name').fill('Firearms Team');
    await newUnit.getByLabel('Kind').selectOption({ label: 'Team' });
    await newUnit.getByLabel('Part of').selectOption({ label: 'Top of the force (directly under the force)' });
    await newUnit.getByRole('button', { name: 'Add the unit' }).click();
    await newUnit.getByText('Firearms Team is added.').waitFor();

    await page.getByRole('button', { name: 'Rename or move Firearms Team' }).click();
    const change = page.getByRole('form', { name: 'Rename or move Firearms Team' });
    // A unit is never offered as its own parent.
    expect(await change.getByLabel('Part of').locator('option', { hasText: 'Firearms Team' }).count()).toBe(0);
    await change.getByLabel('Name').fill('Armed Response Team');
    await change.getByLabel('Part of').selectOption({ label: 'Operations Command (Command)' });
    await world.capture('admin-agency-unit-change', page);
    await change.getByRole('button', { name: 'Save Firearms Team' }).click();
    const tree = page.getByRole('list', { name: 'Units and teams' });
    await tree.getByRole('listitem').filter({ hasText: 'Operations Command' }).getByText('Armed Response Team').waitFor();
    await world.audit('admin-agency', page);
    await world.capture('admin-agency', page);

    // People: searchable, then a new officer of Northmoor Police.
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByLabel('Search').fill('hart');
    await page.getByText('1 of 16 people.').waitFor();
    expect(await page.getByTestId('people').getByRole('row').nth(1).textContent()).toContain('PC Daniel Hart');
    await world.audit('admin-people', page);
    await world.capture('admin-people', page);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Agency', { exact: true }).selectOption({ label: 'Northmoor Police' });
    await page.getByText('7 of 16 people.').waitFor();

    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add a person' }).waitFor();
    const newPerson = page.getByRole('form', { name: 'New person' });
    expect(await newPerson.getByLabel('Agency', { exact: true }).inputValue()).not.toBe('');
    await newPerson.getByLabel('Full name').fill('PC Jamie Fox');
    await newPerson.getByLabel('E-mail address').fill('Jamie.Fox@northmoor.example');
    await newPerson.getByRole('checkbox', { name: /Panel member/ }).check();
    await newPerson.getByLabel('Unit or team').selectOption({ label: 'Local Policing Command › Response Team B, Northmoor Central' });
    await newPerson.getByRole('button', { name: 'Create the account' }).click();
    // Police officers need a staff number and rank: the server says so on those fields.
    await newPerson.locator('#field-new-person-staffNumber-error').getByText('required for police officers and staff').waitFor();
    await world.audit('admin-person-new', page);
    await world.capture('admin-person-new', page);
    await newPerson.getByLabel('Staff or collar number').fill('NM6001');
    await newPerson.getByLabel('Rank or grade').fill('Police Constable');
    await newPerson.getByRole('button', { name: 'Create the account' }).click();

    await page.getByRole('heading', { name: 'The account of PC Jamie Fox is created' }).waitFor();
    const password = (await page.getByTestId('one-time-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await page.getByText('It is not shown again.').count()).toBe(1);
    await world.audit('admin-person-created', page);
    await world.capture('admin-person-created', page);

    // The one-time password works: the new officer signs in (a session the administrator will end).
    const login = { email: 'jamie.fox@northmoor.example', password };
    const officerToken = await world.api.token(login);

    await page.getByRole('link', { name: 'Open the record of PC Jamie Fox' }).click();
    await page.getByRole('heading', { level: 1, name: 'PC Jamie Fox' }).waitFor();
    // The password is not on the record, nor anywhere once the administrator has moved on.
    expect(await page.content()).not.toContain(password);

    const details = page.getByRole('form', { name: 'Details' });
    const managers = await details.getByLabel('Line manager').locator('option').allTextContents();
    expect(managers).toContain('Sgt Rachel Moss, Sergeant');
    expect(managers.some((name) => name.includes('Hannah Reid'))).toBe(false);
    await details.getByLabel('Line manager').selectOption({ label: 'Sgt Rachel Moss, Sergeant' });
    await details.getByRole('button', { name: 'Save the record' }).click();
    await details.getByText('The record of PC Jamie Fox is saved.').waitFor();

    // A posting in the new force, ended at the transfer; a current one; one added by mistake and removed.
    const postingForm = 'Add a posting';
    const addPosting = page.getByRole('form', { name: postingForm });
    await addPosting.getByLabel('Force').selectOption({ label: 'Westmarch Police' });
    await addPosting.getByLabel('Unit or team').selectOption({ label: 'Operations Command › Armed Response Team' });
    await addPosting.getByLabel('Role').fill('Authorised firearms officer');
    await typeDate(page, postingForm, 'From', ['1', '9', '2019']);
    await addPosting.getByRole('button', { name: 'Add the posting' }).click();
    await addPosting.getByText('The posting as Authorised firearms officer is added.').waitFor();

    const postings = page.getByRole('list', { name: 'Postings of PC Jamie Fox' });
    const firearms = postings.getByRole('listitem').filter({ hasText: 'Authorised firearms officer' });
    await firearms.getByText('Westmarch Police').waitFor();
    await firearms.getByRole('button', { name: 'End this posting' }).click();
    const endForm = 'End the posting as Authorised firearms officer';
    await typeDate(page, endForm, 'Last day of the posting', ['31', '1', '2024']);
    await page.getByRole('form', { name: endForm }).getByRole('button', { name: 'End the posting' }).click();
    await firearms.getByText(/^1 Sept? 2019 to 31 Jan 2024$/).waitFor();

    await addPosting.getByLabel('Force').selectOption({ label: 'Northmoor Police' });
    await addPosting.getByLabel('Unit or team').selectOption({ label: 'Local Policing Command › Response Team B, Northmoor Central' });
    await addPosting.getByLabel('Role').fill('Response officer');
    await typeDate(page, postingForm, 'From', ['1', '2', '2024']);
    await addPosting.getByRole('button', { name: 'Add the posting' }).click();
    await postings.getByRole('listitem').filter({ hasText: 'Response officer' }).getByText('now (current posting)').waitFor();

    await addPosting.getByLabel('Unit or team').selectOption({ label: 'Public Protection Unit' });
    await addPosting.getByLabel('Role').fill('Recorded by mistake');
    await typeDate(page, postingForm, 'From', ['1', '3', '2024']);
    await addPosting.getByRole('button', { name: 'Add the posting' }).click();
    const mistaken = postings.getByRole('listitem').filter({ hasText: 'Recorded by mistake' });
    await mistaken.getByRole('button', { name: 'Remove this posting' }).click();
    await mistaken.getByText('The posting is deleted as if it had never been').waitFor();
    await mistaken.getByRole('button', { name: 'Confirm: remove the posting' }).click();
    await mistaken.waitFor({ state: 'detached' });

    // Sessions: said what it does, confirmed, then ended.
    await page.getByRole('button', { name: 'End all sessions' }).click();
    await page.getByText('is signed out of Caseroom everywhere now').waitFor();
    await world.audit('admin-person-confirm', page);
    await world.capture('admin-person-confirm', page);
    await page.getByRole('button', { name: 'Confirm: end all sessions' }).click();
    await page.getByText('1 session ended.').waitFor();
    await expect(world.api.call('GET', '/api/me', officerToken)).rejects.toThrow(/answered 401/);

    await page.getByRole('button', { name: 'Reset the second factor' }).click();
    await page.getByRole('button', { name: 'Confirm: reset the second factor' }).click();
    await page.getByText('The second factor is reset and every session ended.').waitFor();

    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.getByRole('button', { name: 'Confirm: disable the account' }).click();
    await page.getByText('Disabled: cannot sign in').waitFor();
    await expect(world.api.token(login)).rejects.toThrow(/answered 401/);
    await world.audit('admin-person', page);
    await world.capture('admin-person', page);

    // What the screens showed is what the server now holds.
    const adminToken = await world.token('admin');
    const people = await world.api.call<PersonRecord[]>('GET', '/api/users', adminToken);
    const sergeant = people.find((person) => person.email === 'sergeant@demo.caseroom.test')!;
    const officer = people.find((person) => person.email === login.email)!;
    expect(officer).toMatchObject({ lineManagerId: sergeant.id, isActive: false });
    expect(officer.postings.map(({ roleTitle, startsOn, endsOn }) => ({ roleTitle, startsOn, endsOn }))).toEqual([
      { roleTitle: 'Authorised firearms officer', startsOn: '2019-09-01', endsOn: '2024-01-31' },
      { roleTitle: 'Response officer', startsOn: '2024-02-01', endsOn: null },
    ]);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });

  it('shows no Administration to anyone else, and says plainly that the screens are refused', async () => {
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);

    for (const address of ['/administration/people', '/administration/agencies']) {
      // Within the page (a reload would ask to sign in again: the session lives in the page's memory).
      await page.evaluate((path) => {
        window.history.pushState(null, '', path);
        window.dispatchEvent(new PopStateEvent('popstate'));
      }, address);
      const refusal = page.getByRole('alert').filter({ hasText: 'Administration is for administrators' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('You do not have permission to do this.');
      expect(await page.getByRole('table').count()).toBe(0);
    }
    await world.audit('admin-refused', page);
    await world.capture('admin-refused', page);

    const token = await world.token('coordinator');
    await expect(world.api.call('GET', '/api/users', token)).rejects.toThrow(/answered 403/);
    await expect(world.api.call('POST', '/api/agencies', token, { name: 'X', kind: 'other', code: 'XX' })).rejects.toThrow(/answered 403/);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
