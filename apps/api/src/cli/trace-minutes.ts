import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataSource } from 'typeorm';
import { readCopyText } from '../features/minutes/read-copy-text';
import { describeTraceVerdict, traceMinutesCopy, type MinutesCopyCandidate } from '../features/minutes/trace-minutes-copy';
import { runCommand, withConfiguredDatabase } from './configured-database';

/*
 * Names the copy of the minutes a file was taken from: a PDF, a Word file, an HTML page, or a text file holding
 * a passage pasted out of one (`-` reads the passage from standard input). Exits 1 when it cannot.
 *   npm run minutes:trace -- <file>
 */

interface CopyRow {
  readonly id: string;
  readonly number: number;
  readonly fingerprint_key: string;
  readonly recipient: string;
  readonly version: number;
  readonly title: string;
}

/** Every copy ever issued, withdrawn ones too: a withdrawn copy can still be the one that leaked. */
async function issuedCopies(dataSource: DataSource): Promise<MinutesCopyCandidate[]> {
  const rows: CopyRow[] = await dataSource.query(
    `SELECT c.id, c.number, c.fingerprint_key, c.recipient_name AS recipient, m.version, conf.title
       FROM minutes_copies c
       JOIN minutes m ON m.id = c.minutes_id
       JOIN conferences conf ON conf.id = m.conference_id`,
  );
  return rows.map((row) => ({
    copyId: row.id,
    number: Number(row.number),
    fingerprintKey: row.fingerprint_key,
    recipientName: row.recipient,
    conferenceTitle: row.title,
    version: Number(row.version),
  }));
}

async function readInput(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  return readCopyText(await readFile(path), basename(path));
}

runCommand(async () => {
  const path = process.argv[2];
  if (!path) {
    process.stderr.write(
      'usage: npm run minutes:trace -- <file>   (a PDF, a Word file, an HTML page, a text file, or - for standard input)\n',
    );
    return 2;
  }
  const text = await readInput(path);
  return withConfiguredDatabase(async (dataSource) => {
    const verdict = traceMinutesCopy(text, await issuedCopies(dataSource));
    process.stdout.write(`${describeTraceVerdict(verdict)}\n`);
    return verdict.match ? 0 : 1;
  });
});
