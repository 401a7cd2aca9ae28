import type { ReactNode } from 'react';
import type { RestrictionEventView, RestrictionView } from '@caseroom/contracts';
import { Link, useParams } from 'react-router';
import { errorMessage, useApiQuery } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { clockInWords, formatDate, formatDateTime, wordsFor } from '../lib/words';
import { RestrictionActions } from '../features/restrictions/restriction-actions';
import { useSession } from '../session';

interface Detail {
  readonly restriction: RestrictionView;
  readonly events: readonly RestrictionEventView[];
}

/** What each field of a step's detail is called; fields not named here are not shown. */
const detailLabels: Readonly<Record<string, string>> = {
  kinds: 'Applied',
  namedSystem: 'System or record',
  otherKind: 'Other restriction',
  effectiveOn: 'In effect from',
  conditions: 'Conditions',
  legalBasis: 'Legal basis',
  regulation11Grounds: 'Regulation 11 grounds',
  reviewCycle: 'Review cycle',
  decisionMaker: 'Decision-maker',
  noticeMethod: 'Officer told',
  toldOn: 'Told on',
  writtenNoticeOn: 'Written notice given on',
  writtenNoticeDueOn: 'Written notice due by',
  writtenOn: 'Written notice given on',
  dueOn: 'Due by',
  rationale: 'Rationale',
  alternatives: 'Alternatives considered',
  representations: "Officer's representations",
  iopcConsultedOn: 'IOPC consulted on',
  arrestFor: 'Arrested for',
  presumptionRebutted: 'Presumption of suspension rebutted because',
  reviewedOn: 'Reviewed on',
  outcome: 'Outcome',
  note: 'Note',
  nextReviewOn: 'Next review',
  reason: 'Reason',
  liftedOn: 'Ends on',
  approving: 'Approved',
  rejecting: 'Rejected',
};

/** Fields in the order a person reads the record, whatever order the stored detail keeps. */
const labelOrder = Object.keys(detailLabels);

const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);
const isCode = (value: string) => /^[a-z0-9]+(_[a-z0-9]+)*$/.test(value);
const proposals: Readonly<Record<string, string>> = { apply: 'applying it', decline: 'declining it', lift: 'lifting it' };

/** A value of a step's detail in words: dates en-GB, codes in words, lists joined. */
function inWords(key: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((entry) => inWords(key, entry)).join('; ');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value !== 'string') return String(value);
  if (key === 'approving' || key === 'rejecting') return proposals[value] ?? value;
  if (isIsoDate(value)) return formatDate(value);
  const isCodeField = ['kinds', 'legalBasis', 'regulation11Grounds', 'reviewCycle', 'noticeMethod', 'arrestFor', 'outcome'].includes(key);
  return isCodeField && isCode(value) ? wordsFor(value) : value;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** One restriction as professional standards recorded it, and every step of its chained history. */
export function RestrictionHistoryRoute() {
  const { restrictionId = '' } = useParams();
  const { me } = useSession();
  const detail = useApiQuery<Detail>(['restrictions', restrictionId], `/api/restrictions/${restrictionId}`);
  const reference = detail.data?.restriction.reference;
  useScreenTitle(reference ? `Duty restriction on ${reference}` : 'Duty restriction');
  if (detail.error)
    return (
      <p className="error" role="alert">
        {errorMessage(detail.error)}
      </p>
    );
  if (!detail.data) return <p>Loading the restriction…</p>;
  const { restriction, events } = detail.data;
  const record = restriction.record;

  return (
    <>
      <p>
        <Link to="/restrictions">Duty restrictions</Link>
      </p>
      <h1 tabIndex={-1}>Duty restriction on {restriction.reference}</h1>
      <section className="card" aria-labelledby="record-heading">
        <h2 id="record-heading">The record</h2>
        {restriction.clocks.length > 0 && (
          <ul className="clocks">
            {restriction.clocks.map((clock) => (
              <li key={clock.clock} className={clock.workingDaysLeft < 0 ? 'error' : undefined}>
                {clockInWords(clock)}
              </li>
            ))}
          </ul>
        )}
        <dl className="record">
          <Row label="Status">{wordsFor(restriction.status)}</Row>
          <Row label="Asked for by the conference">{wordsFor(restriction.kind)}</Row>
          <Row label="Requested on">{formatDate(restriction.requestedOn)}</Row>
          {record && (
            <>
              <Row label="Applied">
                <ul>
                  {record.kinds.map((kind) => (
                    <li key={kind}>
                      {wordsFor(kind)}
                      {kind === 'system_access_restriction' && record.namedSystem && `: ${record.namedSystem}`}
                      {kind === 'other' && record.otherKind && `: ${record.otherKind}`}
                    </li>
                  ))}
                </ul>
              </Row>
              <Row label="Legal basis">{restriction.legalBasis ? wordsFor(restriction.legalBasis) : '—'}</Row>
              {record.regulation11Grounds && (
                <Row label="Regulation 11 conditions">
                  Redeployment considered and judged inappropriate; {record.regulation11Grounds.map(wordsFor).join('; ').toLowerCase()}
                </Row>
              )}
              <Row label="Decision-maker">{record.decisionMaker}</Row>
              <Row label="In effect from">{formatDate(restriction.effectiveOn)}</Row>
              <Row label="Conditions">{restriction.conditions ?? '—'}</Row>
              <Row label="Officer told">
                {wordsFor(record.noticeMethod)} on {formatDate(record.toldOn)}
                {record.noticeMethod === 'orally_then_in_writing' &&
                  (record.writtenNoticeOn
                    ? `; written notice given on ${formatDate(record.writtenNoticeOn)}`
                    : `; written notice due by ${formatDate(record.writtenNoticeDueOn)}, not yet recorded`)}
              </Row>
              <Row label="Rationale">{record.rationale}</Row>
              <Row label="Alternatives considered">{record.alternatives}</Row>
              <Row label="The officer's representations">{record.representations ?? 'None recorded'}</Row>
              <Row label="IOPC consulted">{record.iopcConsultedOn ? `Yes, on ${formatDate(record.iopcConsultedOn)}` : 'No'}</Row>
              <Row label="Arrest (regulation 11C)">{record.arrestFor ? wordsFor(record.arrestFor) : 'None recorded'}</Row>
              {record.presumptionRebutted && <Row label="Presumption of suspension rebutted because">{record.presumptionRebutted}</Row>}
              <Row label="Review cycle">{restriction.reviewCycle ? wordsFor(restriction.reviewCycle) : '—'}</Row>
              <Row label="Next review">{formatDate(restriction.nextReviewOn)}</Row>
            </>
          )}
          {restriction.endedOn && (
            <Row label="Ends on">
              {formatDate(restriction.endedOn)}
              {record?.endReason && `: ${record.endReason}`}
            </Row>
          )}
        </dl>
        {me.roles.includes('psd') && <RestrictionActions restriction={restriction} onChanged={() => void detail.refetch()} />}
      </section>
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <p className="hint">Every step, in the order it was taken. The record is chained: no step can be changed or removed.</p>
        <ol className="history" data-testid="restriction-history">
          {events.map((event) => (
            <li key={event.id}>
              <p>
                <strong>{wordsFor(event.step)}</strong> · {event.byName ?? 'Someone'} · {formatDateTime(event.occurredAt)}
              </p>
              <dl className="record">
                {Object.entries(event.detail)
                  .sort(([first], [second]) => labelOrder.indexOf(first) - labelOrder.indexOf(second))
                  .filter(
                    ([key, value]) =>
                      detailLabels[key] && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
                  )
                  .map(([key, value]) => (
                    <Row key={key} label={detailLabels[key]}>
                      {inWords(key, value)}
                    </Row>
                  ))}
              </dl>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
