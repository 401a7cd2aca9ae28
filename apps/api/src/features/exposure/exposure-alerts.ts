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

  /** Refusals waiting, per person, and whether that person's are being worked on. */
  private readonly waiting = new Map<string, { refusal: Refusal; at: Date; done: () => void; failed: (error: unknown) => void }[]>();

  /**
   * Considers a refusal. One person's refusals are worked on one batch at a time, each batch in as few
   * statements as its distinct cases need: a flood of attempts by one person costs the database one
   * connection, not one per attempt.
   */
  consider(refusal: Refusal, at: Date): Promise<void> {
    return new Promise<void>((done, failed) => {
      const queue = this.waiting.get(refusal.personId);
      if (queue) {
        queue.push({ refusal, at, done, failed });
        return;
      }
      this.waiting.set(refusal.personId, [{ refusal, at, done, failed }]);
      void this.drain(refusal.personId);
    });
  }

  private async drain(personId: string): Promise<void> {
    for (;;) {
      const batch = this.waiting.get(personId) ?? [];
      if (batch.length === 0) {
        this.waiting.delete(personId);
        return;
      }
      this.waiting.set(personId, []);
      try {
        await this.considerBatch(batch.map(({ refusal, at }) => ({ refusal, at })));
        for (const waiting of batch) waiting.done();
      } catch (error) {
        for (const waiting of batch) waiting.failed(error);
      }
    }
  }

  private async considerBatch(batch: readonly { refusal: Refusal; at: Date }[]): Promise<void> {
    const last = batch.reduce((latest, { at }) => (at > latest ? at : latest), batch[0].at);
    const burstSince = new Date(last.getTime() - exposureBurstMinutes * 60_000);
    const linked = new Map<string, Refusal[]>();
    for (const { refusal } of batch)
      if (refusal.caseId && isLinkedRefusal(refusal.reason)) linked.set(refusal.caseId, [...(linked.get(refusal.caseId) ?? []), refusal]);
    for (const [caseId, refusals] of linked) {
      const { alert, isNew } = await this.exposure.addAttempt(
        { kind: 'linked_attempt', caseId, ...this.attemptsOf(refusals) },
        last,
        burstSince,
      );
      if (isNew) await this.notifyLinked(alert, refusals[0]);
    }
    const refusals = batch.map(({ refusal }) => refusal);
    if ((await this.exposure.refusedTargetsSince(refusals[0].personId, burstSince)) >= unusualRefusedCases) {
      const { alert, isNew } = await this.exposure.addAttempt(
        { kind: 'unusual_pattern', caseId: null, ...this.attemptsOf(refusals) },
        last,
        burstSince,
      );
      if (isNew) await this.notifyPattern(alert);
    }
  }

  private attemptsOf(refusals: readonly Refusal[]) {
    return {
      personId: refusals[0].personId,
      channels: [...new Set(refusals.map((refusal) => refusal.channel))],
      attempts: [...new Set(refusals.map((refusal) => refusal.attempt))],
      count: refusals.length,
      reason: refusals[0].reason,
    };
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
