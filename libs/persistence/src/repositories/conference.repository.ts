import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  agendaNeighbour,
  orderAgenda,
  type AccessRecord,
  type AgendaDirection,
  type AgendaItem,
  type Conference,
  type ConferenceStatus,
} from '@caseroom/domain';
import { AttendanceEntity, ConferenceEntity, ConferenceParticipantEntity } from '../entities';
import { accessRecordsClause } from './access-log.repository';
import { isStatementRefused, returnedRows } from './database-errors';
import { GroupCommit } from './group-commit';
import { busyReadsInFlight, GroupedRead, isUuid } from './grouped-read';

export interface RegisterLine {
  readonly userId: string;
  readonly acknowledgedAt: Date | null;
  readonly apologies: string | null;
  readonly removedAt: Date | null;
  readonly attendance: readonly { joinedAt: Date; leftAt: Date | null }[];
}

@Injectable()
export class ConferenceRepository {
  /** A conference and its agenda are read on nearly every live event: those asked for together are read together (grouped-read.ts). */
  private readonly conferenceRows = new GroupedRead<string, ConferenceRow | null>(
    async (ids) => {
      const rows = await this.dataSource.query<ConferenceRow[]>(
        `SELECT ${conferenceColumns} FROM conferences c WHERE c.id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((row) => [row.id, row]));
    },
    null,
    busyReadsInFlight,
  );
  private readonly agendaItems = new GroupedRead<string, readonly AgendaItem[]>((ids) => this.agendas(ids), []);
  /**
   * Arrivals are group-committed: one batch in flight, whatever arrives meanwhile in the next. Each
   * arrival's access-log rows take the chain's one lock until their transaction commits, so a meeting
   * arriving in the same seconds, each in a statement of its own, queued on that lock one commit at a
   * time; a batch takes it once. One arrival the database refuses fails only itself (the batch is written
   * again arrival by arrival); the database away fails the batch at once.
   */
  private readonly arrivals = new GroupCommit<Arrival, Arrived>((batch) => this.writeArrivals(batch), {
    retryAloneOnFailure: isStatementRefused,
  });
  private readonly arrivalListeners: ((arrivals: number) => void)[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A new conference and its first invitations, sent `at`. */
  async create(input: Omit<Conference, 'id' | 'status' | 'currentItemId' | 'agendaCirculatedAt'>, at: Date): Promise<Conference> {
    const id = await this.dataSource.transaction(async (manager) => {
      const { invitedIds, ...columns } = input;
      const row = await manager.save(
        manager.create(ConferenceEntity, {
          ...columns,
          status: 'scheduled',
          currentItemId: null,
          agendaCirculatedAt: null,
          openedAt: null,
          closedAt: null,
        }),
      );
      if (invitedIds.length > 0) {
        await manager.insert(
          ConferenceParticipantEntity,
          invitedIds.map((userId) => ({
            conferenceId: row.id,
            userId,
            invitedAt: at,
            acknowledgedAt: null,
            apologies: null,
            removedAt: null,
          })),
        );
      }
      return row.id;
    });
    return (await this.findById(id))!;
  }

  /**
   * Invites these people, `at`: those not invited yet, and those whose invitation was withdrawn (invited
   * again). Answers who was invited now; anyone already invited is left as they were.
   */
  async invite(conferenceId: string, userIds: readonly string[], at: Date): Promise<string[]> {
    if (userIds.length === 0) return [];
    const result = await this.dataSource.query<unknown>(
      `INSERT INTO conference_participants (conference_id, user_id, invited_at)
       SELECT $1, invitee, $3 FROM unnest($2::uuid[]) AS invitee
       ON CONFLICT (conference_id, user_id) DO UPDATE SET invited_at = EXCLUDED.invited_at, removed_at = NULL
        WHERE conference_participants.removed_at IS NOT NULL
       RETURNING user_id::text AS user_id`,
      [conferenceId, [...new Set(userIds)], at],
    );
    return returnedRows<{ user_id: string }>(result).map((row) => row.user_id);
  }

  async findById(id: string): Promise<Conference | null> {
    if (!isUuid(id)) return null;
    const row = await this.conferenceRows.read(id);
    return row ? toConference(row) : null;
  }

  /** Conferences the person chairs, coordinates or is invited to (and was not removed from). */
  async listFor(userId: string): Promise<Conference[]> {
    const rows = await this.dataSource.query<ConferenceRow[]>(
      `SELECT ${conferenceColumns} FROM conferences c
        WHERE c.chair_id = $1 OR c.coordinator_id = $1
           OR EXISTS (SELECT 1 FROM conference_participants p WHERE p.conference_id = c.id AND p.user_id = $1 AND p.removed_at IS NULL)
        ORDER BY c.scheduled_at, c.id`,
      [userId],
    );
    return rows.map(toConference);
  }

  /** Open conferences whose agenda lists the case: where a change to that case must be felt live. */
  async openConferencesListing(caseId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT c.id FROM conferences c JOIN agenda_items a ON a.conference_id = c.id WHERE a.case_id = $1 AND c.status = 'open'`,
      [caseId],
    );
    return rows.map((row) => row.id);
  }

  /** A new item goes last in the coordinator's order. */
  async addAgendaItem(conferenceId: string, caseId: string, hasChildren: boolean): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO agenda_items (conference_id, case_id, has_children, added_order)
       SELECT $1, $2, $3, COALESCE(MAX(added_order), 0) + 1 FROM agenda_items WHERE conference_id = $1`,
      [conferenceId, caseId, hasChildren],
    );
  }

  async agenda(conferenceId: string): Promise<AgendaItem[]> {
    if (!isUuid(conferenceId)) return [];
    return (await this.agendaItems.read(conferenceId)).map((item) => ({ ...item }));
  }

  /** The agendas of several conferences in one statement, each in agenda order; a conference without items has none. */
  async agendas(conferenceIds: readonly string[]): Promise<Map<string, AgendaItem[]>> {
    const rows = await this.dataSource.query<
      { id: string; conference_id: string; case_id: string; reference: string; has_children: boolean; added_order: number }[]
    >(
      `SELECT a.id, a.conference_id, a.case_id, c.reference, a.has_children, a.added_order
         FROM agenda_items a JOIN cases c ON c.id = a.case_id WHERE a.conference_id = ANY($1::uuid[])`,
      [conferenceIds],
    );
    const byConference = new Map<string, AgendaItem[]>(conferenceIds.map((id) => [id, []]));
    for (const row of rows) {
      byConference.get(row.conference_id)?.push({
        id: row.id,
        conferenceId: row.conference_id,
        caseId: row.case_id,
        reference: row.reference,
        hasChildren: row.has_children,
        order: row.added_order,
      });
    }
    for (const [id, items] of byConference) byConference.set(id, orderAgenda(items));
    return byConference;
  }

  /** Takes an item off the agenda; answers whether there was one to take. */
  async removeAgendaItem(conferenceId: string, itemId: string): Promise<boolean> {
    const result = await this.dataSource.query<unknown>(`DELETE FROM agenda_items WHERE id = $1 AND conference_id = $2 RETURNING id`, [
      itemId,
      conferenceId,
    ]);
    return returnedRows(result).length === 1;
  }

  /**
   * Swaps an item with its neighbour in agenda order, within its group (cases with children stay
   * first), and numbers the agenda afresh. Its rows are locked while it is read, so two moves at once do
   * not lose one. Answers whether the item moved: not when it is first or last in its group, or not on
   * the agenda.
   */
  async moveAgendaItem(conferenceId: string, itemId: string, direction: AgendaDirection): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string; has_children: boolean; added_order: number }[]>(
        `SELECT id, has_children, added_order FROM agenda_items WHERE conference_id = $1 ORDER BY added_order, id FOR UPDATE`,
        [conferenceId],
      );
      const ordered = orderAgenda(rows.map((row) => ({ id: row.id, hasChildren: row.has_children, order: row.added_order })));
      const neighbour = agendaNeighbour(ordered, itemId, direction);
      if (!neighbour) return false;
      const ids = ordered.map((item) => item.id);
      const [from, to] = [ids.indexOf(itemId), ids.indexOf(neighbour.id)];
      [ids[from], ids[to]] = [ids[to], ids[from]];
      await manager.query(
        `UPDATE agenda_items a SET added_order = renumbered.position
           FROM unnest($1::uuid[]) WITH ORDINALITY AS renumbered(id, position)
          WHERE a.id = renumbered.id AND a.conference_id = $2`,
        [ids, conferenceId],
      );
      return true;
    });
  }

  async markAgendaCirculated(conferenceId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(ConferenceEntity).update({ id: conferenceId }, { agendaCirculatedAt: at });
  }

  async setStatus(id: string, status: ConferenceStatus, at: Date): Promise<void> {
    const stamps = status === 'open' ? { openedAt: at } : status === 'closed' ? { closedAt: at, currentItemId: null } : {};
    await this.dataSource.transaction(async (manager) => {
      // Closing ends the discussion of the item that was current.
      if (status === 'closed')
        await manager.query(`UPDATE agenda_items SET ended_at = $2 WHERE id = (SELECT current_item_id FROM conferences WHERE id = $1)`, [
          id,
          at,
        ]);
      await manager.getRepository(ConferenceEntity).update({ id }, { status, ...stamps });
    });
  }

  /**
   * Makes an item current: the one that was current ends `at`, the new one starts then (the first time
   * only: an item come back to keeps when it started, and ends when it is last left).
   */
  async setCurrentItem(id: string, itemId: string | null, at: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE agenda_items SET ended_at = $3
          WHERE id = (SELECT current_item_id FROM conferences WHERE id = $1) AND id IS DISTINCT FROM $2`,
        [id, itemId, at],
      );
      if (itemId)
        await manager.query(`UPDATE agenda_items SET started_at = COALESCE(started_at, $2), ended_at = NULL WHERE id = $1`, [itemId, at]);
      await manager.getRepository(ConferenceEntity).update({ id }, { currentItemId: itemId });
    });
  }

  /** When the conference opened and closed, if it has. */
  async meetingTimes(conferenceId: string): Promise<{ openedAt: Date | null; closedAt: Date | null }> {
    const [row] = await this.dataSource.query<{ opened_at: Date | null; closed_at: Date | null }[]>(
      `SELECT opened_at, closed_at FROM conferences WHERE id = $1`,
      [conferenceId],
    );
    return { openedAt: row?.opened_at ?? null, closedAt: row?.closed_at ?? null };
  }

  /** When each item of the agenda was discussed: first started and last left. */
  async itemPeriods(conferenceId: string): Promise<Map<string, { startedAt: Date | null; endedAt: Date | null }>> {
    const rows = await this.dataSource.query<{ id: string; started_at: Date | null; ended_at: Date | null }[]>(
      `SELECT id, started_at, ended_at FROM agenda_items WHERE conference_id = $1`,
      [conferenceId],
    );
    return new Map(rows.map((row) => [row.id, { startedAt: row.started_at, endedAt: row.ended_at }]));
  }

  async acknowledgedAt(conferenceId: string, userId: string): Promise<Date | null> {
    const row = await this.dataSource.getRepository(ConferenceParticipantEntity).findOneBy({ conferenceId, userId });
    return row?.acknowledgedAt ?? null;
  }

  /** When the person acknowledged each of these conferences' confidentiality statements; absent if they have not. */
  async acknowledgementsOf(userId: string, conferenceIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.dataSource.query<{ conference_id: string; acknowledged_at: Date }[]>(
      `SELECT conference_id, acknowledged_at FROM conference_participants
        WHERE user_id = $1 AND conference_id = ANY($2::uuid[]) AND acknowledged_at IS NOT NULL`,
      [userId, conferenceIds],
    );
    return new Map(rows.map((row) => [row.conference_id, row.acknowledged_at]));
  }

  /** Records the first acknowledgement; chairs and coordinators acknowledge too, so they get a row. */
  async acknowledge(conferenceId: string, userId: string, at: Date): Promise<Date> {
    const rows = await this.dataSource.query<unknown>(
      `INSERT INTO conference_participants (conference_id, user_id, acknowledged_at) VALUES ($1, $2, $3)
       ON CONFLICT (conference_id, user_id) DO UPDATE SET acknowledged_at = COALESCE(conference_participants.acknowledged_at, EXCLUDED.acknowledged_at)
       RETURNING acknowledged_at`,
      [conferenceId, userId, at],
    );
    return returnedRows<{ acknowledged_at: Date }>(rows)[0].acknowledged_at;
  }

  async recordApologies(conferenceId: string, userId: string, note: string): Promise<void> {
    await this.dataSource.getRepository(ConferenceParticipantEntity).update({ conferenceId, userId }, { apologies: note });
  }

  /** Withdraws the person's invitation, `at`; answers whether they were invited until now. */
  async removeParticipant(conferenceId: string, userId: string, at: Date): Promise<boolean> {
    const result = await this.dataSource.query<unknown>(
      `UPDATE conference_participants SET removed_at = $3 WHERE conference_id = $1 AND user_id = $2 AND removed_at IS NULL RETURNING user_id`,
      [conferenceId, userId, at],
    );
    return returnedRows(result).length === 1;
  }

  /**
   * The first acknowledgement and an arrival, `at`, with the access-log rows of what the arrival is given
   * (`accessLog`): all of it or none commits (`writeArrivals`).
   */
  async acknowledgeAndRecordJoin(
    conferenceId: string,
    userId: string,
    at: Date,
    accessLog: readonly AccessRecord[] = [],
  ): Promise<{ acknowledgedAt: Date; attendanceId: string }> {
    const { acknowledgedAt, attendanceId } = await this.arrivals.submit({ conferenceId, userId, at, acknowledging: true, accessLog });
    return { acknowledgedAt: acknowledgedAt!, attendanceId };
  }

  /** An arrival, `at`, with the access-log rows of what it is given (as `acknowledgeAndRecordJoin`). */
  async recordJoin(conferenceId: string, userId: string, at: Date, accessLog: readonly AccessRecord[] = []): Promise<string> {
    return (await this.arrivals.submit({ conferenceId, userId, at, acknowledging: false, accessLog })).attendanceId;
  }

  /** Told, after each group commit of arrivals, how many it carried. */
  onArrivalsCommit(listener: (arrivals: number) => void): void {
    this.arrivalListeners.push(listener);
  }

  /**
   * A batch of arrivals in one transaction: their acknowledgements, attendance and access-log rows. Each
   * statement records a person's arrival in a conference once (two arrivals of the same person in one
   * statement would update one participant row twice, which PostgreSQL refuses), so a batch that holds
   * the same person twice takes one statement per round.
   */
  private async writeArrivals(batch: readonly Arrival[]): Promise<Arrived[]> {
    const rounds: number[][] = [];
    const roundOf = new Map<string, number>();
    batch.forEach((arrival, index) => {
      const key = `${arrival.conferenceId}:${arrival.userId}`;
      const round = roundOf.get(key) ?? 0;
      roundOf.set(key, round + 1);
      (rounds[round] ??= []).push(index);
    });
    const results: Arrived[] = [];
    const write = async (manager: EntityManager) => {
      for (const round of rounds) {
        const written = await arrivalStatement(
          manager,
          round.map((index) => batch[index]),
        );
        round.forEach((index, place) => (results[index] = written[place]));
      }
    };
    if (rounds.length === 1) await write(this.dataSource.manager);
    else await this.dataSource.transaction(write);
    for (const listener of this.arrivalListeners) listener(batch.length);
    return results;
  }

  async recordLeave(attendanceId: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(AttendanceEntity).update({ id: attendanceId, leftAt: IsNull() }, { leftAt: at });
  }

  async register(conferenceId: string): Promise<RegisterLine[]> {
    const [participants, attendance] = await Promise.all([
      this.dataSource.getRepository(ConferenceParticipantEntity).findBy({ conferenceId }),
      this.dataSource.getRepository(AttendanceEntity).find({ where: { conferenceId }, order: { joinedAt: 'ASC' } }),
    ]);
    return participants.map((participant) => ({
      userId: participant.userId,
      acknowledgedAt: participant.acknowledgedAt,
      apologies: participant.apologies,
      removedAt: participant.removedAt,
      attendance: attendance.filter((line) => line.userId === participant.userId).map(({ joinedAt, leftAt }) => ({ joinedAt, leftAt })),
    }));
  }
}

interface Arrival {
  readonly conferenceId: string;
  readonly userId: string;
  readonly at: Date;
  /** Whether the confidentiality statement is acknowledged with it (the first acknowledgement is kept). */
  readonly acknowledging: boolean;
  readonly accessLog: readonly AccessRecord[];
}

interface Arrived {
  /** When the statement was first acknowledged, for an arrival that acknowledges; otherwise null. */
  readonly acknowledgedAt: Date | null;
  readonly attendanceId: string;
}

/**
 * Arrivals, each a different person or conference, in one statement: the acknowledgements of those who
 * acknowledge, an attendance row each, and every arrival's access-log rows (chained by the database's
 * trigger, in order). Answers one result per arrival, in order.
 */
async function arrivalStatement(manager: EntityManager, arrivals: readonly Arrival[]): Promise<Arrived[]> {
  const logged = accessRecordsClause(
    arrivals.flatMap((arrival) => arrival.accessLog),
    6,
  );
  const rows = await manager.query<{ n: number; id: string; acknowledged_at: Date | null }[]>(
    `WITH input AS (
       SELECT * FROM unnest($1::int[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::boolean[])
         AS arrival (n, conference_id, user_id, joined_at, acknowledging)
     ), acknowledged AS (
       INSERT INTO conference_participants (conference_id, user_id, acknowledged_at)
       SELECT conference_id, user_id, joined_at FROM input WHERE acknowledging
       ON CONFLICT (conference_id, user_id) DO UPDATE SET acknowledged_at = COALESCE(conference_participants.acknowledged_at, EXCLUDED.acknowledged_at)
       RETURNING conference_id, user_id, acknowledged_at
     ), attended AS (
       INSERT INTO attendance (conference_id, user_id, joined_at) SELECT conference_id, user_id, joined_at FROM input ORDER BY n
       RETURNING id, conference_id, user_id
     ), logged AS (${logged.clause})
     SELECT input.n, attended.id::text AS id, acknowledged.acknowledged_at
       FROM input JOIN attended USING (conference_id, user_id) LEFT JOIN acknowledged USING (conference_id, user_id)
       ORDER BY input.n`,
    [
      arrivals.map((_, index) => index),
      arrivals.map((arrival) => arrival.conferenceId),
      arrivals.map((arrival) => arrival.userId),
      arrivals.map((arrival) => arrival.at.toISOString()),
      arrivals.map((arrival) => arrival.acknowledging),
      ...logged.parameters,
    ],
  );
  if (rows.length !== arrivals.length) throw new Error(`recorded ${rows.length} of ${arrivals.length} arrivals`);
  return rows.map((row) => ({ acknowledgedAt: row.acknowledged_at, attendanceId: row.id }));
}

/** A conference's columns and its invitation list (people not removed), for `conferences c`. */
const conferenceColumns = `c.id, c.title, c.scheduled_at, c.location, c.chair_id, c.coordinator_id, c.status, c.current_item_id,
  c.confidentiality_statement, c.agenda_circulated_at,
  ARRAY(SELECT p.user_id::text FROM conference_participants p WHERE p.conference_id = c.id AND p.removed_at IS NULL) AS invited_ids`;

const toConference = (row: ConferenceRow): Conference => ({
  id: row.id,
  title: row.title,
  scheduledAt: row.scheduled_at,
  location: row.location,
  chairId: row.chair_id,
  coordinatorId: row.coordinator_id,
  status: row.status,
  currentItemId: row.current_item_id,
  confidentialityStatement: row.confidentiality_statement,
  invitedIds: [...row.invited_ids],
  agendaCirculatedAt: row.agenda_circulated_at,
});

interface ConferenceRow {
  id: string;
  title: string;
  scheduled_at: Date;
  location: string | null;
  chair_id: string;
  coordinator_id: string;
  status: ConferenceStatus;
  current_item_id: string | null;
  confidentiality_statement: string;
  invited_ids: string[];
  agenda_circulated_at: Date | null;
}
