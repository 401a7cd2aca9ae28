import { Inject, Injectable } from '@nestjs/common';
import type { AcknowledgeAlertBody, ExposureAlertView } from '@caseroom/contracts';
import { conflict, notFound, type Actor, type Clock, type ExposureAlert } from '@caseroom/domain';
import {
  AgencyRepository,
  CaseRepository,
  ExposureRepository,
  PersonRepository,
  PolicyInputsRepository,
  type PolicySnapshot,
} from '@caseroom/persistence';
import { decide, decideRestrictionManagement } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';

/**
 * The alerts a person may see and act on, decided like everything else: of an attempt on a case,
 * professional standards who may manage its restrictions (never those linked to its suspect) and the
 * IOPC admitted to its standards compartment; of an unusual pattern, the IOPC and professional
 * standards of the person's own force. Anyone else sees none, and an alert they may not see is not found.
 */
@Injectable()
export class ReadExposureAlerts {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly exposure: ExposureRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly cases: CaseRepository,
  ) {}

  async list(actor: Actor): Promise<ExposureAlertView[]> {
    const snapshot = await this.policyInputs.snapshot();
    const alerts = await this.exposure.alerts();
    const visible: ExposureAlert[] = [];
    for (const alert of alerts) if (await this.maySee(snapshot, actor.userId, alert)) visible.push(alert);
    return this.views(visible);
  }

  async acknowledge(actor: Actor, alertId: string, body: AcknowledgeAlertBody): Promise<ExposureAlertView> {
    const alert = await this.exposure.findAlert(alertId);
    if (!alert || !(await this.maySee(await this.policyInputs.snapshot(), actor.userId, alert))) throw notFound('The alert');
    if (!(await this.exposure.acknowledge(alertId, actor.userId, this.clock.now(), body.actionTaken)))
      throw conflict('This alert has been acknowledged already.');
    return (await this.views([(await this.exposure.findAlert(alertId))!]))[0];
  }

  private async maySee(snapshot: PolicySnapshot, userId: string, alert: ExposureAlert): Promise<boolean> {
    if (alert.personId === userId) return false;
    const viewer = await snapshot.viewer(userId);
    if (!viewer || !viewer.isActive) return false;
    const today = this.clock.now().toISOString().slice(0, 10);
    if (alert.caseId) {
      const subject = await snapshot.subject(alert.caseId);
      if (!subject) return false;
      if (viewer.agencyKind === 'iopc') return decide(viewer, subject, 'standards', { today }).admitted;
      return decideRestrictionManagement(viewer, subject, { today }).admitted;
    }
    if (viewer.agencyKind === 'iopc') return true;
    const person = await snapshot.viewer(alert.personId);
    return viewer.roles.includes('psd') && person !== null && person.agencyId === viewer.agencyId;
  }

  private async views(alerts: readonly ExposureAlert[]): Promise<ExposureAlertView[]> {
    const ids = [...new Set(alerts.flatMap((alert) => [alert.personId, ...(alert.acknowledgedBy ? [alert.acknowledgedBy] : [])]))];
    const people = new Map((await this.people.namesOf(ids)).map((person) => [person.id, person]));
    const agencies = new Map((await this.agencies.listAll()).map((agency) => [agency.id, agency.name]));
    const views: ExposureAlertView[] = [];
    for (const alert of alerts) {
      const person = people.get(alert.personId);
      views.push({
        id: alert.id,
        kind: alert.kind,
        reference: alert.caseId ? await this.cases.referenceOf(alert.caseId) : null,
        personName: person?.name ?? 'A former member',
        personAgencyName: agencies.get(person?.agencyId ?? '') ?? 'An agency',
        firstAt: alert.firstAt.toISOString(),
        lastAt: alert.lastAt.toISOString(),
        attempts: alert.attempts,
        channels: alert.channels,
        attemptKinds: alert.attemptKinds,
        reason: alert.reason,
        acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
        acknowledgedByName: alert.acknowledgedBy ? (people.get(alert.acknowledgedBy)?.name ?? 'A former member') : null,
        actionTaken: alert.actionTaken,
      });
    }
    return views;
  }
}
