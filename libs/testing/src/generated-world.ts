import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  ethnicGroups,
  monitoringAnswers,
  victimGenders,
  type CaseStatus,
  type RestrictingKind,
  type RestrictionStatus,
} from '@caseroom/domain';

/**
 * A world of a few hundred cases written straight into the tables (test set-up, not the behaviour under
 * test): random but repeatable, spread over two forces, several referring agencies, conferences of two
 * MARAC areas across four quarters, restrictions in every state, and the victim's equality monitoring
 * answered, unanswered and declined.
 */
export interface GeneratedWorldInput {
  readonly cases: number;
  readonly seed: number;
  readonly forceIds: readonly string[];
  readonly referringAgencyIds: readonly string[];
  /** Coordinators of different MARAC areas (each in their own agency), and a chair. */
  readonly coordinatorIds: readonly string[];
  readonly chairId: string;
  readonly createdBy: string;
  /** Conferences fall in these quarters' months (ISO dates of a day in each). */
  readonly conferenceDays: readonly string[];
  /** The day "today" is for the world: some cases finished more than a year before it. */
  readonly today: string;
}

/** A small, seeded pseudo-random generator, so a failure can be run again as it was. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const statuses: readonly CaseStatus[] = ['referred', 'accepted', 'declined', 'listed', 'heard', 'actions_open', 'closed'];
const kinds: readonly RestrictingKind[] = [
  'remove_from_public_protection',
  'no_unsupervised_contact',
  'restrict_system_access',
  'management_restricted_duties',
  'recommend_suspension',
];
const restrictionStates: readonly RestrictionStatus[] = ['requested', 'declined', 'applied', 'lift_pending', 'lifted'];

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export async function generateWorld(dataSource: DataSource, input: GeneratedWorldInput): Promise<string[]> {
  const next = random(input.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const maybe = <T>(values: readonly T[]): T | null => (next() < 0.15 ? null : pick(values));
  const caseIds: string[] = [];

  const conferences: { id: string; day: string; isClosed: boolean }[] = [];
  for (const [index, day] of input.conferenceDays.entries()) {
    for (const coordinatorId of input.coordinatorIds) {
      const id = randomUUID();
      // The last conference of each area is still open: only the items it has heard count.
      const isClosed = index < input.conferenceDays.length - 1;
      await dataSource.query(
        `INSERT INTO conferences (id, title, scheduled_at, chair_id, coordinator_id, status, confidentiality_statement)
         VALUES ($1, 'Generated MARAC', ($2::date + time '10:00') AT TIME ZONE 'Europe/London', $3, $4, $5, 'Statement')`,
        [id, day, input.chairId, coordinatorId, isClosed ? 'closed' : 'open'],
      );
      conferences.push({ id, day, isClosed });
    }
  }

  await dataSource.transaction(async (manager) => {
    for (let index = 0; index < input.cases; index += 1) {
      const id = randomUUID();
      const status = pick(statuses);
      const referredOn = addDays('2025-06-01', Math.floor(next() * 540));
      const repeatOf = caseIds.length > 0 && next() < 0.3 ? pick(caseIds) : null;
      const forceId = pick(input.forceIds);
      const referringAgencyId = pick(input.referringAgencyIds);
      const victimEmployer = next() < 0.2 ? pick(input.forceIds) : null;
      await manager.query(
        `INSERT INTO cases (id, reference, status, referral_ground, referred_on, referring_agency_id, repeat_of_case_id,
           victim_employer_force_id, victim_match_key, suspect_match_key, created_by)
         VALUES ($1, $2, $3, 'professional_judgement', $4, $5, $6, $7, 'generated', 'generated', $8)`,
        [id, `GW-${String(index + 1).padStart(4, '0')}`, status, referredOn, referringAgencyId, repeatOf, victimEmployer, input.createdBy],
      );
      await manager.query(`INSERT INTO case_suspects (case_id, force_id, is_public_protection) VALUES ($1, $2, $3)`, [
        id,
        forceId,
        next() < 0.3,
      ]);
      await manager.query(`INSERT INTO case_agencies (case_id, agency_id) VALUES ($1, $2)`, [id, referringAgencyId]);
      const age = next() < 0.1 ? 16 + Math.floor(next() * 2) : 18 + Math.floor(next() * 50);
      const dateOfBirth = next() < 0.1 ? null : addDays(referredOn, -Math.floor(age * 365.25 + next() * 300));
      const children = Array.from({ length: Math.floor(next() * 4) }, (_, child) => ({ name: `Child ${child + 1}`, dateOfBirth: null }));
      const compartments: [string, object][] = [
        [
          'panel',
          {
            victimPseudonym: `Client ${index + 1}`,
            suspect: { name: null, rank: 'Constable', staffNumber: 'X', roleTitle: 'Response officer' },
          },
        ],
        [
          'victim',
          {
            name: `Victim ${index + 1}`,
            dateOfBirth,
            children,
            gender: maybe(victimGenders),
            ethnicGroup: maybe(ethnicGroups),
            disabled: maybe(monitoringAnswers),
            lgbt: maybe(monitoringAnswers),
          },
        ],
        ['investigation', {}],
        ['standards', next() < 0.7 ? { recordedAs: pick(['complaint', 'conduct_matter', 'not_recorded']) } : {}],
      ];
      for (const [compartment, fields] of compartments)
        await manager.query(`INSERT INTO case_compartments (case_id, compartment, fields, updated_by) VALUES ($1, $2, $3, $4)`, [
          id,
          compartment,
          JSON.stringify(fields),
          input.createdBy,
        ]);
      if (status === 'closed' || status === 'declined') {
        // Finished some time between two years ago and today.
        const finished = addDays(input.today, -Math.floor(next() * 730));
        await manager.query(
          `INSERT INTO case_status_changes (case_id, from_status, to_status, changed_by, changed_at) VALUES ($1, 'heard', $2, $3, $4::date + time '12:00')`,
          [id, status, input.createdBy, finished],
        );
      }
      if (['listed', 'heard', 'actions_open', 'closed'].includes(status)) {
        const heardAt = new Set<string>();
        for (let listing = 0; listing < 1 + Math.floor(next() * 2); listing += 1) {
          const conference = pick(conferences);
          if (heardAt.has(conference.id)) continue;
          heardAt.add(conference.id);
          const isHeard = conference.isClosed || next() < 0.5;
          await manager.query(
            `INSERT INTO agenda_items (conference_id, case_id, has_children, added_order, ended_at) VALUES ($1, $2, $3, $4, $5)`,
            [conference.id, id, children.length > 0, index, isHeard ? `${conference.day}T11:00:00Z` : null],
          );
        }
      }
      for (let count = next() < 0.45 ? 1 + Math.floor(next() * 2) : 0; count > 0; count -= 1) {
        const decisionId = randomUUID();
        const kind = pick(kinds);
        await manager.query(
          `INSERT INTO decisions (id, sequence, recorded_at, case_id, conference_id, kind, compartment, rationale, details, positions, recorded_by, previous_hash, hash)
           VALUES ($1, 0, now(), $2, $3, $4, 'standards', 'Generated', '{}', '[]', $5, '', '')`,
          [decisionId, id, pick(conferences).id, kind, input.createdBy],
        );
        const state = pick(restrictionStates);
        const applied = ['applied', 'lift_pending', 'lifted'].includes(state);
        const effectiveOn = applied ? addDays(referredOn, Math.floor(next() * 60)) : null;
        const nextReviewOn = state === 'applied' || state === 'lift_pending' ? addDays(input.today, Math.floor(next() * 60) - 20) : null;
        await manager.query(
          `INSERT INTO restrictions (case_id, decision_id, force_id, kind, status, effective_on, next_review_on, ended_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, decisionId, forceId, kind, state, effectiveOn, nextReviewOn, state === 'lifted' ? addDays(effectiveOn!, 30) : null],
        );
      }
      caseIds.push(id);
    }
  });
  return caseIds;
}
