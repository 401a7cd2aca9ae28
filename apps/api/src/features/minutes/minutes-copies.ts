import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Clock, Compartment, MinutesCopy, MinutesHolds, MinutesVersion } from '@caseroom/domain';
import { AgencyRepository, PersonRepository, type NewMinutesCopy, type PolicySnapshot } from '@caseroom/persistence';
import { admittedCompartments, decide } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';
import { CaseAccess } from '../cases/case-access';

/**
 * What each recipient's copy holds, decided by `decide()` and nothing else: of every item, the
 * compartments of its case that the policy admits the recipient to at one policy version (recorded
 * with the copy). A copy is stale once the policy no longer admits its recipient to something it holds.
 */
@Injectable()
export class MinutesCopies {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  /** New copies of a version for these people, decided at the snapshot's policy version; the inactive get none. */
  async prepare(snapshot: PolicySnapshot, version: MinutesVersion, recipientIds: readonly string[]): Promise<NewMinutesCopy[]> {
    const today = this.caseAccess.today();
    const viewers = await snapshot.viewers(recipientIds);
    const subjects = new Map(
      await Promise.all(version.content.items.map(async (item) => [item.caseId, await snapshot.subject(item.caseId)] as const)),
    );
    const named = new Map((await this.people.namesOf(recipientIds)).map((person) => [person.id, person]));
    const agencyNames = new Map((await this.agencies.listAll()).map((agency) => [agency.id, agency.name]));
    const copies: NewMinutesCopy[] = [];
    for (const recipientId of recipientIds) {
      const viewer = viewers.get(recipientId);
      const person = named.get(recipientId);
      if (!viewer || !viewer.isActive || !person) continue;
      const holds: Record<string, Compartment[]> = {};
      for (const item of version.content.items) {
        const subject = subjects.get(item.caseId);
        holds[item.itemId] = subject ? admittedCompartments(viewer, subject, { today }) : [];
      }
      copies.push({
        minutesId: version.id,
        recipientId,
        recipientName: person.name,
        recipientAgencyName: agencyNames.get(person.agencyId) ?? 'An agency',
        fingerprintKey: randomBytes(32).toString('hex'),
        policyVersion: snapshot.version,
        holds,
      });
    }
    return copies;
  }

  /** Whether the policy, now, still admits the copy's recipient to everything the copy holds. */
  async isStale(snapshot: PolicySnapshot, version: MinutesVersion, copy: Pick<MinutesCopy, 'recipientId' | 'holds'>): Promise<boolean> {
    const viewer = await snapshot.viewer(copy.recipientId);
    if (!viewer) return true;
    const today = this.caseAccess.today();
    for (const item of version.content.items) {
      const held = copy.holds[item.itemId] ?? [];
      if (held.length === 0) continue;
      const subject = await snapshot.subject(item.caseId);
      if (!subject) return true;
      if (held.some((compartment) => !decide(viewer, subject, compartment, { today }).admitted)) return true;
    }
    return false;
  }

  /** The access-log rows of disclosing a copy: one per case and compartment it holds, with the policy's reason now. */
  async disclosures(
    snapshot: PolicySnapshot,
    version: MinutesVersion,
    copy: Pick<MinutesCopy, 'recipientId' | 'holds'>,
  ): Promise<{ caseId: string; accesses: { compartment: Compartment; action: 'read'; reason: string }[] }[]> {
    const viewer = await snapshot.viewer(copy.recipientId);
    if (!viewer) return [];
    const today = this.caseAccess.today();
    const out = [];
    for (const item of version.content.items) {
      const held: readonly Compartment[] = copy.holds[item.itemId] ?? [];
      if (held.length === 0) continue;
      const subject = await snapshot.subject(item.caseId);
      if (!subject) continue;
      out.push({
        caseId: item.caseId,
        accesses: held.map((compartment) => ({
          compartment,
          action: 'read' as const,
          reason: `${decide(viewer, subject, compartment, { today }).reason}; minutes copy`,
        })),
      });
    }
    return out;
  }

  now(): Date {
    return this.clock.now();
  }
}

export const holdsNothing = (holds: MinutesHolds) => Object.values(holds).every((held) => held.length === 0);
