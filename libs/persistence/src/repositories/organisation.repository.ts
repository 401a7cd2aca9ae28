import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import type { Agency, AgencyKind, Unit, UnitKind } from '@caseroom/domain';
import { AgencyEntity, UnitEntity } from '../entities';
import { rethrowConstraint } from './database-errors';

const toAgency = (row: AgencyEntity): Agency => ({ id: row.id, name: row.name, kind: row.kind, code: row.code });
const toUnit = (row: UnitEntity): Unit => ({ id: row.id, agencyId: row.agencyId, parentId: row.parentId, name: row.name, kind: row.kind });

@Injectable()
export class AgencyRepository {
  private readonly rows: Repository<AgencyEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.rows = dataSource.getRepository(AgencyEntity);
  }

  async listAll(): Promise<Agency[]> {
    return (await this.rows.find({ order: { name: 'ASC' } })).map(toAgency);
  }

  async findById(id: string): Promise<Agency | null> {
    const row = await this.rows.findOneBy({ id });
    return row ? toAgency(row) : null;
  }

  async create(input: { name: string; kind: AgencyKind; code: string }): Promise<Agency> {
    try {
      return toAgency(await this.rows.save(this.rows.create(input)));
    } catch (error) {
      rethrowConstraint(error, { agencies_code_key: 'code' });
    }
  }

  async update(id: string, patch: { name?: string; code?: string }): Promise<void> {
    try {
      await this.rows.update({ id }, patch);
    } catch (error) {
      rethrowConstraint(error, { agencies_code_key: 'code' });
    }
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
