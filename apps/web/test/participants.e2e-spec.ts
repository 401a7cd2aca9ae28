import type { ConferenceView } from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * The chair's hand on the people in the room: in the Participants card, the chair records a conflict
 * that someone else has with the suspect of the case under discussion, and that person is stepped out
 * of it at once.
 */
describeBuilt('the chair records a conflict for a participant, in the browser', () => {
  jest.setTimeout(180_000);
  let world: BrowserWorld;
  let conference: ConferenceView;
  let reference: string;

  beforeAll(async () => {
    world = await BrowserWorld.start();
    // The demo world's conference, as a newcomer finds it: the chair, the invited agencies, the demo case first on the agenda.
    const conferences = await world.api.call<ConferenceView[]>('GET', '/api/conferences', await world.token('coordinator'));
    conference = conferences.find((candidate) => candidate.title === 'Northmoor MARAC')!;
    reference = conference.agenda[0].reference!;
  });

  afterAll(async () => {
    await world?.stop();
  });

  const join = async (key: string): Promise<BrowserPerson> => {
    const person = await world.open(key);
    await world.signIn(person);
    await person.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Conferences' }).click();
    await person.page.getByRole('link', { name: conference.title, exact: true }).click();
    await person.page.getByLabel('I have read the confidentiality statement and agree to it').check();
    await person.page.getByRole('button', { name: 'Acknowledge and join' }).click();
    await person.page.getByText('Connected', { exact: true }).waitFor();
    return person;
  };

  it('steps a participant out of the case at once when the chair records their conflict, once the chair confirms', async () => {
    const chair = await join('chair');
    await chair.page.getByRole('button', { name: 'Open the conference' }).click();
    await chair.page.getByRole('button', { name: `Discuss 1. ${reference}` }).click();
    await chair.page.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();

    // Children's social care takes part in the discussion: the case and its notes are on her screen.
    const csc = await join('csc');
    await csc.page.getByRole('heading', { name: `Item 1: ${reference}` }).waitFor();
    await csc.page.getByRole('textbox', { name: 'Panel notes' }).waitFor();
    const marked = chair.page.locator('.presence li').filter({ hasText: 'Grace Lindqvist' });
    await marked.waitFor();
    expect(await marked.getByText('Stepped out', { exact: true }).count()).toBe(0);

    // The chair records, for her, the link she disclosed.
    const participants = chair.page.getByRole('region', { name: 'Participants' });
    await participants.getByLabel('Person').selectOption({ label: 'Grace Lindqvist' });
    await participants.getByLabel('Link to the suspect').selectOption('family');
    await participants.getByLabel('Reason').fill('Her sister is the suspect’s partner.');
    await participants.getByRole('button', { name: 'Record a conflict' }).click();
    const confirming = participants.getByRole('group', { name: 'Record a conflict for Grace Lindqvist?' });
    expect(await confirming.innerText()).toContain('Grace Lindqvist will be stepped out of this case at once.');
    await world.audit('record a conflict for a participant', chair.page);
    await world.capture('record-conflict', chair.page);
    // Nothing happens before the chair confirms.
    expect(await csc.page.getByRole('textbox', { name: 'Panel notes' }).count()).toBe(1);
    await confirming.getByRole('button', { name: 'Confirm the conflict' }).click();

    // Her room says she is stepped out of the item, and holds nothing of the case any more.
    const steppedOut = csc.page.getByTestId('stepped-out');
    await steppedOut.waitFor();
    expect(await steppedOut.innerText()).toMatch(/Item 1: you are not part of this discussion/);
    expect(await csc.page.getByRole('textbox', { name: 'Panel notes' }).count()).toBe(0);
    expect(await csc.page.locator('main').innerText()).not.toContain(reference);
    await world.audit('stepped out by the chair', csc.page);

    // The chair's list marks her, and the card says what was done.
    await marked.getByText('Stepped out', { exact: true }).waitFor();
    await participants.getByText('A conflict was recorded for Grace Lindqvist.').waitFor();
    await world.capture('conflict-recorded', chair.page);

    // It holds beyond the room: back in the lobby, the agenda item is one she is not part of.
    await csc.page.getByRole('button', { name: 'Leave' }).click();
    await csc.page.getByRole('heading', { name: 'Confidentiality' }).waitFor();
    await csc.page.getByText('Item 1: you are not part of this discussion').waitFor();
    expect(await csc.page.locator('main').innerText()).not.toContain(reference);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
