import fc from 'fast-check';
import type { AgencyKind, CaseSubject, Role, ViewerProfile } from '@caseroom/domain';
import { decide } from './decide';
import { allocationNeedsReason, proposeIdva, type IdvaCandidate, type IdvaProposalInput, type IdvaServiceArea } from './idva-proposal';

/*
 * Random IDVA services with the force areas they serve, IDVAs (and people who are not), and cases whose
 * victim may work for a force. Pools are small so that services often serve the suspect's force, names and
 * caseloads tie, and candidates are linked to the suspect.
 */
const forces = ['force-a', 'force-b', 'force-c'] as const;
const serviceIds = ['svc-1', 'svc-2', 'svc-3', 'svc-4'] as const;
const otherAgencies = ['probation', 'force-a'] as const;
const people = ['i1', 'i2', 'i3', 'i4', 'i5', 'i6'];
const kindOf = (agencyId: string): AgencyKind =>
  agencyId.startsWith('svc-') ? 'idva_service' : agencyId.startsWith('force-') ? 'police_force' : 'probation';

const service: fc.Arbitrary<IdvaServiceArea> = fc.record({
  serviceId: fc.constantFrom(...serviceIds),
  servesForceIds: fc.subarray([...forces]),
});

const candidate = (userId: string): fc.Arbitrary<IdvaCandidate> =>
  fc
    .record({
      agencyId: fc.constantFrom<string>(...serviceIds, ...serviceIds, ...otherAgencies),
      roles: fc.constantFrom<Role[]>(['idva'], ['idva'], ['idva', 'member'], ['member'], ['observer']),
      isActive: fc.integer({ min: 0, max: 7 }).map((draw) => draw > 0),
      managerChain: fc.subarray(people),
      name: fc.constantFrom('Ash', 'Bea', 'Cal'),
      caseload: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ agencyId, roles, isActive, managerChain, name, caseload }) => ({
      name,
      caseload,
      viewer: { userId, agencyId, agencyKind: kindOf(agencyId), unitId: null, roles, isActive, managerChain, postings: [] },
    }));

const input: fc.Arbitrary<IdvaProposalInput> = fc.record({
  subject: fc.record({
    caseId: fc.constant('case-1'),
    memberAgencyIds: fc.subarray<string>([...serviceIds, ...otherAgencies]),
    investigatingForceId: fc.constant(null),
    suspect: fc.record({
      userId: fc.option(fc.constantFrom(...people, 'suspect'), { nil: null }),
      forceId: fc.constantFrom(...forces),
      unitId: fc.constant(null),
      managerChain: fc.subarray(people),
      postings: fc.constant([]),
    }),
    recordedConflicts: fc.subarray(people).map((ids) => ids.map((userId) => ({ userId, source: 'declared' as const }))),
    victim: fc.constant(null),
  }),
  victimEmployerForceId: fc.option(fc.constantFrom(...forces), { nil: null }),
  services: fc.uniqueArray(service, { selector: (each) => each.serviceId, maxLength: serviceIds.length }),
  candidates: fc.subarray(people).chain((ids) => fc.tuple(...ids.map(candidate))),
  today: fc.constant('2026-11-21'),
});

/* ---------- A plain reference model, written separately from the library. ---------- */

function referenceIsLinked(person: ViewerProfile, theCase: CaseSubject): boolean {
  const suspect = theCase.suspect;
  if (suspect.userId === person.userId) return true;
  for (const conflict of theCase.recordedConflicts) if (conflict.userId === person.userId) return true;
  if (suspect.managerChain.indexOf(person.userId) >= 0) return true;
  return suspect.userId !== null && person.managerChain.indexOf(suspect.userId) >= 0;
}

function referenceProposal(world: IdvaProposalInput): { serviceId: string; idvaId: string; basis: string } | null {
  const areas = new Map<string, readonly string[]>();
  for (const each of world.services) areas.set(each.serviceId, each.servesForceIds);
  const employer = world.victimEmployerForceId;
  const isInside = (serviceId: string) => {
    const area = areas.get(serviceId)!;
    return area.includes(world.subject.suspect.forceId) || (employer !== null && area.includes(employer));
  };
  const eligible: IdvaCandidate[] = [];
  for (const person of world.candidates) {
    const viewer = person.viewer;
    if (!viewer.isActive || !viewer.roles.includes('idva') || viewer.agencyKind !== 'idva_service') continue;
    if (!areas.has(viewer.agencyId) || referenceIsLinked(viewer, world.subject)) continue;
    eligible.push(person);
  }
  let pool = eligible.filter((person) => !isInside(person.viewer.agencyId));
  if (pool.length === 0 && employer === null) pool = eligible;
  let best: IdvaCandidate | null = null;
  for (const person of pool) {
    if (best === null) best = person;
    else if (person.caseload < best.caseload) best = person;
    else if (person.caseload === best.caseload && person.name < best.name) best = person;
    else if (person.caseload === best.caseload && person.name === best.name && person.viewer.userId < best.viewer.userId) best = person;
  }
  if (best === null) return null;
  const basis =
    employer !== null
      ? 'outside_both_force_areas'
      : isInside(best.viewer.agencyId)
        ? 'none_outside_suspect_force_area'
        : 'outside_suspect_force_area';
  return { serviceId: best.viewer.agencyId, idvaId: best.viewer.userId, basis };
}

/* ---------- Properties ---------- */

describe('the IDVA Caseroom proposes', () => {
  const runs = { numRuns: 3000 };

  it('agrees with the plain reference model for every world', () => {
    fc.assert(
      fc.property(input, (world) => {
        expect(proposeIdva(world).proposed).toEqual(referenceProposal(world));
      }),
      runs,
    );
  });

  it("for a victim who works for a force, is never of a service serving the suspect's force or hers", () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...forces), (world, employer) => {
        const connected = { ...world, victimEmployerForceId: employer };
        const { proposed, isPoliceConnected } = proposeIdva(connected);
        expect(isPoliceConnected).toBe(true);
        if (!proposed) return;
        const served = connected.services.filter((each) => each.serviceId === proposed.serviceId).flatMap((each) => each.servesForceIds);
        expect(served).not.toContain(connected.subject.suspect.forceId);
        expect(served).not.toContain(employer);
        expect(proposed.basis).toBe('outside_both_force_areas');
      }),
      runs,
    );
  });

  it("is outside the suspect's force area whenever any IDVA outside it could take the case", () => {
    fc.assert(
      fc.property(input, (world) => {
        const { proposed, eligible, services } = proposeIdva(world);
        const outside = new Set(services.filter((each) => each.concerns.length === 0).map((each) => each.serviceId));
        if (eligible.some((person) => outside.has(person.viewer.agencyId))) expect(outside.has(proposed!.serviceId)).toBe(true);
      }),
      runs,
    );
  });

  it('is never someone decide() would keep out of the victim compartment once their service joins the case', () => {
    fc.assert(
      fc.property(input, (world) => {
        const { proposed, eligible } = proposeIdva(world);
        for (const person of eligible) {
          const joined = { ...world.subject, memberAgencyIds: [...world.subject.memberAgencyIds, person.viewer.agencyId] };
          expect(decide(person.viewer, joined, 'victim', { today: world.today, action: 'write' }).admitted).toBe(true);
        }
        if (proposed) expect(eligible.map((person) => person.viewer.userId)).toContain(proposed.idvaId);
      }),
      runs,
    );
  });

  it('does not depend on the order in which services and people are listed', () => {
    fc.assert(
      fc.property(
        input.chain((world) =>
          fc.tuple(
            fc.constant(world),
            fc.shuffledSubarray([...world.services], { minLength: world.services.length }),
            fc.shuffledSubarray([...world.candidates], { minLength: world.candidates.length }),
          ),
        ),
        ([world, services, candidates]) => {
          expect(proposeIdva({ ...world, services, candidates }).proposed).toEqual(proposeIdva(world).proposed);
        },
      ),
      runs,
    );
  });

  it('asks the coordinator for a reason exactly when they choose anyone but the one proposed', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...serviceIds), fc.constantFrom(...people), (world, serviceId, idvaId) => {
        const { proposed } = proposeIdva(world);
        const isTheProposal = proposed !== null && proposed.serviceId === serviceId && proposed.idvaId === idvaId;
        expect(allocationNeedsReason(proposed, { serviceId, idvaId })).toBe(!isTheProposal);
        if (proposed) expect(allocationNeedsReason(proposed, proposed)).toBe(false);
      }),
      runs,
    );
  });

  it('proposes the national service for an officer victim when the local services serve her force or the suspect’s', () => {
    const idva = (userId: string, agencyId: string, caseload: number): IdvaCandidate => ({
      name: userId,
      caseload,
      viewer: {
        userId,
        agencyId,
        agencyKind: 'idva_service',
        unitId: null,
        roles: ['idva'],
        isActive: true,
        managerChain: [],
        postings: [],
      },
    });
    const world: IdvaProposalInput = {
      subject: {
        caseId: 'c',
        memberAgencyIds: ['northmoor-idva'],
        investigatingForceId: null,
        suspect: { userId: null, forceId: 'eastvale', unitId: null, managerChain: [], postings: [] },
        recordedConflicts: [],
        victim: null,
      },
      victimEmployerForceId: 'northmoor',
      services: [
        { serviceId: 'northmoor-idva', servesForceIds: ['northmoor'] },
        { serviceId: 'eastvale-idva', servesForceIds: ['eastvale'] },
        { serviceId: 'national-idva', servesForceIds: [] },
      ],
      candidates: [idva('priya', 'northmoor-idva', 0), idva('erin', 'eastvale-idva', 0), idva('nell', 'national-idva', 3)],
      today: '2026-11-21',
    };
    expect(proposeIdva(world)).toMatchObject({
      isPoliceConnected: true,
      proposed: { serviceId: 'national-idva', idvaId: 'nell', basis: 'outside_both_force_areas' },
    });
    // Without the national service nobody is proposed: the coordinator's choice then needs a reason.
    const local = { ...world, services: world.services.slice(0, 2) };
    expect(proposeIdva(local).proposed).toBeNull();
    // A victim who is not police staff: Eastvale's service is outside the suspect's area, and lighter.
    expect(proposeIdva({ ...world, victimEmployerForceId: null }).proposed).toEqual({
      serviceId: 'northmoor-idva',
      idvaId: 'priya',
      basis: 'outside_suspect_force_area',
    });
  });
});
