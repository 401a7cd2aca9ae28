import { Injectable } from '@nestjs/common';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';

/** Notices of a referral's way through triage. They name the case by its reference and say nothing else of it. */
@Injectable()
export class ReferralNotices {
  constructor(
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
  ) {}

  /** To every coordinator the policy admits to the case: a referral waits for triage. */
  async submitted(caseId: string, reference: string): Promise<void> {
    await this.notifier.raise(async (snapshot) =>
      (await this.recipients.withRole(snapshot, caseId, 'coordinator', 'panel')).map((recipientId) => ({
        recipientId,
        kind: 'referral_submitted' as const,
        caseId,
        subjectId: caseId,
        message: `Referral ${reference} waits for triage.`,
        dueOn: null,
        dedupeKey: `referral_submitted:${caseId}:${recipientId}`,
      })),
    );
  }

  /** To the referrer, while the policy still admits them to the case: accepted or declined, nothing more. */
  async decided(caseId: string, reference: string, outcome: 'accepted' | 'declined', referrerId: string): Promise<void> {
    await this.notifier.raise(async (snapshot) =>
      (await this.recipients.admits(snapshot, caseId, referrerId, 'panel'))
        ? [
            {
              recipientId: referrerId,
              kind: 'referral_decided' as const,
              caseId,
              subjectId: caseId,
              message: `Referral ${reference} was ${outcome}.`,
              dueOn: null,
              dedupeKey: `referral_decided:${caseId}:${referrerId}`,
            },
          ]
        : [],
    );
  }
}
