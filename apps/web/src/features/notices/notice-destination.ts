import type { NotificationView, Role } from '@caseroom/contracts';

export interface Destination {
  readonly to: string;
  readonly label: string;
}

/** Where a notice is about, for the person reading it; null when there is nowhere to go (yet). */
export function noticeDestination(notice: NotificationView, roles: readonly Role[]): Destination | null {
  switch (notice.kind) {
    case 'invitation':
    case 'agenda_circulated':
      return { to: `/conferences/${notice.subjectId}`, label: 'Open the conference' };
    case 'invitation_withdrawn':
    case 'action_due':
    case 'action_overdue':
      return { to: '/conferences', label: 'Your conferences' };
    case 'restriction_requested':
    case 'restriction_declined':
    case 'restriction_basis_superseded':
    case 'review_due':
    case 'review_overdue':
      return roles.includes('psd') ? { to: '/restrictions', label: 'Open duty restrictions' } : null;
    case 'written_notice_due':
    case 'written_notice_overdue':
    case 'restriction_decision_due':
    case 'restriction_decision_overdue':
      return roles.includes('psd') ? { to: `/restrictions/${notice.subjectId}`, label: 'Open the restriction' } : null;
    case 'minutes_issued':
    case 'minutes_withdrawn':
    case 'minutes_corrected':
      return { to: '/minutes', label: 'Open My minutes' };
    case 'victim_status_released':
      return notice.caseId ? { to: `/cases/${notice.caseId}`, label: 'Open the case' } : null;
    case 'exposure_alert':
      return { to: '/exposure-alerts', label: 'Open exposure alerts' };
    case 'referral_submitted':
    case 'referral_decided':
    case 'research_requested':
    case 'research_reminder':
      return null;
  }
}
