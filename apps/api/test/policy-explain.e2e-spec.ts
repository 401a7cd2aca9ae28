import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExplainPolicy, formatExplanation } from '../src/features/cases/explain-policy';
import { testServices } from '@caseroom/testing';
import { TestApp } from './support/test-app';

const golden = resolve(__dirname, '../../../test/golden/policy-explain-demo.txt');
const cli = resolve(__dirname, '../../../dist/apps/api/src/cli/explain-policy.js');
// The embedded database belongs to the process that opened it, so the command runs against a server only.
const onServer = testServices.postgresUrl && existsSync(cli) ? it : it.skip;

/**
 * Who can see what in the demo case, person by compartment. Any change to the policy, the demo world
 * or conflict derivation shows here as a visible difference in permissions, to be reviewed and, if
 * intended, accepted with UPDATE_GOLDEN=1.
 */
describe('who can see what in the demo case', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ clockStart: new Date('2026-11-21T09:00:00Z') });
    await app.seedDemoWorld();
  });
  afterAll(() => app.stop());

  it('matches the reviewed golden file', async () => {
    const explanation = formatExplanation(await app.get(ExplainPolicy).execute('CR-2026-0001', '2026-11-21'));
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, explanation);
    expect(explanation).toBe(await readFile(golden, 'utf8'));
  });

  it('steps the suspect, their team and their line managers out of everything', async () => {
    const { rows } = await app.get(ExplainPolicy).execute('CR-2026-0001', '2026-11-21');
    for (const name of ['PC Daniel Hart', 'PC Mark Doyle', 'Sgt Rachel Moss', 'Insp. Owen Price', 'DS Laura Bennett']) {
      const row = rows.find((candidate) => candidate.name === name)!;
      expect(Object.values(row.decisions).every((decision) => !decision.admitted && decision.reason.startsWith('conflict:'))).toBe(true);
    }
  });

  it('lets a shared posting lapse three years after it ended', async () => {
    // DS Bennett and PC Hart last shared the Safeguarding Hub until 31 January 2024.
    const bennett = async (on: string) =>
      (await app.get(ExplainPolicy).execute('CR-2026-0001', on)).rows.find((row) => row.name === 'DS Laura Bennett')!;
    expect((await bennett('2027-01-31')).decisions.panel).toEqual({
      admitted: false,
      reason: 'conflict:shared-posting',
      conflict: { reason: 'shared-posting', source: 'derived' },
    });
    expect((await bennett('2027-02-01')).decisions.panel).toEqual({ admitted: true, reason: 'member agency of the case' });
  });

  onServer('prints the same table from the command line (needs TEST_DATABASE_URL and a build)', async () => {
    const child = spawn(process.execPath, [cli, 'CR-2026-0001', '--on', '2026-11-21'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: app.database.url!, DEMO_MODE: 'true', DATA_DIR: app.database.dataDir },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    expect(await new Promise((resolveExit) => child.once('exit', resolveExit))).toBe(0);
    expect(output).toBe(await readFile(golden, 'utf8'));
  });
});
