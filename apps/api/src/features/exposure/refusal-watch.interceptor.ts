import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, throwError, type Observable } from 'rxjs';
import { compartments, DomainError, type Actor, type Compartment } from '@caseroom/domain';
import { RefusalTrace } from './refusal-trace';

/**
 * Every HTTP request that names a case and is answered "not found" is told to the refusal trace, which
 * decides from the policy whether it was a refusal (and why) or an id that names no case. The answer
 * itself is untouched: the same error goes on its way, whatever the trace does.
 */
@Injectable()
export class RefusalWatch implements NestInterceptor {
  constructor(private readonly trace: RefusalTrace) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const caseId = (request.params as Record<string, string | undefined>).caseId;
        const actor = request.user;
        if (actor && caseId && error instanceof DomainError && error.code === 'NOT_FOUND') {
          const compartment = (request.params as Record<string, string | undefined>).compartment;
          this.trace.note({
            personId: actor.userId,
            target: caseId,
            channel: 'http',
            attempt: request.method === 'GET' ? 'read' : 'write',
            compartments: compartments.includes(compartment as Compartment) ? [compartment as Compartment] : undefined,
          });
        }
        return throwError(() => error);
      }),
    );
  }
}
