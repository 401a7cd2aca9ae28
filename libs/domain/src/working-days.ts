/**
 * Working days in England and Wales: Monday to Friday, less the bank holidays. The holidays come from
 * outside (the API reads them from a maintained calendar library); the arithmetic here counts whole
 * weeks rather than walking day by day, so a clock years long costs no more than one a week long.
 */
export interface BankHolidays {
  /** The bank holidays of one calendar year, as ISO dates. */
  readonly of: (year: number) => readonly string[];
}

const dayMs = 86_400_000;
/** 1970-01-01 was a Thursday: three days after the Monday that starts our weeks. */
const mondayOffset = 3;

const epochDay = (isoDate: string): number => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / dayMs);
const isoOf = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);
const weekdayIndex = (day: number): number => (((day + mondayOffset) % 7) + 7) % 7;
const isWeekend = (day: number): boolean => weekdayIndex(day) >= 5;

/** How many weekdays fall before the day (counted from a fixed Monday long ago; only differences matter). */
function weekdaysBefore(day: number): number {
  const sinceMonday = day + mondayOffset;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7, 5);
}

/** The day that is the weekday numbered `count` in weekdaysBefore's counting. */
function weekdayNumbered(count: number): number {
  const weeks = Math.floor(count / 5);
  return weeks * 7 + (count - weeks * 5) - mondayOffset;
}

export class WorkingDays {
  constructor(private readonly holidays: BankHolidays) {}

  isWorkingDay(isoDate: string): boolean {
    const day = epochDay(isoDate);
    return !isWeekend(day) && !this.holidays.of(Number(isoDate.slice(0, 4))).includes(isoDate);
  }

  /** Working days after `from` up to and including `to`; negative when `to` comes first. */
  between(from: string, to: string): number {
    if (to < from) return -this.between(to, from);
    const start = epochDay(from);
    const end = epochDay(to);
    const weekdays = weekdaysBefore(end + 1) - weekdaysBefore(start + 1);
    return weekdays - this.weekdayHolidays(start, end);
  }

  /** The working day `count` working days after `from` (count 0: `from` itself). */
  add(from: string, count: number): string {
    if (count <= 0) return from;
    const start = epochDay(from);
    let candidate = weekdayNumbered(weekdaysBefore(start + 1) + count - 1);
    // Each pass moves on by the holidays the last one stepped over; it stops once none is left unpaid.
    for (let short = count - this.between(from, isoOf(candidate)); short > 0; short = count - this.between(from, isoOf(candidate)))
      candidate = weekdayNumbered(weekdaysBefore(candidate + 1) + short - 1);
    return isoOf(candidate);
  }

  /** Bank holidays on weekdays after day `start`, up to and including day `end`. */
  private weekdayHolidays(start: number, end: number): number {
    const from = isoOf(start);
    const to = isoOf(end);
    let count = 0;
    for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++)
      for (const holiday of this.holidays.of(year)) if (holiday > from && holiday <= to && !isWeekend(epochDay(holiday))) count++;
    return count;
  }
}

/**
 * A clock in working days, as the queue shows it: how many working days are left before it is due
 * (0 on the day, negative when overdue).
 */
export function workingDaysLeft(calendar: WorkingDays, today: string, dueOn: string): number {
  if (dueOn === today) return 0;
  if (dueOn > today) return calendar.between(today, dueOn);
  // Overdue: count the working days since the due date, the due date itself not counted.
  return -Math.max(1, calendar.between(dueOn, today));
}
