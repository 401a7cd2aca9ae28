import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { ExternalIdentityEntity } from '../entities';

export interface ExternalIdentityLink {
  readonly providerId: string;
  readonly issuer: string;
  readonly subject: string;
  readonly linkedAt: Date;
}

/** Organisational accounts linked to Caseroom accounts, found by issuer and subject only (decision 0029). */
@Injectable()
export class ExternalIdentityRepository {
  private readonly links: Repository<ExternalIdentityEntity>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.links = dataSource.getRepository(ExternalIdentityEntity);
  }

  async findUserId(issuer: string, subject: string): Promise<string | null> {
    const row = await this.links.findOne({ where: { issuer, subject }, select: { id: true, userId: true } });
    return row?.userId ?? null;
  }

  /**
   * Links the account, or answers what stands in the way: the organisational account is linked to
   * someone else, or this person already has another account of the same issuer. One statement, so
   * two people racing to link the same account cannot both win.
   */
  async link(input: {
    userId: string;
    providerId: string;
    issuer: string;
    subject: string;
  }): Promise<'linked' | 'already-linked' | 'taken'> {
    const inserted = await this.links.createQueryBuilder().insert().values(input).orIgnore().returning(['id']).execute();
    if ((inserted.raw as unknown[]).length === 1) return 'linked';
    const holder = await this.findUserId(input.issuer, input.subject);
    return holder === input.userId ? 'already-linked' : 'taken';
  }

  async listForUser(userId: string): Promise<ExternalIdentityLink[]> {
    const rows = await this.links.find({ where: { userId }, order: { linkedAt: 'ASC' } });
    return rows.map(({ providerId, issuer, subject, linkedAt }) => ({ providerId, issuer, subject, linkedAt }));
  }
}
