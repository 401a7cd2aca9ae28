import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { Agency, AgencyKind, Unit, UnitKind } from '@caseroom/domain';
import { AgencyEntity, AgencyServedForceEntity, UnitEntity } from '../entities';
import { rethrowConstraint } from './database-errors';

const toAgency = (row: AgencyEntity, servesForceIds: readonly string[] = []): Agency => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  code: row.code,
  servesForceIds,
});
const toUnit = (row: UnitEntity): Unit => ({ id: row.id, agencyId: row.agencyId, parentId: row.parentId, name: row.name, kind: row.kind });

@Injectable()
export class AgencyRepository {
  private readonly rows: Repository<AgencyEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository(AgencyEntity);
  }

  async listAll(): Promise<Agency[]> {
    const [rows, served] = await Promise.all([this.rows.find({ order: { name: 'ASC' } }), this.servedForces()]);
    return rows.map((row) => toAgency(row, served.get(row.id)));
  }

  async findById(id: string): Promise<Agency | null> {
    const [row, served] = await Promise.all([this.rows.findOneBy({ id }), this.servedForces(id)]);
    return row ? toAgency(row, served.get(id)) : null;
  }

  async create(input: { name: string; kind: AgencyKind; code: string }): Promise<Agency> {
    try {
      return toAgency(await this.rows.save(this.rows.create(input)));
    } catch (error) {
      rethrowConstraint(error, { agencies_code_key: 'code' });
    }
  }

  async update(id: string, patch: { name?: string; code?: string; servesForceIds?: readonly string[] }): Promise<void> {
    const { servesForceIds, ...columns } = patch;
    try {
      await this.dataSource.transaction(async (manager) => {
        if (Object.keys(columns).length > 0) await manager.update(AgencyEntity, { id }, columns);
        if (!servesForceIds) return;
        await manager.delete(AgencyServedForceEntity, { agencyId: id });
        if (servesForceIds.length > 0)
          await manager.insert(
            AgencyServedForceEntity,
            servesForceIds.map((forceId) => ({ agencyId: id, forceId })),
          );
      });
    } catch (error) {
      rethrowConstraint(error, { agencies_code_key: 'code' });
    }
  }

  /** The forces each IDVA service serves (one service's, when given), in a stable order. */
  private async servedForces(agencyId?: string): Promise<Map<string, string[]>> {
    const rows = await this.dataSource.getRepository(AgencyServedForceEntity).find({
      where: agencyId ? { agencyId } : {},
      order: { agencyId: 'ASC', forceId: 'ASC' },
    });
    const served = new Map<string, string[]>();
    for (const row of rows) served.set(row.agencyId, [...(served.get(row.agencyId) ?? []), row.forceId]);
    return served;
  }
}

@Injectable()
export class UnitRepository {
  private readonly rows: Repository<UnitEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.rows = dataSource.getRepository(UnitEntity);
  }

  async listByAgency(agencyId: string): Promise<Unit[]> {
    return (await this.rows.find({ where: { agencyId }, order: { name: 'ASC' } })).map(toUnit);
  }

  async findById(id: string): Promise<Unit | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toUnit(row) : null;
  }

  async create(input: { agencyId: string; parentId: string | null; name: string; kind: UnitKind }): Promise<Unit> {
    return toUnit(await this.rows.save(this.rows.create(input)));
  }

  async update(id: string, patch: { name?: string; parentId?: string | null }): Promise<void> {
    await this.rows.update({ id }, patch);
  }

  /** Parent of every unit of a force, to refuse a change that would make the hierarchy loop. */
  async parentsInAgency(agencyId: string): Promise<Map<string, string | null>> {
    const rows = await this.rows.find({ where: { agencyId }, select: { id: true, parentId: true } });
    return new Map(rows.map((row) => [row.id, row.parentId]));
  }
}
