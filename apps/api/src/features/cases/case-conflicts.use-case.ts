import { Injectable } from '@nestjs/common';
import type { ConflictView, DeclareConflictBody, RecordConflictBody } from '@caseroom/contracts';
import { allInOrder, DomainError, invalid, type Actor } from '@caseroom/domain';
import { CaseRepository, PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { findConflict } from '@caseroom/policy';
import { LiveEvents } from '../../shared/live-events';
import { CaseAccess } from './case-access';

/** Declaring, recording and listing conflicts of interest on a case. */
@Injectable()
export class CaseConflicts {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly live: LiveEvents,
  ) {}

  /** A person declares their own link to the suspect; from then on they are stepped out of the case. */
  async declare(actor: Actor, caseId: string, body: DeclareConflictBody): Promise<void> {
    await this.access.open(actor, caseId);
    await this.cases.addConflict({
      caseId,
      userId: actor.userId,
      kind: body.kind,
      reason: body.reason,
      source: 'declared',
      recordedBy: actor.userId,
    });
    await this.live.publish({ kind: 'case-changed', caseId, steppedOut: [actor.userId] });
  }

  /**
   * A chair, coordinator or PSD records someone else's link. `alsoRequired` is a caller's own check (the
   * live channel's "chair of this conference"), read side by side with these: this is a revocation's path.
   */
  async record(actor: Actor, caseId: string, body: RecordConflictBody, alsoRequired: Promise<unknown> = Promise.resolve()): Promise<void> {
    const [, , exists] = await allInOrder([alsoRequired, this.access.open(actor, caseId), this.people.exists(body.userId)]);
    if (!exists) throw invalid('The person does not exist.', [{ path: 'body.userId', message: 'no such person' }]);
    await this.cases.addConflict({
      caseId,
      userId: body.userId,
      kind: body.kind,
      reason: body.reason,
      source: 'recorded',
      recordedBy: actor.userId,
    });
    await this.live.publish({ kind: 'case-changed', caseId, steppedOut: [body.userId] });
  }

  /** Every conflict on the case, with its reason: for the chair. */
  async list(actor: Actor, caseId: string): Promise<ConflictView[]> {
    const open = await this.access.open(actor, caseId);
    if (!open.viewer.roles.includes('chair')) throw new DomainError('FORBIDDEN', 'Only the chair can list the conflicts on a case.');
    const people = await this.people.listAll();
    const names = new Map(people.map((person) => [person.id, person.name]));
    const recorded = await this.cases.conflicts(caseId);
    const views: ConflictView[] = recorded.map((conflict) => ({
      userId: conflict.userId,
      name: names.get(conflict.userId) ?? '',
      source: conflict.source,
      reason: conflict.source,
      kind: conflict.kind,
      note: conflict.reason,
    }));
    const today = this.access.today();
    const withoutRecorded = { ...open.subject, recordedConflicts: [] };
    const profiles = await this.policyInputs.viewers(people.map((person) => person.id));
    for (const person of people) {
      const viewer = profiles.get(person.id);
      const conflict = viewer ? findConflict(viewer, withoutRecorded, today) : null;
      if (conflict)
        views.push({ userId: person.id, name: person.name, source: 'derived', reason: conflict.reason, kind: null, note: null });
    }
    return views;
  }
}
