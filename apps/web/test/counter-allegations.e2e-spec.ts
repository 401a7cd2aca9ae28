import {
  dashQuestions,
  type AgencyView,
  type CaseSummaryView,
  type CounterAllegationView,
  type SubmittedReferralView,
  type TriagePageView,
  type UserView,
} from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * A counter-allegation in the browser (decision 0025): the suspect of the demo's first case is referred
 * as a victim, naming that case's victim as the abuser. The coordinator sees the proposal at triage and
 * records it on the original case, where the chair reads it as linked, never as a case of its own.
 */
describeBuilt('a counter-allegation, in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('is proposed at triage, recorded on the original case after a confirmation, and listed there as linked', async () => {
    // Set-up, not under test: the IDVA refers PC Daniel Hart, picked from his force's records, as a victim.
    const [admin, idvaToken, coordinatorToken] = await Promise.all(['admin', 'idva', 'coordinator'].map((key) => world.token(key)));
    const users = await world.api.call<UserView[]>('GET', '/api/users', admin);
    const agencies = await world.api.call<AgencyView[]>('GET', '/api/agencies', coordinatorToken);
    const agency = (code: string) => agencies.find((candidate) => candidate.code === code)!.id;
    const hart = users.find((user) => user.email === world.login('suspect').email)!;
    const counter = await world.api.call<SubmittedReferralView>('POST', '/api/referrals', idvaToken, {
      referral: {
        ground: 'professional_judgement',
        referredOn: new Date().toISOString().slice(0, 10),
        referringAgencyId: agency('NIDVA'),
        concern: 'He says his former partner controls and threatens him.',
        dashAnswers: Object.fromEntries(dashQuestions.map((question) => [question.id, 'not_known'])),
      },
      consent: { isVictimInformed: true, decision: 'given' },
      victim: { pseudonym: 'Officer H', name: 'Daniel Hart', userId: hart.id, employerForceId: agency('NMP') },
      suspect: { forceId: agency('NMP'), name: 'Jessica Marlow', staffNumber: 'NONE1' },
      summary: 'COUNTER-MARKER He says she is the abuser and reported him to hurt his career.',
    });
    const proposed = await world.api.call<TriagePageView>('GET', `/api/triage?reference=${counter.reference}`, coordinatorToken);
    const [original] = proposed.items.find((row) => row.id === counter.id)!.counterAllegationOf;
    const cases = await world.api.call<CaseSummaryView[]>('GET', '/api/cases', coordinatorToken);
    const originalId = cases.find((summary) => summary.reference === original)!.id;

    // The coordinator sees the proposal at triage and records the referral on the original case.
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Triage' }).click();
    const list = page.getByTestId('triage-list');
    const rowOf = (reference: string) => list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: reference }) });
    await rowOf(counter.reference)
      .getByRole('button', { name: `Triage ${counter.reference}` })
      .click();
    const decision = page.getByTestId('triage-decision');
    await decision.getByTestId('counter-allegation-proposal').getByText(`is the suspect of ${original}`, { exact: false }).waitFor();
    expect(await decision.getByLabel('Reference of the case it answers').inputValue()).toBe(original);
    await decision.getByRole('button', { name: 'Record as a counter-allegation' }).click();
    const confirm = decision.getByRole('group', { name: `Confirm recording ${counter.reference} as a counter-allegation` });
    await confirm.getByText(`recorded as a counter-allegation on ${original}`, { exact: false }).waitFor();
    await world.audit('triage, confirm a counter-allegation', page);
    await world.capture('counter-allegation-triage', page);
    await confirm.getByRole('button', { name: `Confirm recording on ${original}` }).click();
    await page.getByText(`${counter.reference} is recorded as a counter-allegation on ${original} and declined.`).waitFor();
    await rowOf(counter.reference).getByText('Declined').waitFor();
    await world.audit('triage, counter-allegation recorded', page);
    await coordinator.context.close();

    // The chair reads it on the original case, linked, with what it says.
    const chair = await world.open('chair');
    await world.signIn(chair);
    await chair.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases' }).click();
    await chair.page.getByRole('link', { name: original }).click();
    await chair.page.getByRole('heading', { name: original, level: 1 }).waitFor();
    expect(chair.page.url()).toContain(`/cases/${originalId}`);
    const linked = chair.page.getByTestId('counter-allegations');
    await linked.getByRole('heading', { name: 'Linked counter-allegations (1)' }).waitFor();
    await linked.getByText(`Referred as ${counter.reference}, declined and recorded here.`).waitFor();
    await linked.getByText(/^Counter-allegation by the suspect, received \d{1,2} \w{3} \d{4} from Northmoor IDVA Service$/).waitFor();
    await linked.getByText('COUNTER-MARKER', { exact: false }).waitFor();
    await world.audit('case, counter-allegations', chair.page);
    await world.capture('case-counter-allegations', chair.page);

    // One that came by letter is recorded by the chair on the case itself, after a confirmation; a form
    // sent half filled in is refused with each field named and nothing recorded.
    await linked.getByText('Record a counter-allegation on this case').click();
    const form = linked.getByRole('form', { name: 'Record a counter-allegation' });
    await form.getByRole('button', { name: 'Record the counter-allegation' }).click();
    const problems = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problems.getByRole('link', { name: /^Who makes it:/ }).waitFor();
    await problems.getByRole('link', { name: /^What is alleged:/ }).waitFor();
    const received = form.getByRole('group', { name: 'Date it was received' });
    await received.getByLabel('Day').fill('2');
    await received.getByLabel('Month').fill('12');
    await received.getByLabel('Year').fill('2026');
    await form.getByLabel('The agency it came through').selectOption({ label: 'Northmoor Police' });
    await form.getByLabel('Who makes it').selectOption({ label: 'Someone else, described below' });
    await form.getByLabel('Who it was made by').fill("the suspect's brother, on his behalf");
    await form.getByLabel('How it was received').fill('A letter to the front counter');
    await form.getByLabel('What is alleged').fill('LETTER-MARKER He says she threatened the family.');
    await form.getByRole('button', { name: 'Record the counter-allegation' }).click();
    const confirmLetter = form.getByRole('group', { name: 'Confirm recording the counter-allegation' });
    await confirmLetter.getByText('received 2 Dec 2026', { exact: false }).waitFor();
    await world.audit('case, confirm a counter-allegation', chair.page);
    await world.capture('case-record-counter-allegation', chair.page);
    await confirmLetter.getByRole('button', { name: 'Confirm and record' }).click();
    await linked.getByRole('heading', { name: 'Linked counter-allegations (2)' }).waitFor();
    await linked
      .getByText("Counter-allegation by the suspect's brother, on his behalf, received 2 Dec 2026 from Northmoor Police")
      .waitFor();
    await linked.getByText('LETTER-MARKER', { exact: false }).waitFor();
    const recorded = await world.api.call<CounterAllegationView[]>(
      'GET',
      `/api/cases/${originalId}/counter-allegations`,
      await world.token('chair'),
    );
    expect(recorded.map((allegation) => allegation.madeBy.kind).sort()).toEqual(['described', 'suspect']);
    await chair.context.close();

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
