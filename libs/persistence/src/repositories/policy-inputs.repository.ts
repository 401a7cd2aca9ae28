import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyKind, CaseSubject, DatedPosting, Role, ViewerProfile } from '@caseroom/domain';
import { returnedRows } from './database-errors';

/** Every person's line managers, nearest first, for many people at once. */
const chainsQuery = `
  WITH RECURSIVE chain(origin, id, depth) AS (
    SELECT id, line_manager_id, 1 FROM users WHERE id = ANY($1::uuid[]) AND line_manager_id IS NOT NULL
    UNION ALL
    SELECT c.origin, u.line_manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.id
     WHERE u.line_manager_id IS NOT NULL AND c.depth < 64
  )
  SELECT origin, id FROM chain ORDER BY origin, depth`;

const chainQuery = `
  WITH RECURSIVE chain(id, depth) AS (
    SELECT line_manager_id, 1 FROM users WHERE id = $1 AND line_manager_id IS NOT NULL
    UNION ALL
    SELECT u.line_manager_id, c.depth + 1 FROM users u JOIN chain c ON u.id = c.id
     WHERE u.line_manager_id IS NOT NULL AND c.depth < 64
  )
  SELECT id FROM chain ORDER BY depth`;

interface ViewerRow {
  id: string;
  agency_id: string;
  agency_kind: AgencyKind;
  unit_id: string | null;
  roles: Role[];
  is_active: boolean;
}

interface SubjectRow {
  id: string;
  investigating_force_id: string | null;
  user_id: string | null;
  force_id: string;
  unit_id: string | null;
  line_manager_id: string | null;
  account_force_id: string | null;
  account_unit_id: string | null;
}

interface PostingRow {
  unit_id: string;
  starts_on: string;
  ends_on: string | null;
}

const toPosting = (row: PostingRow): DatedPosting => ({ unitId: row.unit_id, startsOn: row.starts_on, endsOn: row.ends_on });

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
    const cache = await this.current();
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
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const [rows, chains, postings] = await Promise.all([
      this.dataSource.query<ViewerRow[]>(
        `SELECT u.id, u.agency_id, a.kind AS agency_kind, u.unit_id, u.roles, u.is_active
           FROM users u JOIN agencies a ON a.id = u.agency_id WHERE u.id = ANY($1::uuid[])`,
        [ids],
      ),
      this.dataSource.query<{ origin: string; id: string }[]>(chainsQuery, [ids]),
      this.dataSource.query<(PostingRow & { user_id: string })[]>(
        `SELECT user_id, unit_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM postings WHERE user_id = ANY($1::uuid[])`,
        [ids],
      ),
    ]);
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
          managerChain: chains.filter((link) => link.origin === row.id).map((link) => link.id),
          postings: postings.filter((posting) => posting.user_id === row.id).map((posting) => ({ ...toPosting(posting), roleTitle: '' })),
        },
      ]),
    );
  }

  async subject(caseId: string): Promise<CaseSubject | null> {
    const cache = await this.current();
    return cache.subjects.get(caseId) ?? PolicyInputsRepository.remember(cache.subjects, caseId, this.loadSubject(caseId));
  }

  private async loadSubject(caseId: string): Promise<CaseSubject | null> {
    const [row] = await this.dataSource.query<SubjectRow[]>(
      `SELECT c.id, c.investigating_force_id, s.user_id, s.force_id, s.unit_id, s.line_manager_id,
              u.agency_id AS account_force_id, u.unit_id AS account_unit_id
         FROM cases c JOIN case_suspects s ON s.case_id = c.id LEFT JOIN users u ON u.id = s.user_id
        WHERE c.id = $1`,
      [caseId],
    );
    if (!row) return null;
    const account = row.user_id;
    // Everything else about the subject is read in one round, side by side.
    const [agencies, conflicts, managerChain, postings] = await Promise.all([
      this.dataSource.query<{ agency_id: string }[]>(`SELECT agency_id FROM case_agencies WHERE case_id = $1`, [caseId]),
      this.dataSource.query<{ user_id: string; source: 'declared' | 'recorded' }[]>(
        `SELECT DISTINCT ON (user_id) user_id, source FROM case_conflicts WHERE case_id = $1 ORDER BY user_id, created_at`,
        [caseId],
      ),
      account !== null
        ? this.managerChain(account)
        : row.line_manager_id !== null
          ? this.managerChain(row.line_manager_id).then((chain) => [row.line_manager_id!, ...chain])
          : Promise.resolve([]),
      account !== null
        ? this.postingsOf(account)
        : this.dataSource
            .query<PostingRow[]>(
              `SELECT unit_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM case_suspect_postings WHERE case_id = $1`,
              [caseId],
            )
            .then((rows) => rows.map(toPosting)),
    ]);
    return {
      caseId: row.id,
      memberAgencyIds: agencies.map((agency) => agency.agency_id),
      investigatingForceId: row.investigating_force_id,
      suspect: {
        userId: account,
        forceId: row.account_force_id ?? row.force_id,
        unitId: account !== null ? row.account_unit_id : row.unit_id,
        managerChain,
        postings,
      },
      recordedConflicts: conflicts.map((conflict) => ({ userId: conflict.user_id, source: conflict.source })),
    };
  }

  async currentVersion(): Promise<string> {
    const [row] = await this.dataSource.query<{ version: string }[]>(`SELECT version::text AS version FROM policy_state WHERE id = 1`);
    return row?.version ?? '0';
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

  private async managerChain(userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(chainQuery, [userId]);
    return rows.map((row) => row.id);
  }

  private async postingsOf(userId: string): Promise<DatedPosting[]> {
    const rows = await this.dataSource.query<PostingRow[]>(
      `SELECT unit_id, starts_on::text AS starts_on, ends_on::text AS ends_on FROM postings WHERE user_id = $1`,
      [userId],
    );
    return rows.map(toPosting);
  }
}
