import type { CreateCaseBody } from '@caseroom/contracts';
import { dashQuestionIds, type Compartment, type DashAnswers } from '@caseroom/domain';

/**
 * The demo case: PC Daniel Hart of Northmoor Police is the suspect; the victim is not police staff.
 * Every detail is invented. Keys name demo agencies, units and people.
 */
export interface DemoCase {
  readonly referral: Omit<CreateCaseBody['referral'], 'referringAgencyId'> & { readonly referringAgency: string };
  readonly agencies: readonly string[];
  readonly investigatingForce: string;
  readonly suspect: { readonly person: string; readonly roleTitle: string; readonly isPublicProtection: boolean };
  readonly consent: CreateCaseBody['consent'];
  readonly victim: CreateCaseBody['victim'];
  readonly allegations: CreateCaseBody['allegations'];
  readonly summary: string;
  readonly laterFields: Partial<Record<Compartment, Record<string, unknown>>>;
}

/** The IDVA's checklist with the victim: 17 yes, visible high risk. */
const noOrNotKnown: Partial<DashAnswers> = {
  pregnancy: 'no',
  child_contact_conflict: 'no',
  animal_cruelty: 'no',
  weapons: 'no',
  suicide_threats: 'not_known',
  breached_orders: 'no',
  criminal_history: 'no',
};
const demoAnswers = Object.fromEntries(dashQuestionIds.map((id) => [id, noOrNotKnown[id] ?? 'yes'])) as DashAnswers;

export const demoCase: DemoCase = {
  referral: {
    ground: 'visible_high_risk',
    referredOn: '2026-10-28',
    dashScore: null,
    dashAnswers: demoAnswers,
    concern: null,
    incidentCount: null,
    referringAgency: 'idva',
  },
  agencies: ['nmp', 'idva', 'probation', 'csc'],
  investigatingForce: 'evc',
  suspect: { person: 'suspect', roleTitle: 'Response officer', isPublicProtection: false },
  consent: { isVictimInformed: true, decision: 'given', reasonWithoutConsent: null, isNecessaryAndProportionate: false },
  victim: {
    pseudonym: 'Client A',
    name: 'Jessica Marlow',
    dateOfBirth: '1991-04-12',
    address: '14 Fenwick Row, Northmoor (refuge address withheld from this record)',
    safeContact: { method: 'Mobile via IDVA', details: 'Contact only through the IDVA service', times: 'Weekdays 10:00-14:00' },
    children: [{ name: 'Child 1', dateOfBirth: '2017-09-02', school: 'Northmoor Primary', childProtectionStatus: 'Child in need plan' }],
    safetyPlan: 'Refuge place offered; panic alarm fitted; police markers placed on the address by the neighbouring force.',
    employer: null,
    gender: 'female',
    ethnicGroup: 'white_british',
    disabled: 'no',
    lgbt: 'not_known',
    employerForceId: null,
    userId: null,
    unitId: null,
    lineManagerId: null,
    postings: [],
  },
  allegations: [
    { date: '2026-10-20', kind: 'coercive_control', reportedTo: 'IDVA service' },
    { date: '2026-10-24', kind: 'misuse_of_police_powers', reportedTo: 'IDVA service' },
  ],
  summary: 'Victim reports controlling behaviour and that the suspect checked her whereabouts using police systems.',
  laterFields: {
    panel: { risk: 'High: access to police systems and knowledge of safeguarding procedures.' },
    investigation: {
      strategy: 'Investigation by Eastvale Constabulary; audit of the suspect’s system access requested.',
      criminalReference: 'EV/26/11873',
    },
    standards: {
      dutyStatus: 'Restricted duties under consideration',
      vettingLevel: 'RV',
      notes: 'Referral assessment opened by Northmoor PSD.',
    },
  },
};

/**
 * The second demo case: a police employee of Northmoor is the victim; the suspect, a sergeant of
 * Eastvale, has no account here and is typed from the referral. Every detail is invented.
 */
export const demoSecondCase = {
  referral: {
    ground: 'professional_judgement',
    referredOn: '2026-11-09',
    dashScore: null,
    dashAnswers: null,
    concern: 'Escalating stalking after separation; the suspect knows how the victim’s force records markers.',
    incidentCount: null,
    referringAgency: 'probation',
  },
  agencies: ['idva', 'probation', 'csc'],
  consent: { isVictimInformed: true, decision: 'given', reasonWithoutConsent: null, isNecessaryAndProportionate: false },
  victim: {
    pseudonym: 'Client B',
    name: 'Rachel Osei',
    dateOfBirth: '1986-02-19',
    address: 'Withheld: held by the IDVA service',
    safeContact: { method: 'Work e-mail via occupational health', details: 'Only through the IDVA service', times: 'Any weekday' },
    children: [],
    safetyPlan: 'Workplace risk assessment agreed with her force; change of shift pattern.',
    employer: 'Northmoor Police (control room)',
    gender: 'female',
    ethnicGroup: 'black',
    disabled: 'prefers_not_to_say',
    lgbt: 'no',
    employerForce: 'nmp',
  },
  suspect: { force: 'evc', name: 'PS Mark Ellery', rank: 'Sergeant', staffNumber: 'EV4410', roleTitle: 'Custody sergeant' },
  allegations: [{ date: '2026-11-02', kind: 'stalking_harassment', reportedTo: 'Probation' }],
  summary: 'Repeated unwanted contact after separation, including at the victim’s workplace.',
} as const;

/** The demo conference: scheduled ahead, both demo cases on its agenda, one agency's research outstanding. */
export const demoConference = {
  title: 'Northmoor MARAC',
  location: 'Room 4, Northmoor Civic Centre, or the meeting link sent with the agenda',
  daysAhead: 7,
  invitedAgencies: ['idva', 'probation', 'csc'],
  research: {
    idva: {
      victim: 'Client engaged with the IDVA service; safety plan reviewed weekly.',
      panel: 'Victim fears the suspect can see police markers.',
    },
    probation: { panel: 'No current supervision of either suspect; no previous convictions held.' },
  } as Record<string, { panel?: string; victim?: string }>,
} as const;
