import { useForm } from 'react-hook-form';
import { caseStatuses, triageSortOrders } from '@caseroom/contracts';
import { DateField } from '../../lib/forms';
import { wordsFor } from '../../lib/words';
import { useSession } from '../../session';

export interface TriageFilterValues {
  reference: string;
  status: string;
  referredFrom: string | null;
  referredTo: string | null;
  referringAgencyId: string;
  suspectForceId: string;
  isRepeat: string;
  sort: string;
}

export const noFilters: TriageFilterValues = {
  reference: '',
  status: '',
  referredFrom: null,
  referredTo: null,
  referringAgencyId: '',
  suspectForceId: '',
  isRepeat: '',
  sort: 'newest',
};

/** The search of the coordinator's list. The server checks it (and names a field it refuses). */
export function TriageFilters({ initial, onSearch }: { initial: TriageFilterValues; onSearch: (values: TriageFilterValues) => void }) {
  const { agencies } = useSession();
  const form = useForm<TriageFilterValues>({ defaultValues: initial });
  const forces = [...agencies.values()].filter((agency) => agency.kind === 'police_force');
  return (
    <form
      className="card triage-filters"
      role="search"
      aria-label="Search cases"
      onSubmit={(event) => void form.handleSubmit(onSearch)(event)}
    >
      <div className="grid-4">
        <div>
          <label htmlFor="filter-reference">Reference</label>
          <input id="filter-reference" {...form.register('reference')} placeholder="CR-2026-0001" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" {...form.register('status')}>
            <option value="">Any status</option>
            {caseStatuses.map((status) => (
              <option key={status} value={status}>
                {wordsFor(status)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-agency">Referring agency</label>
          <select id="filter-agency" {...form.register('referringAgencyId')}>
            <option value="">Any agency</option>
            {[...agencies.values()].map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-force">Suspect’s force</label>
          <select id="filter-force" {...form.register('suspectForceId')}>
            <option value="">Any force</option>
            {forces.map((force) => (
              <option key={force.id} value={force.id}>
                {force.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-repeat">Repeat referrals</label>
          <select id="filter-repeat" {...form.register('isRepeat')}>
            <option value="">Any</option>
            <option value="true">Repeats only</option>
            <option value="false">First referrals only</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-sort">Order</label>
          <select id="filter-sort" {...form.register('sort')}>
            {triageSortOrders.map((order) => (
              <option key={order} value={order}>
                {wordsFor(order)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="grid-2">
        <DateField form={form as never} name="referredFrom" label="Referred on or after" />
        <DateField form={form as never} name="referredTo" label="Referred on or before" />
      </div>
      <div className="actions">
        <button type="submit">Search</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            form.reset(noFilters);
            onSearch(noFilters);
          }}
        >
          Clear the search
        </button>
      </div>
    </form>
  );
}
