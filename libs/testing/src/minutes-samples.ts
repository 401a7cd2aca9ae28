import type { MinutesItemRendition, MinutesRendition } from '@caseroom/contracts';
import { compartments, type ActionStatus, type AgencyPosition, type Compartment, type DecisionKind } from '@caseroom/domain';
import { minutesMarking } from '@caseroom/contracts';

/*
 * Minutes to render in tests and benchmarks: a meeting of several items, each with long summaries in every
 * compartment, decisions and actions, written in the plain prose a MARAC minute-taker writes.
 */

const sentences: Readonly<Record<Compartment, readonly string[]>> = {
  panel: [
    'The police force shared that there have been three call-outs to the address in the last six months, the most recent following a report of shouting and a door being forced.',
    'Probation confirmed that the suspect is not known to them and holds no previous convictions for violence against a partner.',
    'Health reported that the victim attended the emergency department twice with injuries she explained as falls, and that her GP has recorded concerns about low mood.',
    'Housing confirmed the tenancy is in joint names and that an application for a management transfer can be fast-tracked if the panel supports it.',
    'Children’s social care have an open assessment for the two children and will hold a strategy discussion before the end of the week.',
    'The panel agreed that the risk remains high and that the case should return to the next meeting for review.',
    'Education reported that the elder child’s attendance has dropped sharply this term and that staff have noticed him reluctant to go home.',
    'All agencies agreed to flag their records so that any further contact with the family is shared with the coordinator on the same day.',
    'The chair reminded the panel that information shared in this meeting is for the safety of the people named and must not be discussed outside it.',
    'There was a discussion of whether the suspect’s access to police systems could be used to locate the victim, which the panel considered a real possibility.',
    'The coordinator noted that this is the second referral for the same couple within twelve months, which makes it a repeat case under the local protocol.',
    'Adult social care have no involvement but offered a carer’s assessment for the victim’s mother, who is now looking after the children two days a week.',
    'The GP practice will add an alert to the family’s records so that appointments are offered at times when the suspect is known to be at work.',
    'The panel heard that the suspect has recently bought a second car, which the victim believes he uses to follow her without being recognised.',
    'A neighbour has told the housing officer about arguments late at night and a child crying, which were not reported to the police at the time.',
    'The panel asked every agency to check whether the suspect has used his warrant card to obtain information from them since the separation.',
  ],
  victim: [
    'The IDVA spoke with the victim on Monday; she is frightened, sleeping poorly and has asked that her new address is not written anywhere the suspect could see it.',
    'She has moved with the children to a refuge place outside the county and the refuge has been told to expect contact only through the IDVA.',
    'A safety plan was agreed with her: a mobile phone kept charged, a code word with her sister, and the children collected from school by a named adult only.',
    'She has said she does not want to support a prosecution at present, but would like the panel to know about the threats made by text message in March.',
    'The IDVA asked that any letters to the victim are sent to the IDVA service and never to the former family home.',
    'A marker has been placed on the refuge address so that any call is treated as an emergency and attended by officers from another area.',
    'The victim reported that the suspect has turned up outside her workplace twice and has been checking her social media through a friend’s account.',
    'Target hardening at her mother’s address was completed last week: new locks, a door chain and a video doorbell.',
    'The children have been offered sessions with the school counsellor and the younger child has been referred to a specialist service.',
    'She would like to be told in advance of any conversation with the suspect that could let him guess where she is living.',
    'The victim told the IDVA that she still pays into a joint account and is worried the suspect will see where she spends money.',
    'Her bank has agreed to open a separate account and to remove the suspect’s access to statements without telling him why.',
    'The IDVA will accompany her to the family court hearing next month and has asked for a separate waiting room to be arranged.',
    'The victim’s sister has been given the number of the refuge and knows to call the police at once if the suspect comes to her door.',
    'The children are settling well at their new school, which has been told not to share their details with anyone asking by telephone.',
    'She has asked for help to change her surname by deed poll and for the children’s records to be transferred quietly.',
  ],
  investigation: [
    'The investigating force outlined its strategy: the criminal allegation of coercive control will be investigated first, with the misconduct investigation running alongside it.',
    'Digital devices were seized at the time of arrest and the download of the suspect’s phone is expected within four weeks.',
    'Officers will take a further statement from the neighbour who witnessed the incident in February, who has now said she is willing to speak.',
    'Enquiries with the suspect’s force will establish whether police systems were searched for the victim’s details and, if so, by whom and when.',
    'The senior investigating officer asked that nothing is said to the suspect about the phone download until the interview plan is agreed.',
    'A second interview under caution is planned once the download has been reviewed, with advice sought from the Crown Prosecution Service before charge.',
    'The audit of system access shows two searches of the victim’s name from a terminal in the suspect’s station outside his working hours.',
    'Bail conditions prevent the suspect from contacting the victim directly or indirectly and from entering the town where she now lives.',
    'The investigating force will keep the IDVA informed of every change to bail conditions on the day it is made.',
    'The misconduct investigation has been assessed as gross misconduct and the suspect has been served with a notice of investigation.',
    'House-to-house enquiries near the former home found one further witness who heard the victim screaming on the night of the assault.',
    'The force will request the suspect’s duty rosters to compare them with the dates on which the victim says he followed her.',
    'Cell-site analysis of his work phone has been requested to establish whether it was near the refuge on the dates in question.',
    'The investigation will be led by a detective inspector from another division who has never worked alongside the suspect.',
    'Officers have secured the doorbell footage from the mother’s address, which shows a man matching his description at two in the morning.',
    'A decision on charge is expected once the file has been reviewed by a specialist prosecutor for domestic abuse.',
  ],
  standards: [
    'Professional standards confirmed that the suspect has been removed from public-protection duties and placed on restricted duties at another site.',
    'His access to the force’s intelligence and command-and-control systems has been withdrawn while the investigation continues.',
    'The vetting unit will review his clearance and report the outcome to the next meeting of this panel as a status only.',
    'Professional standards explained that the restriction will be reviewed every twenty-eight days, and sooner if new information comes to light.',
    'A previous complaint against the suspect in 2022, of abusive messages to a former partner, was closed with management advice; it will now be reviewed.',
    'The IOPC has been notified and has decided that the matter will be investigated locally under its direction.',
    'The suspect’s line manager has been told that he must not be deployed to any incident involving domestic abuse in the meantime.',
    'Professional standards will consider whether suspension is necessary if the download of his phone shows further contact with the victim.',
    'The force has recorded the restriction and its reasons, and the suspect has been given written notice of it.',
    'Welfare support has been offered to the suspect through occupational health, as the regulations require.',
    'The appropriate authority has decided that the suspect may remain a serving officer for now, under the restrictions already in place.',
    'Professional standards will write to the victim, through the IDVA, to explain the complaints process and her right to an update every month.',
    'The suspect’s firearms authorisation has been withdrawn and his locker has been checked for equipment he should not hold.',
    'A reflective review of how the earlier complaint was handled has been commissioned from an officer outside the department.',
    'The restriction on his duties has been shared with the neighbouring force, where he was due to attend a course next month.',
    'Professional standards confirmed that no one in the suspect’s team has been told the reasons for his move to other duties.',
  ],
};

const rationales = [
  'The panel considered that the suspect’s access to police systems gives him the means to find the victim, and that restricting it is proportionate while the investigation runs.',
  'Agencies agreed that the children’s safety requires a coordinated plan, and that the school must know who may collect them.',
  'The risk of serious harm is high and rising, and the victim has asked for this step; the panel found no less intrusive option that would protect her.',
];
const alternatives = [
  'Leaving the suspect in post with supervision was considered and rejected, because supervision cannot cover his access to systems out of hours.',
  'A referral to a specialist service was considered alongside this, and will follow if the situation does not improve.',
];
const actionTexts = [
  'Share the updated safety plan with the refuge and confirm the emergency marker is in place.',
  'Complete the audit of the suspect’s system access and report the outcome to the chair as a status.',
  'Arrange a strategy discussion for the two children and invite the school’s safeguarding lead.',
  'Write to the victim through the IDVA service to explain what the panel has decided and what happens next.',
];
const agencies = [
  'Northmoor Police',
  'Northmoor IDVA Service',
  'Northmoor Probation',
  'Northmoor Health',
  "Northmoor Children's Social Care",
  'Northmoor Housing',
];

/** A small seeded random source, so that a sample is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Paragraphs of plausible summary for one compartment, about `length` characters in all. Sentences are drawn
 * without repeating until the compartment's sentences run out, as a minute-taker does not repeat herself.
 */
export function sampleProse(compartment: Compartment, seed: number, length: number): string[] {
  const random = seeded(seed);
  const pool = sentences[compartment];
  let unused: string[] = [];
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let written = 0;
  while (written < length) {
    if (unused.length === 0) unused = [...pool];
    const [sentence] = unused.splice(Math.floor(random() * unused.length), 1);
    paragraph.push(sentence);
    written += sentence.length + 1;
    if (paragraph.length >= 4 + Math.floor(random() * 3)) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
  return paragraphs;
}

export interface SampleItem {
  readonly number: number;
  /** The compartments the recipient has of the item; null when they are not part of its discussion. */
  readonly compartments: readonly Compartment[] | null;
}

export interface SampleMinutesOptions {
  readonly items: readonly SampleItem[];
  readonly copyNumber: number;
  readonly recipientName: string;
  /** Characters of summary in each compartment of each item. */
  readonly summaryLength?: number;
  /** Applied to every text of case content, as the copy's fingerprint is. */
  readonly mark?: (text: string) => string;
  /** A text planted in every field of a compartment of an item, to look for in the rendered copy. */
  readonly canary?: (itemNumber: number, compartment: Compartment, field: string) => string;
}

/** A copy of the minutes of a meeting, for one recipient. */
export function sampleMinutes(options: SampleMinutesOptions): MinutesRendition {
  const mark = options.mark ?? ((text: string) => text);
  return {
    minutesId: '6f1f7f0e-0000-4000-8000-000000000001',
    version: 2,
    conference: {
      title: 'Northmoor MARAC (police-perpetrated abuse), December',
      scheduledAt: '2026-12-08T10:00:00.000Z',
      place: 'Northmoor Civic Centre, Room 4',
      chairName: 'Chief Inspector Anne Wright',
      openedAt: '2026-12-08T10:02:00.000Z',
      closedAt: '2026-12-08T13:40:00.000Z',
    },
    approvedAt: '2026-12-09T09:15:00.000Z',
    approvedByName: 'Chief Inspector Anne Wright',
    correction: { reason: 'The due date of an action under item 2 was minuted wrongly.', replacesVersion: 1 },
    copy: {
      id: `6f1f7f0e-0000-4000-8000-${String(options.copyNumber).padStart(12, '0')}`,
      number: options.copyNumber,
      recipientName: options.recipientName,
      recipientAgencyName: agencies[options.copyNumber % agencies.length],
      policyVersion: '42',
      issuedAt: '2026-12-09T10:00:00.000Z',
    },
    marking: minutesMarking,
    attendance: sampleAttendance(),
    items: options.items.map((item) => sampleItem(item, options, mark)),
  };
}

function sampleAttendance(): MinutesRendition['attendance'] {
  return agencies.map((agencyName, index) => ({
    agencyName,
    attendees: [
      {
        name: `Officer ${index + 1} Grant`,
        role: index === 0 ? 'chair' : 'member',
        status: 'present' as const,
        periods: [
          { joinedAt: '2026-12-08T10:02:00.000Z', leftAt: index === 2 ? '2026-12-08T11:10:00.000Z' : null },
          ...(index === 2 ? [{ joinedAt: '2026-12-08T11:25:00.000Z', leftAt: '2026-12-08T13:40:00.000Z' }] : []),
        ],
        apologies: null,
      },
      index % 2 === 0
        ? { name: `Deputy ${index + 1} Hale`, role: 'member', status: 'apologies' as const, periods: [], apologies: 'On leave' }
        : { name: `Deputy ${index + 1} Hale`, role: 'observer', status: 'absent' as const, periods: [], apologies: null },
    ],
  }));
}

const decisionKinds: Readonly<Record<Compartment, DecisionKind>> = {
  panel: 'victim_safeguarding',
  victim: 'no_unsupervised_contact',
  investigation: 'investigation_by_another_force',
  standards: 'restrict_system_access',
};
const positions: readonly AgencyPosition[] = ['agree', 'agree', 'disagree', 'abstain'];
const statuses: readonly ActionStatus[] = ['open', 'done', 'not_possible', 'not_done'];

function sampleItem(item: SampleItem, options: SampleMinutesOptions, mark: (text: string) => string): MinutesItemRendition {
  if (item.compartments === null) return { number: item.number, part: false };
  const length = options.summaryLength ?? 2400;
  const planted = (compartment: Compartment, field: string) =>
    options.canary ? ` ${options.canary(item.number, compartment, field)}` : '';
  const included = compartments.filter((compartment) => item.compartments?.includes(compartment));
  return {
    number: item.number,
    part: true,
    reference: `MRC-2026-${String(item.number * 37).padStart(4, '0')}`,
    hasChildren: item.number % 2 === 0,
    presentNames: agencies.map((_, index) => `Officer ${index + 1} Grant`),
    risk: { tool: 'DASH', score: 14 + (item.number % 8), level: 'high' },
    sections: included.map((compartment, index) => ({
      compartment,
      paragraphs: sampleProse(compartment, item.number * 10 + index, length).map((paragraph, place) =>
        mark(place === 0 ? paragraph + planted(compartment, 'summary') : paragraph),
      ),
    })),
    decisions: included.map((compartment, index) => ({
      kind: decisionKinds[compartment],
      compartment,
      recordedAt: `2026-12-08T${String(10 + index).padStart(2, '0')}:3${index}:00.000Z`,
      rationale: mark(rationales[(item.number + index) % rationales.length] + planted(compartment, 'rationale')),
      optionsConsidered: index % 2 === 0 ? mark(alternatives[item.number % alternatives.length] + planted(compartment, 'options')) : null,
      positions: agencies.slice(0, 4).map((agencyName, place) => ({
        agencyName,
        position: positions[place],
        rationale:
          place === 2 ? mark(`This agency would rather wait for the outcome of the audit.${planted(compartment, 'position')}`) : null,
      })),
      superseded: index === 1,
    })),
    actions: included.map((compartment, index) => ({
      compartment,
      text: mark(actionTexts[(item.number + index) % actionTexts.length] + planted(compartment, 'action')),
      ownerAgencyName: agencies[index % agencies.length],
      ownerPersonName: index % 2 === 0 ? `Officer ${index + 1} Grant` : null,
      dueOn: `2026-12-${String(15 + index).padStart(2, '0')}`,
      status: statuses[index % statuses.length],
    })),
  };
}
