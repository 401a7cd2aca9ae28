import type { Compartment } from '@caseroom/contracts';

/**
 * Words for the codes the API speaks, and dates as people in England and Wales write them: the one
 * place every screen takes them from. A code without its own words is written out from its parts.
 */
const words: Readonly<Record<string, string>> = {
  // Kinds of record, each kept for its own period after a case closes
  case_content: 'Case content',
  notes: 'Live notes',
  access_log: 'Who saw the case (access log)',
  // Case statuses
  referred: 'Referred',
  accepted: 'Accepted',
  declined: 'Declined',
  listed: 'Listed',
  heard: 'Heard',
  actions_open: 'Actions open',
  closed: 'Closed',
  // Referral grounds
  visible_high_risk: 'Visible high risk (DASH)',
  professional_judgement: 'Professional judgement',
  escalation: 'Potential escalation',
  repeat: 'Repeat',
  // Allegations
  coercive_control: 'Coercive control',
  stalking_harassment: 'Stalking or harassment',
  misuse_of_police_powers: 'Misuse of police powers',
  // Conflicts
  line_manager: 'Line manager',
  former_partner: 'Former partner',
  // Roles
  administrator: 'Administrator',
  coordinator: 'MARAC coordinator',
  chair: 'Chair',
  member: 'Panel member',
  idva: 'IDVA',
  psd: 'Professional standards',
  observer: 'Observer',
  // Agencies
  police_force: 'Police force',
  idva_service: 'IDVA service',
  probation: 'Probation',
  health: 'Health',
  childrens_social_care: "Children's social care",
  adult_social_care: 'Adult social care',
  housing: 'Housing',
  education: 'Education',
  iopc: 'IOPC',
  // Units and teams of a police force
  command: 'Command',
  department: 'Department',
  unit: 'Unit',
  team: 'Team',
  // Conferences
  scheduled: 'Scheduled',
  open: 'Open',
  // Notices
  restriction_requested: 'Restriction requested',
  restriction_declined: 'Restriction declined',
  restriction_basis_superseded: 'Decision behind a restriction superseded',
  review_due: 'Review due',
  review_overdue: 'Review overdue',
  action_due: 'Action due',
  action_overdue: 'Action overdue',
  referral_submitted: 'Referral submitted',
  referral_decided: 'Referral decided',
  invitation: 'Invitation',
  invitation_withdrawn: 'Invitation withdrawn',
  agenda_circulated: 'Agenda circulated',
  research_requested: 'Research requested',
  research_reminder: 'Research reminder',
  minutes_issued: 'Minutes issued',
  minutes_withdrawn: 'Minutes withdrawn',
  minutes_corrected: 'Minutes corrected',
  victim_status_released: 'Status for the victim released',
  exposure_alert: 'Exposure alert',
  // Exposure alerts: what was tried, and through what
  linked_attempt: 'Tried by someone linked to the suspect',
  unusual_pattern: 'Refused on many cases in a short time',
  read: 'reading the case',
  write: 'changing the case',
  search: 'searching for the case',
  sync: 'opening its live notes',
  download: 'downloading minutes holding it',
  guess: 'an id that names no case',
  http: 'the web client or the API',
  socket: 'the live channel',
  export: 'a download',
  'no-such-case': 'No such case',
  // A copy of the minutes, as its recipient holds it
  copy_current: 'Current',
  copy_withdrawn: 'Withdrawn',
  copy_replaced: 'Replaced by a fresh copy',
  copy_superseded: 'Replaced by a corrected version',
  copy_stale: 'No longer current: ask for a fresh copy',
  // Formats of a copy
  pdf: 'PDF',
  docx: 'Word',
  // Why the policy steps someone out of a case (decide()'s reasons)
  'conflict:is-the-suspect': 'The suspect',
  'conflict:declared': 'Declared a conflict of interest',
  'conflict:recorded': 'A conflict of interest recorded for them',
  'conflict:same-unit-as-suspect': 'Same team as the suspect',
  'conflict:manages-the-suspect': 'Line manager of the suspect',
  'conflict:managed-by-the-suspect': 'Managed by the suspect',
  'conflict:shared-posting': 'Shared a posting with the suspect',
  'conflict:is-the-victim': 'The victim',
  'conflict:same-unit-as-victim': 'Same team as the victim',
  'conflict:manages-the-victim': 'Line manager of the victim',
  'conflict:managed-by-the-victim': 'Managed by the victim',
  'conflict:shared-posting-with-victim': 'Shared a posting with the victim',
  'not-in-audience': 'Their agency is not part of the case',
  'account-disabled': 'Account disabled',
  // Which sides of a case work for a police force
  police_connected_suspect: 'Police-connected: the suspect works for a police force',
  police_connected_both: 'Police-connected on both sides: the suspect and the victim both work for police forces',
  // Actions
  done: 'Done',
  not_possible: 'Not possible: circumstances changed',
  not_done: 'Not done by the agency',
  // Answers
  yes: 'Yes',
  no: 'No',
  not_known: 'Not known',
  // The victim's consent to a referral
  given: 'Consent given',
  refused: 'Consent refused',
  not_asked: 'Not asked',
  // How the IDVA and the victim were in touch
  phone: 'Phone call',
  text_message: 'Text message',
  email: 'E-mail',
  in_person: 'In person',
  video_call: 'Video call',
  letter: 'Letter',
  // The IDVA Caseroom proposes, and the force areas it keeps away from
  outside_both_force_areas: "From outside both the suspect's force area and the victim's employer's",
  outside_suspect_force_area: "From outside the suspect's force area",
  none_outside_suspect_force_area: "No IDVA outside the suspect's force area could take the case",
  serves_suspect_force: "Serves the suspect's force",
  serves_victim_employer_force: "Serves the victim's employer's force",
  // Duty restrictions: statuses and steps
  apply_pending: 'Suspension waiting for a second officer',
  decline_pending: 'Decline waiting for a second officer',
  lift_pending: 'Lift waiting for a second officer',
  apply_proposed: 'Proposed applying it',
  reviewed: 'Reviewed',
  written_notice_recorded: 'Recorded the written notice',
  decline_proposed: 'Proposed declining it',
  lift_proposed: 'Proposed lifting it',
  approved: 'Approved the proposal',
  rejected: 'Rejected the proposal',
  // What PSD applied
  suspension: 'Suspension (regulation 11)',
  management_restricted_duties: 'Management restricted duties',
  temporary_redeployment: 'Temporary redeployment',
  removal_from_protective_role: 'Removal from a public protection, domestic abuse or safeguarding role',
  no_lone_working_with_vulnerable_people: 'No lone working with vulnerable people',
  non_public_facing: 'Non-public-facing role',
  system_access_restriction: 'No access to a named system or record',
  firearms_or_taser_withdrawn: 'Firearms or Taser authority withdrawn',
  warrant_card_retained: 'Warrant card retained',
  no_contact_or_exclusion: "No contact with the victim, or excluded from the victim's area",
  change_of_station: 'Change of station',
  // Legal bases, regulation 11's grounds, the notice, regulation 11C, reviews
  regulation_11_suspension: 'Regulation 11 (suspension)',
  annex_ee_management_restricted_duties: 'Annex EE (management restricted duties)',
  direction_and_control: 'Direction and control',
  investigation_prejudiced: 'The investigation may be prejudiced',
  public_interest: 'The public interest requires it',
  in_writing: 'In writing',
  orally_then_in_writing: 'Orally, then in writing',
  sexual_offence: 'A sexual offence',
  domestic_abuse_offence: 'A domestic abuse offence',
  standard: 'Standard (every 4 weeks)',
  amended_2026: 'Regulation 11B (every 12 weeks, suspension only)',
  continue: 'Continues as it is',
  vary: 'Varied',
  written_notice_due: 'Written notice due',
  written_notice_overdue: 'Written notice overdue',
  restriction_decision_due: 'Decision on a suspension due',
  restriction_decision_overdue: 'Decision on a suspension overdue',
  // Triage
  newest: 'Newest first',
  oldest: 'Oldest first',
  // Where a duty restriction stands
  requested: 'Requested',
  lifted: 'Lifted',
  withdrawn: 'Withdrawn',
  // How professional standards recorded the allegation
  complaint: 'Complaint',
  conduct_matter: 'Conduct matter',
  not_recorded: 'Not recorded as either',
  unrecorded: 'Not yet said',
  // The audit: live or finished
  live: 'Live',
  finished: 'Finished',
  // Equality monitoring of the victim
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary or another gender',
  prefers_not_to_say: 'Prefers not to say',
  ethnic_group: 'Ethnic group',
  lgbt: 'LGBT+',
  recorded_as: 'Recorded as',
  white_british: 'White British',
  white_other: 'White, other than British',
  mixed: 'Mixed or multiple ethnic groups',
  asian: 'Asian or Asian British',
  black: 'Black, Black British, Caribbean or African',
  other_ethnic_group: 'Another ethnic group',
};

/** The heading of each compartment's part of an item in the minutes. */
export const minutesSectionWords: Readonly<Record<Compartment, string>> = {
  panel: 'Panel summary',
  victim: 'Victim and safety',
  investigation: 'Investigation',
  standards: 'Professional standards',
};

/** `coercive_control` → "Coercive control": the code's own words, or its parts written out. */
export function wordsFor(code: string): string {
  const known = words[code];
  if (known) return known;
  const written = code.replace(/_/g, ' ');
  return written.charAt(0).toUpperCase() + written.slice(1);
}

const clockNames: Readonly<Record<string, string>> = {
  decision: 'Decision (regulation 11B)',
  written_notice: 'Written notice',
  review: 'Review',
};

const workingDays = (count: number) => `${count} working ${count === 1 ? 'day' : 'days'}`;

/** "Review overdue by 2 working days", "Written notice due 30 Dec 2026 (1 working day left)". */
export function clockInWords(clock: { clock: string; dueOn: string; workingDaysLeft: number }): string {
  const name = clockNames[clock.clock] ?? wordsFor(clock.clock);
  if (clock.workingDaysLeft < 0) return `${name} overdue by ${workingDays(-clock.workingDaysLeft)} (due ${formatDate(clock.dueOn)})`;
  if (clock.workingDaysLeft === 0) return `${name} due ${formatDate(clock.dueOn)}`;
  return `${name} due ${formatDate(clock.dueOn)} (${workingDays(clock.workingDaysLeft)} left)`;
}

/** 2192 days (about 6 years): a retention period as configured, and roughly in years. */
export function formatPeriod(days: number): string {
  return `${days} days (about ${Math.round((days / 365.25) * 10) / 10} years)`;
}

/** 5 Dec 2026, 14:30 */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** 5 Dec 2026 (a date without a time is read at midday UTC, so no time zone moves it to another day). */
export function formatDate(iso: string | null): string {
  if (!iso) return '—';
  return new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-GB', { dateStyle: 'medium' });
}
