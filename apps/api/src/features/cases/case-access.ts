import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  compartments,
  DomainError,
  notFound,
  type AccessChannel,
  type AccessRecord,
  type Actor,
  type CaseRecord,
  type CaseSubject,
  type Clock,
  type Compartment,
  type ViewerProfile,
} from '@caseroom/domain';
import { AccessLogRepository, CaseRepository, PolicyInputsRepository } from '@caseroom/persistence';
import { decide, defaultPolicyTable, type Action, type Decision } from '@caseroom/policy';
import { CLOCK } from '../../shared/clock';

export interface OpenCase {
  readonly record: CaseRecord;
  readonly viewer: ViewerProfile;
  readonly subject: CaseSubject;
  readonly decisions: Readonly<Record<Compartment, Decision>>;
  readonly admitted: readonly Compartment[];
  /** The policy version these decisions were made at: what the access log rows they lead to record. */
  readonly policyVersion: string;
}

export interface AccessLogOptions {
  readonly channel?: AccessChannel;
  /** The policy version the accesses were decided at; the version current now when absent. */
  readonly atVersion?: string;
}

/** The same answer for a case that does not exist and one the person may not see: no existence oracle. */
export const caseNotFound = () => notFound('The case');

/**
 * Every case route passes through here: it loads the policy inputs fresh, asks `decide()`, refuses
 * with the same 404 whatever the reason, and writes the access log. Nothing else decides.
 */
@Injectable()
export class CaseAccess implements OnModuleInit {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly cases: CaseRepository,
    private readonly accessLog: AccessLogRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.policyInputs.recordTableVersion(defaultPolicyTable.version);
  }

  today(): string {
    return this.clock.now().toISOString().slice(0, 10);
  }

  /** The case as far as this person may have it; 404 unless they are admitted to some compartment. */
  async open(actor: Actor, caseId: string): Promise<OpenCase> {
    const [{ policyVersion, viewer, subject }, record] = await Promise.all([
      this.inputs(actor.userId, caseId),
      this.cases.findById(caseId),
    ]);
    if (!viewer || !subject || !record) throw caseNotFound();
    const today = this.today();
    const decisions = Object.fromEntries(
      compartments.map((compartment) => [compartment, decide(viewer, subject, compartment, { today })]),
    ) as Record<Compartment, Decision>;
    const admitted = compartments.filter((compartment) => decisions[compartment].admitted);
    if (admitted.length === 0) throw caseNotFound();
    return { record, viewer, subject, decisions, admitted, policyVersion };
  }

  /** The person's and the case's policy inputs, read at one policy version. */
  private async inputs(userId: string, caseId: string) {
    const snapshot = await this.policyInputs.snapshot();
    const [viewer, subject] = await Promise.all([snapshot.viewer(userId), snapshot.subject(caseId)]);
    return { policyVersion: snapshot.version, viewer, subject };
  }

  /** The case, with this compartment admitted for the action; 404 when it may not be read, 403 when only read. */
  async openCompartment(actor: Actor, caseId: string, compartment: Compartment, action: Action): Promise<OpenCase & { reason: string }> {
    const open = await this.open(actor, caseId);
    const read = open.decisions[compartment];
    if (!read.admitted) throw notFound('The compartment');
    if (action === 'write') {
      const write = decide(open.viewer, open.subject, compartment, { today: this.today(), action: 'write' });
      if (!write.admitted) throw new DomainError('FORBIDDEN', 'You may read this compartment but not change it.');
      return { ...open, reason: write.reason };
    }
    return { ...open, reason: read.reason };
  }

  /**
   * Writes the access log for accesses the policy admitted. `atVersion` is the policy version the
   * decisions were made at (an `OpenCase`'s); without it, the version current now.
   */
  async record(
    actor: Actor,
    caseId: string,
    accesses: readonly { compartment: Compartment; action: Action; reason: string }[],
    options: AccessLogOptions = {},
  ): Promise<void> {
    if (accesses.length === 0) return;
    await this.accessLog.append(await this.entries(actor, caseId, accesses, options));
  }

  /** The access-log rows for these accesses, for a repository to write in the same transaction as the change they log. */
  async entries(
    actor: Actor,
    caseId: string,
    accesses: readonly { compartment: Compartment; action: Action; reason: string }[],
    { channel = 'http', atVersion }: AccessLogOptions = {},
  ): Promise<AccessRecord[]> {
    const policyVersion = atVersion ?? (await this.policyInputs.currentVersion());
    return accesses.map((access) => ({ viewerId: actor.userId, caseId, channel, policyVersion, ...access }));
  }
}
