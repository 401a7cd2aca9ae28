import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError, requiresSecondFactor, type Actor } from '@caseroom/domain';
import { RecentSecondFactor } from '../shared/recent-second-factor';
import { requirePermission, ROUTE_ACCESS, ROUTE_STEP_UP, type RouteAccess, type StepUpRule } from './route-access';

/**
 * The one gate every HTTP route passes. A route that declares neither `@Public()` nor
 * `@RequirePermission()` is refused outright rather than left open.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly recentSecondFactor: RecentSecondFactor,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    // The live channel authenticates in its handshake and re-checks the session on every event
    // (features/live/live.gateway.ts); this guard is for HTTP routes.
    if (context.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [context.getHandler(), context.getClass()]);
    if (!access) throw new DomainError('ROUTE_NOT_DECLARED', 'This route is not available.');
    if (access.kind === 'public') return true;

    await super.canActivate(context);
    const actor = context.switchToHttp().getRequest<{ user: Actor }>().user;
    if (requiresSecondFactor(actor.roles) && actor.secondFactor === null) {
      throw new DomainError('SECOND_FACTOR_REQUIRED', 'Your role requires a second factor: sign in again with your authenticator.');
    }
    requirePermission(actor, access.permission);
    // Step-up (decision 0029): the act asks for a second factor proven recently in this session. A
    // route whose use case asks once the policy has admitted the person is left to it.
    const stepUp = this.reflector.getAllAndOverride<StepUpRule | undefined>(ROUTE_STEP_UP, [context.getHandler(), context.getClass()]);
    if (stepUp?.checkedBy === 'guard') await this.recentSecondFactor.require(actor);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T | false): T {
    if (error instanceof DomainError) throw error;
    if (error || !user) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    return user;
  }
}
