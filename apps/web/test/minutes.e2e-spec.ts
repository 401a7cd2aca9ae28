import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import {
  compartments,
  type Compartment,
  type ConferenceMinutesView,
  type ConferencePlanView,
  type ConferenceView,
  type UserView,
} from '@caseroom/contracts';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';
import { copyText, inLatin } from './support/copy-text';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/**
 * What each recipient's copy holds, by `decide()` on the demo world (the policy table of DESIGN.md §3):
 * Tom Okafor (probation, a member agency of both cases, not the suspect's force) the panel summary and the
 * victim's part of each item; PC Mark Doyle (the suspect's own team) is stepped out of the first item, and
 * his force is not a member of the second case: nothing of either. Once a conflict is recorded for Tom Okafor
 * on the second case after the meeting, his fresh copy holds the first item only.
 */
const admitted: Record<string, readonly (readonly Compartment[])[]> = {
  probation: [
    ['panel', 'victim'],
    ['panel', 'victim'],
  ],
  colleague: [[], []],
  'probation, stepped out of the second case': [['panel', 'victim'], []],
};

/**
 * Minutes in the browser: the chair drafts them from the closed conference, approves and distributes
 * them; two recipients open and download their own copies, one of them stepped out of an item; the
 * copies differ exactly as the policy says, in the page and in the PDF and Word files. Then a copy is
 * withdrawn and reissued, and a copy gone stale is exchanged for a fresh one.
 */
describeBuilt('minutes, drafted, approved and distributed in the browser', () => {
  jest.setTimeout(300_000);
  let world: BrowserWorld;
  let conference: ConferenceView;
  let items: { itemId: string; caseId: string; reference: string }[];
  const run = Math.random().toString(36).slice(2, 7).toUpperCase();
  /** A marker per item and compartment, written into the draft's summary. */
  const marker = (index: number, compartment: Compartment) => `MINUTES${run}Q${index}Q${compartment.toUpperCase()}`;
  const planted = () => [0, 1].flatMap((index) => compartments.map((compartment) => marker(index, compartment)));
  const markersIn = (text: string) => planted().filter((value) => inLatin(text).includes(value));
  const expected = (key: string) => admitted[key].flatMap((allowed, index) => allowed.map((compartment) => marker(index, compartment)));
  const referencesIn = (text: string) => items.map((item) => item.reference).filter((reference) => inLatin(text).includes(reference));
  const expectedReferences = (key: string) => items.filter((_, index) => admitted[key][index].length > 0).map((item) => item.reference);

  beforeAll(async () => {
    world = await BrowserWorld.start();
    // Set-up, not under test: the demo conference, with PC Mark Doyle invited too.
    const [admin, coordinator] = await Promise.all(['admin', 'coordinator'].map((key) => world.token(key)));
    conference = (await world.api.call<ConferenceView[]>('GET', '/api/conferences', coordinator)).find(
      (candidate) => candidate.title === 'Northmoor MARAC',
    )!;
    const plan = await world.api.call<ConferencePlanView>('GET', `/api/conferences/${conference.id}/plan`, coordinator);
    items = plan.agenda.map(({ itemId, caseId, reference }) => ({ itemId, caseId: caseId!, reference: reference! }));
    expect(items).toHaveLength(2);
    const users = await world.api.call<UserView[]>('GET', '/api/users', admin);
    const colleague = users.find((user) => user.email === world.login('colleague').email)!;
    await world.api.call('POST', `/api/conferences/${conference.id}/invitations`, coordinator, { userIds: [colleague.id] });
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
  const people = new Map<string, BrowserPerson>();
  const person = (key: string) => people.get(key)!;
  const itemGroup = (page: Page, index: number) => page.getByRole('group', { name: `Item ${index + 1} — ${items[index].reference}` });
  const copyRow = (page: Page, recipient: string) =>
    page
      .getByRole('table', { name: 'Copies issued' })
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: recipient, exact: true }) });

  /** The file a download button gives, read as its reader would. */
  const downloaded = async (page: Page, button: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const bytes = await readFile(await download.path());
    return { name: download.suggestedFilename(), text: await copyText(bytes) };
  };

  /** Opens the recipient's current copy from My minutes: the page's text, and its PDF and Word files. */
  const readCopy = async ({ page }: BrowserPerson, name: string, screens = false) => {
    await go(page, 'My minutes');
    const mine = page.getByRole('table', { name: 'Copies issued to you' });
    const current = mine
      .getByRole('row')
      .filter({ hasText: 'Northmoor MARAC' })
      .filter({ hasText: /Current/ });
    await current.first().waitFor();
    if (screens) {
      await world.audit('my minutes', page);
      await world.capture('my-minutes', page);
    }
    await current.getByRole('link', { name: /^Open copy \d+ of Northmoor MARAC$/ }).click();
    const banner = page.getByRole('note', { name: 'Marking of this copy' });
    await banner.getByText(new RegExp(`^Copy \\d+ issued to ${name} `)).waitFor();
    expect(await banner.innerText()).toContain('OFFICIAL-SENSITIVE');
    const html = await page.getByTestId('minutes-copy').innerText();
    if (screens) {
      await world.audit('a copy of the minutes', page);
      await world.capture('minutes-copy', page);
    }
    const pdf = await downloaded(page, 'Download PDF');
    const word = await downloaded(page, 'Download Word');
    expect([pdf.name, word.name]).toEqual([expect.stringMatching(/\.pdf$/), expect.stringMatching(/\.docx$/)]);
    return { html, pdf: pdf.text, word: word.text };
  };

  it('is drafted by the chair from the closed conference, refused on a stale revision, approved once confirmed, and distributed', async () => {
    // The chair holds the meeting: opens it, takes both items, closes it.
    const chair = await signedIn('chair');
    people.set('chair', chair);
    const page = chair.page;
    await page.getByRole('link', { name: 'Northmoor MARAC', exact: true }).click();
    await page.getByLabel('I have read the confidentiality statement and agree to it').check();
    await page.getByRole('button', { name: 'Acknowledge and join' }).click();
    await page.getByText('Connected', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Open the conference' }).click();
    for (const [index, item] of items.entries()) {
      await page.getByRole('button', { name: `Discuss ${index + 1}. ${item.reference}` }).click();
      await page.getByRole('heading', { name: `Item ${index + 1}: ${item.reference}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Close the conference' }).click();
    await page.getByRole('button', { name: 'Confirm closing' }).click();
    await page.getByRole('link', { name: 'Write the minutes' }).click();

    // The draft: every compartment of each item for the chair, who may see them all.
    await page.getByRole('heading', { name: 'Minutes of Northmoor MARAC' }).waitFor();
    await page.getByRole('button', { name: 'Start the draft' }).click();
    for (const index of [0, 1])
      for (const words of ['Panel summary', 'Victim and safety', 'Investigation', 'Professional standards'])
        await itemGroup(page, index).getByLabel(words, { exact: true }).waitFor();
    const summary = (index: number, compartment: Compartment) =>
      itemGroup(page, index).getByLabel(sectionLabel[compartment], { exact: true });
    await summary(0, 'panel').fill(`Lost when the coordinator saves first ${marker(0, 'panel')}.`);

    // Meanwhile the coordinator saves (set-up over HTTP): the chair's save is refused, and the draft reloaded.
    const coordinator = await world.token('coordinator');
    const minutesPath = `/api/conferences/${conference.id}/minutes`;
    const { draft } = await world.api.call<ConferenceMinutesView>('GET', minutesPath, coordinator);
    await world.api.call('PATCH', `${minutesPath}/draft`, coordinator, {
      revision: draft!.revision,
      items: [{ itemId: items[1].itemId, summaries: { panel: 'Agreed by the coordinator.' } }],
    });
    await page.getByRole('button', { name: 'Save the draft' }).click();
    const stale = page.getByRole('alert').filter({ hasText: 'Someone saved the draft since you opened it.' });
    await stale.waitFor();
    await world.audit('minutes draft (stale revision)', page);
    await stale.getByRole('button', { name: 'Reload the draft' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await summary(1, 'panel').inputValue()).toBe('Agreed by the coordinator.');

    for (const index of [0, 1])
      for (const compartment of compartments)
        await summary(index, compartment).fill(`The panel heard the account.\n\nIt recorded ${marker(index, compartment)} at the meeting.`);
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Draft saved at / })
      .waitFor();
    await world.audit('minutes draft', page);
    await world.capture('minutes-draft', page);

    // Approving is confirmed, saying that approved minutes are only ever corrected by a new version.
    await page.getByRole('button', { name: 'Approve the minutes' }).click();
    const approving = page.getByRole('group', { name: /^Approved minutes cannot be changed/ });
    expect(await approving.innerText()).toContain('only be corrected by a new version');
    await world.audit('approving the minutes', page);
    await approving.getByRole('button', { name: 'Confirm: approve version 1' }).click();
    await page.getByText('Version 1 approved.', { exact: false }).waitFor();
    const versions = page.getByRole('table', { name: 'Approved versions' });
    expect(await versions.getByRole('row', { name: /^Version 1 / }).innerText()).toContain('DCI Hannah Reid');
    await page.getByRole('button', { name: 'Distribute version 1' }).click();
    const distributing = page.getByRole('group', { name: 'Distribute version 1?' });
    expect(await distributing.innerText()).toContain('One copy is made for each person');
    await distributing.getByRole('button', { name: 'Confirm: distribute version 1' }).click();
    await page.getByText(/^Version 1 was distributed on /).waitFor();
    for (const recipient of ['DCI Hannah Reid', 'Cora Mensah', 'Tom Okafor', 'PC Mark Doyle']) await copyRow(page, recipient).waitFor();
    expect(await copyRow(page, 'Tom Okafor').innerText()).toContain('Never');
    await world.audit('minutes distributed', page);
    await world.capture('minutes-distributed', page);

    // From now on, approving again is a correction, and says why.
    await page.getByRole('button', { name: 'Approve the correction' }).click();
    await page.getByRole('alert').getByText('Why the minutes are corrected: say why the minutes are corrected').waitFor();
  });

  it('gives each of two recipients their own copy, in the page, as PDF and as Word, differing exactly as the policy says', async () => {
    const probation = await signedIn('probation');
    const colleague = await signedIn('colleague');
    people.set('probation', probation).set('colleague', colleague);
    const copies = {
      probation: await readCopy(probation, 'Tom Okafor', true),
      colleague: await readCopy(colleague, 'PC Mark Doyle'),
    };
    for (const [key, copy] of Object.entries(copies))
      for (const [format, text] of Object.entries(copy)) {
        expect({ key, format, markers: markersIn(text) }).toEqual({ key, format, markers: expected(key) });
        expect({ key, format, references: referencesIn(text) }).toEqual({ key, format, references: expectedReferences(key) });
      }
    // The test can fail: the first item is in Tom Okafor's copy and not in PC Mark Doyle's.
    expect(markersIn(copies.probation.html)).toContain(marker(0, 'panel'));
    expect(markersIn(copies.colleague.html)).not.toContain(marker(0, 'panel'));

    // Each download is on the organisers' table.
    const chair = person('chair').page;
    await go(chair, 'Conferences');
    await chair.getByRole('link', { name: 'Minutes: draft, approve and distribute' }).click();
    await copyRow(chair, 'Tom Okafor').filter({ hasNotText: 'Never' }).waitFor();
  });

  it('withdraws a copy once confirmed with a reason, and reissues a fresh one', async () => {
    const chair = person('chair').page;
    await copyRow(chair, 'PC Mark Doyle')
      .getByRole('button', { name: /^Withdraw copy \d+ \(PC Mark Doyle\)$/ })
      .click();
    const withdrawing = chair.getByRole('form', { name: /^Withdraw copy \d+$/ });
    await withdrawing.getByRole('button', { name: /^Confirm: withdraw copy/ }).click();
    await withdrawing.getByText('Why is it withdrawn?: say why the copy is withdrawn').waitFor();
    await withdrawing.getByLabel('Why is it withdrawn?').fill('Issued before his conflict was reviewed');
    await world.audit('withdrawing a copy', chair);
    await withdrawing.getByRole('button', { name: /^Confirm: withdraw copy/ }).click();
    await chair
      .getByRole('status')
      .filter({ hasText: /was withdrawn; PC Mark Doyle is told\.$/ })
      .waitFor();
    expect(await copyRow(chair, 'PC Mark Doyle').innerText()).toContain('Issued before his conflict was reviewed');

    // Its holder sees it withdrawn, with the reason, and no longer opens it.
    const colleague = person('colleague').page;
    await go(colleague, /^Notices/);
    await go(colleague, 'My minutes');
    const withdrawn = colleague.getByRole('row').filter({ hasText: 'Withdrawn' });
    await withdrawn.filter({ hasText: 'Issued before his conflict was reviewed' }).waitFor();
    expect(await withdrawn.getByRole('link').count()).toBe(0);

    await copyRow(chair, 'PC Mark Doyle')
      .getByRole('button', { name: /^Reissue copy \d+ \(PC Mark Doyle\)$/ })
      .click();
    await chair.getByRole('button', { name: /^Confirm: reissue copy \d+$/ }).click();
    await chair
      .getByRole('status')
      .filter({ hasText: /^A fresh copy was issued to PC Mark Doyle/ })
      .waitFor();
    const fresh = await readCopy(person('colleague'), 'PC Mark Doyle');
    expect(markersIn(fresh.html)).toEqual(expected('colleague'));
  });

  it('offers a fresh copy in place of one holding what its recipient may no longer receive', async () => {
    // A conflict recorded after the meeting (set-up over HTTP) steps Tom Okafor out of the second case.
    const [chairToken, admin] = await Promise.all([world.token('chair'), world.token('admin')]);
    const users = await world.api.call<UserView[]>('GET', '/api/users', admin);
    const tom = users.find((user) => user.email === world.login('probation').email)!;
    await world.api.call('POST', `/api/cases/${items[1].caseId}/conflicts`, chairToken, {
      userId: tom.id,
      kind: 'friend',
      reason: 'Known to the suspect socially',
    });

    const page = person('probation').page;
    await go(page, /^Notices/);
    await go(page, 'My minutes');
    const stale = page.getByRole('row').filter({ hasText: 'No longer current: ask for a fresh copy' });
    await stale.waitFor();
    expect(await stale.getByRole('link').count()).toBe(0);
    await world.audit('my minutes (a copy gone stale)', page);
    await stale.getByRole('button', { name: /^Ask for a fresh copy in place of copy \d+$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^A fresh copy, copy \d+, is issued to you/ })
      .waitFor();
    const fresh = await readCopy(person('probation'), 'Tom Okafor');
    const key = 'probation, stepped out of the second case';
    for (const [format, text] of Object.entries(fresh)) {
      expect({ format, markers: markersIn(text) }).toEqual({ format, markers: expected(key) });
      expect({ format, references: referencesIn(text) }).toEqual({ format, references: expectedReferences(key) });
    }
  });

  it('is corrected by a new version with its reason, which replaces the copies of the last one once distributed', async () => {
    const chair = person('chair').page;
    await chair.getByLabel('Why the minutes are corrected').fill('An action owner was wrong');
    await chair.getByRole('button', { name: 'Approve the correction' }).click();
    await chair.getByRole('button', { name: 'Confirm: approve version 2' }).click();
    await chair.getByText('Version 2 approved.', { exact: false }).waitFor();
    expect(
      await chair
        .getByRole('table', { name: 'Approved versions' })
        .getByRole('row', { name: /^Version 2 / })
        .innerText(),
    ).toContain('An action owner was wrong');
    await chair.getByRole('button', { name: 'Distribute version 2' }).click();
    await chair.getByRole('button', { name: 'Confirm: distribute version 2' }).click();
    await chair.getByText(/^Version 2 was distributed on /).waitFor();

    const page = person('probation').page;
    await go(page, /^Notices/);
    await page
      .getByRole('list', { name: 'Notices' })
      .getByText('were corrected: version 2 replaces the copy you hold', { exact: false })
      .waitFor();
    await page.getByRole('link', { name: 'Open My minutes' }).first().click();
    const rows = page.getByRole('table', { name: 'Copies issued to you' }).getByRole('row');
    await rows.filter({ hasText: 'Replaced by a corrected version' }).waitFor();
    await rows
      .filter({ hasText: /Current/ })
      .getByRole('link', { name: /^Open copy \d+ of Northmoor MARAC$/ })
      .waitFor();

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});

const sectionLabel: Record<Compartment, string> = {
  panel: 'Panel summary',
  victim: 'Victim and safety',
  investigation: 'Investigation',
  standards: 'Professional standards',
};
