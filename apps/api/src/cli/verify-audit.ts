import 'reflect-metadata';
import { AccessLogRepository } from '@caseroom/persistence';
import { runCommand, withConfiguredDatabase } from './configured-database';

/** Recomputes every hash chain of the append-only records and names the first broken link. */
runCommand(async () =>
  withConfiguredDatabase(async (dataSource) => {
    const verdict = await new AccessLogRepository(dataSource).verify();
    if (verdict.intact) {
      process.stdout.write(`access log: intact (${verdict.rows} rows)\n`);
      return 0;
    }
    process.stdout.write(`access log: BROKEN at row ${verdict.brokenAt}: ${verdict.problem}\n`);
    return 1;
  }),
);
