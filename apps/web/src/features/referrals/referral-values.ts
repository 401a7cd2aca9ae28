import { dashQuestions, type ReferralBody, type ReferralDraftBody, type ReferralInput } from '@caseroom/contracts';
import type { UseFormReturn } from 'react-hook-form';

/** What the referral form holds: the contract's input, as the person writes it. */
export type ReferralValues = ReferralInput;
export type ReferralForm = UseFormReturn<ReferralValues, unknown, ReferralBody>;

/** An optional text left blank is absent (null), not an empty string the schema would refuse. */
export const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** A number typed, or null when the box is empty. */
export const numberOrNull = (value: unknown) => {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return null;
  return Number(value);
};

export function emptyReferral(referringAgencyId: string, today: string): ReferralValues {
  return {
    referral: {
      // A choice not yet made: the schema refuses it with "choose ...".
      ground: null as unknown as ReferralValues['referral']['ground'],
      referredOn: today,
      referringAgencyId,
      dashAnswers: {} as ReferralValues['referral']['dashAnswers'],
      concern: null,
      incidentCount: null,
    },
    agencyIds: [],
    consent: {
      isVictimInformed: false,
      decision: null as unknown as ReferralValues['consent']['decision'],
      reasonWithoutConsent: null,
      isNecessaryAndProportionate: false,
    },
    victim: {
      pseudonym: '',
      name: '',
      dateOfBirth: null,
      address: null,
      safeContact: null,
      children: [],
      safetyPlan: null,
      employer: null,
      gender: null,
      ethnicGroup: null,
      disabled: null,
      lgbt: null,
      employerForceId: null,
      userId: null,
      unitId: null,
      lineManagerId: null,
    },
    suspect: { userId: null, forceId: '', name: null, rank: null, staffNumber: null, roleTitle: null, isPublicProtection: false },
    allegations: [],
    summary: null,
  };
}

/** A draft kept on the server, back in the form: what it holds over an empty referral. */
export function fromDraft(content: ReferralDraftBody, empty: ReferralValues): ReferralValues {
  const referral = content.referral ?? {};
  return {
    ...empty,
    referral: {
      ...empty.referral,
      ...referral,
      dashAnswers: { ...referral.dashAnswers } as ReferralValues['referral']['dashAnswers'],
    } as ReferralValues['referral'],
    agencyIds: content.agencyIds ?? [],
    consent: { ...empty.consent, ...content.consent } as ReferralValues['consent'],
    victim: { ...empty.victim, ...content.victim } as ReferralValues['victim'],
    suspect: { ...empty.suspect, ...content.suspect } as ReferralValues['suspect'],
    summary: content.summary ?? null,
  };
}

/** The form as it stands, as a draft: everything kept, whether or not it is complete yet. */
export function toDraft(values: ReferralValues): ReferralDraftBody {
  const { allegations: _allegations, ...kept } = values;
  return JSON.parse(JSON.stringify(kept)) as ReferralDraftBody;
}

/** The words the error summary names each field by. */
export const fieldLabels: Record<string, string> = {
  'referral.referredOn': 'Date of referral',
  'referral.referringAgencyId': 'Referring agency',
  'referral.ground': 'Grounds for referral',
  'referral.dashAnswers': 'DASH checklist',
  'referral.concern': 'Professional judgement: the concern',
  'referral.incidentCount': 'Number of incidents',
  'consent.decision': "The victim's consent",
  'consent.reasonWithoutConsent': 'Why sharing without consent is necessary',
  'consent.isNecessaryAndProportionate': 'Necessary and proportionate',
  'victim.pseudonym': 'Pseudonym for the panel',
  'victim.name': "Victim's full name",
  'victim.dateOfBirth': "Victim's date of birth",
  'victim.address': "Victim's address",
  'victim.safeContact.method': 'Safe contact: how',
  'victim.safeContact.details': 'Safe contact: details',
  'victim.employer': "Victim's employer",
  'victim.gender': "Victim's gender",
  'victim.ethnicGroup': "Victim's ethnic group",
  'victim.disabled': 'Whether the victim is disabled',
  'victim.lgbt': 'Whether the victim identifies as LGBT+',
  'victim.employerForceId': "Victim's employer, if a police force",
  'victim.userId': "Victim in their force's records",
  'victim.unitId': "Victim's unit or team",
  'victim.lineManagerId': "Victim's line manager",
  'suspect.forceId': "Suspect's force",
  'suspect.userId': 'Suspect',
  'suspect.name': "Suspect's name",
  'suspect.staffNumber': "Suspect's staff number",
  summary: 'What happened',
  ...Object.fromEntries(dashQuestions.map((question, index) => [`referral.dashAnswers.${question.id}`, `DASH question ${index + 1}`])),
  ...Object.fromEntries(
    Array.from({ length: 20 }, (_, index): [string, string][] => [
      [`victim.children.${index}.name`, `Child ${index + 1}: name`],
      [`victim.children.${index}.dateOfBirth`, `Child ${index + 1}: date of birth`],
    ]).flat(),
  ),
};
