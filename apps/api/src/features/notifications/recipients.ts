import { Injectable } from '@nestjs/common';
import { compartments, type CaseSubject, type Compartment, type Role, type ViewerProfile } from '@caseroom/domain';
import { PersonRepository, type PolicySnapshot } from '@caseroom/persistence';
import { decide, decideRestrictionManagement } from '@caseroom/policy';
import { CaseAccess } from '../cases/case-access';

/**
 * Who a notice about a case goes to, and who may still see one, asked of the policy like every other
 * disclosure: a person the policy steps out of the case is never told about it, not even by reference.
 * The database narrows the candidates (agency, role); the policy decides among them, on the inputs of
 * one policy version (the snapshot), so that a notice is raised only if that version is still current
 * when it is written (Notifier).
 */
@Injectable()
export class Recipients {
  constructor(
    private readonly people: PersonRepository,
    private readonly caseAccess: CaseAccess,
  ) {}

  /** Professional standards of the suspect's force who may act on the case's restrictions. */
  async restrictionManagers(snapshot: PolicySnapshot, caseId: string): Promise<string[]> {
    const subject = await snapshot.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgency(subject.suspect.forceId, 'psd');
    return this.admitted(snapshot, candidates, subject, (viewer) => decideRestrictionManagement(viewer, subject, { today }).admitted);
  }

  /** The IOPC's people admitted to the case's standards compartment. */
  async iopc(snapshot: PolicySnapshot, caseId: string): Promise<string[]> {
    const subject = await snapshot.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgenciesOfKind('iopc');
    return this.admitted(
      snapshot,
      candidates,
      subject,
      (viewer) => viewer.agencyKind === 'iopc' && decide(viewer, subject, 'standards', { today }).admitted,
    );
  }

  /** Everyone holding the role, in any agency, admitted to read the compartment (the coordinators, say). */
  async withRole(snapshot: PolicySnapshot, caseId: string, role: Role, compartment: Compartment): Promise<string[]> {
    const subject = await snapshot.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsWithRole(role);
    return this.admitted(
      snapshot,
      candidates,
      subject,
      (viewer) => viewer.roles.includes(role) && decide(viewer, subject, compartment, { today }).admitted,
    );
  }

  /** People of one agency (or one person) admitted to read the compartment. */
  async inAgency(snapshot: PolicySnapshot, caseId: string, agencyId: string, compartment: Compartment): Promise<string[]> {
    const subject = await snapshot.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    const candidates = await this.people.findActiveIdsInAgency(agencyId);
    return this.admitted(
      snapshot,
      candidates,
      subject,
      (viewer) => viewer.agencyId === agencyId && decide(viewer, subject, compartment, { today }).admitted,
    );
  }

  /** Of these people, those of the agency who may hear of the case at all (admitted to some compartment of it). */
  async ofAgencyKnowingCase(
    snapshot: PolicySnapshot,
    caseId: string,
    agencyId: string,
    candidateIds: readonly string[],
  ): Promise<string[]> {
    const subject = await snapshot.subject(caseId);
    if (!subject) return [];
    const today = this.caseAccess.today();
    return this.admitted(
      snapshot,
      candidateIds,
      subject,
      (viewer) =>
        viewer.agencyId === agencyId && compartments.some((compartment) => decide(viewer, subject, compartment, { today }).admitted),
    );
  }

  /** Whether this one person may hear of the compartment at all. */
  async admits(snapshot: PolicySnapshot, caseId: string, userId: string, compartment: Compartment): Promise<boolean> {
    const [viewer, subject] = await Promise.all([snapshot.viewer(userId), snapshot.subject(caseId)]);
    return !!viewer && !!subject && decide(viewer, subject, compartment, { today: this.caseAccess.today() }).admitted;
  }

  /**
   * Of the cases named, those the person may still hear of: a notice names a case by its reference, and
   * a case exists for a person only while the policy admits them to some compartment of it.
   */
  async casesKnownTo(snapshot: PolicySnapshot, userId: string, caseIds: readonly string[]): Promise<Set<string>> {
    const distinct = [...new Set(caseIds)];
    const viewer = await snapshot.viewer(userId);
    if (!viewer || distinct.length === 0) return new Set();
    const today = this.caseAccess.today();
    const subjects = await Promise.all(distinct.map((caseId) => snapshot.subject(caseId)));
    return new Set(
      subjects
        .filter((subject): subject is CaseSubject => subject !== null)
        .filter((subject) => compartments.some((compartment) => decide(viewer, subject, compartment, { today }).admitted))
        .map((subject) => subject.caseId),
    );
  }

  private async admitted(
    snapshot: PolicySnapshot,
    candidateIds: readonly string[],
    subject: CaseSubject,
    test: (viewer: ViewerProfile, subject: CaseSubject) => boolean,
  ): Promise<string[]> {
    const viewers = await snapshot.viewers(candidateIds);
    return [...viewers.values()].filter((viewer) => viewer.isActive && test(viewer, subject)).map((viewer) => viewer.userId);
  }
}
