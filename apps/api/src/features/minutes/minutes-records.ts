import { Injectable } from '@nestjs/common';
import * as Y from 'yjs';
import {
  compartments,
  isVisibleHighRisk,
  type AgendaItem,
  type Compartment,
  type Conference,
  type MinutesContent,
  type MinutesContentAttendee,
  type MinutesDraftContent,
} from '@caseroom/domain';
import {
  ActionRepository,
  AgencyRepository,
  ConferenceRepository,
  DecisionRepository,
  NoteRepository,
  PersonRepository,
  PolicyInputsRepository,
  RiskAssessmentRepository,
} from '@caseroom/persistence';
import { decideCase } from '@caseroom/policy';
import { notesDoc, notesParagraphs } from '@caseroom/realtime';

const overlaps = (period: { joinedAt: Date; leftAt: Date | null }, from: Date, until: Date | null) =>
  period.joinedAt.getTime() <= (until ?? new Date(8.64e15)).getTime() &&
  (period.leftAt === null || period.leftAt.getTime() >= from.getTime());

/**
 * What minutes are made from: the notes of each compartment (for the draft), and the meeting's records
 * (attendance, when each item was discussed, risk, decisions, actions) for the version approved. These
 * are whole, every compartment: only a rendition, decided per recipient, ever leaves the server.
 */
@Injectable()
export class MinutesRecords {
  constructor(
    private readonly conferences: ConferenceRepository,
    private readonly notes: NoteRepository,
    private readonly decisions: DecisionRepository,
    private readonly actions: ActionRepository,
    private readonly risks: RiskAssessmentRepository,
    private readonly people: PersonRepository,
    private readonly agencies: AgencyRepository,
    private readonly policyInputs: PolicyInputsRepository,
  ) {}

  /** The first draft: each compartment's summary is its notes, paragraph by paragraph. */
  async draftFromNotes(agenda: readonly AgendaItem[]): Promise<MinutesDraftContent> {
    const items = [];
    for (const [index, item] of agenda.entries()) {
      const summaries: Partial<Record<Compartment, string>> = {};
      for (const compartment of compartments) {
        const text = await this.notesText(item.caseId, compartment);
        if (text) summaries[compartment] = text;
      }
      items.push({ itemId: item.id, caseId: item.caseId, number: index + 1, reference: item.reference, summaries });
    }
    return { items };
  }

  private async notesText(caseId: string, compartment: Compartment): Promise<string> {
    const stored = await this.notes.load({ caseId, compartment });
    if (!stored) return '';
    const doc = notesDoc();
    try {
      Y.transact(doc, () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const update of stored.updates) Y.applyUpdate(doc, update.body);
      });
      return notesParagraphs(doc).join('\n\n');
    } finally {
      doc.destroy();
    }
  }

  /** The whole record of the meeting as approved: the draft's summaries with what the meeting recorded. */
  async content(conference: Conference, agenda: readonly AgendaItem[], draft: MinutesDraftContent, today: string): Promise<MinutesContent> {
    const [register, periods, times] = await Promise.all([
      this.conferences.register(conference.id),
      this.conferences.itemPeriods(conference.id),
      this.conferences.meetingTimes(conference.id),
    ]);
    const decisionsByCase = new Map(
      await Promise.all(agenda.map(async (item) => [item.caseId, await this.decisions.forCase(item.caseId)] as const)),
    );
    const actionsByCase = new Map(
      await Promise.all(agenda.map(async (item) => [item.caseId, await this.actions.forCase(item.caseId)] as const)),
    );
    const risksByCase = new Map(
      await Promise.all(agenda.map(async (item) => [item.caseId, await this.risks.forCase(item.caseId)] as const)),
    );

    const personIds = new Set<string>([conference.chairId, ...register.map((line) => line.userId)]);
    for (const actions of actionsByCase.values()) for (const action of actions) if (action.ownerUserId) personIds.add(action.ownerUserId);
    const people = new Map((await this.people.namesOf([...personIds])).map((person) => [person.id, person]));
    const agencyNames = new Map((await this.agencies.listAll()).map((agency) => [agency.id, agency.name]));
    const viewers = await this.policyInputs.viewers([...personIds]);
    // Who was in the room while an item was discussed: not those the policy steps out of its case.
    const snapshot = await this.policyInputs.snapshot();
    const subjects = new Map(await Promise.all(agenda.map(async (item) => [item.caseId, await snapshot.subject(item.caseId)] as const)));
    const takesPart = (userId: string, caseId: string) => {
      const viewer = viewers.get(userId);
      const subject = subjects.get(caseId);
      return viewer !== undefined && subject !== null && subject !== undefined && decideCase(viewer, subject, { today }).admitted;
    };
    const nameOf = (id: string) => people.get(id)?.name ?? 'A former member';
    const agencyOf = (id: string) => agencyNames.get(id) ?? 'An agency';

    const attendees = register
      .filter((line) => line.removedAt === null || line.attendance.length > 0)
      .map((line): MinutesContentAttendee & { agencyName: string } => ({
        userId: line.userId,
        name: nameOf(line.userId),
        role: viewers.get(line.userId)?.roles[0] ?? 'member',
        status: line.attendance.length > 0 ? 'present' : line.apologies ? 'apologies' : 'absent',
        periods: line.attendance.map((period) => ({
          joinedAt: period.joinedAt.toISOString(),
          leftAt: period.leftAt?.toISOString() ?? null,
        })),
        apologies: line.apologies,
        agencyName: agencyOf(people.get(line.userId)?.agencyId ?? ''),
      }));
    const byAgency = new Map<string, MinutesContentAttendee[]>();
    for (const { agencyName, ...attendee } of attendees) byAgency.set(agencyName, [...(byAgency.get(agencyName) ?? []), attendee]);

    const summariesOf = new Map(draft.items.map((item) => [item.itemId, item.summaries]));
    const items = agenda.map((item, index) => {
      const period = periods.get(item.id);
      const present = period?.startedAt
        ? register
            .filter((line) => line.attendance.some((attendance) => overlaps(attendance, period.startedAt!, period.endedAt)))
            .filter((line) => takesPart(line.userId, item.caseId))
            .map((line) => nameOf(line.userId))
        : [];
      const decisions = (decisionsByCase.get(item.caseId) ?? []).filter((decision) => decision.conferenceId === conference.id);
      const superseded = new Set(decisions.flatMap((decision) => (decision.supersedesId ? [decision.supersedesId] : [])));
      const latestRisk = [...(risksByCase.get(item.caseId) ?? [])].sort((a, b) => b.assessedAt.getTime() - a.assessedAt.getTime())[0];
      return {
        itemId: item.id,
        caseId: item.caseId,
        number: index + 1,
        reference: item.reference,
        hasChildren: item.hasChildren,
        presentNames: present,
        risk: latestRisk
          ? { tool: latestRisk.tool, score: latestRisk.score, level: isVisibleHighRisk(latestRisk.score) ? 'visible_high_risk' : null }
          : null,
        summaries: summariesOf.get(item.id) ?? {},
        decisions: decisions.map((decision) => ({
          id: decision.id,
          kind: decision.kind,
          compartment: decision.compartment,
          recordedAt: decision.recordedAt.toISOString(),
          rationale: decision.rationale,
          optionsConsidered: decision.optionsConsidered,
          positions: decision.positions.map((position) => ({
            agencyName: agencyOf(position.agencyId),
            position: position.position,
            rationale: position.note,
          })),
          superseded: superseded.has(decision.id),
        })),
        actions: (actionsByCase.get(item.caseId) ?? [])
          .filter((action) => action.conferenceId === conference.id)
          .map((action) => ({
            id: action.id,
            compartment: action.compartment,
            text: action.text,
            ownerAgencyName: agencyOf(action.ownerAgencyId),
            ownerPersonName: action.ownerUserId ? nameOf(action.ownerUserId) : null,
            dueOn: action.dueOn,
            status: action.status,
          })),
      };
    });

    return {
      conference: {
        title: conference.title,
        scheduledAt: conference.scheduledAt.toISOString(),
        place: conference.location,
        chairName: nameOf(conference.chairId),
        openedAt: times.openedAt?.toISOString() ?? null,
        closedAt: times.closedAt?.toISOString() ?? null,
      },
      attendance: [...byAgency.entries()]
        .sort(([a], [b]) => a.localeCompare(b, 'en-GB'))
        .map(([agencyName, list]) => ({ agencyName, attendees: list.sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) })),
      items,
    };
  }
}
