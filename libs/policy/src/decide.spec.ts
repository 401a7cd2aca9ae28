import fc from 'fast-check';
import {
  compartments,
  roles,
  type AgencyKind,
  type CaseSubject,
  type Compartment,
  type DatedPosting,
  type PoliceWorkerProfile,
  type Role,
  type ViewerProfile,
} from '@caseroom/domain';
import { findConflict, type ConflictReason } from './conflicts';
import { decide, decideAudit, decideCase } from './decide';
import { decideLegalHold, decideRetentionRead } from './retention';
import { decideRestrictionManagement } from './standards';
import { decideStatusRelease, victimSideCompartments, type VictimSideRecord } from './victim-side';

/*
 * Random organisations, cases and people. Identifiers are drawn from small pools so that
 * coincidences (same unit, same manager, overlapping postings) happen often.
 */
const agencyIds = ['force-a', 'force-b', 'force-c', 'idva', 'probation', 'csc', 'iopc'] as const;
const kindOf: Record<(typeof agencyIds)[number], AgencyKind> = {
  'force-a': 'police_force',
  'force-b': 'police_force',
  'force-c': 'police_force',
  idva: 'idva_service',
  probation: 'probation',
  csc: 'childrens_social_care',
  iopc: 'iopc',
};
const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'];
const units = ['u1', 'u2', 'u3', 'u4'];
const day = fc
  .integer({ min: 0, max: 365 * 12 })
  .map((offset) => new Date(Date.UTC(2015, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));

const posting: fc.Arbitrary<DatedPosting> = fc
  .record({ unitId: fc.constantFrom(...units), from: day, to: fc.option(day, { nil: null }) })
  .map(({ unitId, from, to }) => ({
    unitId,
    startsOn: to !== null && to < from ? to : from,
    endsOn: to !== null && to < from ? from : to,
  }));

const viewer: fc.Arbitrary<ViewerProfile> = fc
  .record({
    userId: fc.constantFrom(...people),
    agencyId: fc.constantFrom(...agencyIds),
    unitId: fc.option(fc.constantFrom(...units), { nil: null }),
    roles: fc.subarray([...roles], { minLength: 1 }),
    isActive: fc.integer({ min: 0, max: 9 }).map((draw) => draw > 0),
    managerChain: fc.subarray(people),
    postings: fc.array(posting, { maxLength: 3 }).map((list) => list.map((entry) => ({ ...entry, roleTitle: 'officer' }))),
  })
  .map((profile) => ({ ...profile, agencyKind: kindOf[profile.agencyId] }));

/** Someone who works for a police force: the suspect always, the victim sometimes. */
const worker: fc.Arbitrary<PoliceWorkerProfile> = fc.record({
  userId: fc.option(fc.constantFrom(...people), { nil: null }),
  forceId: fc.constantFrom('force-a', 'force-b', 'force-c'),
  unitId: fc.option(fc.constantFrom(...units), { nil: null }),
  managerChain: fc.subarray(people),
  postings: fc.array(posting, { maxLength: 3 }),
});

const subject: fc.Arbitrary<CaseSubject> = fc.record({
  caseId: fc.constant('case-1'),
  memberAgencyIds: fc.subarray([...agencyIds]),
  investigatingForceId: fc.option(fc.constantFrom('force-a', 'force-b', 'force-c'), { nil: null }),
  suspect: worker,
  victim: fc.option(worker, { nil: null }),
  recordedConflicts: fc
    .subarray(people)
    .chain((ids) =>
      fc.tuple(...ids.map((userId) => fc.constantFrom('declared' as const, 'recorded' as const).map((source) => ({ userId, source })))),
    ),
});

const today = day.filter((date) => date >= '2020-01-01');

/* ---------- A plain reference model, written separately from the library. ---------- */

function referenceIsLinked(person: ViewerProfile, theCase: CaseSubject, onDay: string): boolean {
  for (const conflict of theCase.recordedConflicts) if (conflict.userId === person.userId) return true;
  if (referenceIsLinkedTo(person, theCase.suspect, onDay)) return true;
  // A victim who works for a police force has colleagues too, linked to her by the same rules.
  return theCase.victim !== null && referenceIsLinkedTo(person, theCase.victim, onDay);
}

function referenceIsLinkedTo(person: ViewerProfile, worker: PoliceWorkerProfile, onDay: string): boolean {
  if (worker.userId === person.userId) return true;
  if (person.agencyId === worker.forceId && person.unitId !== null && person.unitId === worker.unitId) return true;
  if (worker.managerChain.indexOf(person.userId) >= 0) return true;
  if (worker.userId !== null && person.managerChain.indexOf(worker.userId) >= 0) return true;
  const threeYearsAgo = `${Number(onDay.slice(0, 4)) - 3}${onDay.slice(4)}`;
  for (const mine of person.postings) {
    for (const theirs of worker.postings) {
      if (mine.unitId !== theirs.unitId) continue;
      const start = mine.startsOn > theirs.startsOn ? mine.startsOn : theirs.startsOn;
      let end = onDay;
      if (mine.endsOn !== null && mine.endsOn < end) end = mine.endsOn;
      if (theirs.endsOn !== null && theirs.endsOn < end) end = theirs.endsOn;
      if (start <= end && end >= threeYearsAgo) return true;
    }
  }
  return false;
}

function referenceAdmits(
  person: ViewerProfile,
  theCase: CaseSubject,
  compartment: Compartment | 'audit',
  onDay: string,
  writing: boolean,
): boolean {
  if (!person.isActive) return false;
  if (referenceIsLinked(person, theCase, onDay)) return false;
  const has = (role: Role) => person.roles.includes(role) && !(writing && role === 'observer');
  const isMember = theCase.memberAgencyIds.includes(person.agencyId);
  const isSuspectForce = person.agencyId === theCase.suspect.forceId;
  const isIopc = person.agencyKind === 'iopc';
  const chairs = has('chair');
  if (compartment === 'panel')
    return chairs || has('coordinator') || (isMember && (has('member') || has('idva') || has('psd') || has('observer')));
  if (compartment === 'victim')
    return chairs || has('coordinator') || (isMember && has('idva')) || (isMember && !isSuspectForce && has('member'));
  if (compartment === 'investigation') {
    const investigates =
      theCase.investigatingForceId === person.agencyId && !(person.unitId !== null && person.unitId === theCase.suspect.unitId);
    return chairs || ((has('member') || has('psd')) && (investigates || isIopc));
  }
  // standards and audit share an audience
  return chairs || (has('psd') && isSuspectForce) || (isIopc && (has('member') || has('psd')));
}

/* ---------- Properties ---------- */

describe('the access policy', () => {
  const runs = { numRuns: 3000 };

  it('agrees with the plain reference model for every person, case and compartment, reading and writing', () => {
    fc.assert(
      fc.property(viewer, subject, today, fc.boolean(), (person, theCase, onDay, writing) => {
        for (const compartment of compartments) {
          const decision = decide(person, theCase, compartment, { today: onDay, action: writing ? 'write' : 'read' });
          expect(decision.admitted).toBe(referenceAdmits(person, theCase, compartment, onDay, writing));
        }
        expect(decideAudit(person, theCase, { today: onDay }).admitted).toBe(referenceAdmits(person, theCase, 'audit', onDay, false));
      }),
      runs,
    );
  });

  it('denies the suspect every compartment of their own case', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const own = { ...theCase, suspect: { ...theCase.suspect, userId: person.userId } };
        const active = { ...person, isActive: true };
        for (const compartment of compartments) {
          expect(decide(person, own, compartment, { today: onDay }).admitted).toBe(false);
          expect(decide(active, own, compartment, { today: onDay })).toMatchObject({ admitted: false, reason: 'conflict:is-the-suspect' });
        }
        expect(decideAudit(active, own, { today: onDay }).admitted).toBe(false);
      }),
      runs,
    );
  });

  it('denies every compartment to a person linked to the suspect, whatever their role', () => {
    fc.assert(
      fc.property(
        viewer,
        subject,
        today,
        fc.constantFrom('unit', 'manages', 'managed', 'declared', 'recorded'),
        (person, theCase, onDay, link) => {
          const strongest = { ...person, roles: [...roles] as Role[], isActive: true };
          const linked: CaseSubject =
            link === 'unit'
              ? { ...theCase, suspect: { ...theCase.suspect, forceId: strongest.agencyId, unitId: 'u1' } }
              : link === 'manages'
                ? { ...theCase, suspect: { ...theCase.suspect, managerChain: [strongest.userId] } }
                : link === 'managed'
                  ? { ...theCase, suspect: { ...theCase.suspect, userId: 'suspect-account' } }
                  : { ...theCase, recordedConflicts: [{ userId: strongest.userId, source: link }] };
          const viewerFor =
            link === 'unit'
              ? { ...strongest, unitId: 'u1' }
              : link === 'managed'
                ? { ...strongest, managerChain: ['suspect-account'] }
                : strongest;
          for (const compartment of compartments) expect(decide(viewerFor, linked, compartment, { today: onDay }).admitted).toBe(false);
        },
      ),
      runs,
    );
  });

  it('denies a police-employed victim every compartment of her own case', () => {
    fc.assert(
      fc.property(viewer, subject, worker, today, (person, theCase, her, onDay) => {
        const active = { ...person, roles: [...roles] as Role[], isActive: true };
        const own: CaseSubject = {
          ...theCase,
          suspect: { ...theCase.suspect, userId: theCase.suspect.userId === person.userId ? null : theCase.suspect.userId },
          victim: { ...(theCase.victim ?? her), userId: person.userId },
        };
        for (const compartment of compartments)
          expect(decide(active, own, compartment, { today: onDay })).toMatchObject({ admitted: false, reason: 'conflict:is-the-victim' });
        expect(decideAudit(active, own, { today: onDay }).admitted).toBe(false);
      }),
      runs,
    );
  });

  it('denies every compartment to a person linked to a police-employed victim, whatever their role, and says so', () => {
    const elsewhere: PoliceWorkerProfile = { userId: null, forceId: 'force-elsewhere', unitId: null, managerChain: [], postings: [] };
    fc.assert(
      fc.property(viewer, subject, today, fc.constantFrom('unit', 'manages', 'managed', 'posting'), (person, theCase, onDay, link) => {
        const strongest: ViewerProfile = { ...person, roles: [...roles] as Role[], isActive: true, managerChain: [], postings: [] };
        const her: PoliceWorkerProfile = { ...elsewhere, forceId: 'force-a' };
        const [victim, viewerFor, reason]: [PoliceWorkerProfile, ViewerProfile, ConflictReason] =
          link === 'unit'
            ? [{ ...her, forceId: strongest.agencyId, unitId: 'u1' }, { ...strongest, unitId: 'u1' }, 'same-unit-as-victim']
            : link === 'manages'
              ? [{ ...her, managerChain: [strongest.userId] }, strongest, 'manages-the-victim']
              : link === 'managed'
                ? [{ ...her, userId: 'victim-account' }, { ...strongest, managerChain: ['victim-account'] }, 'managed-by-the-victim']
                : [
                    { ...her, postings: [{ unitId: 'u4', startsOn: '2019-01-01', endsOn: null }] },
                    { ...strongest, postings: [{ unitId: 'u4', roleTitle: 'officer', startsOn: '2019-01-01', endsOn: null }] },
                    'shared-posting-with-victim',
                  ];
        const linked: CaseSubject = { ...theCase, suspect: elsewhere, victim, recordedConflicts: [] };
        for (const compartment of compartments)
          expect(decide(viewerFor, linked, compartment, { today: onDay })).toMatchObject({ admitted: false, reason: `conflict:${reason}` });
      }),
      runs,
    );
  });

  it('links a person to the victim exactly as it would link them to a suspect in her place', () => {
    const onTheVictimsSide: Partial<Record<ConflictReason, ConflictReason>> = {
      'is-the-suspect': 'is-the-victim',
      'same-unit-as-suspect': 'same-unit-as-victim',
      'manages-the-suspect': 'manages-the-victim',
      'managed-by-the-suspect': 'managed-by-the-victim',
      'shared-posting': 'shared-posting-with-victim',
    };
    const elsewhere: PoliceWorkerProfile = { userId: null, forceId: 'force-elsewhere', unitId: null, managerChain: [], postings: [] };
    fc.assert(
      fc.property(viewer, worker, today, (person, her, onDay) => {
        const base = { caseId: 'case-1', memberAgencyIds: [], investigatingForceId: null, recordedConflicts: [] };
        const asVictim = findConflict(person, { ...base, suspect: elsewhere, victim: her }, onDay);
        const asSuspect = findConflict(person, { ...base, suspect: her, victim: null }, onDay);
        expect(asVictim).toEqual(asSuspect && { reason: onTheVictimsSide[asSuspect.reason], source: 'derived' });
      }),
      runs,
    );
  });

  it('only ever steps people out when the victim’s workplace is recorded: those not linked to her keep what they had', () => {
    fc.assert(
      fc.property(viewer, subject, worker, today, fc.boolean(), (person, theCase, her, onDay, writing) => {
        const context = { today: onDay, action: writing ? ('write' as const) : ('read' as const) };
        for (const compartment of compartments) {
          const before = decide(person, { ...theCase, victim: null }, compartment, context).admitted;
          const after = decide(person, { ...theCase, victim: her }, compartment, context).admitted;
          expect(after).toBe(before && !referenceIsLinkedTo(person, her, onDay));
        }
      }),
      runs,
    );
  });

  it('never admits anyone outside a compartment audience', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const admitted = (compartment: Compartment) => decide(person, theCase, compartment, { today: onDay }).admitted;
        const chairs = person.roles.includes('chair');
        if (admitted('victim') && !chairs && !person.roles.includes('coordinator') && !person.roles.includes('idva')) {
          expect(person.agencyId).not.toBe(theCase.suspect.forceId);
        }
        if (admitted('investigation') && !chairs)
          expect(person.agencyKind === 'iopc' || person.agencyId === theCase.investigatingForceId).toBe(true);
        if (admitted('standards') && !chairs)
          expect(person.agencyKind === 'iopc' || (person.roles.includes('psd') && person.agencyId === theCase.suspect.forceId)).toBe(true);
        if (person.roles.every((role) => role === 'administrator'))
          for (const compartment of compartments) expect(admitted(compartment)).toBe(false);
      }),
      runs,
    );
  });

  it('never lets an observer change anything', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const observer = { ...person, roles: ['observer'] as Role[] };
        for (const compartment of compartments)
          expect(decide(observer, theCase, compartment, { today: onDay, action: 'write' }).admitted).toBe(false);
      }),
      runs,
    );
  });

  it('counts a shared posting for three years after it ended, and not after', () => {
    const theCase: CaseSubject = {
      caseId: 'c',
      memberAgencyIds: ['probation'],
      investigatingForceId: null,
      suspect: {
        userId: null,
        forceId: 'force-a',
        unitId: null,
        managerChain: [],
        postings: [{ unitId: 'u1', startsOn: '2018-01-01', endsOn: null }],
      },
      victim: null,
      recordedConflicts: [],
    };
    const person: ViewerProfile = {
      userId: 'p1',
      agencyId: 'probation',
      agencyKind: 'probation',
      unitId: null,
      roles: ['member'],
      isActive: true,
      managerChain: [],
      postings: [{ unitId: 'u1', roleTitle: 'seconded', startsOn: '2019-01-01', endsOn: '2022-06-30' }],
    };
    expect(decide(person, theCase, 'panel', { today: '2025-06-30' })).toMatchObject({ admitted: false, reason: 'conflict:shared-posting' });
    expect(decide(person, theCase, 'panel', { today: '2025-07-01' })).toMatchObject({ admitted: true });

    // The same posting shared with a victim who works for a police force, where the suspect is elsewhere.
    const victimsCase: CaseSubject = {
      ...theCase,
      suspect: { ...theCase.suspect, postings: [] },
      victim: { userId: null, forceId: 'force-b', unitId: null, managerChain: [], postings: theCase.suspect.postings },
    };
    expect(decide(person, victimsCase, 'panel', { today: '2025-06-30' })).toMatchObject({
      admitted: false,
      reason: 'conflict:shared-posting-with-victim',
    });
    expect(decide(person, victimsCase, 'panel', { today: '2025-07-01' })).toMatchObject({ admitted: true });
  });
});

describe('whether a case exists for a person at all', () => {
  it('admits whoever some compartment admits, and otherwise gives the denial decide() gives, a conflict first', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const decisions = compartments.map((compartment) => decide(person, theCase, compartment, { today: onDay }));
        const answer = decideCase(person, theCase, { today: onDay });
        expect(answer.admitted).toBe(decisions.some((decision) => decision.admitted));
        if (!answer.admitted) expect(answer.reason).toBe(decisions[0].reason);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the victim's side of a case", () => {
  const runs = { numRuns: 2000 };
  const decideRecord = (person: ViewerProfile, theCase: CaseSubject, record: VictimSideRecord, onDay: string, writing: boolean) =>
    decide(person, theCase, victimSideCompartments[record], { today: onDay, action: writing ? 'write' : 'read' }).admitted;

  it('gives the contact log, the IDVA allocation and a released status exactly the victim compartment audience of the reference model', () => {
    fc.assert(
      fc.property(viewer, subject, today, fc.boolean(), (person, theCase, onDay, writing) => {
        const victimAudience = referenceAdmits(person, theCase, 'victim', onDay, writing);
        expect(decideRecord(person, theCase, 'contactLog', onDay, writing)).toBe(victimAudience);
        expect(decideRecord(person, theCase, 'idvaAllocation', onDay, writing)).toBe(victimAudience);
        expect(decideRecord(person, theCase, 'releasedStatus', onDay, false)).toBe(
          referenceAdmits(person, theCase, 'victim', onDay, false),
        );
      }),
      runs,
    );
  });

  it('keeps a status PSD have not released to the standards audience: no IDVA or panel member reads it for being one', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const readsDraft = decideRecord(person, theCase, 'statusDraft', onDay, false);
        expect(readsDraft).toBe(referenceAdmits(person, theCase, 'standards', onDay, false));
        if (readsDraft)
          expect(
            person.roles.includes('chair') ||
              person.agencyKind === 'iopc' ||
              (person.roles.includes('psd') && person.agencyId === theCase.suspect.forceId),
          ).toBe(true);
      }),
      runs,
    );
  });

  it("lets only professional standards of the suspect's force, not linked to the suspect, release a status", () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const releases =
          person.isActive &&
          !referenceIsLinked(person, theCase, onDay) &&
          person.roles.includes('psd') &&
          person.agencyId === theCase.suspect.forceId;
        expect(decideStatusRelease(person, theCase, { today: onDay }).admitted).toBe(releases);
      }),
      runs,
    );
  });

  it('releases a status only to people who may read it: whoever releases one reads the draft it came from', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        if (decideStatusRelease(person, theCase, { today: onDay }).admitted)
          expect(decideRecord(person, theCase, 'statusDraft', onDay, true)).toBe(true);
      }),
      runs,
    );
  });
});

describe('legal holds and retention (decision 0031)', () => {
  const runs = { numRuns: 3000 };

  it("lets a coordinator on the case, or professional standards of the suspect's force, set a hold; nobody else", () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const context = { today: onDay };
        const expected =
          decideRestrictionManagement(person, theCase, context).admitted ||
          (person.roles.includes('coordinator') && decideCase(person, theCase, context).admitted);
        expect(decideLegalHold(person, theCase, context).admitted).toBe(expected);
      }),
      runs,
    );
  });

  it('never lets anyone stepped out of the case hold it or see when it is erased', () => {
    fc.assert(
      fc.property(viewer, subject, today, (person, theCase, onDay) => {
        const context = { today: onDay };
        if (!decideCase(person, theCase, context).admitted) {
          expect(decideLegalHold(person, theCase, context).admitted).toBe(false);
          expect(decideRetentionRead(person, theCase, context).admitted).toBe(false);
        }
        if (decideLegalHold(person, theCase, context).admitted) expect(decideRetentionRead(person, theCase, context).admitted).toBe(true);
        if (!['coordinator', 'chair', 'psd'].some((role) => person.roles.includes(role as Role)))
          expect(decideRetentionRead(person, theCase, context).admitted).toBe(false);
      }),
      runs,
    );
  });
});
