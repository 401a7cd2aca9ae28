import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { informationSharingDocument } from '../features/cases/information-sharing-document';
import { runCommand } from './configured-database';

const target = resolve(__dirname, '../../../../../docs/information-sharing.md');

/**
 * Writes docs/information-sharing.md from the policy table; with `--check`, fails when the file says
 * other than the table (CI runs the check through the test suite as well).
 */
runCommand(async () => {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const written = informationSharingDocument();
  if (!values.check) {
    await writeFile(target, written);
    process.stdout.write(`Wrote ${target}\n`);
    return;
  }
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== written) throw new Error('docs/information-sharing.md differs from the policy table: run npm run docs:sharing');
  process.stdout.write('docs/information-sharing.md matches the policy table\n');
});
