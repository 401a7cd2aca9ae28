import { Injectable } from '@nestjs/common';
import type { TrackedActionView } from '@caseroom/contracts';
import type { Actor, CaseAction } from '@caseroom/domain';
import { ActionRepository, AgencyRepository, PersonRepository } from '@caseroom/persistence';
import { CaseAccess } from '../cases/case-access';
import { toActionView } from './action-views';
import { recordActionReads, stepsOut } from './read-actions.use-case';

/**
 * The action tracker between meetings: the actions a person or their agency owns, or every action for
 * whoever runs conferences; each case through the policy as its own action list is, so a person
 * stepped out of a case sees nothing of it. The reads are access-logged.
 */
@Injectable()
export class ReadActionTracker {
  constructor(
    private readonly actions: ActionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
  ) {}

  async execute(actor: Actor): Promise<TrackedActionView[]> {
    const runsConferences = actor.roles.includes('coordinator') || actor.roles.includes('chair');
    const candidates = runsConferences ? await this.actions.allByDueDate() : await this.actions.ownedBy(actor.userId, actor.agencyId);
    const visible: { action: CaseAction; reference: string }[] = [];
    for (const [caseId, actions] of byCase(candidates)) {
      const open = await this.caseAccess.open(actor, caseId).catch(stepsOut);
      if (!open) continue;
      const admitted = actions.filter((action) => open.admitted.includes(action.compartment));
      if (admitted.length === 0) continue;
      await recordActionReads(this.caseAccess, actor, open, admitted, 'http');
      visible.push(...admitted.map((action) => ({ action, reference: open.record.reference })));
    }
    return this.named(visible.sort((a, b) => a.action.dueOn.localeCompare(b.action.dueOn)));
  }

  private async named(visible: readonly { action: CaseAction; reference: string }[]): Promise<TrackedActionView[]> {
    const personIds = visible.flatMap(({ action }) => [
      ...(action.ownerUserId ? [action.ownerUserId] : []),
      ...action.updates.map((update) => update.byId),
    ]);
    const [people, agencies] = await Promise.all([this.people.namesOf([...new Set(personIds)]), this.agencies.listAll()]);
    const personName = new Map(people.map((person) => [person.id, person.name]));
    const agencyName = new Map(agencies.map((agency) => [agency.id, agency.name]));
    const today = this.caseAccess.today();
    return visible.map(({ action, reference }) => {
      const view = toActionView(action, today);
      return {
        ...view,
        reference,
        ownerAgencyName: agencyName.get(action.ownerAgencyId) ?? 'An agency',
        ownerName: action.ownerUserId ? (personName.get(action.ownerUserId) ?? null) : null,
        updates: view.updates.map((update) => ({ ...update, byName: personName.get(update.byId) ?? 'Someone' })),
      };
    });
  }
}

function byCase(actions: readonly CaseAction[]): Map<string, CaseAction[]> {
  const grouped = new Map<string, CaseAction[]>();
  for (const action of actions) grouped.set(action.caseId, [...(grouped.get(action.caseId) ?? []), action]);
  return grouped;
}
