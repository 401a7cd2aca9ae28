import 'reflect-metadata';
import { verifyAllChains } from '@caseroom/persistence';
import { runCommand, withConfiguredDatabase } from './configured-database';

/** Recomputes every hash chain of the append-only records and names the first broken link of each. */
runCommand(async () =>
  withConfiguredDatabase(async (dataSource) => {
    let isIntact = true;
    for (const { spec, verdict } of await verifyAllChains(dataSource)) {
      if (verdict.intact) {
        process.stdout.write(`${spec.name}: intact (${verdict.rows} rows)\n`);
      } else {
        isIntact = false;
        process.stdout.write(`${spec.name}: BROKEN at row ${verdict.brokenAt}: ${verdict.problem}\n`);
      }
    }
    return isIntact ? 0 : 1;
  }),
);
