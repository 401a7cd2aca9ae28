import { SetMetadata } from '@nestjs/common';
import { DomainError, type Actor } from '@caseroom/domain';
import { rolesGrant, type Permission } from '@caseroom/policy';

export const ROUTE_ACCESS = 'caseroom:route-access';

export type RouteAccess = { readonly kind: 'public' } | { readonly kind: 'permission'; readonly permission: Permission };

/** Anyone may call this route, signed in or not. */
export const Public = () => SetMetadata(ROUTE_ACCESS, { kind: 'public' } satisfies RouteAccess);

/** Only a signed-in person whose roles grant `permission` may call this route. */
export const RequirePermission = (permission: Permission) =>
  SetMetadata(ROUTE_ACCESS, { kind: 'permission', permission } satisfies RouteAccess);

export const ROUTE_STEP_UP = 'caseroom:route-step-up';

/**
 * Where a route asks for a fresh second factor: `guard`, before anything else; `after-policy`, by its
 * use case once the policy has admitted the person (a read of the victim compartment), so that a
 * refused attempt is traced as one. Either way it is listed in the route table.
 */
export interface StepUpRule {
  readonly checkedBy: 'guard' | 'after-policy';
  readonly note?: string;
}

/**
 * The route also asks for a second factor proven within the last STEP_UP_MAX_AGE_SECONDS (decision
 * 0029): 403 `STEP_UP_REQUIRED` otherwise, and the client asks for a code.
 */
export const RequiresStepUp = () => SetMetadata(ROUTE_STEP_UP, { checkedBy: 'guard' } satisfies StepUpRule);

/** The route's use case asks for step-up once the policy has admitted the person; `note` says when. */
export const StepUpAfterPolicy = (note: string) => SetMetadata(ROUTE_STEP_UP, { checkedBy: 'after-policy', note } satisfies StepUpRule);

export function describeAccess(access: RouteAccess | undefined, stepUp?: StepUpRule): string {
  if (!access) return 'UNDECLARED';
  const base = access.kind === 'public' ? 'public' : access.permission;
  if (!stepUp) return base;
  return stepUp.checkedBy === 'guard' ? `${base} + step-up` : `${base} + step-up ${stepUp.note ?? ''}`.trimEnd();
}

/** The permission check of a route, for a socket event that does what the route does. */
export function requirePermission(actor: Pick<Actor, 'roles'>, permission: Permission): void {
  if (!rolesGrant(actor.roles, permission)) throw new DomainError('FORBIDDEN', 'You do not have permission to do this.');
}
