import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ReferralDraft } from '@caseroom/domain';
import { returnedRows } from './database-errors';

interface DraftRow {
  id: string;
  author_id: string;
  content: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, author_id, content, created_at, updated_at';

const toDraft = (row: DraftRow): ReferralDraft => ({
  id: row.id,
  authorId: row.author_id,
  content: row.content,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

/** Referrals being written. Every read and change names the author: another person's draft is not found. */
@Injectable()
export class ReferralDraftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(authorId: string, content: Record<string, unknown>): Promise<ReferralDraft> {
    const [row] = await this.dataSource.query<DraftRow[]>(
      `INSERT INTO referral_drafts (author_id, content) VALUES ($1, $2::jsonb) RETURNING ${columns}`,
      [authorId, JSON.stringify(content)],
    );
    return toDraft(row);
  }

  async listForAuthor(authorId: string): Promise<ReferralDraft[]> {
    const rows = await this.dataSource.query<DraftRow[]>(
      `SELECT ${columns} FROM referral_drafts WHERE author_id = $1 ORDER BY updated_at DESC, id`,
      [authorId],
    );
    return rows.map(toDraft);
  }

  async findForAuthor(id: string, authorId: string): Promise<ReferralDraft | null> {
    const rows = await this.dataSource.query<DraftRow[]>(`SELECT ${columns} FROM referral_drafts WHERE id = $1 AND author_id = $2`, [
      id,
      authorId,
    ]);
    return rows[0] ? toDraft(rows[0]) : null;
  }

  /** Replaces the draft's content; null when the author has no such draft. */
  async replace(id: string, authorId: string, content: Record<string, unknown>): Promise<ReferralDraft | null> {
    const rows = returnedRows<DraftRow>(
      await this.dataSource.query<unknown>(
        `UPDATE referral_drafts SET content = $3::jsonb, updated_at = now() WHERE id = $1 AND author_id = $2 RETURNING ${columns}`,
        [id, authorId, JSON.stringify(content)],
      ),
    );
    return rows[0] ? toDraft(rows[0]) : null;
  }

  async delete(id: string, authorId: string): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(`DELETE FROM referral_drafts WHERE id = $1 AND author_id = $2 RETURNING id`, [id, authorId]),
    );
    return rows.length > 0;
  }
}
