import { Injectable } from '@nestjs/common';
import type { CreateCaseBody, ReferralBody, SubmittedReferralView } from '@caseroom/contracts';
import { invalid, notFound, type Actor, type Person } from '@caseroom/domain';
import { PersonRepository, ReferralDraftRepository } from '@caseroom/persistence';
import { CreateCase } from '../cases/create-case.use-case';
import { ReferralNotices } from './referral-notices';

export interface SubmitReferralInput {
  readonly actor: Actor;
  readonly body: ReferralBody;
  /** The author's draft the referral was written in; deleted as the case is created. */
  readonly draftId: string | null;
}

/**
 * A referrer submits a referral: checked in full, it becomes a case waiting for triage (its draft, if
 * any, goes with it), and the coordinators are told by its reference.
 */
@Injectable()
export class SubmitReferral {
  constructor(
    private readonly createCase: CreateCase,
    private readonly people: PersonRepository,
    private readonly drafts: ReferralDraftRepository,
    private readonly notices: ReferralNotices,
  ) {}

  async execute({ actor, body, draftId }: SubmitReferralInput): Promise<SubmittedReferralView> {
    // Someone else's draft is not found, whatever the body holds; creating the case consumes it, so a
    // second submission of the same draft finds nothing either.
    if (draftId !== null && !(await this.drafts.findForAuthor(draftId, actor.userId))) throw notFound('The draft');
    const { referral } = body;
    const created = await this.createCase.execute(
      actor,
      {
        referral: { ...referral, dashScore: null },
        agencyIds: body.agencyIds,
        investigatingForceId: null,
        consent: body.consent,
        victim: body.victim,
        suspect: await this.suspectOf(body.suspect),
        allegations: body.allegations,
        summary: body.summary,
      },
      { fromDraftId: draftId },
    );
    await this.notices.submitted(created.id, created.reference);
    return { id: created.id, reference: created.reference, status: created.status };
  }

  /** Picked from the force's records, the suspect is as their account has them; else as typed. */
  private async suspectOf(suspect: ReferralBody['suspect']): Promise<CreateCaseBody['suspect']> {
    const typed = { ...suspect, unitId: null, lineManagerId: null, postings: [], name: suspect.name ?? '' };
    if (suspect.userId === null) return typed;
    const account = await this.people.findById(suspect.userId);
    if (!account || account.agencyId !== suspect.forceId)
      throw invalid('The suspect was not found in that force.', [
        { path: 'body.suspect.userId', message: 'must be a person in the suspect force' },
      ]);
    return {
      ...typed,
      unitId: account.unitId,
      lineManagerId: account.lineManagerId,
      name: account.name,
      rank: account.rank,
      staffNumber: account.staffNumber,
      roleTitle: suspect.roleTitle ?? currentRole(account),
    };
  }
}

/** The role of the person's posting that has not ended, the latest if several. */
export function currentRole(person: Pick<Person, 'postings'>, today?: string): string | null {
  const current = person.postings.filter((posting) => posting.endsOn === null || (today !== undefined && posting.endsOn >= today));
  return current.length > 0 ? current[current.length - 1].roleTitle : null;
}
