import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AgencyRepository, CaseRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { ExplainPolicy, formatExplanation } from '../features/cases/explain-policy';
import { runCommand, withConfiguredDatabase } from './configured-database';

const usage = 'Usage: npm run policy:explain -- <case reference> [--on YYYY-MM-DD]';

/** Prints each person x compartment of one case with the policy's decision and its reason. */
runCommand(async () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { on: { type: 'string' } } });
  const reference = positionals[0];
  const on = values.on ?? new Date().toISOString().slice(0, 10);
  if (!reference || !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new Error(usage);
  await withConfiguredDatabase(async (dataSource) => {
    const policyInputs = new PolicyInputsRepository(dataSource);
    const explain = new ExplainPolicy(
      new CaseRepository(dataSource, policyInputs),
      new PersonRepository(dataSource),
      new AgencyRepository(dataSource),
      policyInputs,
    );
    process.stdout.write(formatExplanation(await explain.execute(reference, on)));
  });
});
