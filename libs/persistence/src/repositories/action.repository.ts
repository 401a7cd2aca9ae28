import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { conflict, type AccessRecord, type ActionStatus, type ActionUpdate, type CaseAction, type Compartment } from '@caseroom/domain';
import { insertAccessRecords } from './access-log.repository';
import { returnedRows } from './database-errors';

interface ActionRow {
  id: string;
  case_id: string;
  conference_id: string | null;
  compartment: Compartment;
  text: string;
  owner_agency_id: string;
  owner_user_id: string | null;
  due_on: string;
  status: ActionStatus;
  created_by: string;
  created_at: Date;
}

const columns = `id, case_id, conference_id, compartment, text, owner_agency_id, owner_user_id, due_on::text AS due_on, status, created_by, created_at`;

export type NewAction = Omit<CaseAction, 'id' | 'status' | 'createdAt' | 'updates'>;

/** The action plans of cases, with their dated reports. */
@Injectable()
export class ActionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records a new open action and the access-log rows of its writing, together. */
  async create(input: NewAction, accessLog: readonly AccessRecord[]): Promise<CaseAction> {
    const row = await this.dataSource.transaction(async (manager) => {
      const [created] = returnedRows<ActionRow>(
        await manager.query<unknown>(
          `INSERT INTO case_actions (case_id, conference_id, compartment, text, owner_agency_id, owner_user_id, due_on, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) RETURNING ${columns}`,
          [
            input.caseId,
            input.conferenceId,
            input.compartment,
            input.text,
            input.ownerAgencyId,
            input.ownerUserId,
            input.dueOn,
            input.createdBy,
          ],
        ),
      );
      await insertAccessRecords(manager, accessLog);
      return created;
    });
    return this.withUpdates([row]).then(([action]) => action);
  }

  async findById(id: string): Promise<CaseAction | null> {
    const rows = await this.dataSource.query<ActionRow[]>(`SELECT ${columns} FROM case_actions WHERE id = $1`, [id]);
    return (await this.withUpdates(rows))[0] ?? null;
  }

  async forCase(caseId: string): Promise<CaseAction[]> {
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT ${columns} FROM case_actions WHERE case_id = $1 ORDER BY due_on, created_at`,
      [caseId],
    );
    return this.withUpdates(rows);
  }

  /** Actions owned by this person or by their agency, soonest due first: their tracker between meetings. */
  async ownedBy(userId: string, agencyId: string): Promise<CaseAction[]> {
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT ${columns} FROM case_actions WHERE owner_user_id = $1 OR owner_agency_id = $2 ORDER BY due_on, created_at`,
      [userId, agencyId],
    );
    return this.withUpdates(rows);
  }

  /** Every action of every case, soonest due first: the tracker of whoever runs conferences. */
  async allByDueDate(): Promise<CaseAction[]> {
    const rows = await this.dataSource.query<ActionRow[]>(`SELECT ${columns} FROM case_actions ORDER BY due_on, created_at`);
    return this.withUpdates(rows);
  }

  /** Open actions on these cases that an earlier meeting (not this one) agreed. */
  async incompleteFromEarlier(caseIds: readonly string[], conferenceId: string): Promise<CaseAction[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT ${columns} FROM case_actions
        WHERE case_id = ANY($1::uuid[]) AND status = 'open' AND conference_id IS DISTINCT FROM $2 ORDER BY due_on, created_at`,
      [caseIds, conferenceId],
    );
    return this.withUpdates(rows);
  }

  /** Open actions due on or before the date. */
  async openDueBy(date: string): Promise<CaseAction[]> {
    const rows = await this.dataSource.query<ActionRow[]>(
      `SELECT ${columns} FROM case_actions WHERE status = 'open' AND due_on <= $1::date ORDER BY due_on`,
      [date],
    );
    return this.withUpdates(rows);
  }

  /**
   * Records a dated report, the status it leaves the action in and the access-log rows of its writing,
   * together; only from the status the action was read in.
   */
  async report(action: Pick<CaseAction, 'id' | 'status'>, update: ActionUpdate, accessLog: readonly AccessRecord[]): Promise<CaseAction> {
    await this.dataSource.transaction(async (manager) => {
      const changed = returnedRows<{ id: string }>(
        await manager.query<unknown>(`UPDATE case_actions SET status = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING id`, [
          action.id,
          action.status,
          update.status,
        ]),
      );
      if (changed.length === 0) throw conflict('The action changed meanwhile; reload it and try again.');
      await manager.query(`INSERT INTO action_updates (action_id, status, note, by_id, at) VALUES ($1, $2, $3, $4, $5)`, [
        action.id,
        update.status,
        update.note,
        update.byId,
        update.at,
      ]);
      await insertAccessRecords(manager, accessLog);
    });
    return (await this.findById(action.id))!;
  }

  private async withUpdates(rows: readonly ActionRow[]): Promise<CaseAction[]> {
    if (rows.length === 0) return [];
    const updates = await this.dataSource.query<{ action_id: string; status: ActionStatus; note: string; by_id: string; at: Date }[]>(
      `SELECT action_id, status, note, by_id, at FROM action_updates WHERE action_id = ANY($1::uuid[]) ORDER BY at, id`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      id: row.id,
      caseId: row.case_id,
      conferenceId: row.conference_id,
      compartment: row.compartment,
      text: row.text,
      ownerAgencyId: row.owner_agency_id,
      ownerUserId: row.owner_user_id,
      dueOn: row.due_on,
      status: row.status,
      createdBy: row.created_by,
      createdAt: new Date(row.created_at),
      updates: updates
        .filter((update) => update.action_id === row.id)
        .map((update) => ({ status: update.status, note: update.note, byId: update.by_id, at: new Date(update.at) })),
    }));
  }
}
