import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type Repository } from 'typeorm';
import type { AgencyKind, Person, PostingRecord, Role } from '@caseroom/domain';
import { PostingEntity, UserEntity } from '../entities';
import { rethrowConstraint } from './database-errors';
import { bumpPolicyVersion } from './policy-inputs.repository';

const uniqueFields = { users_email_key: 'email' };

function toPosting(row: PostingEntity): PostingRecord {
  return { id: row.id, unitId: row.unitId, roleTitle: row.roleTitle, startsOn: row.startsOn, endsOn: row.endsOn };
}

function toPerson(row: UserEntity, postings: readonly PostingEntity[]): Person {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    agencyId: row.agencyId,
    unitId: row.unitId,
    roles: row.roles,
    staffNumber: row.staffNumber,
    rank: row.rank,
    lineManagerId: row.lineManagerId,
    isActive: row.isActive,
    hasSecondFactor: row.totpEnabledAt !== null,
    postings: postings.map(toPosting).sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
  };
}

export type NewPerson = Omit<Person, 'id' | 'isActive' | 'hasSecondFactor' | 'postings'> & { readonly passwordHash: string };

export type PersonPatch = Partial<Omit<NewPerson, 'agencyId' | 'passwordHash'>> & { readonly isActive?: boolean };

@Injectable()
export class PersonRepository {
  private readonly users: Repository<UserEntity>;
  private readonly postings: Repository<PostingEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.users = dataSource.getRepository(UserEntity);
    this.postings = dataSource.getRepository(PostingEntity);
  }

  async countAll(): Promise<number> {
    return this.users.count();
  }

  async listAll(): Promise<Person[]> {
    const [rows, postings] = await Promise.all([this.users.find({ order: { name: 'ASC' } }), this.postings.find()]);
    const byUser = new Map<string, PostingEntity[]>();
    for (const posting of postings) byUser.set(posting.userId, [...(byUser.get(posting.userId) ?? []), posting]);
    return rows.map((row) => toPerson(row, byUser.get(row.id) ?? []));
  }

  /** Ids of the active people of one agency, or only those of it who hold the role. */
  async findActiveIdsInAgency(agencyId: string, role?: Role): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE agency_id = $1 AND is_active AND ($2::text IS NULL OR $2::text = ANY(roles)) ORDER BY id`,
      [agencyId, role ?? null],
    );
    return rows.map((row) => row.id);
  }

  /** Ids of the active people, of any agency, who hold the role (every coordinator, say). */
  async findActiveIdsWithRole(role: Role): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE is_active AND $1::text = ANY(roles) ORDER BY id`,
      [role],
    );
    return rows.map((row) => row.id);
  }

  /**
   * People of one agency whose name contains the text, or whose staff number starts with it, by name;
   * at most `limit`. Accounts that are no longer active are found too: a suspect may have been suspended.
   */
  async searchInAgency(agencyId: string, text: string, limit: number): Promise<Person[]> {
    const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM users WHERE agency_id = $1 AND (name ILIKE $2 ESCAPE '\\' OR staff_number ILIKE $3 ESCAPE '\\')
        ORDER BY name, id LIMIT $4`,
      [agencyId, `%${escaped}%`, `${escaped}%`, limit],
    );
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const [people, postings] = await Promise.all([
      this.users.find({ where: { id: In(ids) } }),
      this.postings.find({ where: { userId: In(ids) } }),
    ]);
    const order = new Map(ids.map((id, index) => [id, index]));
    return people
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((row) =>
        toPerson(
          row,
          postings.filter((posting) => posting.userId === row.id),
        ),
      );
  }

  /** Ids of the active people of every agency of one kind (the IOPC's people, say). */
  async findActiveIdsInAgenciesOfKind(kind: AgencyKind): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT u.id FROM users u JOIN agencies a ON a.id = u.agency_id WHERE a.kind = $1 AND u.is_active ORDER BY u.id`,
      [kind],
    );
    return rows.map((row) => row.id);
  }

  /** Names and agencies of several people in one query (presence lists). */
  async namesOf(ids: readonly string[]): Promise<{ id: string; name: string; agencyId: string }[]> {
    if (ids.length === 0) return [];
    const rows = await this.users.find({
      where: { id: In([...ids]) },
      select: { id: true, name: true, agencyId: true },
      order: { name: 'ASC' },
    });
    return rows.map(({ id, name, agencyId }) => ({ id, name, agencyId }));
  }

  /** Whether the account exists, active or not: one narrow query, for checks on a busy path. */
  async exists(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM users WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  async findById(id: string): Promise<Person | null> {
    const row = await this.users.findOneBy({ id });
    return row ? toPerson(row, await this.postings.findBy({ userId: id })) : null;
  }

  // Roles, agency, unit, line manager, being active and postings are policy inputs: every change to
  // them bumps the policy version in the same transaction.

  async create(input: NewPerson): Promise<Person> {
    try {
      const row = await this.dataSource.transaction(async (manager) => {
        const created = await manager.save(this.users.create({ ...input, roles: [...input.roles] }));
        await bumpPolicyVersion(manager);
        return created;
      });
      return toPerson(row, []);
    } catch (error) {
      rethrowConstraint(error, uniqueFields);
    }
  }

  async update(id: string, patch: PersonPatch): Promise<void> {
    const { roles, ...rest } = patch;
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(UserEntity, { id }, { ...rest, ...(roles ? { roles: [...roles] } : {}) });
        await bumpPolicyVersion(manager);
      });
    } catch (error) {
      rethrowConstraint(error, uniqueFields);
    }
  }

  /** Line manager of every person in an agency, to refuse a change that would close a management loop. */
  async lineManagersInAgency(agencyId: string): Promise<Map<string, string | null>> {
    const rows = await this.users.find({ where: { agencyId }, select: { id: true, lineManagerId: true } });
    return new Map(rows.map((row) => [row.id, row.lineManagerId]));
  }

  async findPosting(postingId: string): Promise<(PostingRecord & { userId: string }) | null> {
    const row = await this.postings.findOneBy({ id: postingId });
    return row ? { ...toPosting(row), userId: row.userId } : null;
  }

  async addPosting(userId: string, posting: Omit<PostingRecord, 'id'>): Promise<PostingRecord> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(this.postings.create({ userId, ...posting }));
      await bumpPolicyVersion(manager);
      return toPosting(saved);
    });
  }

  async updatePosting(postingId: string, patch: { roleTitle?: string; endsOn?: string | null }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(PostingEntity, { id: postingId }, patch);
      await bumpPolicyVersion(manager);
    });
  }

  async deletePosting(postingId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.delete(PostingEntity, { id: postingId });
      await bumpPolicyVersion(manager);
    });
  }
}
