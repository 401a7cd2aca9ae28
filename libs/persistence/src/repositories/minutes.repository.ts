import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  conflict,
  type AccessRecord,
  type MinutesContent,
  type MinutesCopy,
  type MinutesDraft,
  type MinutesDraftContent,
  type MinutesHolds,
  type MinutesStep,
  type MinutesVersion,
} from '@caseroom/domain';
import { insertAccessRecords } from './access-log.repository';
import { isUniqueViolation, returnedRows } from './database-errors';

interface DraftRow {
  conference_id: string;
  revision: number;
  content: MinutesDraftContent;
  updated_by: string;
  updated_at: Date;
}

interface VersionRow {
  id: string;
  conference_id: string;
  version: number;
  recorded_at: Date;
  content: MinutesContent;
  approved_by: string;
  supersedes_id: string | null;
  correction_reason: string | null;
}

interface CopyRow {
  id: string;
  minutes_id: string;
  recipient_id: string;
  recipient_name: string;
  recipient_agency_name: string;
  number: number;
  fingerprint_key: string;
  policy_version: string;
  holds: MinutesHolds;
  issued_at: Date;
  issued_by: string;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  replaced_by: string | null;
}

const toDraft = (row: DraftRow): MinutesDraft => ({
  conferenceId: row.conference_id,
  revision: row.revision,
  content: row.content,
  updatedBy: row.updated_by,
  updatedAt: row.updated_at,
});

const toVersion = (row: VersionRow): MinutesVersion => ({
  id: row.id,
  conferenceId: row.conference_id,
  version: row.version,
  recordedAt: row.recorded_at,
  content: row.content,
  approvedBy: row.approved_by,
  supersedesId: row.supersedes_id,
  correctionReason: row.correction_reason,
});

const toCopy = (row: CopyRow): MinutesCopy => ({
  id: row.id,
  minutesId: row.minutes_id,
  recipientId: row.recipient_id,
  recipientName: row.recipient_name,
  recipientAgencyName: row.recipient_agency_name,
  number: row.number,
  fingerprintKey: row.fingerprint_key,
  policyVersion: String(row.policy_version),
  holds: row.holds,
  issuedAt: row.issued_at,
  issuedBy: row.issued_by,
  withdrawnAt: row.withdrawn_at,
  withdrawnReason: row.withdrawn_reason,
  replacedBy: row.replaced_by,
});

export interface NewMinutesCopy {
  readonly minutesId: string;
  readonly recipientId: string;
  readonly recipientName: string;
  readonly recipientAgencyName: string;
  readonly fingerprintKey: string;
  readonly policyVersion: string;
  readonly holds: MinutesHolds;
}

export interface MinutesEvent {
  readonly copyId: string;
  readonly step: MinutesStep;
  readonly byId: string;
  readonly detail: Record<string, unknown>;
}

const copyColumns = `id, minutes_id, recipient_id, recipient_name, recipient_agency_name, number, fingerprint_key, policy_version::text AS policy_version,
  holds, issued_at, issued_by, withdrawn_at, withdrawn_reason, replaced_by`;

async function insertEvents(manager: EntityManager, events: readonly MinutesEvent[]): Promise<void> {
  for (const event of events)
    await manager.query(`INSERT INTO minutes_events (copy_id, step, by_id, detail) VALUES ($1, $2, $3, $4)`, [
      event.copyId,
      event.step,
      event.byId,
      JSON.stringify(event.detail),
    ]);
}

/**
 * Minutes: the draft (changed by revision, so that two editors cannot overwrite each other unseen),
 * approved versions (chained, append-only), copies and their chained events. Every change that
 * discloses or alters case content carries its access-log rows into the same transaction.
 */
@Injectable()
export class MinutesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async draft(conferenceId: string): Promise<MinutesDraft | null> {
    const [row] = await this.dataSource.query<DraftRow[]>(`SELECT * FROM minutes_drafts WHERE conference_id = $1`, [conferenceId]);
    return row ? toDraft(row) : null;
  }

  /** Starts the draft unless there is one already; answers the draft there is. */
  async startDraft(conferenceId: string, content: MinutesDraftContent, by: string, at: Date): Promise<MinutesDraft> {
    await this.dataSource.query(
      `INSERT INTO minutes_drafts (conference_id, revision, content, updated_by, updated_at) VALUES ($1, 0, $2, $3, $4)
       ON CONFLICT (conference_id) DO NOTHING`,
      [conferenceId, JSON.stringify(content), by, at],
    );
    return (await this.draft(conferenceId))!;
  }

  /** Saves an edit made on `revision`; false when someone saved since (nothing is written then). */
  async saveDraft(
    conferenceId: string,
    revision: number,
    content: MinutesDraftContent,
    change: { by: string; at: Date; accessLog: readonly AccessRecord[] },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const updated = returnedRows<{ conference_id: string }>(
        await manager.query<unknown>(
          `UPDATE minutes_drafts SET revision = revision + 1, content = $3, updated_by = $4, updated_at = $5
          WHERE conference_id = $1 AND revision = $2 RETURNING conference_id`,
          [conferenceId, revision, JSON.stringify(content), change.by, change.at],
        ),
      );
      if (updated.length === 0) return false;
      await insertAccessRecords(manager, change.accessLog);
      return true;
    });
  }

  async versions(conferenceId: string): Promise<MinutesVersion[]> {
    const rows = await this.dataSource.query<VersionRow[]>(`SELECT * FROM minutes WHERE conference_id = $1 ORDER BY version`, [
      conferenceId,
    ]);
    return rows.map(toVersion);
  }

  async findVersion(id: string): Promise<MinutesVersion | null> {
    const [row] = await this.dataSource.query<VersionRow[]>(`SELECT * FROM minutes WHERE id = $1`, [id]);
    return row ? toVersion(row) : null;
  }

  async findVersions(ids: readonly string[]): Promise<Map<string, MinutesVersion>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<VersionRow[]>(`SELECT * FROM minutes WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]);
    return new Map(rows.map((row) => [row.id, toVersion(row)]));
  }

  /**
   * Appends an approved version: the first, or a correction of `supersedes` (the last version), with
   * its reason and the access-log rows of the approval. Two approvals racing: the second is refused.
   */
  async approve(
    input: {
      conferenceId: string;
      version: number;
      content: MinutesContent;
      approvedBy: string;
      supersedes: { id: string; reason: string } | null;
      draftRevision: number;
    },
    accessLog: readonly AccessRecord[],
  ): Promise<MinutesVersion> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const draft = await manager.query<{ revision: number }[]>(
          `SELECT revision FROM minutes_drafts WHERE conference_id = $1 FOR UPDATE`,
          [input.conferenceId],
        );
        if (draft[0]?.revision !== input.draftRevision)
          throw conflict('The draft changed since you read it: read it again before approving.', [
            { path: 'body.revision', message: 'is not the current revision' },
          ]);
        const [row] = await manager.query<VersionRow[]>(
          `INSERT INTO minutes (id, conference_id, version, content, approved_by, supersedes_id, correction_reason)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [
            randomUUID(),
            input.conferenceId,
            input.version,
            JSON.stringify(input.content),
            input.approvedBy,
            input.supersedes?.id ?? null,
            input.supersedes?.reason ?? null,
          ],
        );
        await insertAccessRecords(manager, accessLog);
        return toVersion(row);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'minutes_conference_version_key') || isUniqueViolation(error, 'minutes_supersedes_key'))
        throw conflict('These minutes were approved by someone else just now: read them again.');
      throw error;
    }
  }

  async copiesOf(minutesIds: readonly string[]): Promise<MinutesCopy[]> {
    if (minutesIds.length === 0) return [];
    const rows = await this.dataSource.query<CopyRow[]>(
      `SELECT ${copyColumns} FROM minutes_copies WHERE minutes_id = ANY($1::uuid[]) ORDER BY number`,
      [minutesIds],
    );
    return rows.map(toCopy);
  }

  async copiesFor(recipientId: string): Promise<MinutesCopy[]> {
    const rows = await this.dataSource.query<CopyRow[]>(
      `SELECT ${copyColumns} FROM minutes_copies WHERE recipient_id = $1 ORDER BY issued_at DESC, number DESC`,
      [recipientId],
    );
    return rows.map(toCopy);
  }

  async findCopy(id: string): Promise<MinutesCopy | null> {
    const [row] = await this.dataSource.query<CopyRow[]>(`SELECT ${copyColumns} FROM minutes_copies WHERE id = $1`, [id]);
    return row ? toCopy(row) : null;
  }

  /** When each copy was last downloaded, for the copies that have been. */
  async lastDownloads(copyIds: readonly string[]): Promise<Map<string, Date>> {
    if (copyIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ copy_id: string; at: Date }[]>(
      `SELECT copy_id, MAX(occurred_at) AS at FROM minutes_events WHERE step = 'downloaded' AND copy_id = ANY($1::uuid[]) GROUP BY copy_id`,
      [copyIds],
    );
    return new Map(rows.map((row) => [row.copy_id, row.at]));
  }

  /**
   * Issues copies of one version, numbered after those it has, each with its "issued" event; when a
   * copy replaces another, the old one is marked replaced (and withdrawn if it was not) in the same
   * transaction, with its "reissued" event.
   */
  async issue(
    copies: readonly NewMinutesCopy[],
    context: { by: string; at: Date; replaces?: { copyId: string; reason: string } },
  ): Promise<MinutesCopy[]> {
    if (copies.length === 0) return [];
    return this.dataSource.transaction(async (manager) => {
      const issued: MinutesCopy[] = [];
      for (const minutesId of new Set(copies.map((copy) => copy.minutesId))) {
        // One issuer at a time per version, so that numbers are never taken twice.
        await manager.query(`SELECT id FROM minutes WHERE id = $1 FOR SHARE`, [minutesId]);
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`minutes-copies:${minutesId}`]);
        const [{ next }] = await manager.query<{ next: number }[]>(
          `SELECT COALESCE(MAX(number), 0) + 1 AS next FROM minutes_copies WHERE minutes_id = $1`,
          [minutesId],
        );
        let number = next;
        for (const copy of copies.filter((candidate) => candidate.minutesId === minutesId)) {
          const [row] = await manager.query<CopyRow[]>(
            `INSERT INTO minutes_copies (minutes_id, recipient_id, recipient_name, recipient_agency_name, number, fingerprint_key, policy_version,
                                         holds, issued_at, issued_by)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${copyColumns}`,
            [
              copy.minutesId,
              copy.recipientId,
              copy.recipientName,
              copy.recipientAgencyName,
              number,
              copy.fingerprintKey,
              copy.policyVersion,
              JSON.stringify(copy.holds),
              context.at,
              context.by,
            ],
          );
          number += 1;
          issued.push(toCopy(row));
        }
      }
      await insertEvents(
        manager,
        issued.map((copy) => ({
          copyId: copy.id,
          step: 'issued',
          byId: context.by,
          detail: {
            number: copy.number,
            policyVersion: copy.policyVersion,
            ...(context.replaces ? { replaces: context.replaces.copyId } : {}),
          },
        })),
      );
      if (context.replaces) {
        const replaced = returnedRows<{ id: string }>(
          await manager.query<unknown>(
            `UPDATE minutes_copies SET replaced_by = $2, withdrawn_at = COALESCE(withdrawn_at, $3), withdrawn_reason = COALESCE(withdrawn_reason, $4)
            WHERE id = $1 AND replaced_by IS NULL RETURNING id`,
            [context.replaces.copyId, issued[0].id, context.at, context.replaces.reason],
          ),
        );
        if (replaced.length === 0) throw conflict('This copy has already been replaced.');
        await insertEvents(manager, [
          {
            copyId: context.replaces.copyId,
            step: 'reissued',
            byId: context.by,
            detail: { replacedBy: issued[0].id, reason: context.replaces.reason },
          },
        ]);
      }
      return issued;
    });
  }

  /** Withdraws a copy; false when it already was. */
  async withdraw(copyId: string, change: { by: string; at: Date; reason: string }): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = returnedRows<{ id: string }>(
        await manager.query<unknown>(
          `UPDATE minutes_copies SET withdrawn_at = $2, withdrawn_reason = $3 WHERE id = $1 AND withdrawn_at IS NULL RETURNING id`,
          [copyId, change.at, change.reason],
        ),
      );
      if (rows.length === 0) return false;
      await insertEvents(manager, [{ copyId, step: 'withdrawn', byId: change.by, detail: { reason: change.reason } }]);
      return true;
    });
  }

  /** A download (with the access-log rows of what it disclosed) or a refused one, in the chained record. */
  async recordEvent(event: MinutesEvent, accessLog: readonly AccessRecord[] = []): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await insertEvents(manager, [event]);
      await insertAccessRecords(manager, accessLog);
    });
  }

  /** Every copy with its key, for tracing a leaked passage back to the copy it came from. */
  async traceCandidates(): Promise<
    { copyId: string; number: number; fingerprintKey: string; recipientName: string; version: number; conferenceTitle: string }[]
  > {
    const rows = await this.dataSource.query<
      { id: string; number: number; fingerprint_key: string; recipient_name: string; version: number; title: string }[]
    >(
      `SELECT c.id, c.number, c.fingerprint_key, c.recipient_name, m.version, conf.title
         FROM minutes_copies c JOIN minutes m ON m.id = c.minutes_id JOIN conferences conf ON conf.id = m.conference_id`,
    );
    return rows.map((row) => ({
      copyId: row.id,
      number: row.number,
      fingerprintKey: row.fingerprint_key,
      recipientName: row.recipient_name,
      version: row.version,
      conferenceTitle: row.title,
    }));
  }
}
