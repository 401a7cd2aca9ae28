import type { AgencyKind, Role, UnitKind } from '@caseroom/domain';

/**
 * The demo world: two neighbouring police forces, the partner agencies of a MARAC, and a realistic
 * line-management chain in which one officer (PC Daniel Hart) will later be the suspect of a case.
 * People are keyed by a short handle; passwords are generated when the world is seeded.
 */
export interface DemoAgency {
  readonly key: string;
  readonly name: string;
  readonly kind: AgencyKind;
  readonly code: string;
  readonly units?: readonly DemoUnit[];
  /** For an IDVA service, the forces whose area it covers (by key). */
  readonly servesForces?: readonly string[];
}

export interface DemoUnit {
  readonly key: string;
  readonly name: string;
  readonly kind: UnitKind;
  readonly children?: readonly DemoUnit[];
}

export interface DemoPerson {
  readonly key: string;
  readonly name: string;
  readonly agency: string;
  readonly unit?: string;
  readonly roles: readonly Role[];
  readonly police?: { readonly staffNumber: string; readonly rank: string; readonly lineManager?: string };
  readonly postings?: readonly { unit: string; roleTitle: string; startsOn: string; endsOn: string | null }[];
  readonly note: string;
}

export const demoAgencies: readonly DemoAgency[] = [
  { key: 'csp', name: 'Northmoor Community Safety Partnership', kind: 'other', code: 'NCSP' },
  {
    key: 'nmp',
    name: 'Northmoor Police',
    kind: 'police_force',
    code: 'NMP',
    units: [
      {
        key: 'nmp-local',
        name: 'Local Policing Command',
        kind: 'command',
        children: [{ key: 'nmp-response-b', name: 'Response Team B, Northmoor Central', kind: 'team' }],
      },
      {
        key: 'nmp-ppu',
        name: 'Public Protection Unit',
        kind: 'unit',
        children: [
          { key: 'nmp-daiu', name: 'Domestic Abuse Investigation Team', kind: 'team' },
          { key: 'nmp-safeguarding', name: 'Safeguarding Hub', kind: 'team' },
        ],
      },
      { key: 'nmp-psd', name: 'Professional Standards Department', kind: 'department' },
    ],
  },
  {
    key: 'evc',
    name: 'Eastvale Constabulary',
    kind: 'police_force',
    code: 'EVC',
    units: [
      { key: 'evc-mcit', name: 'Major Crime Investigation Team', kind: 'team' },
      { key: 'evc-psd', name: 'Professional Standards Department', kind: 'department' },
      { key: 'evc-marac', name: 'MARAC Chairing Panel', kind: 'unit' },
    ],
  },
  { key: 'idva', name: 'Northmoor IDVA Service', kind: 'idva_service', code: 'NIDVA', servesForces: ['nmp'] },
  // Serves no force area: an IDVA from outside every force's area, for victims of police-perpetrated abuse.
  { key: 'beacon', name: 'Beacon National Advocacy Service', kind: 'idva_service', code: 'BNAS' },
  { key: 'probation', name: 'Northmoor Probation Delivery Unit', kind: 'probation', code: 'NPDU' },
  { key: 'csc', name: "Northmoor Children's Social Care", kind: 'childrens_social_care', code: 'NCSC' },
  { key: 'iopc', name: 'Independent Office for Police Conduct', kind: 'iopc', code: 'IOPC' },
];

export const demoPeople: readonly DemoPerson[] = [
  { key: 'admin', name: 'Ada Whitfield', agency: 'csp', roles: ['administrator'], note: 'administrator' },
  { key: 'coordinator', name: 'Cora Mensah', agency: 'csp', roles: ['coordinator'], note: 'MARAC coordinator' },
  {
    key: 'chair',
    name: 'DCI Hannah Reid',
    agency: 'evc',
    unit: 'evc-marac',
    roles: ['chair'],
    police: { staffNumber: 'EV4102', rank: 'Detective Chief Inspector' },
    note: 'chair, from the neighbouring force',
  },
  { key: 'idva', name: 'Priya Shah', agency: 'idva', roles: ['idva'], note: 'IDVA' },
  { key: 'outside-idva', name: 'Nell Harding', agency: 'beacon', roles: ['idva'], note: 'IDVA from outside every force area' },
  { key: 'probation', name: 'Tom Okafor', agency: 'probation', roles: ['member'], note: 'probation member' },
  { key: 'csc', name: 'Grace Lindqvist', agency: 'csc', roles: ['member'], note: "children's social care member" },
  {
    key: 'inspector',
    name: 'Insp. Owen Price',
    agency: 'nmp',
    unit: 'nmp-local',
    roles: ['member'],
    police: { staffNumber: 'NM2290', rank: 'Inspector' },
    postings: [{ unit: 'nmp-local', roleTitle: 'Duty inspector', startsOn: '2020-04-01', endsOn: null }],
    note: 'second line manager of the future suspect',
  },
  {
    key: 'sergeant',
    name: 'Sgt Rachel Moss',
    agency: 'nmp',
    unit: 'nmp-response-b',
    roles: ['member'],
    police: { staffNumber: 'NM3317', rank: 'Sergeant', lineManager: 'inspector' },
    postings: [{ unit: 'nmp-response-b', roleTitle: 'Response sergeant', startsOn: '2021-09-01', endsOn: null }],
    note: 'line manager of the future suspect',
  },
  {
    key: 'suspect',
    name: 'PC Daniel Hart',
    agency: 'nmp',
    unit: 'nmp-response-b',
    roles: ['member'],
    police: { staffNumber: 'NM5521', rank: 'Police Constable', lineManager: 'sergeant' },
    postings: [
      { unit: 'nmp-safeguarding', roleTitle: 'Safeguarding officer', startsOn: '2020-02-01', endsOn: '2024-01-31' },
      { unit: 'nmp-response-b', roleTitle: 'Response officer', startsOn: '2024-02-01', endsOn: null },
    ],
    note: 'future suspect (an officer with an account)',
  },
  {
    key: 'colleague',
    name: 'PC Mark Doyle',
    agency: 'nmp',
    unit: 'nmp-response-b',
    roles: ['member'],
    police: { staffNumber: 'NM5608', rank: 'Police Constable', lineManager: 'sergeant' },
    postings: [{ unit: 'nmp-response-b', roleTitle: 'Response officer', startsOn: '2021-01-11', endsOn: null }],
    note: 'colleague of the future suspect (same team)',
  },
  {
    key: 'police-rep',
    name: 'DS Laura Bennett',
    agency: 'nmp',
    unit: 'nmp-daiu',
    roles: ['member'],
    police: { staffNumber: 'NM4470', rank: 'Detective Sergeant' },
    postings: [
      { unit: 'nmp-safeguarding', roleTitle: 'Safeguarding officer', startsOn: '2022-03-01', endsOn: '2024-02-29' },
      { unit: 'nmp-daiu', roleTitle: 'Domestic abuse investigator', startsOn: '2024-03-01', endsOn: null },
    ],
    note: 'police MARAC representative; shared a posting with the future suspect',
  },
  {
    key: 'psd',
    name: 'DI Sam Carter',
    agency: 'nmp',
    unit: 'nmp-psd',
    roles: ['psd'],
    police: { staffNumber: 'NM1184', rank: 'Detective Inspector' },
    note: "professional standards of the suspect's force",
  },
  {
    key: 'psd2',
    name: 'DS Rowan Ellis',
    agency: 'nmp',
    unit: 'nmp-psd',
    roles: ['psd'],
    police: { staffNumber: 'NM2291', rank: 'Detective Sergeant' },
    note: 'second professional standards officer, who approves applying a suspension, declining or lifting a restriction',
  },
  {
    key: 'investigator',
    name: 'DS Femi Adeyemi',
    agency: 'evc',
    unit: 'evc-mcit',
    roles: ['member'],
    police: { staffNumber: 'EV7731', rank: 'Detective Sergeant' },
    note: 'investigator from the neighbouring force',
  },
  { key: 'iopc', name: 'Nadia Brooks', agency: 'iopc', roles: ['member'], note: 'IOPC oversight' },
];

export const demoEmail = (key: string): string => `${key}@demo.caseroom.test`;
