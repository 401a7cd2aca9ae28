import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { NotificationView } from '@caseroom/contracts';
import type { NotificationRecord } from '@caseroom/domain';
import { NotificationRepository, PolicyInputsRepository, type NewNotification, type PolicySnapshot } from '@caseroom/persistence';
import { FrameGate, scoped } from '@caseroom/realtime';
import { describeError } from '../../edge/error-response';
import { LivePublisher } from '../../shared/live-publisher';
import { Recipients } from './recipients';

export const toNotificationView = (notification: NotificationRecord): NotificationView => ({
  id: notification.id,
  kind: notification.kind,
  caseId: notification.caseId,
  subjectId: notification.subjectId,
  message: notification.message,
  dueOn: notification.dueOn,
  createdAt: notification.createdAt.toISOString(),
  readAt: notification.readAt?.toISOString() ?? null,
});

/** Decides whom notices go to from the inputs of one policy version; they are recomputed if it moves on first. */
export type NoticesAtVersion = (snapshot: PolicySnapshot) => Promise<readonly NewNotification[]>;

/** The signal every instance hears when notices are raised: ids only, nothing of a case. */
interface NoticesRaised {
  readonly notices: readonly { readonly id: string; readonly recipientId: string }[];
}

const noticesSignal = 'notices-raised';
/** How often recipients are decided again when the policy changed while they were being decided. */
const decideAttempts = 10;

/**
 * Stores notices (once each) and pushes the new ones live to their recipients' sockets. Recipients are
 * decided at one policy version and stored only if it is still the current one as they are written;
 * each instance then decides again, for its own sockets, whether the recipient may still hear of the
 * case, and the push passes the gate like every other frame.
 */
@Injectable()
export class Notifier implements OnModuleInit {
  private readonly logger = new Logger(Notifier.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly recipients: Recipients,
    private readonly publisher: LivePublisher,
    private readonly gate: FrameGate,
  ) {}

  onModuleInit(): void {
    this.publisher.onSignal(noticesSignal, (payload) => {
      this.deliver(payload as NoticesRaised).catch((error: unknown) =>
        this.logger.warn(describeError(error), 'notices not pushed: their recipients see them in their list'),
      );
    });
  }

  async raise(decide: NoticesAtVersion): Promise<number> {
    for (let attempt = 1; attempt <= decideAttempts; attempt += 1) {
      const snapshot = await this.policyInputs.snapshot();
      const notices = await decide(snapshot);
      if (notices.length === 0) return 0;
      const raised = await this.notifications.raiseAtPolicyVersion(notices, snapshot.version);
      if (raised === null) continue;
      if (raised.length > 0) {
        this.publisher.signal(noticesSignal, {
          notices: raised.map(({ id, recipientId }) => ({ id, recipientId })),
        } satisfies NoticesRaised);
      }
      return raised.length;
    }
    throw new Error(`the policy changed ${decideAttempts} times while the recipients of notices were decided`);
  }

  /** To this instance's sockets of each recipient, what the policy still lets them hear of. */
  private async deliver(signal: NoticesRaised): Promise<void> {
    const notices: NoticesRaised['notices'] = Array.isArray(signal?.notices) ? signal.notices : [];
    const byRecipient = new Map<string, Socket[]>();
    for (const { recipientId } of notices) {
      if (typeof recipientId !== 'string' || byRecipient.has(recipientId)) continue;
      const sockets = this.publisher.localSocketsOf(recipientId);
      if (sockets.length > 0) byRecipient.set(recipientId, sockets);
    }
    if (byRecipient.size === 0) return;
    // Each socket's epoch is taken before anything is read: a step-out after it stops the push at the gate.
    const decidedAt = new Map([...byRecipient.values()].flat().map((socket) => [socket, this.gate.epochOf(socket)] as const));
    const ids = notices.filter(({ recipientId }) => byRecipient.has(recipientId)).map(({ id }) => id);
    const [records, snapshot] = await Promise.all([this.notifications.byIds(ids), this.policyInputs.snapshot()]);
    for (const [recipientId, sockets] of byRecipient) {
      const own = records.filter((record) => record.recipientId === recipientId);
      const known = await this.recipients.casesKnownTo(
        snapshot,
        recipientId,
        own.flatMap((record) => (record.caseId ? [record.caseId] : [])),
      );
      for (const record of own.filter((candidate) => candidate.caseId === null || known.has(candidate.caseId))) {
        for (const socket of sockets) {
          socket.emit('notification', scoped(toNotificationView(record), { kind: 'decided', at: decidedAt.get(socket)! }));
        }
      }
    }
  }
}
