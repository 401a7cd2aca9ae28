import { Injectable } from '@nestjs/common';
import { type AddEntryBody, type CompartmentView, type EntryView, type UpdateCaseBody } from '@caseroom/contracts';
import { DomainError, invalid, isPoliceForce, type Actor, type Compartment } from '@caseroom/domain';
import { decideRestrictionManagement } from '@caseroom/policy';
import { AgencyRepository, CaseRepository } from '@caseroom/persistence';
import { LiveEvents } from '../../shared/live-events';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from './case-access';
import { loadCompartment, toEntryView } from './case-views';

/** Changes to a case's content and structure, each allowed only where the policy admits a write. */
@Injectable()
export class ChangeCase {
  constructor(
    private readonly access: CaseAccess,
    private readonly cases: CaseRepository,
    private readonly agencies: AgencyRepository,
    private readonly live: LiveEvents,
    private readonly publisher: LivePublisher,
  ) {}

  async updateFields(actor: Actor, caseId: string, compartment: Compartment, body: Record<string, unknown>): Promise<CompartmentView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
    // How the matter is recorded (complaint or conduct matter) is professional standards' own call (decision 0028).
    if (
      compartment === 'standards' &&
      'recordedAs' in body &&
      !decideRestrictionManagement(open.viewer, open.subject, { today: this.access.today() }).admitted
    )
      throw new DomainError('FORBIDDEN', "Only professional standards of the suspect's force record how the matter is recorded.");
    await this.cases.mergeFields(caseId, compartment, body, actor.userId);
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    const view = await loadCompartment(this.cases, caseId, compartment);
    this.publisher.toCompartment(caseId, compartment, 'case.fields', { caseId, compartment, fields: view.fields });
    return view;
  }

  async addEntry(actor: Actor, caseId: string, compartment: Compartment, body: AddEntryBody): Promise<EntryView> {
    const open = await this.access.openCompartment(actor, caseId, compartment, 'write');
    const entry = await this.cases.addEntry(caseId, compartment, { authorId: actor.userId, occurredOn: body.occurredOn, text: body.text });
    await this.access.record(actor, caseId, [{ compartment, action: 'write', reason: open.reason }], { atVersion: open.policyVersion });
    const view = toEntryView(entry);
    this.publisher.toCompartment(caseId, compartment, 'case.entry', { caseId, compartment, entry: view });
    return view;
  }

  /** Status, panel agencies and investigating force: the coordinator's or chair's to change. */
  async update(actor: Actor, caseId: string, body: UpdateCaseBody): Promise<void> {
    const open = await this.access.openCompartment(actor, caseId, 'panel', 'write');
    for (const [index, agencyId] of (body.agencyIds ?? []).entries()) {
      if (!(await this.agencies.findById(agencyId)))
        throw invalid('An agency does not exist.', [{ path: `body.agencyIds.${index}`, message: 'no such agency' }]);
    }
    if (body.investigatingForceId) {
      const force = await this.agencies.findById(body.investigatingForceId);
      if (!force || !isPoliceForce(force.kind))
        throw invalid('The investigating force is not valid.', [{ path: 'body.investigatingForceId', message: 'must be a police force' }]);
    }
    await this.cases.update(caseId, body);
    await this.live.publish({ kind: 'case-changed', caseId });
    await this.access.record(actor, caseId, [{ compartment: 'panel', action: 'write', reason: open.reason }], {
      atVersion: open.policyVersion,
    });
  }
}
