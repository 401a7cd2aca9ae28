import { useQueries } from '@tanstack/react-query';
import type { AgencyView, UnitView, UserView } from '@caseroom/contracts';
import { useApiQuery } from '../../lib/query';
import { useSession } from '../../session';

/**
 * What the administration screens read: the organisation records the access policy reads, never a
 * case. Every key starts with 'admin', so that a change invalidates what it touched by prefix.
 */
export const adminKeys = {
  agencies: ['admin', 'agencies'],
  agency: (agencyId: string) => ['admin', 'agencies', agencyId],
  units: (agencyId: string) => ['admin', 'units', agencyId],
  people: ['admin', 'people'],
  person: (userId: string) => ['admin', 'people', userId],
} as const;

export const useAgencies = () => useApiQuery<AgencyView[]>(adminKeys.agencies, '/api/agencies');

export const useAgency = (agencyId: string) => useApiQuery<AgencyView>(adminKeys.agency(agencyId), `/api/agencies/${agencyId}`);

/** Everyone with an account: administrators only, so every administration screen reads it (and is refused without it). */
export const usePeople = () => useApiQuery<UserView[]>(adminKeys.people, '/api/users');

export const usePerson = (userId: string) => useApiQuery<UserView>(adminKeys.person(userId), `/api/users/${userId}`);

/** The units of one agency, or nothing while no agency is chosen. */
export const useUnits = (agencyId: string | null) =>
  useApiQuery<UnitView[]>(adminKeys.units(agencyId ?? ''), agencyId ? `/api/agencies/${agencyId}/units` : null);

/** The units of several forces at once, by id: a posting may be in another force. */
export function useUnitsOfAgencies(agencyIds: readonly string[]): ReadonlyMap<string, UnitView> {
  const { api } = useSession();
  return useQueries({
    queries: agencyIds.map((agencyId) => ({
      queryKey: adminKeys.units(agencyId),
      queryFn: () => api.get<UnitView[]>(`/api/agencies/${agencyId}/units`),
    })),
    combine: (results) => new Map(results.flatMap((result) => result.data ?? []).map((unit) => [unit.id, unit])),
  });
}

export interface UnitNode {
  readonly unit: UnitView;
  readonly depth: number;
  readonly children: readonly UnitNode[];
}

/** A force's units as the tree they are; a unit whose parent is unknown is shown at the top. */
export function unitTree(units: readonly UnitView[]): UnitNode[] {
  const ids = new Set(units.map((unit) => unit.id));
  const childrenOf = (parentId: string | null, depth: number, seen: ReadonlySet<string>): UnitNode[] =>
    units
      .filter((unit) => (parentId === null ? unit.parentId === null || !ids.has(unit.parentId) : unit.parentId === parentId))
      .filter((unit) => !seen.has(unit.id))
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
      .map((unit) => ({ unit, depth, children: childrenOf(unit.id, depth + 1, new Set([...seen, unit.id])) }));
  return childrenOf(null, 0, new Set());
}

/** The tree read top to bottom: the order of a list of units to choose from. */
export function flattenTree(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** "Local Policing Command › Response Team B": a unit named with the units above it. */
export function unitPath(unitId: string | null, units: ReadonlyMap<string, UnitView>): string {
  const names: string[] = [];
  const seen = new Set<string>();
  let current = unitId ? units.get(unitId) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? units.get(current.parentId) : undefined;
  }
  return names.length > 0 ? names.join(' › ') : 'Unknown unit';
}

/** A unit and every unit beneath it: none of them can become its parent. */
export function unitAndBelow(unitId: string, units: readonly UnitView[]): Set<string> {
  const found = new Set([unitId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const unit of units) {
      if (unit.parentId && found.has(unit.parentId) && !found.has(unit.id)) {
        found.add(unit.id);
        grew = true;
      }
    }
  }
  return found;
}

/** The people a person manages, directly or further down: none of them can become their line manager. */
export function managedBy(userId: string, people: readonly UserView[]): Set<string> {
  const found = new Set([userId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const person of people) {
      if (person.lineManagerId && found.has(person.lineManagerId) && !found.has(person.id)) {
        found.add(person.id);
        grew = true;
      }
    }
  }
  return found;
}

export const byId = <T extends { readonly id: string }>(list: readonly T[] | undefined): ReadonlyMap<string, T> =>
  new Map((list ?? []).map((item) => [item.id, item]));

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
