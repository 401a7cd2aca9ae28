import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  formatCaseReference,
  type CaseEntry,
  type CaseRecord,
  type CaseStatus,
  type Compartment,
  type ConflictKind,
  type DatedPosting,
  type RecordedConflict,
} from '@caseroom/domain';
import {
  CaseAgencyEntity,
  CaseCompartmentEntity,
  CaseConflictEntity,
  CaseEntity,
  CaseEntryEntity,
  CaseSuspectEntity,
  CaseSuspectPostingEntity,
} from '../entities';
import { PolicyInputsRepository } from './policy-inputs.repository';

export type NewCase = Omit<CaseRecord, 'id' | 'reference' | 'status' | 'createdAt' | 'suspect'> & {
  readonly status: CaseStatus;
  readonly victimMatchKey: string;
  readonly suspectMatchKey: string;
  readonly suspect: CaseRecord['suspect'] & { readonly postings: readonly DatedPosting[] };
  readonly fields: Readonly<Record<Compartment, Record<string, unknown>>>;
  readonly createdBy: string;
  readonly year: number;
};

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

  /** Creates the case, its panel agencies, suspect and four compartments in one transaction. */
  async create(input: NewCase): Promise<CaseRecord> {
    const id = await this.dataSource.transaction(async (manager) => {
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
      await manager.save(
        CaseCompartmentEntity,
        (Object.keys(input.fields) as Compartment[]).map((compartment) => ({
          caseId: created.id,
          compartment,
          fields: input.fields[compartment],
          updatedBy: input.createdBy,
        })),
      );
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

  async update(
    id: string,
    patch: { status?: CaseStatus; investigatingForceId?: string | null; agencyIds?: readonly string[] },
  ): Promise<void> {
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
    const repository = this.dataSource.getRepository(CaseEntryEntity);
    return toEntry(await repository.save(repository.create({ caseId, compartment, ...entry })));
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

  private async load(where: { id?: string; reference?: string }): Promise<CaseRecord[]> {
    const cases = await this.dataSource.getRepository(CaseEntity).find({ where, order: { createdAt: 'ASC' } });
    if (cases.length === 0) return [];
    const ids = cases.map((row) => row.id);
    const [agencies, suspects] = await Promise.all([
      this.dataSource.getRepository(CaseAgencyEntity).findBy({ caseId: In(ids) }),
      this.dataSource.getRepository(CaseSuspectEntity).findBy({ caseId: In(ids) }),
    ]);
    return cases.map((row) => {
      const suspect = suspects.find((candidate) => candidate.caseId === row.id)!;
      return {
        id: row.id,
        reference: row.reference,
        status: row.status,
        referralGround: row.referralGround,
        referredOn: row.referredOn,
        referringAgencyId: row.referringAgencyId,
        repeatOfCaseId: row.repeatOfCaseId,
        investigatingForceId: row.investigatingForceId,
        agencyIds: agencies.filter((agency) => agency.caseId === row.id).map((agency) => agency.agencyId),
        suspect: {
          userId: suspect.userId,
          forceId: suspect.forceId,
          unitId: suspect.unitId,
          lineManagerId: suspect.lineManagerId,
          isPublicProtection: suspect.isPublicProtection,
        },
        createdAt: row.createdAt,
      };
    });
  }
}
