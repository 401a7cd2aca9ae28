import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { NotificationKind, NotificationRecord } from '@caseroom/domain';
import { returnedRows } from './database-errors';

export interface NewNotification {
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly caseId: string | null;
  readonly subjectId: string;
  readonly message: string;
  readonly dueOn: string | null;
  /** Raised once per key, whoever raises it and however often. */
  readonly dedupeKey: string;
}

interface NotificationRow {
  id: string;
  recipient_id: string;
  kind: NotificationKind;
  case_id: string | null;
  subject_id: string;
  message: string;
  due_on: string | null;
  created_at: Date;
  read_at: Date | null;
}

const columns = `id, recipient_id, kind, case_id, subject_id, message, due_on::text AS due_on, created_at, read_at`;

const toNotification = (row: NotificationRow): NotificationRecord => ({
  id: row.id,
  recipientId: row.recipient_id,
  kind: row.kind,
  caseId: row.case_id,
  subjectId: row.subject_id,
  message: row.message,
  dueOn: row.due_on,
  createdAt: new Date(row.created_at),
  readAt: row.read_at ? new Date(row.read_at) : null,
});

@Injectable()
export class NotificationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts those not raised before, provided the policy version is still `policyVersion` (the one their
   * recipients were decided at); answers only the new ones (to push live), or null when the version has
   * moved on and the recipients must be decided again. The version row is held shared until the inserts
   * commit, so no change to who may see what can commit in between.
   */
  async raiseAtPolicyVersion(notifications: readonly NewNotification[], policyVersion: string): Promise<NotificationRecord[] | null> {
    return this.dataSource.transaction(async (manager) => {
      const [state] = await manager.query<{ version: string }[]>(
        `SELECT version::text AS version FROM policy_state WHERE id = 1 FOR SHARE`,
      );
      if ((state?.version ?? '0') !== policyVersion) return null;
      return insertNotifications(manager, notifications);
    });
  }

  async forRecipient(recipientId: string, limit = 200): Promise<NotificationRecord[]> {
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${columns} FROM notifications WHERE recipient_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [recipientId, limit],
    );
    return rows.map(toNotification);
  }

  /** The recipient's unread notices, newest first. */
  async unreadFor(recipientId: string, limit = 1000): Promise<NotificationRecord[]> {
    const rows = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${columns} FROM notifications WHERE recipient_id = $1 AND read_at IS NULL ORDER BY created_at DESC, id LIMIT $2`,
      [recipientId, limit],
    );
    return rows.map(toNotification);
  }

  /** One of the recipient's notices; null for anyone else's, or none. */
  async findForRecipient(id: string, recipientId: string): Promise<NotificationRecord | null> {
    const [row] = await this.dataSource.query<NotificationRow[]>(
      `SELECT ${columns} FROM notifications WHERE id = $1 AND recipient_id = $2`,
      [id, recipientId],
    );
    return row ? toNotification(row) : null;
  }

  /** Notices by id, of any recipient: to deliver the ones just raised. */
  async byIds(ids: readonly string[]): Promise<NotificationRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<NotificationRow[]>(`SELECT ${columns} FROM notifications WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toNotification);
  }

  /** Marks these of the recipient's notices read; answers how many were unread. */
  async markManyRead(ids: readonly string[], recipientId: string, at: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE notifications SET read_at = $3 WHERE id = ANY($1::uuid[]) AND recipient_id = $2 AND read_at IS NULL RETURNING id`,
        [ids, recipientId, at],
      ),
    );
    return rows.length;
  }

  async markRead(id: string, recipientId: string, at: Date): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query<unknown>(
        `UPDATE notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND recipient_id = $2 RETURNING id`,
        [id, recipientId, at],
      ),
    );
    return rows.length === 1;
  }
}

async function insertNotifications(manager: EntityManager, notifications: readonly NewNotification[]): Promise<NotificationRecord[]> {
  const raised: NotificationRecord[] = [];
  for (const notification of notifications) {
    const rows = await manager.query<NotificationRow[]>(
      `INSERT INTO notifications (recipient_id, kind, case_id, subject_id, message, due_on, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (dedupe_key) DO NOTHING RETURNING ${columns}`,
      [
        notification.recipientId,
        notification.kind,
        notification.caseId,
        notification.subjectId,
        notification.message,
        notification.dueOn,
        notification.dedupeKey,
      ],
    );
    raised.push(...rows.map(toNotification));
  }
  return raised;
}
