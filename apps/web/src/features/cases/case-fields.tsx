import type { CompartmentView } from '@caseroom/contracts';
import { wordsFor } from '../../lib/words';

function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((entry) => describe(entry)).join('; ');
  return Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== null && entry !== undefined && entry !== '')
    .map(([key, entry]) => `${wordsFor(key.replace(/([A-Z])/g, '_$1').toLowerCase())}: ${describe(entry)}`)
    .join(', ');
}

/** Fields that hold a code rather than free text: shown in words. */
const codedFields: ReadonlySet<string> = new Set(['gender', 'ethnicGroup', 'disabled', 'lgbt', 'recordedAs']);

/** A compartment's recorded fields, read only, folded away so that the notes stay in view. */
export function CaseFields({ view }: { view: CompartmentView }) {
  const entries = Object.entries(view.fields);
  if (entries.length === 0 && view.entries.length === 0) return null;
  return (
    <details>
      <summary>Case record</summary>
      <dl className="fields">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{wordsFor(key.replace(/([A-Z])/g, '_$1').toLowerCase())}</dt>
            <dd>{codedFields.has(key) && typeof value === 'string' ? wordsFor(value) : describe(value)}</dd>
          </div>
        ))}
      </dl>
      {view.entries.length > 0 && (
        <ul>
          {view.entries.map((entry) => (
            <li key={entry.id}>
              {entry.occurredOn ? `${entry.occurredOn}: ` : ''}
              {entry.text}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
