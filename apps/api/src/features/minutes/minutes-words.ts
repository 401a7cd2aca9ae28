import type { ActionStatus, AgencyPosition, Compartment, DecisionKind } from '@caseroom/domain';
import type { MinutesAttendee } from '@caseroom/contracts';

/*
 * Words for the codes a copy of the minutes speaks, the same as the screens use (apps/web/src/lib/words.ts):
 * the PDF, the Word file and the HTML view all take them from here, so the three say the same thing.
 */

/** Each compartment's part of an item, as its heading. */
export const sectionHeadings: Readonly<Record<Compartment, string>> = {
  panel: 'Panel summary',
  victim: 'Victim and safety',
  investigation: 'Investigation',
  standards: 'Professional standards',
};

/** Compartments by name, as the screens badge them. */
export const compartmentWords: Readonly<Record<Compartment, string>> = {
  panel: 'Panel',
  victim: 'Victim',
  investigation: 'Investigation',
  standards: 'Standards',
};

export const decisionKindWords: Readonly<Record<DecisionKind, string>> = {
  remove_from_public_protection: 'Remove from public protection',
  no_unsupervised_contact: 'No unsupervised contact',
  restrict_system_access: 'Restrict system access',
  management_restricted_duties: 'Management restricted duties',
  recommend_suspension: 'Recommend suspension',
  refer_to_iopc: 'Refer to the IOPC',
  investigation_by_another_force: 'Investigation by another force',
  vetting_review: 'Vetting review',
  victim_safeguarding: 'Victim safeguarding',
  no_further_action: 'No further action',
};

export const actionStatusWords: Readonly<Record<ActionStatus, string>> = {
  open: 'Open',
  done: 'Done',
  not_possible: 'Not possible: circumstances changed',
  not_done: 'Not done by the agency',
};

export const positionWords: Readonly<Record<AgencyPosition, string>> = {
  agree: 'Agree',
  disagree: 'Disagree',
  abstain: 'Abstain',
};

/** Risk tools and levels by name. */
export const riskWords: Readonly<Record<string, string>> = {
  dash_ric: 'DASH risk identification checklist',
  visible_high_risk: 'visible high risk',
};

export const attendanceWords: Readonly<Record<MinutesAttendee['status'], string>> = {
  present: 'Present',
  apologies: 'Apologies',
  absent: 'Absent',
};

const roleWords: Readonly<Record<string, string>> = {
  administrator: 'Administrator',
  coordinator: 'MARAC coordinator',
  chair: 'Chair',
  member: 'Panel member',
  idva: 'IDVA',
  psd: 'Professional standards',
  observer: 'Observer',
};

/** A role's words; a role that is already written out (or unknown) is kept as it came. */
export function roleWordsFor(role: string): string {
  return roleWords[role] ?? writtenOut(role);
}

/** `very_high` -> "Very high": a code without words of its own, written out from its parts. */
export function writtenOut(code: string): string {
  const written = code.replace(/_/g, ' ');
  return written.charAt(0).toUpperCase() + written.slice(1);
}

/*
 * Dates as the clocks in England and Wales showed them. The formats are made once: making one costs more
 * than using it, and a copy formats hundreds of dates.
 */
const london = 'Europe/London';
const longDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: london,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const time = new Intl.DateTimeFormat('en-GB', { timeZone: london, hour: '2-digit', minute: '2-digit' });
const shortDateTime = new Intl.DateTimeFormat('en-GB', { timeZone: london, dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('en-GB', { timeZone: london, dateStyle: 'medium' });

/** Tuesday, 5 December 2026 at 10:00 */
export function formatLondonDateTime(iso: string): string {
  return longDateTime.format(new Date(iso));
}

/** 14:30 */
export function formatLondonTime(iso: string): string {
  return time.format(new Date(iso));
}

/** 5 Dec 2026, 14:30: a moment within the meeting's day. */
export function formatLondonShortDateTime(iso: string): string {
  return shortDateTime.format(new Date(iso));
}

/** 5 Dec 2026 (a date without a time is read at midday UTC, so no time zone moves it to another day). */
export function formatDate(isoDate: string): string {
  return date.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));
}
