import { Injectable } from '@nestjs/common';
import type { DecisionView } from '@caseroom/contracts';
import type { NotificationKind, Restriction } from '@caseroom/domain';
import { CaseRepository } from '@caseroom/persistence';
import { LivePublisher } from '../../shared/live-publisher';
import { Notifier } from '../notifications/notifier';
import { Recipients } from '../notifications/recipients';
import { toRestrictionStatus } from './decision-views';

/**
 * What follows a recorded decision: admitted members see it live in its compartment's room; the panel
 * sees where a restriction stands (its status only); professional standards of the suspect's force are
 * told of a request, or asked to review a restriction in force whose decision was superseded, by the
 * case's reference only.
 */
@Injectable()
export class DecisionAnnouncements {
  constructor(
    private readonly publisher: LivePublisher,
    private readonly cases: CaseRepository,
    private readonly recipients: Recipients,
    private readonly notifier: Notifier,
  ) {}

  async recorded(view: DecisionView, restriction: Restriction | null): Promise<void> {
    this.publisher.toCompartment(view.caseId, view.compartment, 'decision.recorded', {
      caseId: view.caseId,
      compartment: view.compartment,
      decision: view,
    });
    if (!restriction) return;
    this.restrictionStatus(restriction);
    await this.tellProfessionalStandards(
      restriction,
      'restriction_requested',
      (reference) => `A conference has asked for a duty restriction on ${reference}.`,
    );
  }

  /** The request of a superseded decision was withdrawn: it leaves PSD's queue, and the panel sees it. */
  withdrawn(restriction: Restriction): void {
    this.restrictionStatus(restriction);
  }

  /** A restriction in force stays until PSD lifts it; PSD is asked to review it now that its basis has changed. */
  basisSuperseded(restriction: Restriction): Promise<void> {
    return this.tellProfessionalStandards(
      restriction,
      'restriction_basis_superseded',
      (reference) => `The conference decision behind a duty restriction on ${reference} was superseded: please review the restriction.`,
    );
  }

  private restrictionStatus(restriction: Restriction): void {
    this.publisher.toCompartment(restriction.caseId, 'panel', 'restriction.status', {
      caseId: restriction.caseId,
      restriction: toRestrictionStatus(restriction),
    });
  }

  private async tellProfessionalStandards(
    restriction: Restriction,
    kind: NotificationKind,
    message: (reference: string) => string,
  ): Promise<void> {
    const reference = (await this.cases.referenceOf(restriction.caseId)) ?? 'a case';
    await this.notifier.raise(async (snapshot) =>
      (await this.recipients.restrictionManagers(snapshot, restriction.caseId)).map((recipientId) => ({
        recipientId,
        kind,
        caseId: restriction.caseId,
        subjectId: restriction.id,
        message: message(reference),
        dueOn: null,
        dedupeKey: `${kind}:${restriction.id}:${recipientId}`,
      })),
    );
  }
}
