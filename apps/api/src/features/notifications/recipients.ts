import { Injectable } from '@nestjs/common';
import type { CaseSubject, Compartment, ViewerProfile } from '@caseroom/domain';
import { PersonRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide, decideRestrictionManagement } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';

/**
 * Who a notice about a case goes to, asked of the policy like every other disclosure: a person the
 * policy steps out of the case is never told about it, not even by reference. The database narrows
 * the candidates (agency, role); the policy decides among them.
 */
@Injectable()
export class Recipients {
  constructor(
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  /** Professional standards of the suspect's force who may act on the case's restrictions. */
  async restrictionManagers(caseId: string): Promise<string[]> {
    const subject = await this.policyInputs.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgency(subject.suspect.forceId, 'psd');
    return this.admitted(candidates, subject, (viewer) => decideRestrictionManagement(viewer, subject, { today }).admitted);
  }

  /** The IOPC's people admitted to the case's standards compartment. */
  async iopc(caseId: string): Promise<string[]> {
    const subject = await this.policyInputs.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgenciesOfKind('iopc');
    return this.admitted(
      candidates,
      subject,
      (viewer) => viewer.agencyKind === 'iopc' && decide(viewer, subject, 'standards', { today }).admitted,
    );
  }

  /** People of one agency (or one person) admitted to read the compartment. */
  async inAgency(caseId: string, agencyId: string, compartment: Compartment): Promise<string[]> {
    const subject = await this.policyInputs.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgency(agencyId);
    return this.admitted(
      candidates,
      subject,
      (viewer) => viewer.agencyId === agencyId && decide(viewer, subject, compartment, { today }).admitted,
    );
  }

  /** Whether this one person may hear of the compartment at all. */
  async admits(caseId: string, userId: string, compartment: Compartment): Promise<boolean> {
    const [viewer, subject] = await Promise.all([this.policyInputs.viewer(userId), this.policyInputs.subject(caseId)]);
    return !!viewer && !!subject && decide(viewer, subject, compartment, { today: this.caseAccess.today() }).admitted;
  }

  private async admitted(
    candidateIds: readonly string[],
    subject: CaseSubject,
    test: (viewer: ViewerProfile, subject: CaseSubject) => boolean,
  ): Promise<string[]> {
    const viewers = await this.policyInputs.viewers(candidateIds);
    return [...viewers.values()].filter((viewer) => viewer.isActive && test(viewer, subject)).map((viewer) => viewer.userId);
  }
}
