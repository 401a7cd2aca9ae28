import { caseFieldWords, type CompartmentView } from '@caseroom/contracts';
import { formatDate, formatDateTime, wordsFor } from '../../lib/words';
import { useSession } from '../../session';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const code = /^[a-z]+(_[a-z]+)+$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const labelOf = (key: string) => caseFieldWords[key] ?? wordsFor(key.replace(/([A-Z])/g, '_$1').toLowerCase());

/**
 * A recorded value as a person reads it: dates as en-GB, codes in words, yes and no, an agency by its
 * name, never an id or an enum value.
 */
function useDescribe(): (value: unknown) => string {
  const { agencyName } = useSession();
  const describe = (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    if (typeof value === 'number') return String(value);
    if (typeof value === 'string') {
      if (isoDate.test(value)) return formatDate(value);
      if (isoDateTime.test(value)) return formatDateTime(value);
      if (uuid.test(value)) return agencyName(value);
      if (code.test(value)) return wordsFor(value);
      return value;
    }
    if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((entry) => describe(entry)).join('; ');
    return Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== null && entry !== undefined && entry !== '')
      .map(([key, entry]) => `${labelOf(key)}: ${describe(entry)}`)
      .join(', ');
  };
  return describe;
}

/** Fields that hold a code rather than free text: shown in words. */
const codedFields: ReadonlySet<string> = new Set(['gender', 'ethnicGroup', 'disabled', 'lgbt', 'recordedAs']);

/** A compartment's recorded fields, read only, folded away so that the notes stay in view. */
export function CaseFields({ view }: { view: CompartmentView }) {
  const describe = useDescribe();
  const entries = Object.entries(view.fields).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0 && view.entries.length === 0) return null;
  return (
    <details>
      <summary>Case record</summary>
      <dl className="fields">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{labelOf(key)}</dt>
            {Array.isArray(value) && value.length > 0 ? (
              <dd>
                <ul>
                  {value.map((entry, index) => (
                    <li key={index}>{describe(entry)}</li>
                  ))}
                </ul>
              </dd>
            ) : (
              <dd className="pre-wrap">{codedFields.has(key) && typeof value === 'string' ? wordsFor(value) : describe(value)}</dd>
            )}
          </div>
        ))}
      </dl>
      {view.entries.length > 0 && (
        <ul>
          {view.entries.map((entry) => (
            <li key={entry.id}>
              {entry.occurredOn ? `${formatDate(entry.occurredOn)}: ` : ''}
              {entry.text}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
