import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AccessRecord } from '@caseroom/domain';
import { CaseCounterAllegationEntity } from '../entities';
import { insertAccessRecords } from './access-log.repository';
import { moveStatus, type StatusMove } from './case-journey.repository';

/** Who made a counter-allegation: the case's suspect, a person with an account, or someone described. */
export type CounterAllegationMaker =
  | { readonly kind: 'suspect' }
  | { readonly kind: 'person'; readonly userId: string }
  | { readonly kind: 'described'; readonly description: string };

export interface NewCounterAllegation {
  readonly caseId: string;
  readonly receivedOn: string;
  readonly referringAgencyId: string;
  readonly madeBy: CounterAllegationMaker;
  readonly alleged: string;
  readonly howReceived: string;
  readonly fromReferralId: string | null;
  readonly recordedBy: string;
}

export interface CounterAllegation extends NewCounterAllegation {
  readonly id: string;
  /** The referral's reference, while the referral it came from still exists. */
  readonly fromReferralReference: string | null;
  readonly recordedAt: Date;
}

/** A referral declined because it was recorded as a counter-allegation: the move and what leaves it. */
export interface ReferralTakenIn {
  readonly move: StatusMove;
  readonly accessLog: readonly AccessRecord[];
}

interface Row {
  id: string;
  case_id: string;
  received_on: string;
  referring_agency_id: string;
  made_by_suspect: boolean;
  made_by_user_id: string | null;
  made_by_description: string | null;
  alleged: string;
  how_received: string;
  from_referral_id: string | null;
  from_referral_reference: string | null;
  recorded_by: string;
  recorded_at: Date;
}

/** Counter-allegations, each on the original case (decision 0025). */
@Injectable()
export class CounterAllegationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records the counter-allegation with its access-log rows, together. Taken in from a referral, the
   * referral is declined in the same transaction and its content leaves it (it now lives only on the
   * original case); answers null, changing nothing, when the referral was no longer waiting for triage.
   */
  async record(
    allegation: NewCounterAllegation,
    accessLog: readonly AccessRecord[],
    fromReferral?: ReferralTakenIn,
  ): Promise<{ id: string } | null> {
    return this.dataSource.transaction(async (manager) => {
      if (fromReferral) {
        if (!(await moveStatus(manager, fromReferral.move))) return null;
        const referralId = fromReferral.move.caseId;
        await manager.query(`UPDATE case_compartments SET fields = '{}'::jsonb, updated_at = now() WHERE case_id = $1`, [referralId]);
        await manager.query(`DELETE FROM case_entries WHERE case_id = $1`, [referralId]);
        await insertAccessRecords(manager, fromReferral.accessLog);
      }
      const { madeBy } = allegation;
      const saved = await manager.getRepository(CaseCounterAllegationEntity).save({
        caseId: allegation.caseId,
        receivedOn: allegation.receivedOn,
        referringAgencyId: allegation.referringAgencyId,
        madeBySuspect: madeBy.kind === 'suspect',
        madeByUserId: madeBy.kind === 'person' ? madeBy.userId : null,
        madeByDescription: madeBy.kind === 'described' ? madeBy.description : null,
        alleged: allegation.alleged,
        howReceived: allegation.howReceived,
        fromReferralId: allegation.fromReferralId,
        recordedBy: allegation.recordedBy,
      });
      await insertAccessRecords(manager, accessLog);
      return { id: saved.id };
    });
  }

  /** The case's counter-allegations, oldest received first. */
  async forCase(caseId: string): Promise<CounterAllegation[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT a.id, a.case_id, a.received_on::text AS received_on, a.referring_agency_id, a.made_by_suspect, a.made_by_user_id,
              a.made_by_description, a.alleged, a.how_received, a.from_referral_id, r.reference AS from_referral_reference,
              a.recorded_by, a.recorded_at
         FROM case_counter_allegations a
         LEFT JOIN cases r ON r.id = a.from_referral_id
        WHERE a.case_id = $1
        ORDER BY a.received_on, a.recorded_at`,
      [caseId],
    );
    return rows.map(toCounterAllegation);
  }

  /** When each of the case's counter-allegations was received, oldest first: what the panel's view of the case shows. */
  async receivedDates(caseId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ received_on: string }[]>(
      `SELECT received_on::text AS received_on FROM case_counter_allegations WHERE case_id = $1 ORDER BY received_on, recorded_at`,
      [caseId],
    );
    return rows.map((row) => row.received_on);
  }

  /**
   * Cases whose suspect has the account that this referral names as its victim: the cases the referral
   * may be a counter-allegation against. The policy then decides which of them the coordinator may know of.
   */
  async casesAgainstReferralVictim(referralId: string): Promise<{ id: string; reference: string }[]> {
    return this.dataSource.query<{ id: string; reference: string }[]>(
      `SELECT c.id, c.reference
         FROM case_victim_workers v
         JOIN case_suspects s ON s.user_id = v.user_id
         JOIN cases c ON c.id = s.case_id
        WHERE v.case_id = $1 AND c.id <> $1 AND c.status NOT IN ('referred', 'declined')
        ORDER BY c.created_at`,
      [referralId],
    );
  }
}

function toCounterAllegation(row: Row): CounterAllegation {
  const madeBy: CounterAllegationMaker = row.made_by_suspect
    ? { kind: 'suspect' }
    : row.made_by_user_id
      ? { kind: 'person', userId: row.made_by_user_id }
      : { kind: 'described', description: row.made_by_description ?? '' };
  return {
    id: row.id,
    caseId: row.case_id,
    receivedOn: row.received_on,
    referringAgencyId: row.referring_agency_id,
    madeBy,
    alleged: row.alleged,
    howReceived: row.how_received,
    fromReferralId: row.from_referral_id,
    fromReferralReference: row.from_referral_reference,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}
