import { sweepTestRun } from './test-run';

/**
 * Fails the run when a test left a database or a temporary folder behind (each is removed first, so the
 * next run starts clean), naming what was left so the test that left it can be found.
 */
export default async function globalTeardown(): Promise<void> {
  const { databases, folders } = await sweepTestRun(process.env.TEST_DATABASE_URL || null);
  if (databases.length === 0 && folders.length === 0) return;
  const lines = [...databases.map((name) => `  database ${name}`), ...folders.map((name) => `  temporary folder ${name}`)];
  throw new Error(`The suite left these behind (now removed); a test must remove what it makes, also when it fails:\n${lines.join('\n')}`);
}
