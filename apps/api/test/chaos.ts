/**
 * `npm run chaos`: the fault tests (writers through an instance killed with SIGKILL, through PostgreSQL
 * restarts and a 5 s outage, and Redis lost for 10 s with a revocation during it), each run CHAOS_REPEATS times,
 * the PostgreSQL faults CHAOS_ROUNDS times over in each run, and one line adding up what they counted:
 * `chaos cycles=<n> acknowledged=<n> missing=0 diverged=0 crashes=0 post_revoke_frames=0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChaosCounts } from '@caseroom/testing';

const rounds = process.env.CHAOS_ROUNDS ?? '3';
const folder = mkdtempSync(join(tmpdir(), 'caseroom-chaos-'));
const report = join(folder, 'counts.jsonl');
const files = [
  'apps/api/test/notes-crash.e2e-spec.ts',
  'apps/api/test/postgres-restart.e2e-spec.ts',
  'apps/api/test/redis-outage.e2e-spec.ts',
];
const runs = Array.from({ length: Number(process.env.CHAOS_REPEATS ?? 2) }, () => files).flat();

let failed = false;
for (const file of runs) {
  const run = spawnSync(
    process.execPath,
    ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', 'node_modules/jest/bin/jest.js', file, '--forceExit'],
    {
      stdio: 'inherit',
      // The outages the issue names: PostgreSQL stopped for 5 s, Redis away for 10 s with a revocation in it.
      env: { CHAOS_POSTGRES_OUTAGE_MS: '5000', CHAOS_REDIS_OUTAGE_MS: '10000', ...process.env, CHAOS_ROUNDS: rounds, CHAOS_REPORT: report },
    },
  );
  if (run.status !== 0) failed = true;
}

const counts = existsSync(report)
  ? readFileSync(report, 'utf8')
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as ChaosCounts)
  : [];
rmSync(folder, { recursive: true, force: true });
const sum = (pick: (entry: ChaosCounts) => number | undefined) => counts.reduce((total, entry) => total + (pick(entry) ?? 0), 0);
process.stdout.write(
  `chaos cycles=${sum((entry) => entry.cycles)} acknowledged=${sum((entry) => entry.acknowledged)} missing=${sum((entry) => entry.missing)} ` +
    `diverged=${sum((entry) => entry.diverged)} crashes=${sum((entry) => entry.crashes)} post_revoke_frames=${sum((entry) => entry.postRevokeFrames)}\n`,
);
process.exit(failed || counts.length < runs.length ? 1 : 0);
