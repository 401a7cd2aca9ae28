import { postgresAnswers, redisAnswers } from './environment';
import { beginTestRun } from './test-run';

/** Fails fast, with a clear message, when a configured test service does not answer. */
export default async function globalSetup(): Promise<void> {
  const postgres = process.env.TEST_DATABASE_URL;
  const redis = process.env.TEST_REDIS_URL;
  if (postgres) {
    const name = new URL(postgres).pathname.replace(/^\//, '');
    if (!name.includes('test')) throw new Error(`TEST_DATABASE_URL must name a database whose name contains "test" (it names "${name}")`);
    if (!(await postgresAnswers(postgres))) throw new Error('TEST_DATABASE_URL is set but PostgreSQL does not answer there');
  }
  if (redis && !(await redisAnswers(redis))) throw new Error('TEST_REDIS_URL is set but Redis does not answer there');
  await beginTestRun();
  process.stdout.write(
    `\nTest services: PostgreSQL ${postgres ? 'server (TEST_DATABASE_URL)' : 'embedded (PGlite), as TEST_DATABASE_URL is not set'}; ` +
      `Redis ${redis ? 'server (TEST_REDIS_URL)' : 'none: tests that need it are skipped'}\n`,
  );
}
