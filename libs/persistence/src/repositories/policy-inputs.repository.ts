import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyKind, CaseSubject, DatedPosting, PoliceWorkerProfile, Role, ViewerProfile } from '@caseroom/domain';
import { returnedRows } from './database-errors';
import { busyReadsInFlight, GroupedRead, isUuid } from './grouped-read';

/** The line managers above a person, nearest first, as a text array; `first` is the SQL for the nearest. */
const managerChain = (first: string) => `
  ARRAY(WITH RECURSIVE chain(id, depth) AS (
          SELECT seed.id, 1 FROM (SELECT ${first} AS id) seed WHERE seed.id IS NOT NULL
          UNION ALL
          SELECT m.line_manager_id, chain.depth + 1 FROM users m JOIN chain ON m.id = chain.id
           WHERE m.line_manager_id IS NOT NULL AND chain.depth < 64
        )
        SELECT id::text FROM chain ORDER BY depth)`;

/** Postings as a JSON array, oldest first; `rows` is the SQL for rows of unit_id, starts_on and ends_on. */
const postingsJson = (rows: string) => `
  COALESCE((SELECT json_agg(json_build_object('unit_id', p.unit_id, 'starts_on', p.starts_on::text, 'ends_on', p.ends_on::text)
                            ORDER BY p.starts_on)
              FROM (${rows}) p), '[]'::json)`;

/** People's policy inputs, with each one's line managers (nearest first) and postings, in one statement. */
const viewersQuery = `
  SELECT u.id, u.agency_id, a.kind AS agency_kind, u.unit_id, u.roles, u.is_active,
         ${managerChain('u.line_manager_id')} AS manager_chain,
         ${postingsJson('SELECT unit_id, starts_on, ends_on FROM postings WHERE user_id = u.id')} AS postings
    FROM users u JOIN agencies a ON a.id = u.agency_id
   WHERE u.id = ANY($1::uuid[])`;

/**
 * A case's policy inputs in one statement. The suspect's chain starts at their account's line manager
 * when they have an account, else at the line manager recorded on the case, and is followed up the
 * accounts from there. A police-employed victim's workplace is read the same way.
 */
const subjectQuery = `
  SELECT c.id, c.investigating_force_id, s.user_id, s.force_id, s.unit_id,
         u.agency_id AS account_force_id, u.unit_id AS account_unit_id,
         c.victim_employer_force_id, vw.user_id AS victim_user_id, vw.unit_id AS victim_unit_id,
         vu.agency_id AS victim_account_force_id, vu.unit_id AS victim_account_unit_id,
         ARRAY(SELECT agency_id::text FROM case_agencies WHERE case_id = c.id) AS agency_ids,
         COALESCE((SELECT json_agg(json_build_object('user_id', first.user_id, 'source', first.source))
                     FROM (SELECT DISTINCT ON (user_id) user_id, source FROM case_conflicts
                            WHERE case_id = c.id ORDER BY user_id, created_at) first), '[]'::json) AS conflicts,
         ${managerChain('CASE WHEN s.user_id IS NOT NULL THEN u.line_manager_id ELSE s.line_manager_id END')} AS manager_chain,
         ${postingsJson(`SELECT unit_id, starts_on, ends_on FROM postings WHERE user_id = s.user_id
                         UNION ALL
                         SELECT unit_id, starts_on, ends_on FROM case_suspect_postings WHERE case_id = c.id AND s.user_id IS NULL`)} AS postings,
         ${managerChain('CASE WHEN vw.user_id IS NOT NULL THEN vu.line_manager_id ELSE vw.line_manager_id END')} AS victim_manager_chain,
         ${postingsJson(`SELECT unit_id, starts_on, ends_on FROM postings WHERE user_id = vw.user_id
                         UNION ALL
                         SELECT unit_id, starts_on, ends_on FROM case_victim_postings WHERE case_id = c.id AND vw.user_id IS NULL`)} AS victim_postings
    FROM cases c JOIN case_suspects s ON s.case_id = c.id LEFT JOIN users u ON u.id = s.user_id
         LEFT JOIN case_victim_workers vw ON vw.case_id = c.id LEFT JOIN users vu ON vu.id = vw.user_id
   WHERE c.id = $1`;

interface ViewerRow {
  id: string;
  agency_id: string;
  agency_kind: AgencyKind;
  unit_id: string | null;
  roles: Role[];
  is_active: boolean;
  manager_chain: string[];
  postings: PostingRow[];
}

interface SubjectRow {
  id: string;
  investigating_force_id: string | null;
  user_id: string | null;
  force_id: string;
  unit_id: string | null;
  account_force_id: string | null;
  account_unit_id: string | null;
  agency_ids: string[];
  /** Each person's earliest conflict on the case. */
  conflicts: { user_id: string; source: 'declared' | 'recorded' }[];
  /** The suspect's line managers, nearest first: their account's chain, else the one recorded on the case. */
  manager_chain: string[];
  /** Their account's postings, else the ones recorded on the case. */
  postings: PostingRow[];
  /** The force the victim works for, when it is one; with the rest of her workplace read as the suspect's is. */
  victim_employer_force_id: string | null;
  victim_user_id: string | null;
  victim_unit_id: string | null;
  victim_account_force_id: string | null;
  victim_account_unit_id: string | null;
  victim_manager_chain: string[];
  victim_postings: PostingRow[];
}

interface PostingRow {
  unit_id: string;
  starts_on: string;
  ends_on: string | null;
}

const toPosting = (row: PostingRow): DatedPosting => ({ unitId: row.unit_id, startsOn: row.starts_on, endsOn: row.ends_on });

/** A police-employed victim as the policy sees her: her account's organisation data, else what the case records. */
function victimOf(row: SubjectRow): PoliceWorkerProfile | null {
  if (row.victim_employer_force_id === null) return null;
  const account = row.victim_user_id;
  return {
    userId: account,
    forceId: row.victim_account_force_id ?? row.victim_employer_force_id,
    unitId: account !== null ? row.victim_account_unit_id : row.victim_unit_id,
    managerChain: row.victim_manager_chain,
    postings: row.victim_postings.map(toPosting),
  };
}

/** Bumps the policy version; called inside the transaction (or statement) that changed a policy input. */
export async function bumpPolicyVersion(manager: EntityManager): Promise<string> {
  const result = await manager.query<unknown>(
    `UPDATE policy_state SET version = version + 1 WHERE id = 1 RETURNING version::text AS version`,
  );
  return returnedRows<{ version: string }>(result)[0].version;
}

/** Profiles and subjects loaded at one policy version; shared by every reader that sees that version. */
interface VersionedCache {
  readonly version: bigint;
  readonly viewers: Map<string, Promise<ViewerProfile | null>>;
  readonly subjects: Map<string, Promise<CaseSubject | null>>;
}

/** Policy inputs as they were at one version: see `PolicyInputsRepository.snapshot`. */
export interface PolicySnapshot {
  readonly version: string;
  viewers(userIds: readonly string[]): Promise<Map<string, ViewerProfile>>;
  viewer(userId: string): Promise<ViewerProfile | null>;
  subject(caseId: string): Promise<CaseSubject | null>;
}

/** Past this many entries a cache is dropped and refilled: a bound on memory, not a policy. */
const cacheLimit = 20_000;

/**
 * Reads what the policy decides from: people's organisation data and cases' structure. Also keeps the
 * policy version, which every change to those inputs bumps in the transaction that makes it.
 *
 * Every read first asks the database for the current version (one indexed row) and reuses what was
 * loaded at that version, on this instance; any change anywhere, on any instance, bumps the version
 * and so empties every cache at its next read. A change is therefore seen by the next decision, as
 * with no cache at all (docs/decisions/0009).
 */
@Injectable()
export class PolicyInputsRepository {
  private cache: VersionedCache = { version: -1n, viewers: new Map(), subjects: new Map() };
  /**
   * The version is read before every decision, by every join of a meeting starting at once: the readers
   * asking together share one read, begun after they asked (grouped-read.ts), so none of them can miss a
   * change committed before it asked.
   */
  private readonly versionRead = new GroupedRead<'current', string>(
    async () => {
      const [row] = await this.dataSource.query<{ version: string }[]>(`SELECT version::text AS version FROM policy_state WHERE id = 1`);
      return new Map([['current', row?.version ?? '0']]);
    },
    '0',
    busyReadsInFlight,
  );
  /** Profiles not loaded yet at the current version, for every reader asking at once, in one go. */
  private readonly viewerRows = new GroupedRead<string, ViewerRow | null>(async (userIds) => {
    const rows = await this.dataSource.query<ViewerRow[]>(viewersQuery, [userIds]);
    return new Map(rows.map((row) => [row.id, row]));
  }, null);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The cache for the version now current, or a newer one another reader has already started. */
  private async current(): Promise<VersionedCache> {
    const version = BigInt(await this.currentVersion());
    const size = this.cache.viewers.size + this.cache.subjects.size;
    if (version > this.cache.version || size > cacheLimit) this.cache = { version, viewers: new Map(), subjects: new Map() };
    return this.cache;
  }

  private static remember<T>(map: Map<string, Promise<T>>, key: string, load: Promise<T>): Promise<T> {
    map.set(key, load);
    // A failed load is not remembered: the next reader tries again.
    load.catch(() => map.delete(key));
    return load;
  }

  async viewer(userId: string): Promise<ViewerProfile | null> {
    return (await this.viewers([userId])).get(userId) ?? null;
  }

  /** Several people's profiles: those not already loaded at the current version in three queries, however many. */
  async viewers(userIds: readonly string[]): Promise<Map<string, ViewerProfile>> {
    return this.viewersIn(await this.current(), userIds);
  }

  private async viewersIn(cache: VersionedCache, userIds: readonly string[]): Promise<Map<string, ViewerProfile>> {
    const missing = [...new Set(userIds)].filter((id) => !cache.viewers.has(id));
    if (missing.length > 0) {
      const batch = this.loadViewers(missing);
      for (const id of missing)
        void PolicyInputsRepository.remember(
          cache.viewers,
          id,
          batch.then((loaded) => loaded.get(id) ?? null),
        );
    }
    const profiles = await Promise.all(userIds.map((id) => cache.viewers.get(id)!));
    return new Map(profiles.flatMap((profile) => (profile ? [[profile.userId, profile] as const] : [])));
  }

  private async loadViewers(userIds: readonly string[]): Promise<Map<string, ViewerProfile>> {
    const ids = [...new Set(userIds)].filter(isUuid);
    if (ids.length === 0) return new Map();
    const rows = (await Promise.all(ids.map((id) => this.viewerRows.read(id)))).filter((row) => row !== null);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          userId: row.id,
          agencyId: row.agency_id,
          agencyKind: row.agency_kind,
          unitId: row.unit_id,
          roles: row.roles,
          isActive: row.is_active,
          managerChain: row.manager_chain,
          postings: row.postings.map((posting) => ({ ...toPosting(posting), roleTitle: '' })),
        },
      ]),
    );
  }

  async subject(caseId: string): Promise<CaseSubject | null> {
    return this.subjectIn(await this.current(), caseId);
  }

  /**
   * Reads bound to the policy version current now: however many inputs a decision (or a pass over many
   * sockets) needs, the version is read once, and it is the version to stamp on the access-log rows that
   * the decisions lead to.
   */
  async snapshot(): Promise<PolicySnapshot> {
    const cache = await this.current();
    return {
      version: cache.version.toString(),
      viewers: (userIds) => this.viewersIn(cache, userIds),
      viewer: async (userId) => (await this.viewersIn(cache, [userId])).get(userId) ?? null,
      subject: (caseId) => this.subjectIn(cache, caseId),
    };
  }

  private subjectIn(cache: VersionedCache, caseId: string): Promise<CaseSubject | null> {
    return cache.subjects.get(caseId) ?? PolicyInputsRepository.remember(cache.subjects, caseId, this.loadSubject(caseId));
  }

  private async loadSubject(caseId: string): Promise<CaseSubject | null> {
    // One statement, one round trip: subjects are reloaded after every policy change, on the path of a
    // live revocation, so nothing here waits on a second query.
    const [row] = await this.dataSource.query<SubjectRow[]>(subjectQuery, [caseId]);
    if (!row) return null;
    const account = row.user_id;
    return {
      caseId: row.id,
      memberAgencyIds: row.agency_ids,
      investigatingForceId: row.investigating_force_id,
      suspect: {
        userId: account,
        forceId: row.account_force_id ?? row.force_id,
        unitId: account !== null ? row.account_unit_id : row.unit_id,
        managerChain: row.manager_chain,
        postings: row.postings.map(toPosting),
      },
      victim: victimOf(row),
      recordedConflicts: row.conflicts.map((conflict) => ({ userId: conflict.user_id, source: conflict.source })),
    };
  }

  currentVersion(): Promise<string> {
    return this.versionRead.read('current');
  }

  /** Every change to a policy input calls this, inside the transaction that made the change when there is one. */
  async bumpVersion(manager: EntityManager = this.dataSource.manager): Promise<string> {
    return bumpPolicyVersion(manager);
  }

  /** Bumps the version once when the deployed policy table differs from the one last recorded. */
  async recordTableVersion(tableVersion: number): Promise<void> {
    await this.dataSource.query(`UPDATE policy_state SET version = version + 1, table_version = $1 WHERE id = 1 AND table_version <> $1`, [
      tableVersion,
    ]);
  }
}
