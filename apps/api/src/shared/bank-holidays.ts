import Holidays from 'date-holidays';
import { WorkingDays, type BankHolidays } from '@caseroom/domain';

/**
 * England and Wales bank holidays from the date-holidays library (substitute days and one-off holidays
 * such as a coronation included), read once per year asked for. Only its public holidays count:
 * Mother's Day and the like are observances, not days off.
 */
export function englandAndWalesBankHolidays(): BankHolidays {
  const calendar = new Holidays('GB', 'ENG');
  const years = new Map<number, readonly string[]>();
  return {
    of: (year) => {
      let holidays = years.get(year);
      if (!holidays) {
        holidays = (calendar.getHolidays(year) || [])
          .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
          .map((holiday) => holiday.date.slice(0, 10));
        years.set(year, holidays);
      }
      return holidays;
    },
  };
}

export const englandAndWalesWorkingDays = new WorkingDays(englandAndWalesBankHolidays());
