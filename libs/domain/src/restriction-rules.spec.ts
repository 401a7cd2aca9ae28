import {
  applicationProblems,
  byUrgency,
  clocksOf,
  needsSecondPerson,
  writtenNoticeDueOn,
  writtenNoticeProblem,
  type Application,
} from './restriction-rules';
import { defaultReviewClocks, type Restriction, type RestrictionRecord } from './restrictions';
import { WorkingDays } from './working-days';

/** GOV.UK's England and Wales bank holidays around Christmas 2026, written out: the domain is tested without the library. */
const calendar = new WorkingDays({
  of: (year) => ({ 2026: ['2026-04-03', '2026-04-06', '2026-12-25', '2026-12-28'], 2027: ['2027-01-01'] })[year] ?? [],
});

const application = (more: Partial<Application> = {}): Application => ({
  kinds: ['management_restricted_duties'],
  legalBasis: 'annex_ee_management_restricted_duties',
  reviewCycle: 'standard',
  noticeMethod: 'orally_then_in_writing',
  toldOn: '2026-12-23',
  writtenNoticeOn: null,
  arrestFor: null,
  presumptionRebutted: null,
  ...more,
});

const record = (more: Partial<RestrictionRecord> = {}): RestrictionRecord => ({
  kinds: ['suspension'],
  namedSystem: null,
  otherKind: null,
  regulation11Grounds: ['public_interest'],
  decisionMaker: 'Deputy Chief Constable',
  noticeMethod: 'orally_then_in_writing',
  toldOn: '2026-12-23',
  writtenNoticeOn: null,
  writtenNoticeDueOn: '2026-12-30',
  rationale: 'r',
  alternatives: 'a',
  representations: null,
  iopcConsultedOn: null,
  arrestFor: null,
  presumptionRebutted: null,
  endReason: null,
  ...more,
});

const restriction = (more: Partial<Restriction>): Pick<Restriction, 'kind' | 'status' | 'requestedOn' | 'record' | 'nextReviewOn'> => ({
  kind: 'recommend_suspension',
  status: 'requested',
  requestedOn: '2026-12-23',
  record: null,
  nextReviewOn: null,
  ...more,
});

describe('the rules of applying a restriction', () => {
  it('asks a second person only for a suspension', () => {
    expect(needsSecondPerson(['suspension', 'warrant_card_retained'])).toBe(true);
    expect(needsSecondPerson(['management_restricted_duties', 'firearms_or_taser_withdrawn'])).toBe(false);
  });

  it('wants the written notice within 3 working days of telling the officer orally, across Christmas', () => {
    // Told on 23 December 2026: Christmas Day, the weekend and the Boxing Day substitute do not count.
    expect(writtenNoticeDueOn('orally_then_in_writing', '2026-12-23', defaultReviewClocks, calendar)).toBe('2026-12-30');
    expect(writtenNoticeDueOn('in_writing', '2026-12-23', defaultReviewClocks, calendar)).toBeNull();
    expect(applicationProblems(application({ writtenNoticeOn: '2026-12-30' }), defaultReviewClocks, calendar)).toEqual([]);
    expect(applicationProblems(application({ writtenNoticeOn: '2026-12-31' }), defaultReviewClocks, calendar)).toEqual([
      { path: 'writtenNoticeOn', message: 'must be within 3 working days of telling the officer orally (by 30 December 2026)' },
    ]);
    expect(applicationProblems(application({ writtenNoticeOn: '2026-12-22' }), defaultReviewClocks, calendar)).toEqual([
      { path: 'writtenNoticeOn', message: 'must not be before the officer was told orally' },
    ]);
    expect(writtenNoticeProblem({ toldOn: '2026-12-23', writtenNoticeDueOn: '2026-12-30' }, '2026-12-29', defaultReviewClocks)).toBeNull();
    expect(writtenNoticeProblem({ toldOn: '2026-12-23', writtenNoticeDueOn: '2026-12-30' }, '2027-01-04', defaultReviewClocks)?.path).toBe(
      'writtenOn',
    );
  });

  it('presumes suspension after an arrest for a sexual or domestic abuse offence (regulation 11C) unless the presumption is rebutted', () => {
    const afterArrest = application({ arrestFor: 'domestic_abuse_offence' });
    expect(applicationProblems(afterArrest, defaultReviewClocks, calendar)).toEqual([
      {
        path: 'presumptionRebutted',
        message: 'after this arrest suspension is presumed (regulation 11C): say why it is rebutted, or apply a suspension',
      },
    ]);
    expect(
      applicationProblems({ ...afterArrest, presumptionRebutted: 'Charged and remanded: no access.' }, defaultReviewClocks, calendar),
    ).toEqual([]);
    const suspended = application({ arrestFor: 'sexual_offence', kinds: ['suspension'], legalBasis: 'regulation_11_suspension' });
    expect(applicationProblems(suspended, defaultReviewClocks, calendar)).toEqual([]);
    // Where a deployment has not brought regulation 11C in, nothing is presumed.
    expect(applicationProblems(afterArrest, { ...defaultReviewClocks, isRegulation11CInForce: false }, calendar)).toEqual([]);
  });

  it('keeps the 12-week cycle of regulation 11B for suspensions, and only where 11B is in force', () => {
    expect(applicationProblems(application({ reviewCycle: 'amended_2026' }), defaultReviewClocks, calendar)).toEqual([
      { path: 'reviewCycle', message: 'the 12-week cycle of regulation 11B is for suspensions only' },
    ]);
    const suspension = application({ kinds: ['suspension'], legalBasis: 'regulation_11_suspension', reviewCycle: 'amended_2026' });
    expect(applicationProblems(suspension, defaultReviewClocks, calendar)).toEqual([]);
    expect(applicationProblems(suspension, { ...defaultReviewClocks, isRegulation11BInForce: false }, calendar)).toEqual([
      { path: 'reviewCycle', message: 'regulation 11B is not in force in this deployment' },
    ]);
  });
});

describe('the clocks of a restriction', () => {
  it('gives a suspension request 3 working days for a decision under regulation 11B, and counts how late it is', () => {
    const request = restriction({ requestedOn: '2026-12-23' });
    expect(clocksOf(request, '2026-12-24', defaultReviewClocks, calendar)).toEqual([
      { clock: 'decision', dueOn: '2026-12-30', workingDaysLeft: 2 },
    ]);
    expect(clocksOf(request, '2027-01-04', defaultReviewClocks, calendar)).toEqual([
      { clock: 'decision', dueOn: '2026-12-30', workingDaysLeft: -2 },
    ]);
    // Configurable: five working days, or no decision clock where 11B is not in force, or for other kinds.
    expect(clocksOf(request, '2026-12-24', { ...defaultReviewClocks, regulation11BDecisionWorkingDays: 5 }, calendar)[0].dueOn).toBe(
      '2027-01-04',
    );
    expect(clocksOf(request, '2026-12-24', { ...defaultReviewClocks, isRegulation11BInForce: false }, calendar)).toEqual([]);
    expect(clocksOf({ ...request, kind: 'management_restricted_duties' }, '2026-12-24', defaultReviewClocks, calendar)).toEqual([]);
    expect(clocksOf({ ...request, status: 'declined' }, '2026-12-24', defaultReviewClocks, calendar)).toEqual([]);
  });

  it('runs the written notice clock until it is recorded, and the review clock while in force', () => {
    const applied = restriction({ status: 'applied', record: record(), nextReviewOn: '2027-01-20' });
    expect(clocksOf(applied, '2026-12-31', defaultReviewClocks, calendar)).toEqual([
      { clock: 'written_notice', dueOn: '2026-12-30', workingDaysLeft: -1 },
      { clock: 'review', dueOn: '2027-01-20', workingDaysLeft: 13 },
    ]);
    const noticed = restriction({ status: 'applied', record: record({ writtenNoticeOn: '2026-12-24' }), nextReviewOn: '2027-01-20' });
    expect(clocksOf(noticed, '2026-12-31', defaultReviewClocks, calendar).map((clock) => clock.clock)).toEqual(['review']);
  });

  it('puts the most overdue first, then the soonest due, then what has no clock', () => {
    const entry = (name: string, left: number[]) => ({
      name,
      clocks: left.map((workingDaysLeft) => ({ clock: 'review' as const, dueOn: '', workingDaysLeft })),
    });
    const sorted = [entry('none', []), entry('soon', [2]), entry('late', [5, -2]), entry('later', [-1])].sort(byUrgency);
    expect(sorted.map((item) => item.name)).toEqual(['late', 'later', 'soon', 'none']);
  });
});
