import type { Role } from '@caseroom/domain';

/**
 * What a route may do, named once. Routes declare one of these; the table below says which roles hold it.
 * Case content is not decided here: that is `decide()` (who sees which compartment of which case).
 */
export const permissions = [
  'self',
  'organisation.read',
  'organisation.manage',
  'user.manage',
  'session.revoke',
  'case.read',
  'case.create',
  'case.manage',
  'conflict.declare',
  'conflict.record',
  'conference.schedule',
  'decision.record',
  'restriction.manage',
  'register.read',
  'report.ppda-audit',
  'report.marac-return',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Case routes are open to every role that takes part in conferences; what each person then receives
 * from a case is decided by `decide()`. Administrators manage the organisation and see no case.
 */
/** Coordinators and chairs run conferences: they register cases, schedule, and record conflicts. */
const runsConferences: readonly Permission[] = [
  'self',
  'organisation.read',
  'case.read',
  'case.create',
  'case.manage',
  'conflict.declare',
  'conflict.record',
  'conference.schedule',
  'decision.record',
  'report.marac-return',
];

const grants: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: ['self', 'organisation.read', 'organisation.manage', 'user.manage', 'session.revoke'],
  coordinator: runsConferences,
  chair: runsConferences,
  psd: [
    'self',
    'organisation.read',
    'case.read',
    'conflict.declare',
    'conflict.record',
    'restriction.manage',
    'register.read',
    'report.ppda-audit',
  ],
  // The IOPC's people are members of an IOPC agency; which register they may read is decided per force.
  // Members of an agency refer cases for their own agency; coordinators and chairs for any (refersForAnyAgency).
  member: ['self', 'case.read', 'case.create', 'conflict.declare', 'register.read', 'report.ppda-audit'],
  idva: ['self', 'case.read', 'case.create', 'conflict.declare'],
  observer: ['self', 'case.read', 'conflict.declare'],
};

export function rolesGrant(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((role) => grants[role].includes(permission));
}

/** Coordinators and chairs register referrals on any agency's behalf; everyone else refers for their own agency. */
export function refersForAnyAgency(roles: readonly Role[]): boolean {
  return roles.includes('coordinator') || roles.includes('chair');
}
