import fc from 'fast-check';
import {
  ageOn,
  countReturn,
  median,
  monthsBefore,
  publishReturn,
  quarterBounds,
  quarterOf,
  suppress,
  suppressGroup,
  type ReturnCase,
} from './reports';

describe('suppressing small numbers', () => {
  it('shows counts of one to four as "<5", and zero and five or more as they are', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 120].map(suppress)).toEqual([0, '<5', '<5', '<5', '<5', 5, 6, 120]);
  });

  it('never leaves one suppressed cell alone in a group whose total is shown', () => {
    expect(suppressGroup([10, 3, 0, 7])).toEqual([10, '<5', 0, '<5']);
    expect(suppressGroup([10, 3, 2, 7])).toEqual([10, '<5', '<5', 7]);
    expect(suppressGroup([10, 0, 0, 7])).toEqual([10, 0, 0, 7]);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 9 }), (counts) => {
        const published = suppressGroup(counts);
        const hidden = published.filter((cell) => cell === '<5').length;
        const others = counts.filter((count) => count > 0).length;
        // Either nothing is hidden, or at least two cells are (unless a single non-zero cell is the whole total).
        expect(hidden === 0 || hidden >= 2 || others === 1).toBe(true);
        published.forEach((cell, index) => {
          if (cell !== '<5') expect(cell).toBe(counts[index]);
          else expect(counts[index]).toBeGreaterThan(0);
        });
      }),
    );
  });
});

describe('the figures of a MARAC return', () => {
  const heard = (overrides: Partial<ReturnCase>): ReturnCase => ({
    isRepeat: false,
    childCount: 0,
    referringAgencyKind: 'police_force',
    gender: 'female',
    ethnicGroup: 'white_british',
    disabled: 'no',
    lgbt: 'no',
    ageAtReferral: 30,
    isVictimPoliceEmployed: false,
    daysToRestriction: null,
    ...overrides,
  });

  it('counts each trait once per case, and the median days to restriction of the cases restricted', () => {
    const figures = countReturn([
      heard({ isRepeat: true, childCount: 2, gender: 'male', daysToRestriction: 10 }),
      heard({ referringAgencyKind: 'iopc', ethnicGroup: 'black', ageAtReferral: 17, daysToRestriction: 4 }),
      heard({
        referringAgencyKind: 'idva_service',
        lgbt: 'yes',
        disabled: 'yes',
        ethnicGroup: 'prefers_not_to_say',
        daysToRestriction: 30,
      }),
      heard({ ethnicGroup: null, gender: null, ageAtReferral: 16, isVictimPoliceEmployed: true }),
    ]);
    expect(figures).toMatchObject({
      casesDiscussed: 4,
      repeatCases: 1,
      children: 2,
      victimsBlackAndMinoritised: 1,
      victimsLgbt: 1,
      victimsDisabled: 1,
      victimsMale: 1,
      victimsAged16To17: 2,
      casesWithPoliceEmployedVictim: 1,
      casesWithRestrictionApplied: 3,
      medianDaysToRestriction: 10,
    });
    expect(figures.referralsByAgency).toMatchObject({ police_force: 2, idva_service: 1, other: 1 });
  });

  it('withholds the median where fewer than five cases make it', () => {
    const few = publishReturn(countReturn([heard({ daysToRestriction: 3 }), heard({ daysToRestriction: 9 })]));
    expect(few.medianDaysToRestriction).toBe('<5');
    expect(few.casesWithRestrictionApplied).toBe('<5');
    const none = publishReturn(countReturn([heard({})]));
    expect(none.medianDaysToRestriction).toBeNull();
    const many = publishReturn(countReturn([1, 2, 3, 4, 5, 6].map((days) => heard({ daysToRestriction: days }))));
    expect(many.medianDaysToRestriction).toBe(3.5);
  });
});

describe('dates of the reports', () => {
  it('tells ages, quarters and look-back dates', () => {
    expect(ageOn('2009-06-15', '2026-06-14')).toBe(16);
    expect(ageOn('2009-06-15', '2026-06-15')).toBe(17);
    expect(quarterOf('2026-11-30')).toEqual({ year: 2026, number: 4 });
    expect(quarterBounds({ year: 2026, number: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-12-06', 12)).toBe('2025-12-06');
    expect(median([])).toBeNull();
  });
});
