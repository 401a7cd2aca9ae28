import type { Locator, Page } from 'playwright-core';
import { dashQuestions, type AgencyView, type SubmittedReferralView, type UserView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;
const dashQuestionIds = dashQuestions.map((question) => question.id);

/** Presses Tab until the element has the focus: how someone without a mouse gets there. */
async function tabTo(page: Page, target: Locator, limit = 300): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab did not reach ${target.toString()} in ${limit} presses`);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

describeBuilt('a referral and its triage', () => {
  jest.setTimeout(240_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('is written with the keyboard alone by the IDVA, kept as a draft, resumed, submitted, and triaged by the coordinator', async () => {
    const idva: BrowserPerson = await world.open('idva');
    await world.signIn(idva);
    const page = idva.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Refer a case' }).click();
    await page.getByRole('heading', { name: 'Refer a case' }).waitFor();
    const form = page.getByTestId('referral-form');

    // Submitting an empty referral lists every problem at the top, each linked to its field.
    await tabTo(page, form.getByRole('button', { name: 'Submit the referral' }));
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    expect(await summary.getByRole('link', { name: /DASH question 1:/ }).count()).toBe(1);
    await world.audit('referral-errors', page);
    await world.capture('referral-errors', page);

    await tabTo(page, form.getByLabel('Northmoor Probation Delivery Unit'));
    await page.keyboard.press('Space');
    await typeInto(page, form.getByLabel('Pseudonym for the panel'), 'Client K');
    await typeInto(page, form.getByLabel('Full name'), 'Kerry Ashdown');
    const birth = form.getByRole('group', { name: 'Date of birth (optional)' }).first();
    await typeInto(page, birth.getByLabel('Day'), '3');
    await typeInto(page, birth.getByLabel('Month'), '7');
    await typeInto(page, birth.getByLabel('Year'), '1992');
    await tabTo(page, form.getByLabel('There is a safe way to contact the victim'));
    await page.keyboard.press('Space');
    await typeInto(page, form.getByLabel('How', { exact: true }), 'Mobile, via the IDVA');
    await typeInto(page, form.getByLabel('Details', { exact: true }), 'Only through the IDVA service');
    await tabTo(page, form.getByRole('button', { name: 'Add a child' }));
    await page.keyboard.press('Enter');
    await typeInto(page, form.getByLabel('Name', { exact: true }), 'Child K1');
    await typeInto(page, form.getByLabel('School (optional)'), 'Northmoor Primary');

    // The victim works for the suspect's force, with no account: her unit and line manager are given.
    await tabTo(page, form.getByLabel('If the victim works for a police force, which'));
    await page.keyboard.type('Northmoor');
    await tabTo(page, form.getByLabel('The victim has no Caseroom account: I will give their unit and line manager'));
    await page.keyboard.press('Space');
    const unit = form.getByLabel('Their unit or team (optional)');
    await tabTo(page, unit);
    await page.keyboard.type('Safeguarding');
    await typeInto(page, form.getByLabel("Find their line manager in the force's records (optional)"), 'Bennett');
    await page.keyboard.press('Enter');
    const chooseManager = form.getByRole('button', { name: 'Choose DS Laura Bennett as their line manager' });
    await chooseManager.waitFor();
    await tabTo(page, chooseManager);
    await page.keyboard.press('Enter');
    await form.getByTestId('victim-line-manager').filter({ hasText: 'DS Laura Bennett' }).waitFor();
    await world.audit('referral-victim-workplace', page);
    await world.capture('referral-victim-workplace', page);

    await tabTo(page, form.getByLabel('The victim was told of this referral'));
    await page.keyboard.press('Space');
    await tabTo(page, form.getByLabel('Did the victim consent to the referral?'));
    await page.keyboard.type('consent');

    await tabTo(page, form.getByLabel('Their police force'));
    await page.keyboard.type('Northmoor');
    await typeInto(page, form.getByLabel("Find them in the force's records"), 'Hart');
    await page.keyboard.press('Enter');
    const choose = form.getByRole('button', { name: 'Choose PC Daniel Hart' });
    await choose.waitFor();
    await tabTo(page, choose);
    await page.keyboard.press('Enter');
    const picked = form.getByTestId('picked-suspect');
    await picked.waitFor();
    expect(await picked.textContent()).toContain('Response Team B, Northmoor Central');
    expect(await picked.textContent()).toContain('Sgt Rachel Moss');

    // Half the checklist, then a draft is saved on the server.
    for (const [index] of dashQuestionIds.entries()) {
      if (index >= 10) break;
      await tabTo(page, form.getByRole('combobox', { name: new RegExp(`^${index + 1}\\. `) }));
      await page.keyboard.type('y');
    }
    await tabTo(page, form.getByRole('button', { name: 'Save draft' }));
    await page.keyboard.press('Enter');
    await form.getByTestId('draft-status').filter({ hasText: 'Draft saved' }).waitFor();
    await world.audit('referral-draft-saved', page);

    // Resumed from the list of drafts, it holds what was written.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My drafts' }).click();
    await page.getByRole('heading', { name: 'My drafts' }).waitFor();
    await world.audit('referral-drafts', page);
    await world.capture('referral-drafts', page);
    await tabTo(page, page.getByRole('link', { name: 'Resume Client K' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Continue a referral' }).waitFor();
    const resumed = page.getByTestId('referral-form');
    expect(await resumed.getByLabel('Pseudonym for the panel').inputValue()).toBe('Client K');
    expect(await resumed.getByRole('combobox', { name: /^10\. / }).inputValue()).toBe('yes');
    await resumed.getByTestId('picked-suspect').waitFor();
    await resumed.getByTestId('victim-line-manager').filter({ hasText: 'DS Laura Bennett' }).waitFor();
    expect(await resumed.getByLabel('Their unit or team (optional)').locator('option:checked').textContent()).toBe('Safeguarding Hub');

    for (const [index] of dashQuestionIds.entries()) {
      if (index < 10) continue;
      await tabTo(page, resumed.getByRole('combobox', { name: new RegExp(`^${index + 1}\\. `) }));
      await page.keyboard.type(index < 15 ? 'y' : 'n');
    }
    const score = resumed.getByTestId('dash-score');
    expect(await score.textContent()).toContain('15 of 24');
    expect(await score.textContent()).toContain('visible high risk');
    await tabTo(page, resumed.getByLabel('Grounds', { exact: true }));
    await page.keyboard.type('v');
    await typeInto(page, resumed.getByLabel('What happened (optional)'), 'Threats by message after she left; he checked where she was.');
    await world.audit('referral-form', page);
    await world.capture('referral-form', page);
    await tabTo(page, resumed.getByRole('button', { name: 'Submit the referral' }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Referral submitted' }).waitFor();
    const reference = /CR-\d{4}-\d{4}/.exec((await page.locator('main').textContent()) ?? '')![0];
    await world.audit('referral-submitted', page);
    await world.capture('referral-submitted', page);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My drafts' }).click();
    await page.getByText('You have no draft.').waitFor();

    // A second referral of the same victim about the same officer, from probation.
    const logins = (key: string) => world.token(key);
    const [admin, probation, coordinatorToken] = await Promise.all([logins('admin'), logins('probation'), logins('coordinator')]);
    const users = await world.api.call<UserView[]>('GET', '/api/users', admin);
    const agencies = await world.api.call<AgencyView[]>('GET', '/api/agencies', coordinatorToken);
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const repeat = await world.api.call<SubmittedReferralView>('POST', '/api/referrals', probation, {
      referral: {
        ground: 'escalation',
        referredOn: new Date().toISOString().slice(0, 10),
        referringAgencyId: agency('NPDU'),
        incidentCount: 3,
        dashAnswers: Object.fromEntries(dashQuestionIds.map((id) => [id, 'not_known'])),
      },
      consent: { isVictimInformed: true, decision: 'given' },
      victim: { pseudonym: 'Client K2', name: 'Kerry Ashdown', dateOfBirth: '1992-07-03' },
      suspect: { userId: users.find((user) => user.email === world.login('suspect').email)!.id, forceId: agency('NMP') },
    });

    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    await coordinator.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }).click();
    await coordinator.page.getByRole('heading', { name: 'Triage' }).waitFor();
    const list = coordinator.page.getByTestId('triage-list');
    const rowOf = (ref: string) => list.getByRole('row').filter({ has: coordinator.page.getByRole('rowheader', { name: ref }) });
    await rowOf(reference).waitFor();
    expect(await rowOf(repeat.reference).textContent()).toContain(reference);
    expect(await rowOf(reference).textContent()).toContain('Referred');
    await world.audit('triage', coordinator.page);
    await world.capture('triage', coordinator.page);

    // The repeat is declined, only with a reason and once confirmed; the first referral is accepted.
    await rowOf(repeat.reference)
      .getByRole('button', { name: `Triage ${repeat.reference}` })
      .click();
    const decision = coordinator.page.getByTestId('triage-decision');
    expect(await decision.textContent()).toContain(`a repeat within 12 months of ${reference}`);
    await decision.getByRole('button', { name: `Decline ${repeat.reference}` }).click();
    await decision.getByRole('alert').filter({ hasText: 'Give the reason for declining.' }).waitFor();
    await decision.getByLabel('Reason').fill('Heard with the first referral of the same victim.');
    await decision.getByRole('button', { name: `Decline ${repeat.reference}` }).click();
    await decision.getByRole('button', { name: `Confirm declining ${repeat.reference}` }).waitFor();
    await world.audit('triage-decision', coordinator.page);
    await world.capture('triage-decision', coordinator.page);
    await decision.getByRole('button', { name: `Confirm declining ${repeat.reference}` }).click();
    await coordinator.page
      .getByRole('status')
      .filter({ hasText: `${repeat.reference} is declined` })
      .waitFor();
    await rowOf(repeat.reference).filter({ hasText: 'Declined' }).waitFor();

    await rowOf(reference)
      .getByRole('button', { name: `Triage ${reference}` })
      .click();
    await coordinator.page
      .getByTestId('triage-decision')
      .getByRole('button', { name: `Accept ${reference}` })
      .click();
    await coordinator.page
      .getByRole('status')
      .filter({ hasText: `${reference} is accepted` })
      .waitFor();
    await rowOf(reference).filter({ hasText: 'Accepted' }).waitFor();

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
