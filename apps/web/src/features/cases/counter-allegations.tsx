import type { CounterAllegationView } from '@caseroom/contracts';
import { useApiQuery } from '../../lib/query';
import { formatDate } from '../../lib/words';
import { useSession } from '../../session';

/** Who made it, in words: "by the suspect", "by <name>", or as described. */
const madeBy = (allegation: CounterAllegationView) => {
  switch (allegation.madeBy.kind) {
    case 'suspect':
      return 'by the suspect';
    case 'person':
      return `by ${allegation.madeByName ?? 'a person in the records'}`;
    case 'described':
      return `by ${allegation.madeBy.description}`;
  }
};

/**
 * Counter-allegations recorded on the case (decision 0025): shown to its panel as linked to this case,
 * never as a case of their own. Given the count from the panel's view of the case (the live room's case
 * card), they are read only when there are some and nothing is shown without; without it (the case
 * screen), they are read, and the screen says when there are none.
 */
export function CounterAllegations({ caseId, count }: { caseId: string; count?: number }) {
  const { agencyName } = useSession();
  const listed = useApiQuery<CounterAllegationView[]>(
    ['case', caseId, 'counter-allegations'],
    count === undefined || count > 0 ? `/api/cases/${caseId}/counter-allegations` : null,
  );
  if (count === 0) return null;
  if (count === undefined && listed.data?.length === 0)
    return (
      <section className="card counter-allegations" aria-labelledby={`counter-allegations-${caseId}`} data-testid="counter-allegations">
        <h2 id={`counter-allegations-${caseId}`}>Linked counter-allegations</h2>
        <p>No counter-allegation is linked to this case.</p>
      </section>
    );
  const Heading = count === undefined ? 'h2' : 'h3';
  const shown = count ?? listed.data?.length;
  return (
    <section
      className={count === undefined ? 'card counter-allegations' : 'counter-allegations'}
      aria-labelledby={`counter-allegations-${caseId}`}
      data-testid="counter-allegations"
    >
      <Heading id={`counter-allegations-${caseId}`}>Linked counter-allegations{shown === undefined ? '' : ` (${shown})`}</Heading>
      {listed.error && (
        <p className="error" role="alert">
          The counter-allegations could not be read.
        </p>
      )}
      <ul>
        {(listed.data ?? []).map((allegation) => (
          <li key={allegation.id}>
            <p>
              <strong>
                Counter-allegation {madeBy(allegation)}, received {formatDate(allegation.receivedOn)} from{' '}
                {agencyName(allegation.referringAgencyId)}
              </strong>
            </p>
            <p>How it was received: {allegation.howReceived}</p>
            {allegation.fromReferralReference && <p>Referred as {allegation.fromReferralReference}, declined and recorded here.</p>}
            <p className="pre-wrap">{allegation.alleged}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
