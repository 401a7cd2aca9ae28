import { Injectable } from '@nestjs/common';
import { notFound, type Actor, type CaseSubject, type Compartment, type Restriction, type ViewerProfile } from '@caseroom/domain';
import { PolicyInputsRepository, RestrictionRepository } from '@caseroom/persistence';
import { admittedCompartments, decide, decideRestrictionManagement, type Decision } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';

export interface OpenRestriction {
  readonly restriction: Restriction;
  readonly viewer: ViewerProfile;
  readonly subject: CaseSubject;
  readonly reason: string;
}

/** The same 404 for a restriction that does not exist and one the person may not see: the suspect's unit learns nothing. */
const restrictionNotFound = () => notFound('The restriction');

/**
 * Restrictions sit in the case's `standards` compartment: read by whom the policy admits there,
 * acted on only by professional standards of the suspect's force (see libs/policy standards.ts).
 */
@Injectable()
export class RestrictionAccess {
  constructor(
    private readonly restrictions: RestrictionRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  read(actor: Actor, restrictionId: string): Promise<OpenRestriction> {
    return this.open(actor, restrictionId, (viewer, subject, today) => decide(viewer, subject, 'standards', { today }));
  }

  manage(actor: Actor, restrictionId: string): Promise<OpenRestriction> {
    return this.open(actor, restrictionId, (viewer, subject, today) => decideRestrictionManagement(viewer, subject, { today }));
  }

  /** Whether the person may act on restrictions of this case (for filtering a queue). */
  async mayManage(viewer: ViewerProfile, caseId: string): Promise<boolean> {
    const subject = await this.policyInputs.subject(caseId);
    return !!subject && decideRestrictionManagement(viewer, subject, { today: this.caseAccess.today() }).admitted;
  }

  /** Whether the person may read the case's standards compartment (for filtering a register). */
  async mayRead(viewer: ViewerProfile, caseId: string): Promise<Decision> {
    const subject = await this.policyInputs.subject(caseId);
    return subject ? decide(viewer, subject, 'standards', { today: this.caseAccess.today() }) : { admitted: false, reason: 'no-case' };
  }

  /** Every compartment of the case the person may read. */
  async admittedCompartments(viewer: ViewerProfile, caseId: string): Promise<Compartment[]> {
    const subject = await this.policyInputs.subject(caseId);
    return subject ? admittedCompartments(viewer, subject, { today: this.caseAccess.today() }) : [];
  }

  private async open(
    actor: Actor,
    restrictionId: string,
    ask: (viewer: ViewerProfile, subject: CaseSubject, today: string) => Decision,
  ): Promise<OpenRestriction> {
    const restriction = await this.restrictions.findById(restrictionId);
    if (!restriction) throw restrictionNotFound();
    const [viewer, subject] = await Promise.all([this.policyInputs.viewer(actor.userId), this.policyInputs.subject(restriction.caseId)]);
    if (!viewer || !subject) throw restrictionNotFound();
    const decision = ask(viewer, subject, this.caseAccess.today());
    if (!decision.admitted) throw restrictionNotFound();
    return { restriction, viewer, subject, reason: decision.reason };
  }
}
