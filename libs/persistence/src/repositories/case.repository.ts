import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import {
  dashScore,
  formatCaseReference,
  notFound,
  type CaseEntry,
  type CaseRecord,
  type CaseStatus,
  type Compartment,
  type ConflictKind,
  type DashAnswers,
  type DatedPosting,
  type RecordedConflict,
  type ReferralGround,
  type VictimWorkplace,
} from '@caseroom/domain';
import {
  CaseAgencyEntity,
  CaseCompartmentEntity,
  CaseConflictEntity,
  CaseEntity,
  CaseEntryEntity,
  CaseRiskAssessmentEntity,
  CaseSuspectEntity,
  CaseSuspectPostingEntity,
  CaseVictimPostingEntity,
  CaseVictimWorkerEntity,
} from '../entities';
import { returnedRows } from './database-errors';
import { PolicyInputsRepository } from './policy-inputs.repository';

/** Where a police-employed victim works, with the postings recorded for her when she has no account. */
export type RecordedVictimWorkplace = VictimWorkplace & { readonly postings: readonly DatedPosting[] };

export type NewCase = Omit<CaseRecord, 'id' | 'reference' | 'status' | 'createdAt' | 'suspect' | 'victimWorkplace'> & {
  readonly status: CaseStatus;
  readonly victimMatchKey: string;
  readonly suspectMatchKey: string;
  readonly victimWorkplace: RecordedVictimWorkplace | null;
  readonly suspect: CaseRecord['suspect'] & { readonly postings: readonly DatedPosting[] };
  readonly fields: Readonly<Record<Compartment, Record<string, unknown>>>;
  /** The DASH answers the referrer recorded, assessed by them as the case is created, at `createdAt`. */
  readonly dashAnswers: DashAnswers | null;
  readonly createdAt: Date;
  /** A draft of the creator's that this case is made from: deleted in the same transaction, or nothing is created. */
  readonly fromDraftId: string | null;
  readonly year: number;
};

interface CaseRow {
  id: string;
  reference: string;
  status: CaseStatus;
  referral_ground: ReferralGround;
  referred_on: string;
  referring_agency_id: string;
  created_by: string;
  repeat_of_case_id: string | null;
  investigating_force_id: string | null;
  created_at: Date;
  agency_ids: string[];
  suspect_user_id: string | null;
  suspect_force_id: string;
  suspect_unit_id: string | null;
  suspect_line_manager_id: string | null;
  is_public_protection: boolean;
  victim_employer_force_id: string | null;
  victim_user_id: string | null;
  victim_unit_id: string | null;
  victim_line_manager_id: string | null;
}

const caseQuery = `
  SELECT c.id, c.reference, c.status, c.referral_ground, c.referred_on::text AS referred_on, c.referring_agency_id,
         c.created_by, c.repeat_of_case_id, c.investigating_force_id, c.created_at,
         ARRAY(SELECT a.agency_id::text FROM case_agencies a WHERE a.case_id = c.id) AS agency_ids,
         s.user_id AS suspect_user_id, s.force_id AS suspect_force_id, s.unit_id AS suspect_unit_id,
         s.line_manager_id AS suspect_line_manager_id, s.is_public_protection, c.victim_employer_force_id,
         vw.user_id AS victim_user_id, vw.unit_id AS victim_unit_id, vw.line_manager_id AS victim_line_manager_id
    FROM cases c JOIN case_suspects s ON s.case_id = c.id LEFT JOIN case_victim_workers vw ON vw.case_id = c.id`;

interface EntryRow {
  id: string;
  compartment: Compartment;
  author_id: string;
  occurred_on: string | null;
  text: string;
  created_at: Date;
}

function toEntry(row: CaseEntryEntity): CaseEntry {
  return {
    id: row.id,
    compartment: row.compartment,
    authorId: row.authorId,
    occurredOn: row.occurredOn,
    text: row.text,
    createdAt: row.createdAt,
  };
}

@Injectable()
export class CaseRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly policyInputs: PolicyInputsRepository,
  ) {}

  /**
   * Creates the case, its panel agencies, suspect, four compartments and risk assessment in one
   * transaction, consuming the draft it was written in (404 when that draft is not the creator's).
   */
  async create(input: NewCase): Promise<CaseRecord> {
    const id = await this.dataSource.transaction(async (manager) => {
      if (input.fromDraftId !== null) {
        const deleted = returnedRows<{ id: string }>(
          await manager.query<unknown>(`DELETE FROM referral_drafts WHERE id = $1 AND author_id = $2 RETURNING id`, [
            input.fromDraftId,
            input.createdBy,
          ]),
        );
        if (deleted.length === 0) throw notFound('The draft');
      }
      const reference = await this.nextReference(manager, input.year);
      const created = await manager.save(
        manager.create(CaseEntity, {
          reference,
          status: input.status,
          referralGround: input.referralGround,
          referredOn: input.referredOn,
          referringAgencyId: input.referringAgencyId,
          repeatOfCaseId: input.repeatOfCaseId,
          investigatingForceId: input.investigatingForceId,
          victimEmployerForceId: input.victimWorkplace?.forceId ?? null,
          victimMatchKey: input.victimMatchKey,
          suspectMatchKey: input.suspectMatchKey,
          createdBy: input.createdBy,
        }),
      );
      await manager.insert(
        CaseAgencyEntity,
        input.agencyIds.map((agencyId) => ({ caseId: created.id, agencyId })),
      );
      const { postings, ...suspect } = input.suspect;
      await manager.insert(CaseSuspectEntity, { caseId: created.id, ...suspect });
      if (postings.length > 0)
        await manager.insert(
          CaseSuspectPostingEntity,
          postings.map((posting) => ({ caseId: created.id, ...posting })),
        );
      await this.insertVictimWorkplace(manager, created.id, input.victimWorkplace);
      await manager.save(
        CaseCompartmentEntity,
        (Object.keys(input.fields) as Compartment[]).map((compartment) => ({
          caseId: created.id,
          compartment,
          fields: input.fields[compartment],
          updatedBy: input.createdBy,
        })),
      );
      if (input.dashAnswers !== null)
        await manager.insert(CaseRiskAssessmentEntity, {
          caseId: created.id,
          tool: 'dash_ric',
          answers: input.dashAnswers,
          score: dashScore(input.dashAnswers),
          assessedBy: input.createdBy,
          assessedAt: input.createdAt,
        });
      await this.policyInputs.bumpVersion(manager);
      return created.id;
    });
    return (await this.findById(id))!;
  }

  async findById(id: string): Promise<CaseRecord | null> {
    return (await this.load({ id }))[0] ?? null;
  }

  /** The case's neutral reference, the only way notices and registers name it. */
  async referenceOf(id: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ reference: string }[]>(`SELECT reference FROM cases WHERE id = $1`, [id]);
    return rows[0]?.reference ?? null;
  }

  async findByReference(reference: string): Promise<CaseRecord | null> {
    return (await this.load({ reference }))[0] ?? null;
  }

  async listAll(): Promise<CaseRecord[]> {
    return this.load({});
  }

  /** An earlier case about the same victim and suspect, referred within the window before `referredOn`. */
  async findEarlierMatch(
    victimMatchKey: string,
    suspectMatchKey: string,
    referredOn: string,
    windowMonths: number,
  ): Promise<string | null> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM cases WHERE victim_match_key = $1 AND suspect_match_key = $2
          AND referred_on <= $3::date AND referred_on > ($3::date - make_interval(months => $4))
        ORDER BY referred_on DESC LIMIT 1`,
      [victimMatchKey, suspectMatchKey, referredOn, windowMonths],
    );
    return rows[0]?.id ?? null;
  }

  /** The panel's agencies and the investigating force; the status moves by `CaseJourneyRepository.move`. */
  async update(id: string, patch: { investigatingForceId?: string | null; agencyIds?: readonly string[] }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const { agencyIds, ...columns } = patch;
      if (Object.keys(columns).length > 0) await manager.update(CaseEntity, { id }, columns);
      if (agencyIds) {
        await manager.delete(CaseAgencyEntity, { caseId: id });
        await manager.insert(
          CaseAgencyEntity,
          agencyIds.map((agencyId) => ({ caseId: id, agencyId })),
        );
      }
      if (agencyIds || patch.investigatingForceId !== undefined) await this.policyInputs.bumpVersion(manager);
    });
  }

  /**
   * Records where the victim works (or, with `null`, that she does not work for a police force), keeping
   * the victim compartment's `employerForceId` in step; a policy input, so the version moves with it.
   */
  async recordVictimWorkplace(caseId: string, workplace: RecordedVictimWorkplace | null, by: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const forceId = workplace?.forceId ?? null;
      await manager.update(CaseEntity, { id: caseId }, { victimEmployerForceId: forceId });
      await manager.delete(CaseVictimPostingEntity, { caseId });
      await manager.delete(CaseVictimWorkerEntity, { caseId });
      await this.insertVictimWorkplace(manager, caseId, workplace);
      await manager.query(
        `UPDATE case_compartments SET fields = fields || jsonb_build_object('employerForceId', $2::text), updated_by = $3, updated_at = now()
          WHERE case_id = $1 AND compartment = 'victim'`,
        [caseId, forceId, by],
      );
      await this.policyInputs.bumpVersion(manager);
    });
  }

  /** The postings recorded for a police-employed victim without an account, oldest first. */
  async victimPostings(caseId: string): Promise<DatedPosting[]> {
    const rows = await this.dataSource
      .getRepository(CaseVictimPostingEntity)
      .find({ where: { caseId }, order: { startsOn: 'ASC', id: 'ASC' } });
    return rows.map(({ unitId, startsOn, endsOn }) => ({ unitId, startsOn, endsOn }));
  }

  private async insertVictimWorkplace(manager: EntityManager, caseId: string, workplace: RecordedVictimWorkplace | null): Promise<void> {
    if (workplace === null) return;
    const { forceId: _forceId, postings, ...worker } = workplace;
    await manager.insert(CaseVictimWorkerEntity, { caseId, ...worker });
    if (postings.length > 0)
      await manager.insert(
        CaseVictimPostingEntity,
        postings.map((posting) => ({ caseId, ...posting })),
      );
  }

  async fields(caseId: string, compartment: Compartment): Promise<{ fields: Record<string, unknown>; updatedAt: Date } | null> {
    const row = await this.dataSource.getRepository(CaseCompartmentEntity).findOneBy({ caseId, compartment });
    return row ? { fields: row.fields, updatedAt: row.updatedAt } : null;
  }

  /** Merges the given fields into the compartment (a field given as null is cleared). */
  async mergeFields(caseId: string, compartment: Compartment, fields: Record<string, unknown>, by: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE case_compartments SET fields = jsonb_strip_nulls(fields || $3::jsonb), updated_by = $4, updated_at = now()
        WHERE case_id = $1 AND compartment = $2`,
      [caseId, compartment, JSON.stringify(fields), by],
    );
  }

  async entries(caseId: string, compartment: Compartment): Promise<CaseEntry[]> {
    const rows = await this.dataSource.getRepository(CaseEntryEntity).find({ where: { caseId, compartment }, order: { createdAt: 'ASC' } });
    return rows.map(toEntry);
  }

  async addEntry(
    caseId: string,
    compartment: Compartment,
    entry: { authorId: string; occurredOn: string | null; text: string },
  ): Promise<CaseEntry> {
    // One statement, no transaction around it: an entry is one row.
    const [row] = await this.dataSource.query<EntryRow[]>(
      `INSERT INTO case_entries (case_id, compartment, author_id, occurred_on, text) VALUES ($1, $2, $3, $4, $5)
       RETURNING id, compartment, author_id, occurred_on::text AS occurred_on, text, created_at`,
      [caseId, compartment, entry.authorId, entry.occurredOn, entry.text],
    );
    return {
      id: row.id,
      compartment: row.compartment,
      authorId: row.author_id,
      occurredOn: row.occurred_on,
      text: row.text,
      createdAt: row.created_at,
    };
  }

  async addConflict(input: {
    caseId: string;
    userId: string;
    kind: ConflictKind;
    reason: string;
    source: 'declared' | 'recorded';
    recordedBy: string;
  }): Promise<void> {
    // One statement, so one round trip holds the policy version's row lock: recording a conflict is on
    // the path of a live revocation, and concurrent revocations queue on that lock.
    await this.dataSource.query(
      `WITH added AS (
         INSERT INTO case_conflicts (case_id, user_id, kind, reason, source, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING 1
       )
       UPDATE policy_state SET version = version + 1 WHERE id = 1 AND EXISTS (SELECT 1 FROM added)`,
      [input.caseId, input.userId, input.kind, input.reason, input.source, input.recordedBy],
    );
  }

  async conflicts(caseId: string): Promise<RecordedConflict[]> {
    const rows = await this.dataSource.getRepository(CaseConflictEntity).find({ where: { caseId }, order: { createdAt: 'ASC' } });
    return rows.map(({ id, userId, kind, reason, source, recordedBy, createdAt }) => ({
      id,
      userId,
      kind,
      reason,
      source,
      recordedBy,
      createdAt,
    }));
  }

  private async nextReference(manager: EntityManager, year: number): Promise<string> {
    const rows = await manager.query<{ last_number: number }[]>(
      `INSERT INTO case_reference_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = case_reference_counters.last_number + 1
       RETURNING last_number`,
      [year],
    );
    return formatCaseReference(year, rows[0].last_number);
  }

  /** Cases with their panel agencies and suspect, in one statement: every case route reads one. */
  private async load(where: { id?: string; reference?: string }): Promise<CaseRecord[]> {
    const [condition, parameters] =
      where.id !== undefined
        ? ['WHERE c.id = $1', [where.id]]
        : where.reference !== undefined
          ? ['WHERE c.reference = $1', [where.reference]]
          : ['', []];
    const rows = await this.dataSource.query<CaseRow[]>(`${caseQuery} ${condition} ORDER BY c.created_at`, parameters);
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      referralGround: row.referral_ground,
      referredOn: row.referred_on,
      referringAgencyId: row.referring_agency_id,
      createdBy: row.created_by,
      repeatOfCaseId: row.repeat_of_case_id,
      investigatingForceId: row.investigating_force_id,
      agencyIds: row.agency_ids,
      suspect: {
        userId: row.suspect_user_id,
        forceId: row.suspect_force_id,
        unitId: row.suspect_unit_id,
        lineManagerId: row.suspect_line_manager_id,
        isPublicProtection: row.is_public_protection,
      },
      victimWorkplace:
        row.victim_employer_force_id === null
          ? null
          : {
              forceId: row.victim_employer_force_id,
              userId: row.victim_user_id,
              unitId: row.victim_unit_id,
              lineManagerId: row.victim_line_manager_id,
            },
      createdAt: row.created_at,
    }));
  }
}
