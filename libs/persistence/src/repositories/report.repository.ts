import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  AgencyKind,
  CaseStatus,
  EthnicGroup,
  MisconductRecording,
  MonitoringAnswer,
  RestrictingKind,
  RestrictionStatus,
  VictimGender,
} from '@caseroom/domain';

/** A case of a force as the PPDA audit reads it, before the policy has said who may see it. */
export interface AuditCaseFacts {
  readonly id: string;
  readonly reference: string;
  readonly status: CaseStatus;
  readonly referredOn: string;
  readonly forceId: string;
  readonly forceName: string;
  readonly finishedOn: string | null;
  /** The suspect's rank and role as the referral gave them: panel content. */
  readonly referralRank: string | null;
  readonly referralRole: string | null;
  /** The suspect's rank and current role in their force's records, when they have an account: organisation data. */
  readonly recordsRank: string | null;
  readonly recordsRole: string | null;
  readonly isPublicProtection: boolean;
  readonly recordedAs: MisconductRecording | null;
  readonly restrictions: readonly AuditRestrictionFacts[];
}

export interface AuditRestrictionFacts {
  readonly id: string;
  readonly kind: RestrictingKind;
  readonly status: RestrictionStatus;
  readonly effectiveOn: string | null;
  readonly nextReviewOn: string | null;
  readonly endedOn: string | null;
}

/** A case heard by a MARAC in a quarter, as the return counts it, before the policy has said who may count it. */
export interface ReturnCaseFacts {
  readonly id: string;
  readonly referredOn: string;
  readonly isRepeat: boolean;
  readonly referringAgencyKind: AgencyKind;
  readonly childCount: number;
  readonly dateOfBirth: string | null;
  readonly gender: VictimGender | null;
  readonly ethnicGroup: EthnicGroup | null;
  readonly disabled: MonitoringAnswer | null;
  readonly lgbt: MonitoringAnswer | null;
  readonly isVictimPoliceEmployed: boolean;
  readonly firstRestrictionOn: string | null;
}

interface AuditRow {
  id: string;
  reference: string;
  status: CaseStatus;
  referred_on: string;
  force_id: string;
  force_name: string;
  finished_on: string | null;
  referral_rank: string | null;
  referral_role: string | null;
  records_rank: string | null;
  records_role: string | null;
  is_public_protection: boolean;
  recorded_as: MisconductRecording | null;
}

interface RestrictionRow {
  id: string;
  case_id: string;
  kind: RestrictingKind;
  status: RestrictionStatus;
  effective_on: string | null;
  next_review_on: string | null;
  ended_on: string | null;
}

interface ReturnRow {
  id: string;
  referred_on: string;
  is_repeat: boolean;
  referring_agency_kind: AgencyKind;
  child_count: number;
  date_of_birth: string | null;
  gender: VictimGender | null;
  ethnic_group: EthnicGroup | null;
  disabled: MonitoringAnswer | null;
  lgbt: MonitoringAnswer | null;
  is_victim_police_employed: boolean;
  first_restriction_on: string | null;
}

/**
 * The records behind the force's PPDA audit and the MARAC's data return (decision 0028). Both answer
 * facts per case; which of them a person may count is the policy's to say, in the use case.
 */
@Injectable()
export class ReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every case of these forces (of all forces, for null) that is live or finished on or after `finishedSince`. */
  async findAuditCases(forceIds: readonly string[] | null, finishedSince: string): Promise<AuditCaseFacts[]> {
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT * FROM (
         SELECT c.id, c.reference, c.status, c.referred_on::text AS referred_on, s.force_id, a.name AS force_name,
           (SELECT max(sc.changed_at)::date::text FROM case_status_changes sc
             WHERE sc.case_id = c.id AND sc.to_status IN ('closed','declined')) AS finished_on,
           p.fields->'suspect'->>'rank' AS referral_rank, p.fields->'suspect'->>'roleTitle' AS referral_role, u.rank AS records_rank,
           (SELECT po.role_title FROM postings po WHERE po.user_id = s.user_id AND po.ends_on IS NULL ORDER BY po.starts_on DESC LIMIT 1)
             AS records_role,
           s.is_public_protection, st.fields->>'recordedAs' AS recorded_as
         FROM cases c
         JOIN case_suspects s ON s.case_id = c.id
         JOIN agencies a ON a.id = s.force_id
         LEFT JOIN users u ON u.id = s.user_id
         LEFT JOIN case_compartments p ON p.case_id = c.id AND p.compartment = 'panel'
         LEFT JOIN case_compartments st ON st.case_id = c.id AND st.compartment = 'standards'
         WHERE ($1::uuid[] IS NULL OR s.force_id = ANY($1::uuid[]))
       ) audited
       WHERE status NOT IN ('closed','declined') OR finished_on >= $2
       ORDER BY referred_on, reference`,
      [forceIds, finishedSince],
    );
    const restrictions = await this.restrictionsOf(rows.map((row) => row.id));
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      status: row.status,
      referredOn: row.referred_on,
      forceId: row.force_id,
      forceName: row.force_name,
      finishedOn: row.status === 'closed' || row.status === 'declined' ? row.finished_on : null,
      referralRank: row.referral_rank,
      referralRole: row.referral_role,
      recordsRank: row.records_rank,
      recordsRole: row.records_role,
      isPublicProtection: row.is_public_protection,
      recordedAs: row.recorded_as,
      restrictions: restrictions.get(row.id) ?? [],
    }));
  }

  private async restrictionsOf(caseIds: readonly string[]): Promise<Map<string, AuditRestrictionFacts[]>> {
    const byCase = new Map<string, AuditRestrictionFacts[]>();
    if (caseIds.length === 0) return byCase;
    const rows = await this.dataSource.query<RestrictionRow[]>(
      `SELECT id, case_id, kind, status, effective_on::text AS effective_on, next_review_on::text AS next_review_on, ended_on::text AS ended_on
         FROM restrictions WHERE case_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [caseIds],
    );
    for (const row of rows) {
      const list = byCase.get(row.case_id) ?? [];
      list.push({
        id: row.id,
        kind: row.kind,
        status: row.status,
        effectiveOn: row.effective_on,
        nextReviewOn: row.next_review_on,
        endedOn: row.ended_on,
      });
      byCase.set(row.case_id, list);
    }
    return byCase;
  }

  /**
   * Cases heard by the MARAC of this area between two days: on the agenda of a conference its coordinators
   * ran, scheduled in those days (in UK time), whose item was heard or whose conference closed. Each case once.
   */
  async findReturnCases(areaId: string, from: string, to: string): Promise<ReturnCaseFacts[]> {
    const rows = await this.dataSource.query<ReturnRow[]>(
      `SELECT c.id, c.referred_on::text AS referred_on, c.repeat_of_case_id IS NOT NULL AS is_repeat, ra.kind AS referring_agency_kind,
         COALESCE(jsonb_array_length(CASE WHEN jsonb_typeof(v.fields->'children') = 'array' THEN v.fields->'children' END), 0) AS child_count,
         v.fields->>'dateOfBirth' AS date_of_birth, v.fields->>'gender' AS gender, v.fields->>'ethnicGroup' AS ethnic_group,
         v.fields->>'disabled' AS disabled, v.fields->>'lgbt' AS lgbt,
         c.victim_employer_force_id IS NOT NULL AS is_victim_police_employed,
         (SELECT min(r.effective_on)::text FROM restrictions r WHERE r.case_id = c.id AND r.effective_on IS NOT NULL) AS first_restriction_on
       FROM cases c
       JOIN agencies ra ON ra.id = c.referring_agency_id
       LEFT JOIN case_compartments v ON v.case_id = c.id AND v.compartment = 'victim'
       WHERE EXISTS (
         SELECT 1 FROM agenda_items i
         JOIN conferences cf ON cf.id = i.conference_id
         JOIN users co ON co.id = cf.coordinator_id
         WHERE i.case_id = c.id AND co.agency_id = $1
           AND (i.ended_at IS NOT NULL OR cf.status = 'closed')
           AND (cf.scheduled_at AT TIME ZONE 'Europe/London')::date BETWEEN $2::date AND $3::date
       )
       ORDER BY c.reference`,
      [areaId, from, to],
    );
    return rows.map((row) => ({
      id: row.id,
      referredOn: row.referred_on,
      isRepeat: row.is_repeat,
      referringAgencyKind: row.referring_agency_kind,
      childCount: Number(row.child_count),
      dateOfBirth: row.date_of_birth,
      gender: row.gender,
      ethnicGroup: row.ethnic_group,
      disabled: row.disabled,
      lgbt: row.lgbt,
      isVictimPoliceEmployed: row.is_victim_police_employed,
      firstRestrictionOn: row.first_restriction_on,
    }));
  }

  /** The MARAC areas (agencies whose coordinators run conferences) whose conferences this person chairs. */
  async areasChairedBy(userId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ agency_id: string }[]>(
      `SELECT DISTINCT co.agency_id FROM conferences cf JOIN users co ON co.id = cf.coordinator_id WHERE cf.chair_id = $1`,
      [userId],
    );
    return rows.map((row) => row.agency_id);
  }

  /** The names of agencies, for the areas and forces a report names. */
  async agencyNames(agencyIds: readonly string[]): Promise<Map<string, string>> {
    if (agencyIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM agencies WHERE id = ANY($1::uuid[]) ORDER BY name`,
      [agencyIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Every police force, by name: the IOPC audits them all. */
  async policeForces(): Promise<{ id: string; name: string }[]> {
    return this.dataSource.query<{ id: string; name: string }[]>(`SELECT id, name FROM agencies WHERE kind = 'police_force' ORDER BY name`);
  }
}
