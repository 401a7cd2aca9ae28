import { addDays } from './restrictions';

/** The kinds of record whose retention is set apart, each counted from the case's closure. */
export const retentionKinds = ['case_content', 'notes', 'minutes', 'access_log'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

/** Days each kind is kept after the case closes; each force's information governance team sets them. */
export type RetentionPeriods = Readonly<Record<RetentionKind, number>>;

export interface LegalHold {
  readonly id: string;
  readonly caseId: string;
  readonly reason: string;
  readonly setBy: string;
  readonly setAt: Date;
}

export interface CaseErasure {
  readonly caseId: string;
  readonly kind: RetentionKind;
  readonly erasedAt: Date;
  readonly rule: string;
}

/** When each kind of a case's records falls due for erasure: null while the case is open. */
export function erasureDueDates(closedOn: string | null, periods: RetentionPeriods): Readonly<Record<RetentionKind, string | null>> {
  const due = (kind: RetentionKind) => (closedOn === null ? null : addDays(closedOn, periods[kind]));
  return { case_content: due('case_content'), notes: due('notes'), minutes: due('minutes'), access_log: due('access_log') };
}
