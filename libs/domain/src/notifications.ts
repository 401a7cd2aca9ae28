/** Reminders and notices. Their text names a case only by its neutral reference, never its content. */
export const notificationKinds = [
  'restriction_requested',
  'restriction_declined',
  /** The decision a restriction in force rests on was superseded: professional standards should review it. */
  'restriction_basis_superseded',
  'review_due',
  'review_overdue',
  'action_due',
  'action_overdue',
  /** A referral waits for triage (to coordinators). */
  'referral_submitted',
  /** A referral was accepted or declined (to its referrer). */
  'referral_decided',
  /** Invited to a conference, or no longer invited. */
  'invitation',
  'invitation_withdrawn',
  /** A conference's agenda was circulated. */
  'agenda_circulated',
  /** An agency is asked to research a case before a conference, and reminded. */
  'research_requested',
  'research_reminder',
  /** A copy of the minutes was issued to its recipient, withdrawn from them, or its minutes were corrected. */
  'minutes_issued',
  'minutes_withdrawn',
  'minutes_corrected',
  /** Professional standards released a new status for the victim (to the IDVA allocated to the case). */
  'victim_status_released',
  /** Someone linked to a case's suspect tried the case, or someone was refused on many cases: to PSD and the IOPC. */
  'exposure_alert',
  /** The officer was told of a restriction orally: the written notice is due within 3 working days, or overdue. */
  'written_notice_due',
  'written_notice_overdue',
  /** Regulation 11B: a suspension request is to be decided within 3 working days; due, or overdue. */
  'restriction_decision_due',
  'restriction_decision_overdue',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationRecord {
  readonly id: string;
  readonly recipientId: string;
  readonly kind: NotificationKind;
  readonly caseId: string | null;
  readonly subjectId: string;
  readonly message: string;
  readonly dueOn: string | null;
  readonly createdAt: Date;
  readonly readAt: Date | null;
}

/** How many days before a due date a reminder goes out. */
export const defaultReminderLeadDays = 3;
