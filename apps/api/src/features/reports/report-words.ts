import type { AuditStanding, CaseStatus, MisconductRecording, RestrictingKind, RestrictionStatus } from '@caseroom/domain';

/*
 * Words for the codes the reports' files speak, the same as the screens (apps/web/src/lib/words.ts), and
 * dates as people in England and Wales write them.
 */

export const restrictionKindWords: Readonly<Record<RestrictingKind, string>> = {
  remove_from_public_protection: 'Removal from public protection',
  no_unsupervised_contact: 'No unsupervised contact',
  restrict_system_access: 'System access restricted',
  management_restricted_duties: 'Management restricted duties',
  recommend_suspension: 'Suspension',
};

export const restrictionStatusWords: Readonly<Record<RestrictionStatus, string>> = {
  requested: 'Requested',
  apply_pending: 'Suspension proposed, awaiting a second officer',
  decline_pending: 'Decline proposed',
  declined: 'Declined',
  applied: 'In place',
  lift_pending: 'Lift proposed',
  lifted: 'Lifted',
  withdrawn: 'Withdrawn',
};

export const caseStatusWords: Readonly<Record<CaseStatus, string>> = {
  referred: 'Referred',
  accepted: 'Accepted',
  declined: 'Declined',
  listed: 'Listed',
  heard: 'Heard',
  actions_open: 'Actions open',
  closed: 'Closed',
};

export const recordingWords: Readonly<Record<MisconductRecording | 'unrecorded', string>> = {
  complaint: 'Complaint',
  conduct_matter: 'Conduct matter',
  not_recorded: 'Not recorded as either',
  unrecorded: 'Not yet said',
};

export const standingWords: Readonly<Record<AuditStanding, string>> = { live: 'Live', finished: 'Finished' };

/** `2026-10-28` as `28/10/2026`; nothing as an empty string. */
export function ukDate(isoDate: string | null): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}
