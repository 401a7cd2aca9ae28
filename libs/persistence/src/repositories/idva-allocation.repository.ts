import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AreaConcern, IdvaAllocation, ProposalBasis } from '@caseroom/domain';
import { returnedRows } from './database-errors';
import { bumpPolicyVersion } from './policy-inputs.repository';

export type NewIdvaAllocation = Omit<IdvaAllocation, 'id' | 'allocatedAt'>;

interface AllocationRow {
  id: string;
  case_id: string;
  service_id: string;
  idva_id: string;
  proposed_service_id: string | null;
  proposed_idva_id: string | null;
  basis: ProposalBasis | null;
  concerns: AreaConcern[];
  reason: string | null;
  allocated_by: string;
  allocated_at: Date;
}

const toAllocation = (row: AllocationRow): IdvaAllocation => ({
  id: row.id,
  caseId: row.case_id,
  serviceId: row.service_id,
  idvaId: row.idva_id,
  proposedServiceId: row.proposed_service_id,
  proposedIdvaId: row.proposed_idva_id,
  basis: row.basis,
  concerns: row.concerns,
  reason: row.reason,
  allocatedBy: row.allocated_by,
  allocatedAt: new Date(row.allocated_at),
});

/** Every case's allocation now: its latest row. */
const currentAllocations = `SELECT DISTINCT ON (case_id) * FROM idva_allocations ORDER BY case_id, allocated_at DESC, id`;

/** Who speaks for the victim on each case, and the IDVAs who could. */
@Injectable()
export class IdvaAllocationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async currentFor(caseId: string): Promise<IdvaAllocation | null> {
    const [row] = await this.dataSource.query<AllocationRow[]>(
      `SELECT * FROM idva_allocations WHERE case_id = $1 ORDER BY allocated_at DESC, id LIMIT 1`,
      [caseId],
    );
    return row ? toAllocation(row) : null;
  }

  /**
   * Records the allocation and, when the IDVA's service is not yet one of the case's agencies, adds it in
   * the same transaction: its IDVAs are then admitted to the victim's side by the policy's own rule, and
   * the policy version moves on so that every instance decides again.
   */
  async allocate(allocation: NewIdvaAllocation): Promise<{ allocation: IdvaAllocation; hasJoinedCase: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = returnedRows<AllocationRow>(
        await manager.query(
          `INSERT INTO idva_allocations (case_id, service_id, idva_id, proposed_service_id, proposed_idva_id, basis, concerns, reason, allocated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9) RETURNING *`,
          [
            allocation.caseId,
            allocation.serviceId,
            allocation.idvaId,
            allocation.proposedServiceId,
            allocation.proposedIdvaId,
            allocation.basis,
            allocation.concerns,
            allocation.reason,
            allocation.allocatedBy,
          ],
        ),
      );
      const joined = returnedRows<unknown>(
        await manager.query(`INSERT INTO case_agencies (case_id, agency_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING agency_id`, [
          allocation.caseId,
          allocation.serviceId,
        ]),
      );
      if (joined.length > 0) await bumpPolicyVersion(manager);
      return { allocation: toAllocation(row), hasJoinedCase: joined.length > 0 };
    });
  }

  /**
   * The police force the case's victim works for, when she does: the case is then police-connected on her
   * side, and the proposal keeps away from her force's area as well as the suspect's.
   */
  async policeEmployerOfVictim(caseId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<{ id: string }[]>(
      `SELECT a.id FROM cases c JOIN agencies a ON a.id = c.victim_employer_force_id WHERE c.id = $1 AND a.kind = 'police_force'`,
      [caseId],
    );
    return row?.id ?? null;
  }

  /** The active IDVAs of every IDVA service, by name: whom a proposal chooses from. */
  async findActiveIdvas(): Promise<{ id: string; name: string; agencyId: string }[]> {
    const rows = await this.dataSource.query<{ id: string; name: string; agency_id: string }[]>(
      `SELECT u.id, u.name, u.agency_id FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE a.kind = 'idva_service' AND 'idva' = ANY(u.roles) AND u.is_active ORDER BY u.name, u.id`,
    );
    return rows.map((row) => ({ id: row.id, name: row.name, agencyId: row.agency_id }));
  }

  /** How many open cases (neither declined nor closed) each IDVA speaks for now, leaving out the case being allocated. */
  async openCaseloads(idvaIds: readonly string[], exceptCaseId: string): Promise<Map<string, number>> {
    if (idvaIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ idva_id: string; caseload: number }[]>(
      `SELECT current.idva_id, count(*)::int AS caseload
         FROM (${currentAllocations}) current JOIN cases c ON c.id = current.case_id
        WHERE current.idva_id = ANY($1::uuid[]) AND c.id <> $2 AND c.status NOT IN ('declined', 'closed')
        GROUP BY current.idva_id`,
      [[...idvaIds], exceptCaseId],
    );
    return new Map(rows.map((row) => [row.idva_id, row.caseload]));
  }
}
