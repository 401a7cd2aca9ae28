import type { TrackedActionView } from '@caseroom/contracts';

/** Every query of the tracker starts with this key: a report sent reloads it. */
export const trackerKey = ['actions'] as const;

export type StatusFilter = 'open' | 'closed' | 'all';
export type DueFilter = 'any' | 'overdue' | 'week';

export interface TrackerFilterValues {
  readonly status: StatusFilter;
  readonly due: DueFilter;
}

const statusChoices: readonly { value: StatusFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Done or closed' },
  { value: 'all', label: 'All' },
];

const dueChoices: readonly { value: DueFilter; label: string }[] = [
  { value: 'any', label: 'Any time' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'week', label: 'Due in the next 7 days' },
];

/** Lays out what the server sent for this person; it narrows the view, it never decides what may be seen. */
export function matchesFilters(action: TrackedActionView, { status, due }: TrackerFilterValues, today: string): boolean {
  const isOpen = action.status === 'open';
  if (status === 'open' && !isOpen) return false;
  if (status === 'closed' && isOpen) return false;
  if (due === 'overdue') return action.isOverdue;
  if (due === 'week') return isOpen && action.dueOn >= today && action.dueOn <= addDays(today, 7);
  return true;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function TrackerFilters({ values, onChange }: { values: TrackerFilterValues; onChange: (values: TrackerFilterValues) => void }) {
  return (
    <form className="card toolbar tracker-filters" role="search" aria-label="Filter actions" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="actions-status">Status</label>
        <select
          id="actions-status"
          value={values.status}
          onChange={(event) => onChange({ ...values, status: event.target.value as StatusFilter })}
        >
          {statusChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="actions-due">Due</label>
        <select id="actions-due" value={values.due} onChange={(event) => onChange({ ...values, due: event.target.value as DueFilter })}>
          {dueChoices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
