import fc from 'fast-check';
import Holidays from 'date-holidays';
import { workingDaysLeft } from '@caseroom/domain';
import { englandAndWalesWorkingDays as calendar } from './bank-holidays';

/** The bank holidays GOV.UK publishes for England and Wales, written out by hand. */
const govUk: Record<number, string[]> = {
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

/**
 * The reference the arithmetic is checked against: a walk one day at a time, asking the library about
 * each day by itself (not the yearly lists the calendar reads).
 */
const library = new Holidays('GB', 'ENG');
const askedAbout = new Map<string, boolean>();
function isBankHoliday(iso: string): boolean {
  if (!askedAbout.has(iso))
    askedAbout.set(
      iso,
      (library.isHoliday(new Date(`${iso}T12:00:00Z`)) || []).some((holiday) => holiday.type === 'public' || holiday.type === 'bank'),
    );
  return askedAbout.get(iso)!;
}
const nextDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const isWeekend = (iso: string) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());
const isWorking = (iso: string) => !isWeekend(iso) && !isBankHoliday(iso);
function walkForward(from: string, count: number): string {
  let day = from;
  for (let left = count; left > 0;) {
    day = nextDay(day);
    if (isWorking(day)) left--;
  }
  return day;
}
function walkBetween(from: string, to: string): number {
  let count = 0;
  for (let day = from; day < to;) {
    day = nextDay(day);
    if (isWorking(day)) count++;
  }
  return count;
}

const isoDay = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
/** Days around the holidays and weekends, where the clocks go wrong if they go wrong at all. */
const nearHoliday = fc
  .tuple(
    fc.constantFrom(...Object.values(govUk).flat(), '2022-06-03', '2022-09-19', '2023-05-08', '2020-12-28'),
    fc.integer({ min: -6, max: 2 }),
  )
  .map(([holiday, offset]) => new Date(Date.parse(`${holiday}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10));

describe('working days in England and Wales', () => {
  it('knows the bank holidays GOV.UK publishes for 2025 to 2027, substitute days included', () => {
    for (const [year, dates] of Object.entries(govUk)) {
      const daysOff: string[] = [];
      for (let day = `${year}-01-01`; day.startsWith(year); day = nextDay(day))
        if (!isWeekend(day) && !calendar.isWorkingDay(day)) daysOff.push(day);
      expect(daysOff).toEqual(dates);
    }
  });

  it('knows the one-off holidays: the Platinum Jubilee, the state funeral and the coronation', () => {
    for (const date of ['2022-06-03', '2022-09-19', '2023-05-08']) expect(calendar.isWorkingDay(date)).toBe(false);
    expect(calendar.isWorkingDay('2023-05-09')).toBe(true);
  });

  it('puts the written notice 3 working days after an oral one, over Easter and Christmas', () => {
    // Told on the Thursday before Good Friday 2026: Friday and Monday are holidays.
    expect(calendar.add('2026-04-02', 3)).toBe('2026-04-09');
    // Told on Christmas Eve 2026: Christmas Day, the weekend and the Boxing Day substitute pass first.
    expect(calendar.add('2026-12-24', 3)).toBe('2026-12-31');
    // Told on a Friday: the weekend does not count.
    expect(calendar.add('2026-11-20', 3)).toBe('2026-11-25');
    expect(calendar.add('2027-12-24', 1)).toBe('2027-12-29');
  });

  it('adds working days as a day-by-day walk does, on any date', () => {
    fc.assert(
      fc.property(fc.oneof(isoDay, nearHoliday), fc.integer({ min: 0, max: 70 }), (from, count) => {
        expect(calendar.add(from, count)).toBe(walkForward(from, count));
      }),
      { numRuns: 400 },
    );
  });

  it('counts working days between two dates as a day-by-day walk does', () => {
    fc.assert(
      fc.property(fc.oneof(isoDay, nearHoliday), fc.oneof(isoDay, nearHoliday), (first, second) => {
        const [from, to] = first <= second ? [first, second] : [second, first];
        fc.pre(Date.parse(to) - Date.parse(from) < 400 * 86_400_000);
        expect(calendar.between(from, to)).toBe(walkBetween(from, to));
        expect(calendar.between(to, from) + walkBetween(from, to)).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('lands on a working day that many working days later, and counting back gives the same number', () => {
    fc.assert(
      fc.property(fc.oneof(isoDay, nearHoliday), fc.integer({ min: 1, max: 70 }), (from, count) => {
        const due = calendar.add(from, count);
        expect(isWorking(due)).toBe(true);
        expect(calendar.between(from, due)).toBe(count);
      }),
      { numRuns: 300 },
    );
  });

  it('says how late a clock is in working days, never 0 once it is past due', () => {
    expect(workingDaysLeft(calendar, '2026-12-30', '2026-12-24')).toBe(-2);
    expect(workingDaysLeft(calendar, '2026-12-29', '2026-12-24')).toBe(-1);
    expect(workingDaysLeft(calendar, '2026-12-26', '2026-12-24')).toBe(-1);
    expect(workingDaysLeft(calendar, '2026-12-24', '2026-12-24')).toBe(0);
    expect(workingDaysLeft(calendar, '2026-12-24', '2026-12-31')).toBe(3);
  });
});
