import { Injectable } from '@nestjs/common';
import type { ApplyRestrictionBody, RestrictionView, ReviewRestrictionBody } from '@caseroom/contracts';
import {
  addDays,
  applicationProblems,
  conflict,
  invalid,
  needsSecondPerson,
  nextStatus,
  proposedKindFor,
  reviewIntervalDays,
  writtenNoticeDueOn,
  writtenNoticeProblem,
  type Actor,
  type Restriction,
  type RestrictionRecord,
  type RestrictionStep,
} from '@caseroom/domain';
import { RestrictionRepository, type RestrictionChange } from '@caseroom/persistence';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from '../cases/case-access';
import { toRestrictionStatus } from '../decisions/decision-views';
import { DeclineNotices } from './decline-notices';
import { RestrictionAccess, type OpenRestriction } from './restriction-access';
import { RestrictionClocks } from './restriction-clocks';
import { toRestrictionView } from './restriction-views';

/** What a rejected application takes back: the restriction is a request again, with nothing recorded. */
const unapplied: Omit<RestrictionChange, 'status'> = {
  proposedBy: null,
  record: null,
  effectiveOn: null,
  conditions: null,
  legalBasis: null,
  reviewCycle: null,
  nextReviewOn: null,
};

/** The kinds a restriction applied before PSD recorded kinds stands for: the kind of decision that asked. */
const kindsOf = (restriction: Restriction) => restriction.record?.kinds ?? [proposedKindFor[restriction.kind]];

/**
 * What professional standards do with a restriction request. Every step is an event in the chained
 * record, taken together with the change it makes; applying a suspension, declining and lifting wait
 * for a second person.
 */
@Injectable()
export class ActOnRestriction {
  constructor(
    private readonly clocks: RestrictionClocks,
    private readonly access: RestrictionAccess,
    private readonly restrictions: RestrictionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly publisher: LivePublisher,
    private readonly declines: DeclineNotices,
  ) {}

  /** Applies the restriction, or for a suspension proposes it to a second person. */
  async apply(actor: Actor, restrictionId: string, body: ApplyRestrictionBody): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const problems = applicationProblems(body, this.clocks.settings, this.clocks.calendar);
    if (problems.length > 0)
      throw invalid(
        'The restriction cannot be applied as recorded.',
        problems.map((problem) => ({ path: `body.${problem.path}`, message: problem.message })),
      );
    const record = this.recordOf(body);
    const nextReviewOn = addDays(body.effectiveOn, reviewIntervalDays(body.kinds, body.reviewCycle, this.clocks.settings));
    const isProposal = needsSecondPerson(body.kinds);
    return this.take(actor, open, isProposal ? 'apply_proposed' : 'applied', {
      change: {
        effectiveOn: body.effectiveOn,
        conditions: body.conditions,
        legalBasis: body.legalBasis,
        reviewCycle: body.reviewCycle,
        nextReviewOn,
        record,
        ...(isProposal ? { proposedBy: actor.userId } : {}),
      },
      detail: { ...body, writtenNoticeOn: record.writtenNoticeOn, writtenNoticeDueOn: record.writtenNoticeDueOn, nextReviewOn },
    });
  }

  async review(actor: Actor, restrictionId: string, body: ReviewRestrictionBody): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const { reviewCycle } = open.restriction;
    const nextReviewOn = addDays(
      body.reviewedOn,
      reviewIntervalDays(kindsOf(open.restriction), reviewCycle ?? 'standard', this.clocks.settings),
    );
    return this.take(actor, open, 'reviewed', {
      change: { nextReviewOn, ...(body.conditions ? { conditions: body.conditions } : {}) },
      detail: { ...body, nextReviewOn },
    });
  }

  /** The written notice that follows telling the officer orally, within its working days. */
  async recordWrittenNotice(actor: Actor, restrictionId: string, writtenOn: string): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const record = open.restriction.record;
    if (!record || record.noticeMethod !== 'orally_then_in_writing' || record.writtenNoticeOn)
      throw conflict('No written notice is waiting to be recorded for this restriction.');
    const problem = writtenNoticeProblem(record, writtenOn, this.clocks.settings);
    if (problem)
      throw invalid('The written notice cannot be recorded on that date.', [{ path: `body.${problem.path}`, message: problem.message }]);
    return this.take(actor, open, 'written_notice_recorded', {
      change: { record: { ...record, writtenNoticeOn: writtenOn } },
      detail: { writtenOn, dueOn: record.writtenNoticeDueOn },
    });
  }

  async proposeDecline(actor: Actor, restrictionId: string, reason: string): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    return this.take(actor, open, 'decline_proposed', { change: { proposedBy: actor.userId }, detail: { reason } });
  }

  async proposeLift(actor: Actor, restrictionId: string, liftedOn: string, reason: string): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const record = open.restriction.record;
    return this.take(actor, open, 'lift_proposed', {
      change: { proposedBy: actor.userId, endedOn: liftedOn, ...(record ? { record: { ...record, endReason: reason } } : {}) },
      detail: { liftedOn, reason },
    });
  }

  /** A second person confirms the pending application, decline or lift. */
  async approve(actor: Actor, restrictionId: string, note: string | null): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const approving = this.proposalOf(open.restriction);
    const view = await this.take(actor, open, 'approved', { change: { proposedBy: null }, detail: { approving, note } });
    if (view.status === 'declined') await this.declines.tell(open.restriction, view.reference);
    return view;
  }

  /** A second person refuses the pending proposal; the restriction returns to where it was. */
  async reject(actor: Actor, restrictionId: string, note: string | null): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const rejecting = this.proposalOf(open.restriction);
    const record = open.restriction.record;
    const changes: Record<typeof rejecting, Omit<RestrictionChange, 'status'>> = {
      apply: unapplied,
      decline: { proposedBy: null },
      lift: { proposedBy: null, endedOn: null, ...(record ? { record: { ...record, endReason: null } } : {}) },
    };
    return this.take(actor, open, 'rejected', { change: changes[rejecting], detail: { rejecting, note } });
  }

  private proposalOf(restriction: Restriction): 'apply' | 'decline' | 'lift' {
    if (restriction.status === 'apply_pending') return 'apply';
    return restriction.status === 'decline_pending' ? 'decline' : 'lift';
  }

  private recordOf(body: ApplyRestrictionBody): RestrictionRecord {
    const dueOn = writtenNoticeDueOn(body.noticeMethod, body.toldOn, this.clocks.settings, this.clocks.calendar);
    return {
      kinds: body.kinds,
      namedSystem: body.namedSystem,
      otherKind: body.otherKind,
      regulation11Grounds: body.regulation11Grounds.length > 0 ? body.regulation11Grounds : null,
      decisionMaker: body.decisionMaker,
      noticeMethod: body.noticeMethod,
      toldOn: body.toldOn,
      writtenNoticeOn: body.noticeMethod === 'in_writing' ? body.toldOn : body.writtenNoticeOn,
      writtenNoticeDueOn: dueOn,
      rationale: body.rationale,
      alternatives: body.alternatives,
      representations: body.representations,
      iopcConsultedOn: body.isIopcConsulted ? body.iopcConsultedOn : null,
      arrestFor: body.arrestFor,
      presumptionRebutted: body.presumptionRebutted,
      endReason: null,
    };
  }

  private async take(
    actor: Actor,
    open: OpenRestriction,
    step: RestrictionStep,
    what: { change: Omit<RestrictionChange, 'status'>; detail: Record<string, unknown> },
  ): Promise<RestrictionView> {
    const status = nextStatus(open.restriction, step, actor.userId);
    const updated = await this.restrictions.step(
      open.restriction,
      { ...what.change, status },
      { step, byId: actor.userId, detail: what.detail },
    );
    await this.caseAccess.record(actor, updated.caseId, [{ compartment: 'standards', action: 'write', reason: open.reason }]);
    this.publisher.toCompartment(updated.caseId, 'panel', 'restriction.status', {
      caseId: updated.caseId,
      restriction: toRestrictionStatus(updated),
    });
    const today = this.caseAccess.today();
    return toRestrictionView(updated, await this.declines.referenceOf(updated.caseId), today, this.clocks.running(updated, today));
  }
}
