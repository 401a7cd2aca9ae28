import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Ack } from '@caseroom/contracts';
import { DomainError } from '@caseroom/domain';
import { requirePermission } from '../../edge/route-access';
import { LiveDispatch } from '../live/live-dispatch';
import { LiveEventHandling } from '../live/live-event-handling';
import type { LiveSocket } from '../live/live-rooms';
import { ReadActions } from './read-actions.use-case';
import { RecordAction } from './record-action.use-case';
import { RecordDecision } from './record-decision.use-case';
import { ReportOnAction } from './report-on-action.use-case';
import { SupersedeDecision } from './supersede-decision.use-case';

/**
 * Decisions and actions over the live channel: the use cases, schemas, policy and errors of REST, with
 * the route's permission checked here as the HTTP guard checks it there. The channel itself (the
 * handshake, rooms, rate limit, session checks) is the live feature's.
 */
@Injectable()
export class DecisionsLiveEvents implements OnModuleInit {
  constructor(
    private readonly dispatch: LiveDispatch,
    private readonly events: LiveEventHandling,
    private readonly recordDecision: RecordDecision,
    private readonly supersedeDecision: SupersedeDecision,
    private readonly recordAction: RecordAction,
    private readonly reportOnAction: ReportOnAction,
    private readonly readActions: ReadActions,
  ) {}

  onModuleInit(): void {
    this.dispatch.register({
      'decision.record': (socket, body) => this.decisionRecord(socket, body),
      'decision.supersede': (socket, body) => this.decisionSupersede(socket, body),
      'action.record': (socket, body) => this.actionRecord(socket, body),
      'action.report': (socket, body) => this.actionReport(socket, body),
      'actions.outstanding': (socket, body) => this.actionsOutstanding(socket, body),
    });
  }

  private decisionRecord(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(
      socket,
      'decision.record',
      body,
      (payload, actor) => {
        requirePermission(actor, 'decision.record');
        return this.recordDecision.execute({ actor, caseId: payload.caseId, body: payload.decision, channel: 'socket' });
      },
      { isWrite: true },
    );
  }

  private decisionSupersede(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(
      socket,
      'decision.supersede',
      body,
      (payload, actor) => {
        requirePermission(actor, 'decision.record');
        const { caseId, decisionId, decision } = payload;
        return this.supersedeDecision.execute({ actor, caseId, decisionId, body: decision, channel: 'socket' });
      },
      { isWrite: true },
    );
  }

  private actionRecord(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(
      socket,
      'action.record',
      body,
      (payload, actor) => {
        requirePermission(actor, 'decision.record');
        return this.recordAction.execute({ actor, caseId: payload.caseId, body: payload.action, channel: 'socket' });
      },
      { isWrite: true },
    );
  }

  private actionReport(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(
      socket,
      'action.report',
      body,
      (payload, actor) => {
        requirePermission(actor, 'case.read');
        const { caseId, actionId, report } = payload;
        return this.reportOnAction.execute({ actor, caseId, actionId, body: report, channel: 'socket' });
      },
      { isWrite: true },
    );
  }

  /** Asked on joining an open conference, and on `conference.opened`: each member's own projection. */
  private actionsOutstanding(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'actions.outstanding', body, (payload, actor) => {
      requirePermission(actor, 'case.read');
      if (socket.data.conferenceId !== payload.conferenceId)
        throw new DomainError('CONFLICT', 'Join the conference before asking for its outstanding actions.');
      return this.readActions.outstanding(actor, payload.conferenceId, 'socket');
    });
  }
}
