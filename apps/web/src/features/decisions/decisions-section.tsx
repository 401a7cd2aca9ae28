import { useEffect } from 'react';
import type { ActionView, CaseView, ConferenceView, DecisionView, RegisterView } from '@caseroom/contracts';
import type { LiveClient } from '../../lib/live-client';
import { useApiResource } from '../../lib/query';
import { formatDate, formatDateTime, wordsFor } from '../../lib/words';
import { useSession } from '../../session';
import { compartmentLabels } from '../notes/compartments';
import { ActionForm } from './action-form';
import { ActionReport } from './action-report';
import { DecisionForm } from './decision-form';

/** Decisions and the action plan of the case under discussion, kept current by the live channel. */
export function DecisionsSection({
  live,
  conference,
  caseId,
  record,
  isChair,
}: {
  live: LiveClient;
  conference: ConferenceView;
  caseId: string;
  record: CaseView | null;
  isChair: boolean;
}) {
  const { me, agencyName } = useSession();
  const decisions = useApiResource<DecisionView[]>(['case', caseId, 'decisions'], `/api/cases/${caseId}/decisions`);
  const actions = useApiResource<ActionView[]>(['case', caseId, 'actions'], `/api/cases/${caseId}/actions`);
  // The chair's forms name the agencies of the case and every agency invited to the conference (the IOPC,
  // say), and the people the conference invited; the register is the organisers' to read.
  const register = useApiResource<RegisterView[]>(
    ['conference', conference.id, 'register'],
    isChair ? `/api/conferences/${conference.id}/register` : null,
  );
  const invited = (register.data ?? []).filter((line) => line.removedAt === null && line.agencyId !== '');
  const agencyIds = [...new Set([...(record?.structure?.agencyIds ?? []), ...invited.map((line) => line.agencyId)])];
  const peopleOf = (agencyId: string) =>
    invited.filter((line) => line.agencyId === agencyId).map((line) => ({ id: line.userId, name: line.name }));
  const nameOf = (userId: string) => invited.find((line) => line.userId === userId)?.name ?? null;

  useEffect(() => {
    const upsert = <T extends { id: string }>(list: T[] | null, entry: T) => [
      ...(list ?? []).filter((other) => other.id !== entry.id),
      entry,
    ];
    const stops = [
      live.on('decision.recorded', (event) => {
        if (event.caseId === caseId) decisions.set((list) => upsert(list ?? [], event.decision));
      }),
      live.on('action.changed', (event) => {
        if (event.caseId === caseId) actions.set((list) => upsert(list ?? [], event.action));
      }),
      live.on('restriction.status', (event) => {
        if (event.caseId !== caseId) return;
        decisions.set((list) =>
          (list ?? []).map((decision) =>
            decision.id === event.restriction.decisionId ? { ...decision, restriction: event.restriction } : decision,
          ),
        );
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [live, caseId]);

  const sortedDecisions = [...(decisions.data ?? [])].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const sortedActions = [...(actions.data ?? [])].sort((a, b) => a.dueOn.localeCompare(b.dueOn));

  return (
    <>
      <section className="card" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        {decisions.error && <p className="error">{decisions.error}</p>}
        {decisions.data && sortedDecisions.length === 0 && <p className="muted">No decision recorded yet.</p>}
        <ol data-testid="decisions">
          {sortedDecisions.map((decision) => (
            <li key={decision.id}>
              <h3>
                {wordsFor(decision.kind)} <span className="badge">{compartmentLabels[decision.compartment]}</span>
                {decision.supersededById && <span className="badge"> superseded</span>}
              </h3>
              <p style={{ whiteSpace: 'pre-wrap' }}>{decision.rationale}</p>
              {decision.optionsConsidered && (
                <p style={{ whiteSpace: 'pre-wrap' }}>
                  <strong>Options considered:</strong> {decision.optionsConsidered}
                </p>
              )}
              {decision.details.systems && (
                <p>
                  <strong>Systems or records:</strong> {decision.details.systems}
                </p>
              )}
              {decision.details.iopcCriteria && decision.details.iopcCriteria.length > 0 && (
                <p>
                  <strong>Referral criteria met:</strong> {decision.details.iopcCriteria.map((criterion) => wordsFor(criterion)).join('; ')}
                </p>
              )}
              {decision.positions.length > 0 && (
                <ul>
                  {decision.positions.map((position) => (
                    <li key={position.agencyId}>
                      {agencyName(position.agencyId)}: {wordsFor(position.position)}
                      {position.note ? ` (${position.note})` : ''}
                    </li>
                  ))}
                </ul>
              )}
              <p className="muted">
                Recorded {formatDateTime(decision.recordedAt)}
                {decision.restriction &&
                  ` · PSD: ${wordsFor(decision.restriction.status)}${
                    decision.restriction.nextReviewOn ? `, review due ${formatDate(decision.restriction.nextReviewOn)}` : ''
                  }`}
              </p>
            </li>
          ))}
        </ol>
        {isChair && conference.status === 'open' && (
          <DecisionForm
            caseId={caseId}
            conferenceId={conference.id}
            agencyIds={agencyIds}
            onRecorded={(decision) => decisions.set((list) => [...(list ?? []).filter((other) => other.id !== decision.id), decision])}
          />
        )}
      </section>
      <section className="card" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Action plan</h2>
        {actions.error && <p className="error">{actions.error}</p>}
        {actions.data && sortedActions.length === 0 && <p className="muted">No action agreed yet.</p>}
        {sortedActions.length > 0 && (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Actions agreed for this case</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Recorded in</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Status</th>
                  <th scope="col">
                    <span className="visually-hidden">Report</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sortedActions.map((action) => (
                  <tr key={action.id}>
                    <td>{action.text}</td>
                    <td>{compartmentLabels[action.compartment]}</td>
                    <td>
                      {agencyName(action.ownerAgencyId)}
                      {action.ownerUserId && nameOf(action.ownerUserId) ? ` (${nameOf(action.ownerUserId)})` : ''}
                    </td>
                    <td>{formatDate(action.dueOn)}</td>
                    <td>
                      {wordsFor(action.status)}
                      {action.isOverdue ? ' (overdue)' : ''}
                      {action.updates.length > 0 && <p className="muted action-note">{action.updates[action.updates.length - 1].note}</p>}
                    </td>
                    <td>
                      {(isChair || action.ownerAgencyId === me.agencyId) && (
                        <ActionReport
                          caseId={caseId}
                          action={action}
                          onReported={(reported) =>
                            actions.set((list) => (list ?? []).map((other) => (other.id === reported.id ? reported : other)))
                          }
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {isChair && conference.status === 'open' && (
          <ActionForm
            caseId={caseId}
            conferenceId={conference.id}
            agencyIds={agencyIds}
            peopleOf={peopleOf}
            onRecorded={(action) => actions.set((list) => [...(list ?? []).filter((other) => other.id !== action.id), action])}
          />
        )}
      </section>
    </>
  );
}
