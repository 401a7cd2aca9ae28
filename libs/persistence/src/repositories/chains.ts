import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

export type ChainVerdict =
  | { readonly intact: true; readonly rows: number }
  | { readonly intact: false; readonly rows: number; readonly brokenAt: string; readonly problem: string };

/**
 * How one append-only record is chained: its table, the column that orders it, and the fields its
 * hash covers, each read back as text. `quoted` chains write each field as an SQL literal (what the
 * database's `quote_nullable` gives) so that nulls and separators cannot be confused.
 */
export interface ChainSpec {
  readonly name: string;
  readonly table: string;
  readonly order: string;
  readonly fields: readonly string[];
  readonly encoding: 'plain' | 'quoted';
}

const utc = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const accessLogChain: ChainSpec = {
  name: 'access log',
  table: 'access_log',
  order: 'id',
  fields: [
    'id::text',
    utc('occurred_at'),
    'viewer_id::text',
    'case_id::text',
    'compartment',
    'action',
    'channel',
    'policy_version::text',
    'reason',
  ],
  encoding: 'plain',
};

export const decisionChain: ChainSpec = {
  name: 'decisions',
  table: 'decisions',
  order: 'sequence',
  fields: [
    'id::text',
    'sequence::text',
    utc('recorded_at'),
    'case_id::text',
    'conference_id::text',
    'kind',
    'compartment',
    'rationale',
    'options_considered',
    'details::text',
    'positions::text',
    'recorded_by::text',
    'supersedes_id::text',
    'supersede_reason',
  ],
  encoding: 'quoted',
};

export const restrictionEventChain: ChainSpec = {
  name: 'restriction events',
  table: 'restriction_events',
  order: 'id',
  fields: ['id::text', utc('occurred_at'), 'restriction_id::text', 'step', 'by_id::text', 'detail::text'],
  encoding: 'quoted',
};

export const minutesChain: ChainSpec = {
  name: 'approved minutes',
  table: 'minutes',
  order: 'sequence',
  fields: [
    'id::text',
    'sequence::text',
    utc('recorded_at'),
    'conference_id::text',
    'version::text',
    'content::text',
    'approved_by::text',
    'supersedes_id::text',
    'correction_reason',
  ],
  encoding: 'quoted',
};

export const minutesEventChain: ChainSpec = {
  name: 'minutes copies (issued, downloaded, refused, withdrawn, reissued)',
  table: 'minutes_events',
  order: 'id',
  fields: ['id::text', utc('occurred_at'), 'copy_id::text', 'step', 'by_id::text', 'detail::text'],
  encoding: 'quoted',
};

export const refusalChain: ChainSpec = {
  name: 'refused attempts',
  table: 'refusals',
  order: 'id',
  fields: ['id::text', utc('occurred_at'), 'person_id::text', 'case_id::text', 'attempted', 'channel', 'attempt', 'reason'],
  encoding: 'quoted',
};

/** Every append-only record, in the order `npm run audit:verify` reports them. */
export const chains: readonly ChainSpec[] = [
  accessLogChain,
  decisionChain,
  restrictionEventChain,
  minutesChain,
  minutesEventChain,
  refusalChain,
];

const genesis = '0'.repeat(64);

/** PostgreSQL's `quote_nullable` for text, with standard-conforming strings. */
function sqlLiteral(value: string | null): string {
  if (value === null) return 'NULL';
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes('\\') ? `E${quoted.replaceAll('\\', '\\\\')}` : quoted;
}

/**
 * Recomputes a whole chain here, independently of the database's trigger: each row's hash must be the
 * SHA-256 of its own fields and the hash before it, and must be what the next row names as previous.
 */
export async function verifyChain(dataSource: DataSource, spec: ChainSpec, batchSize = 5000): Promise<ChainVerdict> {
  const select = spec.fields.map((field, index) => `${field} AS f${index}`).join(', ');
  let previous = genesis;
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    const batch: Record<string, string | null>[] = await dataSource.query(
      `SELECT ${spec.order}::text AS position, ${select}, previous_hash, hash FROM ${spec.table}
        WHERE $1::bigint IS NULL OR ${spec.order} > $1::bigint ORDER BY ${spec.order} LIMIT $2`,
      [after, batchSize],
    );
    for (const row of batch) {
      rows += 1;
      const position = row.position!;
      if (row.previous_hash !== previous)
        return {
          intact: false,
          rows,
          brokenAt: position,
          problem: 'does not follow the row before it (a row was removed, inserted or re-chained)',
        };
      const values = [...spec.fields.map((_field, index) => row[`f${index}`] ?? null), row.previous_hash];
      const payload = spec.encoding === 'quoted' ? values.map(sqlLiteral).join('|') : values.join('|');
      if (createHash('sha256').update(payload, 'utf8').digest('hex') !== row.hash)
        return { intact: false, rows, brokenAt: position, problem: 'its content does not match its hash (the row was altered)' };
      previous = row.hash!;
    }
    if (batch.length < batchSize) return { intact: true, rows };
    after = batch[batch.length - 1].position!;
  }
}

/** Every chain, verified in turn. */
export async function verifyAllChains(dataSource: DataSource): Promise<{ spec: ChainSpec; verdict: ChainVerdict }[]> {
  const results: { spec: ChainSpec; verdict: ChainVerdict }[] = [];
  for (const spec of chains) results.push({ spec, verdict: await verifyChain(dataSource, spec) });
  return results;
}
