export const agencyKinds = [
  'police_force',
  'idva_service',
  'probation',
  'health',
  'childrens_social_care',
  'adult_social_care',
  'housing',
  'education',
  'iopc',
  'other',
] as const;
export type AgencyKind = (typeof agencyKinds)[number];

export const unitKinds = ['command', 'department', 'unit', 'team'] as const;
export type UnitKind = (typeof unitKinds)[number];

export const roles = ['administrator', 'coordinator', 'chair', 'member', 'idva', 'psd', 'observer'] as const;
export type Role = (typeof roles)[number];

/** Roles whose holders can change who sees what, or see the most: a second factor is mandatory. */
const rolesRequiringSecondFactor: ReadonlySet<Role> = new Set(['administrator', 'coordinator', 'chair', 'psd']);

export function requiresSecondFactor(userRoles: readonly Role[]): boolean {
  return userRoles.some((role) => rolesRequiringSecondFactor.has(role));
}

export function isPoliceForce(kind: AgencyKind): boolean {
  return kind === 'police_force';
}

export interface Posting {
  readonly unitId: string;
  readonly roleTitle: string;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

/**
 * Walks the line-management chain upwards and answers whether making `managerId` the
 * manager of `userId` would close a loop. `managerOf` returns the current manager of a person.
 */
export function wouldCreateManagementCycle(userId: string, managerId: string, managerOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = managerId;
  while (current) {
    if (current === userId) return true;
    if (seen.has(current)) return false;
    seen.add(current);
    current = managerOf.get(current);
  }
  return false;
}

export interface Agency {
  readonly id: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly code: string;
  /**
   * For an IDVA service, the police forces whose area it covers: there is no geography in the data, so a
   * force area is the set of services that serve that force. Empty for any other agency, and for a
   * service that serves no force in particular (a national one).
   */
  readonly servesForceIds: readonly string[];
}

export interface Unit {
  readonly id: string;
  readonly agencyId: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly kind: UnitKind;
}

export interface PostingRecord extends Posting {
  readonly id: string;
}

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly agencyId: string;
  readonly unitId: string | null;
  readonly roles: readonly Role[];
  readonly staffNumber: string | null;
  readonly rank: string | null;
  readonly lineManagerId: string | null;
  readonly isActive: boolean;
  readonly hasSecondFactor: boolean;
  readonly postings: readonly PostingRecord[];
}

/** What the policy knows about a person: their organisation, never their case content. */
export interface ViewerProfile {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyKind: AgencyKind;
  readonly unitId: string | null;
  readonly roles: readonly Role[];
  readonly isActive: boolean;
  /** Their line managers, nearest first. */
  readonly managerChain: readonly string[];
  readonly postings: readonly Posting[];
}
