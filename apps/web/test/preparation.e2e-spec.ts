import type { Page } from 'playwright-core';
import { dashQuestions, type AgencyView, type SubmittedReferralView, type UserView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/** A day ten days ahead, as the scheduling form asks for it. */
function tenDaysAhead(): { day: string; month: string; year: string } {
  const day = new Date(Date.now() + 10 * 86_400_000);
  return { day: String(day.getDate()), month: String(day.getMonth() + 1), year: String(day.getFullYear()) };
}

/**
 * The whole preparation of a conference, each step by the person whose job it is, in their own browser:
 * from a referral with its DASH answers to the chair opening the room, where a member steps out of a case
 * and the chair removes someone.
 */
describeBuilt('the whole preparation of a conference, in the browser', () => {
  jest.setTimeout(300_000);
  let world: BrowserWorld;
  const title = 'Northmoor MARAC, walk-through';

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  const go = (page: Page, name: string | RegExp) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
  const signedIn = async (key: string): Promise<BrowserPerson> => {
    const person = await world.open(key);
    await world.signIn(person);
    return person;
  };

  it('takes a referral to a conference the chair opens, where a member steps out and the chair removes another', async () => {
    // The coordinator's home: the demo world's conference, being prepared.
    const coordinator = await signedIn('coordinator');
    const page = coordinator.page;
    await page.getByRole('link', { name: 'Northmoor MARAC', exact: true }).waitFor();
    await world.audit('home, coordinator', page);
    await world.capture('home-coordinator', page);

    // A member of a referring agency refers, with the DASH checklist's answers.
    const idva = await signedIn('idva');
    await go(idva.page, 'Refer a case');
    const form = idva.page.getByTestId('referral-form');
    await form.getByLabel('Northmoor Probation Delivery Unit').check();
    await form.getByLabel("Northmoor Children's Social Care").check();
    await form.getByLabel('Pseudonym for the panel').fill('Client W');
    await form.getByLabel('Full name').fill('Wendy Carrow');
    const birth = form.getByRole('group', { name: 'Date of birth (optional)' }).first();
    await birth.getByLabel('Day').fill('9');
    await birth.getByLabel('Month').fill('5');
    await birth.getByLabel('Year').fill('1988');
    await form.getByLabel('The victim was told of this referral').check();
    await form.getByLabel('Did the victim consent to the referral?').selectOption('given');
    await form.getByLabel('Their police force').selectOption({ label: 'Northmoor Police' });
    await form.getByLabel("Find them in the force's records").fill('Hart');
    await form.getByLabel("Find them in the force's records").press('Enter');
    await form.getByRole('button', { name: 'Choose PC Daniel Hart' }).click();
    await form.getByTestId('picked-suspect').waitFor();
    for (const [index] of dashQuestions.entries())
      await form.getByRole('combobox', { name: new RegExp(`^${index + 1}\\. `) }).selectOption(index < 16 ? 'yes' : 'no');
    expect(await form.getByTestId('dash-score').textContent()).toContain('16 of 24');
    await form.getByLabel('Grounds', { exact: true }).selectOption('visible_high_risk');
    await form.getByRole('button', { name: 'Submit the referral' }).click();
    await idva.page.getByRole('heading', { name: 'Referral submitted' }).waitFor();
    const reference = /CR-\d{4}-\d{4}/.exec((await idva.page.locator('main').textContent()) ?? '')![0];

    // Set-up, not under test: probation refers the same victim about the same officer.
    const [admin, probationToken, coordinatorToken] = await Promise.all(
      ['admin', 'probation', 'coordinator'].map((key) => world.token(key)),
    );
    const users = await world.api.call<UserView[]>('GET', '/api/users', admin);
    const agencies = await world.api.call<AgencyView[]>('GET', '/api/agencies', coordinatorToken);
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const repeat = await world.api.call<SubmittedReferralView>('POST', '/api/referrals', probationToken, {
      referral: {
        ground: 'escalation',
        referredOn: new Date().toISOString().slice(0, 10),
        referringAgencyId: agency('NPDU'),
        incidentCount: 2,
        dashAnswers: Object.fromEntries(dashQuestions.map((question) => [question.id, 'not_known'])),
      },
      consent: { isVictimInformed: true, decision: 'given' },
      victim: { pseudonym: 'Client W2', name: 'Wendy Carrow', dateOfBirth: '1988-05-09' },
      suspect: { userId: users.find((user) => user.email === world.login('suspect').email)!.id, forceId: agency('NMP') },
    });

    // The coordinator sees both, the second flagged as a repeat of the first, and accepts the first.
    await go(page, 'Triage');
    const list = page.getByTestId('triage-list');
    const rowOf = (ref: string) => list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: ref }) });
    await rowOf(reference).waitFor();
    expect(await rowOf(repeat.reference).textContent()).toContain(reference);
    await rowOf(reference)
      .getByRole('button', { name: `Triage ${reference}` })
      .click();
    await page
      .getByTestId('triage-decision')
      .getByRole('button', { name: `Accept ${reference}` })
      .click();
    await rowOf(reference).filter({ hasText: 'Accepted' }).waitFor();

    // Schedules a conference, builds its agenda, invites and circulates.
    await go(page, 'Conferences');
    await page.getByRole('link', { name: 'Schedule a conference' }).click();
    const when = tenDaysAhead();
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Day').fill(when.day);
    await page.getByLabel('Month').fill(when.month);
    await page.getByLabel('Year').fill(when.year);
    await page.getByLabel('Time', { exact: true }).fill('10:00');
    await page.getByLabel('Place or meeting link').fill('Room 2, Northmoor Civic Centre');
    await page.getByLabel('Chair', { exact: true }).selectOption({ label: 'DCI Hannah Reid, Eastvale Constabulary' });
    await page.getByRole('button', { name: 'Schedule the conference' }).click();
    await page.getByRole('heading', { name: `Prepare ${title}` }).waitFor();
    await page.getByLabel('Case', { exact: true }).selectOption({ label: `${reference} (Accepted)` });
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.getByRole('list', { name: 'Agenda items in order' }).getByText(reference).waitFor();
    const candidates = page.getByRole('table', { name: 'People who could be invited' });
    const candidate = (name: string) => candidates.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    expect(await candidate('PC Daniel Hart').innerText()).toContain('Never invited: the suspect');
    for (const name of ['Priya Shah', 'Tom Okafor', 'Grace Lindqvist']) {
      await page.getByRole('button', { name: `Invite ${name}` }).click();
      await candidate(name).getByText('Invited').waitFor();
    }
    await page.getByRole('button', { name: 'Circulate the agenda' }).click();
    await page.getByRole('button', { name: 'Confirm circulation' }).click();
    await page.getByText(/^Circulated on /).waitFor();

    // Asks the invited agencies for their research.
    await page.getByRole('link', { name: 'Research tracker' }).click();
    await page.getByRole('heading', { name: `Research tracker: ${title}` }).waitFor();
    await page.getByRole('button', { name: 'Request research' }).click();
    await page.getByRole('button', { name: 'Confirm: request research' }).click();
    await page.getByText('Research requested: 3 requests sent.').waitFor();

    // Two agencies return theirs.
    const returnResearch = async (person: BrowserPerson, panel: string) => {
      await go(person.page, 'Research');
      const asked = person.page.getByRole('region', { name: new RegExp(`^${title}`) });
      await asked.getByRole('button', { name: `Return research on ${reference}` }).click();
      const research = asked.getByRole('form', { name: `Research on ${reference}` });
      await research.getByLabel('Panel', { exact: true }).fill(panel);
      await research.getByRole('button', { name: 'Return research' }).click();
      await research.getByRole('button', { name: 'Confirm and return research' }).click();
      await person.page.getByText(`Research on ${reference} returned.`).waitFor();
    };
    await returnResearch(idva, 'In contact with the victim since November; she fears he can find her.');
    const probation = await signedIn('probation');
    await returnResearch(probation, 'Nothing held on the suspect.');

    // The tracker shows the third outstanding.
    await page.getByRole('button', { name: 'Check again for returned research' }).click();
    await page.getByText('2 of 3 agencies returned their research.').waitFor();
    const tracked = page.getByTestId(`research-${reference}`);
    await tracked
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: "Northmoor Children's Social Care" }) })
      .getByText('Outstanding')
      .waitFor();

    // The invitees read their notices.
    const csc = await signedIn('csc');
    await go(csc.page, /^Notices/);
    const notices = csc.page.getByRole('list', { name: 'Notices' });
    await notices.getByText(`You are invited to ${title}`, { exact: false }).first().waitFor();
    await notices.getByText(`Your agency is asked to research ${reference} before ${title}`, { exact: false }).waitFor();

    // The chair opens the conference.
    const chair = await signedIn('chair');
    await chair.page.getByRole('link', { name: title }).click();
    await chair.page.getByLabel('I have read the confidentiality statement and agree to it').check();
    await chair.page.getByRole('button', { name: 'Acknowledge and join' }).click();
    await chair.page.getByText('Connected', { exact: true }).waitFor();
    await chair.page.getByRole('button', { name: 'Open the conference' }).click();
    await chair.page.getByRole('button', { name: `Discuss 1. ${reference}` }).click();
    await chair.page.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();

    // Two invitees join; probation declares a conflict and is stepped out at once.
    const join = async ({ page: their }: BrowserPerson) => {
      await go(their, 'Conferences');
      await their.getByRole('link', { name: title }).click();
      await their.getByLabel('I have read the confidentiality statement and agree to it').check();
      await their.getByRole('button', { name: 'Acknowledge and join' }).click();
      await their.getByText('Connected', { exact: true }).waitFor();
      await their.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();
    };
    await join(probation);
    await join(csc);
    await probation.page.getByLabel('Link to the suspect').selectOption('friend');
    await probation.page.getByLabel('Reason').fill('We play in the same five-a-side team.');
    await probation.page.getByRole('button', { name: 'Declare a conflict' }).click();
    await probation.page
      .getByRole('group', { name: 'Declare a conflict with this case?' })
      .getByRole('button', { name: 'Confirm and step out' })
      .click();
    await probation.page.getByTestId('stepped-out').waitFor();
    expect(await probation.page.locator('main').innerText()).not.toContain('Wendy Carrow');
    await chair.page.locator('.presence li').filter({ hasText: 'Tom Okafor' }).getByText('Stepped out', { exact: true }).waitFor();

    // The chair removes another participant, once confirmed.
    const participants = chair.page.getByRole('region', { name: 'Participants' });
    await participants.getByLabel('Person').selectOption({ label: 'Grace Lindqvist' });
    await participants.getByRole('button', { name: 'Remove from the conference' }).click();
    await participants.getByRole('button', { name: 'Confirm the removal' }).click();
    await csc.page.getByText('You were removed from this conference.').waitFor();
    await participants.getByText('Grace Lindqvist was removed.').waitFor();

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
