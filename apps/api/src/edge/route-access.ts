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

export function describeAccess(access: RouteAccess | undefined): string {
  if (!access) return 'UNDECLARED';
  return access.kind === 'public' ? 'public' : access.permission;
}

/** The permission check of a route, for a socket event that does what the route does. */
export function requirePermission(actor: Pick<Actor, 'roles'>, permission: Permission): void {
  if (!rolesGrant(actor.roles, permission)) throw new DomainError('FORBIDDEN', 'You do not have permission to do this.');
}
