import { Injectable } from '@nestjs/common';
import type { VictimStatusWorkView } from '@caseroom/contracts';
import { DomainError, type Actor } from '@caseroom/domain';
import { CaseRepository, PersonRepository, VictimStatusRepository } from '@caseroom/persistence';
import { decideStatusRelease, victimSideCompartments } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';
import { toReleasedView } from '../victim-side/victim-side-views';

const compartment = victimSideCompartments.statusDraft;

/** PSD's view of the statuses for victims: each case of their force they may release for, its draft and its releases. */
@Injectable()
export class ReadVictimStatusWork {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly statuses: VictimStatusRepository,
    private readonly people: PersonRepository,
  ) {}

  /** Every case the person may release a status on (their force's), oldest first; each one read is logged. */
  async mine(actor: Actor): Promise<VictimStatusWorkView[]> {
    const views: VictimStatusWorkView[] = [];
    for (const record of await this.cases.listAll()) {
      if (record.status === 'declined') continue;
      const reason = await this.mayRelease(actor, record.id);
      if (reason === null) continue;
      await this.access.record(actor, record.id, [{ compartment, action: 'read', reason }]);
      views.push(await this.viewOf(record.id, record.reference));
    }
    return views;
  }

  async one(actor: Actor, caseId: string): Promise<VictimStatusWorkView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'read');
    await this.access.record(actor, caseId, [{ compartment, action: 'read', reason: open.reason }], { atVersion: open.policyVersion });
    return this.viewOf(caseId, open.record.reference);
  }

  /** Read only after the policy admitted the reader to the standards compartment of the case. */
  async viewOf(caseId: string, reference: string): Promise<VictimStatusWorkView> {
    const [draft, released] = await Promise.all([this.statuses.draftOf(caseId), this.statuses.releasedFor(caseId)]);
    const authors = [...(draft ? [draft.writtenBy] : []), ...released.map((status) => status.releasedBy!)];
    const names = new Map((await this.people.namesOf([...new Set(authors)])).map((person) => [person.id, person.name]));
    return {
      caseId,
      reference,
      draft: draft
        ? {
            text: draft.text,
            revision: draft.revision,
            writtenAt: draft.writtenAt.toISOString(),
            writtenByName: names.get(draft.writtenBy) ?? '',
          }
        : null,
      released: released.map((status) => ({ ...toReleasedView(status), releasedByName: names.get(status.releasedBy!) ?? '' })),
    };
  }

  /** The reason the policy gives for this person releasing on the case; null when it does not admit them. */
  private async mayRelease(actor: Actor, caseId: string): Promise<string | null> {
    try {
      const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
      const decision = decideStatusRelease(open.viewer, open.subject, { today: this.access.today() });
      return decision.admitted ? decision.reason : null;
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }
}
