import { useForm } from 'react-hook-form';
import { auditStandingFilters, restrictingKinds } from '@caseroom/contracts';
import { DateField } from '../../lib/forms';
import { wordsFor } from '../../lib/words';

export interface AuditFilterValues {
  forceId: string;
  standing: string;
  restrictionKind: string;
  referredFrom: string | null;
  referredTo: string | null;
}

export const noAuditFilters: AuditFilterValues = {
  forceId: '',
  standing: 'all',
  restrictionKind: '',
  referredFrom: null,
  referredTo: null,
};

const standingWords: Record<(typeof auditStandingFilters)[number], string> = {
  all: 'Live and finished',
  live: 'Live only',
  finished: 'Finished in the last 12 months',
};

/** The audit's filters. The server checks them (and names a field it refuses). */
export function AuditFilters({
  initial,
  forces,
  onFilter,
}: {
  initial: AuditFilterValues;
  forces: readonly { id: string; name: string }[];
  onFilter: (values: AuditFilterValues) => void;
}) {
  const form = useForm<AuditFilterValues>({ defaultValues: initial });
  return (
    <form className="card" role="search" aria-label="Filter the audit" onSubmit={(event) => void form.handleSubmit(onFilter)(event)}>
      <div className="grid-3">
        {forces.length > 1 && (
          <div>
            <label htmlFor="audit-force">Force</label>
            <select id="audit-force" {...form.register('forceId')}>
              <option value="">Every force</option>
              {forces.map((force) => (
                <option key={force.id} value={force.id}>
                  {force.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="audit-standing">Cases</label>
          <select id="audit-standing" {...form.register('standing')}>
            {auditStandingFilters.map((standing) => (
              <option key={standing} value={standing}>
                {standingWords[standing]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="audit-kind">Restriction</label>
          <select id="audit-kind" {...form.register('restrictionKind')}>
            <option value="">Any, or none</option>
            {restrictingKinds.map((kind) => (
              <option key={kind} value={kind}>
                {wordsFor(kind)}
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
        <button type="submit">Show</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            form.reset(noAuditFilters);
            onFilter(noAuditFilters);
          }}
        >
          Clear the filters
        </button>
      </div>
    </form>
  );
}
