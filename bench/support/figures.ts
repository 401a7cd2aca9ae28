import { readFileSync } from 'node:fs';

/** The p-th percentile (nearest rank) of some samples; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Milliseconds to one decimal: on one machine most deliveries take a few milliseconds. */
export const ms = (value: number) => value.toFixed(1);

export const ratio = (caseroom: number, hocuspocus: number) => (caseroom / hocuspocus).toFixed(2);

/** Linux reports a process's CPU time in /proc in ticks of 1/100 s (USER_HZ). */
const ticksPerSecond = 100;

/**
 * CPU time (user and system) a process has used so far, in seconds; with `withEndedChildren`, also what
 * its children that ended used (a database's backends that closed, say).
 */
export function cpuSeconds(pid: number, options: { withEndedChildren?: boolean } = {}): number {
  // The command name, in parentheses, may contain spaces: the fields are counted from after it.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  const children = options.withEndedChildren ? Number(fields[13]) + Number(fields[14]) : 0;
  return (own + children) / ticksPerSecond;
}

/** The system (kernel) part of a process's CPU time so far, in seconds: for a relay, mostly its socket writes. */
export function systemCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[12]) / ticksPerSecond;
}

/** How many write system calls (write, writev, send...) a process has made so far: about one per frame written to a reader. */
export function writeCalls(pid: number): number {
  const line = readFileSync(`/proc/${pid}/io`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('syscw:'));
  return Number(line?.split(':')[1] ?? 0);
}
