import { caseFieldWords, compartmentFields } from '@caseroom/contracts';
import type { Compartment } from '@caseroom/domain';
import { defaultPolicyTable, informationSharing, victimSideCompartments, type CompartmentContents } from '@caseroom/policy';

/** The records kept in each compartment besides its fields (each read and written as that compartment). */
const recordsIn: Readonly<Record<Compartment, readonly string[]>> = {
  panel: ['the panel notes', 'decisions recorded in the panel with each agency’s position', 'actions', 'linked counter-allegations'],
  victim: ['the victim notes'],
  investigation: ['the investigation notes'],
  standards: ['the standards notes', 'duty restrictions and their history'],
};

const victimSideWords: Readonly<Record<keyof typeof victimSideCompartments, string>> = {
  idvaAllocation: 'the IDVA allocated and why',
  contactLog: 'the contact log between the IDVA and the victim',
  statusDraft: 'the status for the victim while PSD write it',
  releasedStatus: 'the status for the victim once PSD release it',
};

/** docs/information-sharing.md as the policy table and the compartments' fields make it. */
export function informationSharingDocument(): string {
  const contents = Object.fromEntries(
    (Object.keys(compartmentFields) as Compartment[]).map((compartment) => {
      const fields = Object.keys(compartmentFields[compartment].shape).map((key) => (caseFieldWords[key] ?? key).toLowerCase());
      const victimSide = Object.entries(victimSideCompartments)
        .filter(([, where]) => where === compartment)
        .map(([record]) => victimSideWords[record as keyof typeof victimSideCompartments]);
      return [compartment, [...fields, ...recordsIn[compartment], ...victimSide]];
    }),
  ) as unknown as CompartmentContents;
  return informationSharing(defaultPolicyTable, contents);
}
