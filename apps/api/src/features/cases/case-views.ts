import type { CompartmentView, EntryView } from '@caseroom/contracts';
import type { CaseEntry, Compartment } from '@caseroom/domain';
import type { CaseRepository } from '@caseroom/persistence';

export const toEntryView = (entry: CaseEntry): EntryView => ({
  id: entry.id,
  authorId: entry.authorId,
  occurredOn: entry.occurredOn,
  text: entry.text,
  createdAt: entry.createdAt.toISOString(),
});

/** Reads one compartment's content; call only after the policy admitted the reader to it. */
export async function loadCompartment(cases: CaseRepository, caseId: string, compartment: Compartment): Promise<CompartmentView> {
  const [stored, entries] = await Promise.all([cases.fields(caseId, compartment), cases.entries(caseId, compartment)]);
  return {
    compartment,
    fields: stored?.fields ?? {},
    entries: entries.map(toEntryView),
    updatedAt: (stored?.updatedAt ?? new Date(0)).toISOString(),
  };
}
