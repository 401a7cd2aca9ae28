import type { AgencyKind, Compartment, Role } from '@caseroom/domain';

/** Which agencies a rule reaches, relative to the case. */
export type AgencyScope = 'any' | 'member-agency' | 'member-agency-not-suspect-force' | 'suspect-force' | 'investigating-force';

export interface AudienceRule {
  readonly roles: readonly Role[];
  readonly agency: AgencyScope;
  /** Further narrows the rule to agencies of these kinds. */
  readonly agencyKinds?: readonly AgencyKind[];
  /** Refuses people posted to the suspect's own unit even where the rule would admit them. */
  readonly notSuspectUnit?: boolean;
  readonly because: string;
}

export interface PolicyTable {
  /** Bumped whenever a rule changes; recorded with every access. */
  readonly version: number;
  readonly audiences: Readonly<Record<Compartment, readonly AudienceRule[]>>;
  /** Who may see the access log of a case ("who has seen this case"). */
  readonly auditors: readonly AudienceRule[];
}

/**
 * The default audiences of DESIGN.md §3, as data. A person is admitted to a compartment when one rule
 * matches them and no conflict steps them out; nothing is admitted by default.
 */
export const defaultPolicyTable: PolicyTable = {
  version: 1,
  audiences: {
    panel: [
      { roles: ['chair', 'coordinator'], agency: 'any', because: 'runs the conference' },
      { roles: ['member', 'idva', 'psd', 'observer'], agency: 'member-agency', because: 'member agency of the case' },
    ],
    victim: [
      { roles: ['chair', 'coordinator'], agency: 'any', because: 'runs the conference' },
      { roles: ['idva'], agency: 'member-agency', because: 'speaks for the victim' },
      { roles: ['member'], agency: 'member-agency-not-suspect-force', because: "member agency other than the suspect's force" },
    ],
    investigation: [
      { roles: ['chair'], agency: 'any', because: 'chairs the case' },
      { roles: ['member', 'psd'], agency: 'investigating-force', notSuspectUnit: true, because: 'investigating force' },
      { roles: ['member', 'psd'], agency: 'any', agencyKinds: ['iopc'], because: 'IOPC oversight' },
    ],
    standards: [
      { roles: ['chair'], agency: 'any', because: 'chairs the case' },
      { roles: ['psd'], agency: 'suspect-force', because: "professional standards of the suspect's force" },
      { roles: ['member', 'psd'], agency: 'any', agencyKinds: ['iopc'], because: 'IOPC oversight' },
    ],
  },
  auditors: [
    { roles: ['chair'], agency: 'any', because: 'chairs the case' },
    { roles: ['psd'], agency: 'suspect-force', because: "professional standards of the suspect's force" },
    { roles: ['member', 'psd'], agency: 'any', agencyKinds: ['iopc'], because: 'IOPC oversight' },
  ],
};
