import { Inject, Injectable } from '@nestjs/common';
import type { ApplyRestrictionBody, RestrictionView, ReviewRestrictionBody } from '@caseroom/contracts';
import { addDays, invalid, legalBasisFits, nextStatus, reviewIntervalDays, type Actor, type RestrictionStep } from '@caseroom/domain';
import { RestrictionRepository, type RestrictionChange } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { LivePublisher } from '../../shared/live-publisher';
import { CaseAccess } from '../cases/case-access';
import { toRestrictionStatus } from '../decisions/decision-views';
import { DeclineNotices } from './decline-notices';
import { RestrictionAccess, type OpenRestriction } from './restriction-access';
import { toRestrictionView } from './restriction-views';

/**
 * What professional standards do with a restriction request. Every step is an event in the chained
 * record, taken together with the change it makes; declining and lifting wait for a second person.
 */
@Injectable()
export class ActOnRestriction {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: RestrictionAccess,
    private readonly restrictions: RestrictionRepository,
    private readonly caseAccess: CaseAccess,
    private readonly publisher: LivePublisher,
    private readonly declines: DeclineNotices,
  ) {}

  async apply(actor: Actor, restrictionId: string, body: ApplyRestrictionBody): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const { kind } = open.restriction;
    if (!legalBasisFits(kind, body.legalBasis))
      throw invalid('The legal basis does not fit this restriction.', [
        {
          path: 'body.legalBasis',
          message: kind === 'recommend_suspension' ? 'suspension rests on regulation 11' : 'regulation 11 is for suspension only',
        },
      ]);
    if (body.reviewCycle === 'amended_2026' && kind !== 'recommend_suspension')
      throw invalid('The 2026 review cycle applies to suspensions only.', [{ path: 'body.reviewCycle', message: 'suspension only' }]);
    const nextReviewOn = addDays(body.effectiveOn, reviewIntervalDays(kind, body.reviewCycle, this.config.reviewClocks));
    return this.take(actor, open, 'applied', {
      change: {
        effectiveOn: body.effectiveOn,
        conditions: body.conditions,
        legalBasis: body.legalBasis,
        reviewCycle: body.reviewCycle,
        nextReviewOn,
      },
      detail: { ...body, nextReviewOn },
    });
  }

  async review(actor: Actor, restrictionId: string, body: ReviewRestrictionBody): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const { kind, reviewCycle } = open.restriction;
    const nextReviewOn = addDays(body.reviewedOn, reviewIntervalDays(kind, reviewCycle ?? 'standard', this.config.reviewClocks));
    return this.take(actor, open, 'reviewed', {
      change: { nextReviewOn, ...(body.conditions ? { conditions: body.conditions } : {}) },
      detail: { ...body, nextReviewOn },
    });
  }

  async proposeDecline(actor: Actor, restrictionId: string, reason: string): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    return this.take(actor, open, 'decline_proposed', { change: { proposedBy: actor.userId }, detail: { reason } });
  }

  async proposeLift(actor: Actor, restrictionId: string, liftedOn: string, reason: string): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    return this.take(actor, open, 'lift_proposed', {
      change: { proposedBy: actor.userId, endedOn: liftedOn },
      detail: { liftedOn, reason },
    });
  }

  /** A second person confirms the pending decline or lift. */
  async approve(actor: Actor, restrictionId: string, note: string | null): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const approving = open.restriction.status === 'decline_pending' ? 'decline' : 'lift';
    const view = await this.take(actor, open, 'approved', { change: { proposedBy: null }, detail: { approving, note } });
    if (view.status === 'declined') await this.declines.tell(open.restriction, view.reference);
    return view;
  }

  /** A second person refuses the pending decline or lift; the restriction returns to where it was. */
  async reject(actor: Actor, restrictionId: string, note: string | null): Promise<RestrictionView> {
    const open = await this.access.manage(actor, restrictionId);
    const rejecting = open.restriction.status === 'decline_pending' ? 'decline' : 'lift';
    const change: Omit<RestrictionChange, 'status'> = rejecting === 'lift' ? { proposedBy: null, endedOn: null } : { proposedBy: null };
    return this.take(actor, open, 'rejected', { change, detail: { rejecting, note } });
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
    return toRestrictionView(updated, await this.declines.referenceOf(updated.caseId), this.caseAccess.today());
  }
}
