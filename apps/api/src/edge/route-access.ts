import { SetMetadata } from '@nestjs/common';
import type { Permission } from '@caseroom/policy';

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
