/**
 * Reading a server's Prometheus endpoint from a benchmark: what its own histograms say happened between
 * two scrapes, so a figure measured from outside can be set beside where the server spent the time.
 */

/** Every sample of one scrape, keyed by its name and labels as printed (`name{label="value",...}`). */
export type Scrape = ReadonlyMap<string, number>;

export async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`metrics: ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

function labelsOf(key: string): Record<string, string> {
  const open = key.indexOf('{');
  if (open < 0) return {};
  const labels: Record<string, string> = {};
  for (const match of key.slice(open + 1, -1).matchAll(/(\w+)="([^"]*)"/g)) labels[match[1]] = match[2];
  return labels;
}

export interface HistogramSummary {
  readonly count: number;
  readonly meanMs: number;
  /** The upper bound of the bucket the quantile falls in, in milliseconds (Infinity past the last). */
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * One histogram's observations between two scrapes, grouped by one label (an event's name, say): how many,
 * their mean, and the buckets their median and 99th percentile fell in. Observations in seconds.
 */
export function histogramBetween(before: Scrape, after: Scrape, name: string, by: string): Map<string, HistogramSummary> {
  const groups = new Map<string, { count: number; sum: number; buckets: Map<number, number> }>();
  const group = (key: string) => {
    const label = labelsOf(key)[by] ?? '';
    let found = groups.get(label);
    if (!found) groups.set(label, (found = { count: 0, sum: 0, buckets: new Map() }));
    return found;
  };
  for (const [key, value] of after) {
    if (!key.startsWith(`${name}_`)) continue;
    const added = value - (before.get(key) ?? 0);
    if (key.startsWith(`${name}_count`)) group(key).count += added;
    else if (key.startsWith(`${name}_sum`)) group(key).sum += added;
    else if (key.startsWith(`${name}_bucket`)) {
      const bound = Number(labelsOf(key).le.replace('+Inf', 'Infinity'));
      const buckets = group(key).buckets;
      buckets.set(bound, (buckets.get(bound) ?? 0) + added);
    }
  }
  const quantile = (buckets: Map<number, number>, count: number, q: number) => {
    const bounds = [...buckets.keys()].sort((a, b) => a - b);
    return (bounds.find((bound) => buckets.get(bound)! >= q * count) ?? Infinity) * 1000;
  };
  const summaries = new Map<string, HistogramSummary>();
  for (const [label, { count, sum, buckets }] of groups) {
    if (count <= 0) continue;
    summaries.set(label, {
      count,
      meanMs: (sum / count) * 1000,
      p50Ms: quantile(buckets, count, 0.5),
      p99Ms: quantile(buckets, count, 0.99),
    });
  }
  return summaries;
}
