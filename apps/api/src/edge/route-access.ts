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

/** When a route asks for a fresh second factor: always, or only when a path parameter has a value. */
export interface StepUpRule {
  readonly whenParam?: { readonly name: string; readonly equals: string };
}

/**
 * The route also asks for a second factor proven within the last STEP_UP_MAX_AGE_SECONDS (decision
 * 0029): the global guard answers 403 `STEP_UP_REQUIRED` otherwise, and the client asks for a code.
 */
export const RequiresStepUp = (rule: StepUpRule = {}) => SetMetadata(ROUTE_STEP_UP, rule);

export function describeAccess(access: RouteAccess | undefined, stepUp?: StepUpRule): string {
  if (!access) return 'UNDECLARED';
  const base = access.kind === 'public' ? 'public' : access.permission;
  if (!stepUp) return base;
  return stepUp.whenParam ? `${base} + step-up when ${stepUp.whenParam.name}=${stepUp.whenParam.equals}` : `${base} + step-up`;
}

/** The permission check of a route, for a socket event that does what the route does. */
export function requirePermission(actor: Pick<Actor, 'roles'>, permission: Permission): void {
  if (!rolesGrant(actor.roles, permission)) throw new DomainError('FORBIDDEN', 'You do not have permission to do this.');
}
