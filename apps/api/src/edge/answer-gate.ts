import { Inject, Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { lastValueFrom, type Observable } from 'rxjs';
import { DomainError, type Actor } from '@caseroom/domain';
import { RestrictionRepository } from '@caseroom/persistence';
import { FrameGate } from '@caseroom/realtime';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CaseAccess } from '../features/cases/case-access';
import { errorBody, httpStatusOf } from './error-response';
import { HttpExceptionFilter } from './http-exception.filter';

/**
 * Under test, each answer says when its epoch was found to hold (the wall clock, in milliseconds with a
 * fraction): a race test can then tell an answer written after a revocation returned from one written
 * before it but read later over another connection. Not sent otherwise.
 */
export const answeredAtHeader = 'X-Answered-At';

/** How often a read whose answer went stale before it was written is answered again before the client is asked to retry. */
const answerAttempts = 3;

/**
 * The HTTP side of the gate (libs/realtime/frame-gate.ts). An answer is decided at the person's epoch
 * taken before the handler reads anything, and written only if that epoch still holds as `res.json`
 * writes it: any change since that may narrow what the person sees (a conflict on them, an organisation
 * or case change, a conference change) makes it stale. A stale read is answered again from the start;
 * a stale write (already done) has its echo sent only once the person is found still admitted to the
 * case it names, and otherwise says the change was saved but the case is gone for them.
 */
@Injectable()
export class AnswerGate implements NestInterceptor {
  private readonly logger = new Logger(AnswerGate.name);
  private readonly errors = new HttpExceptionFilter();
  private readonly stampsAnswers: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly gate: FrameGate,
    private readonly caseAccess: CaseAccess,
    private readonly restrictions: RestrictionRepository,
  ) {
    this.stampsAnswers = config.environment === 'test';
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const response = context.switchToHttp().getResponse<Response>();
    const actor = request.user;
    if (!actor) return next.handle();
    const isRead = request.method === 'GET';
    const json = response.json.bind(response);
    const write = (body: unknown) => {
      if (this.stampsAnswers) response.setHeader(answeredAtHeader, (performance.timeOrigin + performance.now()).toFixed(3));
      return json(body);
    };
    let decidedAt = this.gate.personEpoch(actor.userId);
    let attempts = 1;
    response.json = (body: unknown) => {
      if (response.statusCode >= 400 || this.gate.personEpoch(actor.userId) === decidedAt) return write(body);
      if (attempts >= answerAttempts) {
        response.status(503);
        return write(errorBody('SERVICE_UNAVAILABLE', 'What you may see changed while this was being answered: ask again.', [], undefined));
      }
      attempts += 1;
      decidedAt = this.gate.personEpoch(actor.userId);
      const again: Promise<unknown> = isRead
        ? lastValueFrom(next.handle(), { defaultValue: undefined })
        : this.stillAdmitted(actor, request.params as Record<string, string | undefined>).then(() => body);
      again.then(
        (answer) => response.json(answer),
        (error: unknown) => {
          if (!isRead && error instanceof DomainError && error.code === 'NOT_FOUND') {
            response.status(httpStatusOf.NOT_FOUND);
            return write(errorBody('NOT_FOUND', 'Your change was saved, but this case is no longer available to you.', [], undefined));
          }
          this.logger.warn({ route: (request.route as { path?: string } | undefined)?.path }, 'a stale answer could not be decided again');
          this.errors.catch(error, context);
        },
      );
      return response;
    };
    return next.handle();
  }

  /** Whether the person still may see the case the route names; throws NOT_FOUND when not. */
  private async stillAdmitted(actor: Actor, params: Record<string, string | undefined>): Promise<void> {
    if (params.caseId) {
      await this.caseAccess.open(actor, params.caseId);
      return;
    }
    if (params.restrictionId) {
      const restriction = await this.restrictions.findById(params.restrictionId);
      if (restriction) await this.caseAccess.open(actor, restriction.caseId);
    }
  }
}
