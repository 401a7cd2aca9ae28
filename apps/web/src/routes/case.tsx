import type { CaseSummaryView } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { wordsFor } from '../lib/words';
import { CounterAllegations } from '../features/cases/counter-allegations';
import { CaseVictimWorkplace } from '../features/cases/case-victim-workplace';
import { ContactLog } from '../features/cases/contact-log';
import { IdvaAllocation } from '../features/cases/idva-allocation';
import { ReleasedStatus } from '../features/cases/released-status';
import { CaseRetention } from '../features/cases/case-retention';
import { compartmentLabels } from '../features/notes/compartments';
import { useSession } from '../session';

/**
 * One case, between conferences: the counter-allegations linked to it, who speaks for the victim, what
 * professional standards released for her and the contact log. Each part is shown only where the server
 * admitted this person to its compartment: the panel's for the first, the victim's side for the rest;
 * and, for those responsible for its records, when it falls due for erasure and its legal hold.
 */
export function CaseRoute() {
  const { caseId = '' } = useParams();
  const { me, agencies } = useSession();
  // The case as listed for this person (reference, status, what they are admitted to): no content is
  // fetched here that the screen does not show, and each part below reads its own, logged as it is read.
  const cases = useApiQuery<CaseSummaryView[]>(['cases'], '/api/cases');
  const summary = cases.data?.find((candidate) => candidate.id === caseId) ?? null;
  useScreenTitle(summary?.reference ?? 'Case');
  const hasVictimSide = summary?.admitted.includes('victim') ?? false;
  const hasPanel = summary?.admitted.includes('panel') ?? false;
  const mayAllocate = me.roles.includes('coordinator') || me.roles.includes('chair');
  // The access log is for the chair, PSD and the IOPC; the server refuses anyone else in any case.
  // When the case is erased, and the legal hold: for those responsible for its records (the server decides).
  const mayKeepRecords = me.roles.includes('coordinator') || me.roles.includes('chair') || me.roles.includes('psd');
  const mayAudit = me.roles.includes('chair') || me.roles.includes('psd') || agencies.get(me.agencyId)?.kind === 'iopc';

  return (
    <>
      <h1 tabIndex={-1}>{summary?.reference ?? 'Case'}</h1>
      <p>
        <Link to="/cases">All cases</Link>
        {mayAudit && (
          <>
            {' · '}
            <Link to={`/cases/${caseId}/access`}>Who has seen this case</Link>
          </>
        )}
      </p>
      {cases.isLoading && <p role="status">Loading the case…</p>}
      {cases.error && (
        <p className="error" role="alert">
          {errorMessage(cases.error)}
        </p>
      )}
      {cases.data && !summary && (
        <p className="error" role="alert">
          The case was not found.
        </p>
      )}
      {summary && (
        <>
          <p>
            <span className="badge">{wordsFor(summary.status)}</span> You may see:{' '}
            {summary.admitted.map((compartment) => compartmentLabels[compartment]).join(', ')}.
          </p>
          {hasPanel && <CounterAllegations caseId={caseId} mayRecord={mayAllocate} />}
          {hasVictimSide ? (
            <>
              <IdvaAllocation caseId={caseId} mayAllocate={mayAllocate} />
              {mayAllocate && <CaseVictimWorkplace caseId={caseId} />}
              <ReleasedStatus caseId={caseId} />
              <ContactLog caseId={caseId} />
            </>
          ) : (
            <p className="card">
              The victim&rsquo;s side of this case (her IDVA, the contact log, what she is told) is not shared with you.
            </p>
          )}
          {mayKeepRecords && <CaseRetention caseId={caseId} />}
        </>
      )}
    </>
  );
}
