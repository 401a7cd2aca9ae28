import type { Role } from '@caseroom/domain';

/**
 * What a route may do, named once. Routes declare one of these; the table below says which roles hold it.
 * Case content is not decided here: that is `decide()` (who sees which compartment of which case).
 */
export const permissions = ['self', 'organisation.read', 'organisation.manage', 'user.manage', 'session.revoke'] as const;
export type Permission = (typeof permissions)[number];

const grants: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: ['self', 'organisation.read', 'organisation.manage', 'user.manage', 'session.revoke'],
  coordinator: ['self', 'organisation.read'],
  chair: ['self', 'organisation.read'],
  psd: ['self', 'organisation.read'],
  member: ['self'],
  idva: ['self'],
  observer: ['self'],
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}
