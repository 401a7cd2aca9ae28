import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ContactMethod, VictimContact } from '@caseroom/domain';

export type NewVictimContact = Omit<VictimContact, 'id' | 'recordedAt'>;

interface ContactRow {
  id: string;
  case_id: string;
  contacted_on: string;
  method: ContactMethod;
  safe_contact: string | null;
  said: string;
  agreed: string | null;
  recorded_by: string;
  recorded_at: Date;
}

const columns = `id, case_id, contacted_on::text AS contacted_on, method, safe_contact, said, agreed, recorded_by, recorded_at`;

const toContact = (row: ContactRow): VictimContact => ({
  id: row.id,
  caseId: row.case_id,
  contactedOn: row.contacted_on,
  method: row.method,
  safeContact: row.safe_contact,
  said: row.said,
  agreed: row.agreed,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at),
});

/** The contact log of a case's victim: appended to, never changed (the database refuses). */
@Injectable()
export class VictimContactRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest contact first. */
  async forCase(caseId: string): Promise<VictimContact[]> {
    const rows = await this.dataSource.query<ContactRow[]>(
      `SELECT ${columns} FROM victim_contacts WHERE case_id = $1 ORDER BY contacted_on DESC, recorded_at DESC, id`,
      [caseId],
    );
    return rows.map(toContact);
  }

  async add(contact: NewVictimContact): Promise<VictimContact> {
    const [row] = await this.dataSource.query<ContactRow[]>(
      `INSERT INTO victim_contacts (case_id, contacted_on, method, safe_contact, said, agreed, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${columns}`,
      [contact.caseId, contact.contactedOn, contact.method, contact.safeContact, contact.said, contact.agreed, contact.recordedBy],
    );
    return toContact(row);
  }
}
