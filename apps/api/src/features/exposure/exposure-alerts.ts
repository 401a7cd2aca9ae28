import { Injectable } from '@nestjs/common';
import {
  exposureBurstMinutes,
  isLinkedRefusal,
  unusualRefusedCases,
  type AccessChannel,
  type ExposureAlert,
  type Refusal,
  type RefusedAttempt,
} from '@caseroom/domain';
import { AgencyRepository, CaseRepository, ExposureRepository, PersonRepository, type NewNotification } from '@caseroom/persistence';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';

const attemptWords: Record<RefusedAttempt, string> = {
  read: 'to read it',
  write: 'to change it',
  search: 'to find it by searching',
  sync: 'to open its live notes',
  download: 'to download minutes holding it',
  guess: 'with an id that names no case',
};
const channelWords: Record<AccessChannel, string> = {
  http: 'in the web client or the API',
  socket: 'over the live channel',
  export: 'through a download',
};

/**
 * Alerts from refused attempts. When the suspect or anyone linked to them tries a case, professional
 * standards of the suspect's force (not those linked to the suspect: the policy decides who may act) and
 * the IOPC are alerted; when anyone is refused on many cases in a short time, the IOPC and professional
 * standards of that person's own force are. Attempts close together add to one alert, and only a new
 * alert raises notices (live, and in the notification centre). An alert names the neutral reference, who,
 * when and the kind of attempt; never content.
 */
@Injectable()
export class ExposureAlerts {
  constructor(
    private readonly exposure: ExposureRepository,
    private readonly notifier: Notifier,
    private readonly recipients: Recipients,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly cases: CaseRepository,
  ) {}

  async consider(refusal: Refusal, at: Date): Promise<void> {
    const burstSince = new Date(at.getTime() - exposureBurstMinutes * 60_000);
    if (refusal.caseId && isLinkedRefusal(refusal.reason)) {
      const { alert, isNew } = await this.exposure.addAttempt(
        { kind: 'linked_attempt', ...this.attemptOf(refusal), caseId: refusal.caseId },
        at,
        burstSince,
      );
      if (isNew) await this.notifyLinked(alert, refusal);
    }
    if ((await this.exposure.refusedTargetsSince(refusal.personId, burstSince)) >= unusualRefusedCases) {
      const { alert, isNew } = await this.exposure.addAttempt(
        { kind: 'unusual_pattern', ...this.attemptOf(refusal), caseId: null },
        at,
        burstSince,
      );
      if (isNew) await this.notifyPattern(alert);
    }
  }

  private attemptOf(refusal: Refusal) {
    return { personId: refusal.personId, channel: refusal.channel, attempt: refusal.attempt, reason: refusal.reason };
  }

  private async notifyLinked(alert: ExposureAlert, refusal: Refusal): Promise<void> {
    const caseId = alert.caseId!;
    const [who, reference] = await Promise.all([this.who(alert.personId), this.cases.referenceOf(caseId)]);
    const message =
      `Exposure alert: ${who} tried case ${reference ?? 'unknown'} ${attemptWords[refusal.attempt]} ${channelWords[refusal.channel]} ` +
      `and was refused (linked to the suspect). Acknowledge it under Exposure alerts and record what you did.`;
    await this.notifier.raise(async (snapshot) => {
      const recipients = new Set([
        ...(await this.recipients.restrictionManagers(snapshot, caseId)),
        ...(await this.recipients.iopc(snapshot, caseId)),
      ]);
      recipients.delete(alert.personId);
      return [...recipients].map((recipientId) => this.notice(alert, recipientId, caseId, message));
    });
  }

  private async notifyPattern(alert: ExposureAlert): Promise<void> {
    const person = await this.people.findById(alert.personId);
    const who = await this.who(alert.personId);
    const message =
      `Exposure alert: ${who} was refused on ${unusualRefusedCases} or more different cases within ${exposureBurstMinutes} minutes. ` +
      `Acknowledge it under Exposure alerts and record what you did.`;
    const own = person ? await this.people.findActiveIdsInAgency(person.agencyId, 'psd') : [];
    const iopc = await this.people.findActiveIdsInAgenciesOfKind('iopc');
    const recipients = new Set([...own, ...iopc]);
    recipients.delete(alert.personId);
    await this.notifier.raise(() => Promise.resolve([...recipients].map((recipientId) => this.notice(alert, recipientId, null, message))));
  }

  private notice(alert: ExposureAlert, recipientId: string, caseId: string | null, message: string): NewNotification {
    return {
      recipientId,
      kind: 'exposure_alert',
      caseId,
      subjectId: alert.id,
      message,
      dueOn: null,
      dedupeKey: `exposure_alert:${alert.id}:${recipientId}`,
    };
  }

  private async who(personId: string): Promise<string> {
    const person = await this.people.findById(personId);
    if (!person) return 'A former member';
    const agency = await this.agencies.findById(person.agencyId);
    return `${person.name} (${agency?.name ?? 'an agency'})`;
  }
}
