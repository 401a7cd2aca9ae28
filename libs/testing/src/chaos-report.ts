import { appendFileSync } from 'node:fs';

/** What one fault test counted, for `npm run chaos` to add up into its one line. */
export interface ChaosCounts {
  readonly cycles: number;
  readonly acknowledged?: number;
  readonly missing?: number;
  readonly diverged?: number;
  readonly crashes: number;
  readonly postRevokeFrames?: number;
}

/** Appends a fault test's counts to CHAOS_REPORT when `npm run chaos` runs it; nothing otherwise. */
export function reportChaos(counts: ChaosCounts): void {
  const path = process.env.CHAOS_REPORT;
  if (path) appendFileSync(path, `${JSON.stringify(counts)}\n`);
}
