import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { NoteRepository } from '@caseroom/persistence';
import { repairNotes } from '@caseroom/realtime';

/** The notes schema the server enforces now; a stored document checked against less is checked again. */
export const notesSchemaVersion = 1;
const batchSize = 100;

/**
 * Checks every stored notes document not yet checked against the schema the server enforces, after
 * migrating and under the migrations' lock (docs/decisions/0020). A document the editor accepts whole is
 * kept as it is; any other is rebuilt from the blocks that pass, and the document as it was stored goes
 * to note_quarantine. Logged by ids and counts only.
 */
export async function repairStoredNotes(dataSource: DataSource): Promise<void> {
  const logger = new Logger('NotesRepair');
  const notes = new NoteRepository(dataSource);
  let checked = 0;
  let repaired = 0;
  for (;;) {
    const keys = await notes.uncheckedBefore(notesSchemaVersion, batchSize);
    if (keys.length === 0) break;
    for (const key of keys) {
      const wasRepaired = await notes.check(key, notesSchemaVersion, (stored) => {
        const repair = repairNotes(
          stored.snapshot,
          stored.updates.map((update) => update.body),
        );
        return repair && { state: repair.state, reason: repair.dropped.join('; ') };
      });
      checked += 1;
      if (wasRepaired) {
        repaired += 1;
        logger.warn(
          { caseId: key.caseId, compartment: key.compartment },
          'notes stored broken were repaired; the stored copy is quarantined',
        );
      }
    }
  }
  if (checked > 0) logger.log({ checked, repaired }, 'stored notes checked against the editor schema');
}
