import { readFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import type { ConferencePlanView, ConferenceView } from '@caseroom/contracts';
import { generateWorld } from '@caseroom/testing';
import { BrowserWorld, isClientBuilt, type BrowserPerson } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

/** An ISO date some days from today. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The reports in the browser: professional standards read their force's PPDA audit, filter it, record how a
 * case was recorded and download it; a PSD officer linked to the suspect finds no trace of his case; the
 * coordinator reads the MARAC's return with its charts and downloads its CSV.
 */
describeBuilt('the PPDA audit and the MARAC return in the browser', () => {
  jest.setTimeout(240_000);
  let world: BrowserWorld;
  let reference: string;
  const people = new Map<string, BrowserPerson>();

  beforeAll(async () => {
    world = await BrowserWorld.start();
    const coordinator = await world.token('coordinator');
    const conference = (await world.api.call<ConferenceView[]>('GET', '/api/conferences', coordinator)).find(
      (candidate) => candidate.title === 'Northmoor MARAC',
    )!;
    const plan = await world.api.call<ConferencePlanView>('GET', `/api/conferences/${conference.id}/plan`, coordinator);
    const first = plan.agenda[0];
    reference = first.reference!;
    // The second professional standards officer declares he knows the suspect: he is stepped out of the case.
    await world.api.call('POST', `/api/cases/${first.caseId}/conflicts/declaration`, await world.token('psd2'), {
      kind: 'colleague',
      reason: 'We trained together.',
    });
    // Enough cases for the figures and charts to mean something, written straight into the database.
    if (world.database.url) {
      const sql = await new DataSource({ type: 'postgres', url: world.database.url }).initialize();
      try {
        const ids = async (query: string, values: unknown[]) => (await sql.query<{ id: string }[]>(query, values)).map((row) => row.id);
        const email = (key: string) => world.login(key).email;
        const [coordinatorId, chairId] = await ids(`SELECT id FROM users WHERE email = ANY($1) ORDER BY email = $2 DESC`, [
          [email('coordinator'), email('chair')],
          email('coordinator'),
        ]);
        await generateWorld(sql, {
          cases: 90,
          seed: 5,
          forceIds: await ids(`SELECT id FROM agencies WHERE kind = 'police_force' ORDER BY name DESC`, []),
          referringAgencyIds: await ids(`SELECT id FROM agencies WHERE kind <> 'iopc'`, []),
          coordinatorIds: [coordinatorId],
          chairId: chairId,
          createdBy: coordinatorId,
          conferenceDays: [daysFromToday(-1)],
          today: daysFromToday(0),
        });
      } finally {
        await sql.destroy();
      }
    }
    for (const key of ['psd', 'psd2', 'coordinator']) {
      const person = await world.open(key);
      await world.signIn(person);
      people.set(key, person);
    }
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('shows professional standards the audit of their force, with filters, the recording control and downloads', async () => {
    const psd = people.get('psd')!.page;
    await psd.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'PPDA audit' }).click();
    await psd.getByRole('heading', { name: 'PPDA audit', level: 1 }).waitFor();
    await psd.getByRole('heading', { name: /^The figures, on \d{1,2} \w{3} \d{4}$/ }).waitFor();
    const list = psd.getByTestId('audit-list');
    await list.getByRole('rowheader', { name: reference }).waitFor();
    await psd.getByRole('figure', { name: 'Restrictions in place, by kind' }).waitFor();
    await world.audit('ppda-audit', psd);
    await world.capture('ppda-audit', psd);

    // How the case was recorded: professional standards of the suspect's force say so here.
    const row = list.getByRole('row').filter({ has: psd.getByRole('rowheader', { name: reference }) });
    await row.getByLabel(`How ${reference} is recorded`).selectOption({ label: 'Conduct matter' });
    await row.getByRole('button', { name: `Save how ${reference} is recorded` }).click();
    await psd
      .getByRole('figure', { name: 'How each case was recorded' })
      .getByRole('row', { name: /Conduct matter/ })
      .waitFor();
    expect(await row.getByLabel(`How ${reference} is recorded`).inputValue()).toBe('conduct_matter');

    // Live cases only.
    await psd.getByLabel('Cases', { exact: true }).selectOption({ label: 'Live only' });
    await psd.getByRole('button', { name: 'Show' }).click();
    await psd.waitForURL(/standing=live/);
    await list.getByRole('rowheader', { name: reference }).waitFor();

    const [download] = await Promise.all([
      psd.waitForEvent('download'),
      psd.getByRole('button', { name: 'Download CSV (spreadsheet)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^"Case reference","Force","Live or finished"/);
    expect(csv).toContain(`"${reference}"`);
    expect(csv).toContain('"Conduct matter"');
    const [pdf] = await Promise.all([psd.waitForEvent('download'), psd.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/^ppda-audit-\d{4}-\d{2}-\d{2}\.pdf$/);
    await psd
      .getByRole('status')
      .filter({ hasText: /^Downloaded ppda-audit-/ })
      .waitFor();
    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });

  it('shows a PSD officer linked to the suspect an audit without his case: not its row, not its reference', async () => {
    const linked = people.get('psd2')!.page;
    await linked.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'PPDA audit' }).click();
    await linked.getByRole('heading', { name: /^The figures/ }).waitFor();
    await linked.getByRole('heading', { name: /^\d+ cases?$/ }).waitFor();
    expect(await linked.content()).not.toContain(reference);
    const [download] = await Promise.all([
      linked.waitForEvent('download'),
      linked.getByRole('button', { name: 'Download CSV (spreadsheet)' }).click(),
    ]);
    expect(await readFile(await download.path(), 'utf8')).not.toContain(reference);
    // Nor is the MARAC return his to open.
    expect(await linked.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'MARAC return' }).count()).toBe(0);
    expect(world.problems()).toEqual([]);
  });

  it("shows the coordinator the MARAC's return, with charts read as tables too, and its CSV", async () => {
    const coordinator = people.get('coordinator')!.page;
    await coordinator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'MARAC return' }).click();
    await coordinator.getByRole('heading', { name: 'MARAC data return', level: 1 }).waitFor();
    const area = coordinator.getByLabel('MARAC area');
    expect(await area.locator('option:checked').textContent()).toBe('Northmoor Community Safety Partnership');
    const cases = coordinator.getByRole('figure', { name: 'Cases heard' });
    await cases.getByRole('row', { name: /Cases discussed/ }).waitFor();
    await coordinator.getByRole('figure', { name: 'Referrals, by the agency that referred' }).waitFor();
    await world.audit('marac-return', coordinator);
    await world.capture('marac-return', coordinator);

    const [download] = await Promise.all([
      coordinator.waitForEvent('download'),
      coordinator.getByRole('button', { name: 'Download CSV (spreadsheet)' }).click(),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^"MARAC area","Quarter","Number of cases discussed"/);
    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
