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
  /**
   * For a record the retention sweep may erase (decision 0031): `marker` is true of a row that holds only
   * what erasure leaves, and `recorded` of a row whose case has an erasure of that kind on record. Such a
   * row is checked by its link alone; one that claims erasure without a record is a break.
   */
  readonly erasure?: { readonly marker: string; readonly recorded: string };
}

const erasureOf = (caseId: string, kind: string) =>
  `EXISTS (SELECT 1 FROM case_erasures erasure WHERE erasure.case_id = ${caseId} AND erasure.kind = '${kind}')`;

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
  erasure: {
    marker: `viewer_id = '00000000-0000-0000-0000-000000000000' AND reason = 'erased'`,
    recorded: erasureOf('access_log.case_id', 'access_log'),
  },
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
  erasure: {
    marker: `rationale = 'erased' AND options_considered IS NULL AND details = '{}'::jsonb AND positions = '[]'::jsonb
      AND supersede_reason IS NOT DISTINCT FROM CASE WHEN supersedes_id IS NULL THEN NULL ELSE 'erased' END`,
    recorded: erasureOf('decisions.case_id', 'case_content'),
  },
};

export const restrictionEventChain: ChainSpec = {
  name: 'restriction events',
  table: 'restriction_events',
  order: 'id',
  fields: ['id::text', utc('occurred_at'), 'restriction_id::text', 'step', 'by_id::text', 'detail::text'],
  encoding: 'quoted',
  erasure: {
    marker: `detail = '{}'::jsonb`,
    recorded: erasureOf('(SELECT case_id FROM restrictions WHERE restrictions.id = restriction_events.restriction_id)', 'case_content'),
  },
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
  erasure: {
    marker: `content = '{}'::jsonb AND correction_reason IS NOT DISTINCT FROM CASE WHEN supersedes_id IS NULL THEN NULL ELSE 'erased' END`,
    recorded: `EXISTS (SELECT 1 FROM agenda_items item JOIN case_erasures erasure ON erasure.case_id = item.case_id
      WHERE item.conference_id = minutes.conference_id AND erasure.kind = 'minutes')`,
  },
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

export const erasureChain: ChainSpec = {
  name: 'erasures',
  table: 'case_erasures',
  order: 'id',
  fields: ['id::text', utc('occurred_at'), 'case_id::text', 'kind', 'rule'],
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
  erasureChain,
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
  const erasure = spec.erasure
    ? `(${spec.erasure.marker}) AS is_erased, (${spec.erasure.recorded}) AS is_recorded`
    : 'false AS is_erased, false AS is_recorded';
  let previous = genesis;
  let after: string | null = null;
  let rows = 0;
  for (;;) {
    const batch: (Record<string, string | null> & { is_erased: boolean; is_recorded: boolean })[] = await dataSource.query(
      `SELECT ${spec.order}::text AS position, ${select}, ${erasure}, previous_hash, hash FROM ${spec.table}
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
      if (row.is_erased && !row.is_recorded)
        return { intact: false, rows, brokenAt: position, problem: 'its content was removed with no erasure on record' };
      if (row.is_erased) {
        // Erased content cannot be recomputed; the next row's link still vouches for this row's hash.
        previous = row.hash!;
        continue;
      }
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
