import type { AgendaItemView, ConferenceView } from '@caseroom/contracts';
import type { AgendaItem, Conference } from '@caseroom/domain';

export const steppedOutMessage = (position: number) => `Item ${position}: you are not part of this discussion.`;

export function toConferenceView(
  conference: Conference,
  agenda: readonly AgendaItem[],
  admittedItems: ReadonlySet<string>,
  acknowledgedAt: Date | null,
): ConferenceView {
  const items: AgendaItemView[] = agenda.map((item, index) => {
    const isSteppedOut = !admittedItems.has(item.id);
    return {
      itemId: item.id,
      position: index + 1,
      reference: isSteppedOut ? null : item.reference,
      caseId: isSteppedOut ? null : item.caseId,
      isSteppedOut,
    };
  });
  return {
    id: conference.id,
    title: conference.title,
    scheduledAt: conference.scheduledAt.toISOString(),
    location: conference.location,
    status: conference.status,
    chairId: conference.chairId,
    coordinatorId: conference.coordinatorId,
    currentItemId: conference.currentItemId,
    confidentialityStatement: conference.confidentialityStatement,
    acknowledgedAt: acknowledgedAt?.toISOString() ?? null,
    agendaCirculatedAt: conference.agendaCirculatedAt?.toISOString() ?? null,
    agenda: items,
  };
}
