import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AccessRecord, CaseStatus, ReferralGround } from '@caseroom/domain';
import { insertAccessRecords } from './access-log.repository';
import { returnedRows } from './database-errors';

export interface StatusMove {
  readonly caseId: string;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly by: string;
  readonly reason: string | null;
}

/** What the coordinator's list may be narrowed by; every filter is optional. */
export interface TriageFilters {
  readonly reference?: string;
  readonly status?: CaseStatus;
  readonly referredFrom?: string;
  readonly referredTo?: string;
  readonly referringAgencyId?: string;
  readonly suspectForceId?: string;
  readonly isRepeat?: boolean;
  readonly sort: 'newest' | 'oldest';
}

/** A case as triage lists it: its structure, and the DASH score of its referral. */
export interface TriageCandidate {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly referredOn: string;
  readonly referralGround: ReferralGround;
  readonly dashScore: number | null;
  readonly referringAgencyId: string;
  readonly suspectForceId: string;
  readonly repeatOfCaseId: string | null;
  readonly repeatOfReference: string | null;
}

interface CandidateRow {
  id: string;
  reference: string;
  status: CaseStatus;
  referred_on: string;
  referral_ground: ReferralGround;
  dash_score: number | null;
  referring_agency_id: string;
  suspect_force_id: string;
  repeat_of_case_id: string | null;
  repeat_of_reference: string | null;
}

/** Moves the case and records the move, in the caller's transaction; false when the case was no longer in `from`. */
export async function moveStatus(manager: EntityManager, move: StatusMove): Promise<boolean> {
  const moved = returnedRows<{ id: string }>(
    await manager.query<unknown>(`UPDATE cases SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`, [
      move.caseId,
      move.from,
      move.to,
    ]),
  );
  if (moved.length === 0) return false;
  await manager.query(`INSERT INTO case_status_changes (case_id, from_status, to_status, reason, changed_by) VALUES ($1, $2, $3, $4, $5)`, [
    move.caseId,
    move.from,
    move.to,
    move.reason,
    move.by,
  ]);
  return true;
}

/** `%` and `_` typed in a search are searched for, not wildcards. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/** A case's way from referral to closure: its status moves, each recorded with who made it and why. */
@Injectable()
export class CaseJourneyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Moves the case from one status to the next, with the record of the move and the access-log rows it
   * leads to, together; answers false (and changes nothing) when the case was no longer in `from`.
   */
  async move(move: StatusMove, accessLog: readonly AccessRecord[] = []): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await moveStatus(manager, move))) return false;
      await insertAccessRecords(manager, accessLog);
      return true;
    });
  }

  /** Cases matching the filters, by referral date; the policy then decides which of them the viewer may see. */
  async findForTriage(filters: TriageFilters): Promise<TriageCandidate[]> {
    const direction = filters.sort === 'oldest' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query<CandidateRow[]>(
      `SELECT c.id, c.reference, c.status, c.referred_on::text AS referred_on, c.referral_ground, c.referring_agency_id,
              s.force_id AS suspect_force_id, c.repeat_of_case_id, earlier.reference AS repeat_of_reference,
              (SELECT CASE WHEN jsonb_typeof(p.fields->'referral'->'dashScore') = 'number'
                           THEN (p.fields->'referral'->>'dashScore')::int END
                 FROM case_compartments p WHERE p.case_id = c.id AND p.compartment = 'panel') AS dash_score
         FROM cases c
         JOIN case_suspects s ON s.case_id = c.id
         LEFT JOIN cases earlier ON earlier.id = c.repeat_of_case_id
        WHERE ($1::text IS NULL OR c.reference ILIKE $1 ESCAPE '\\')
          AND ($2::text IS NULL OR c.status = $2)
          AND ($3::date IS NULL OR c.referred_on >= $3::date)
          AND ($4::date IS NULL OR c.referred_on <= $4::date)
          AND ($5::uuid IS NULL OR c.referring_agency_id = $5::uuid)
          AND ($6::uuid IS NULL OR s.force_id = $6::uuid)
          AND ($7::boolean IS NULL OR (c.repeat_of_case_id IS NOT NULL) = $7::boolean)
        ORDER BY c.referred_on ${direction}, c.reference ${direction}`,
      [
        filters.reference ? likeContaining(filters.reference) : null,
        filters.status ?? null,
        filters.referredFrom ?? null,
        filters.referredTo ?? null,
        filters.referringAgencyId ?? null,
        filters.suspectForceId ?? null,
        filters.isRepeat ?? null,
      ],
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      referredOn: row.referred_on,
      referralGround: row.referral_ground,
      dashScore: row.dash_score,
      referringAgencyId: row.referring_agency_id,
      suspectForceId: row.suspect_force_id,
      repeatOfCaseId: row.repeat_of_case_id,
      repeatOfReference: row.repeat_of_reference,
    }));
  }

  async statusOf(caseId: string): Promise<CaseStatus | null> {
    const rows = await this.dataSource.query<{ status: CaseStatus }[]>(`SELECT status FROM cases WHERE id = $1`, [caseId]);
    return rows[0]?.status ?? null;
  }

  /** How many of the case's actions are still open. */
  async openActions(caseId: string): Promise<number> {
    const rows = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM case_actions WHERE case_id = $1 AND status = 'open'`,
      [caseId],
    );
    return rows[0]?.count ?? 0;
  }
}
