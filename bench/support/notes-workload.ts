import * as Y from 'yjs';
import { appendParagraph, notesFragment } from '@caseroom/realtime';

/** One participant's copy of a room's notes, on whichever server is measured. */
export interface NotesClient {
  readonly doc: Y.Doc;
  /**
   * Makes a change to the document as one transaction, which the client sends as one update. Resolves
   * once the server has taken it: Caseroom once it is committed to PostgreSQL, Hocuspocus (which keeps
   * documents in memory only) once it has applied it. Rejects if the server refuses it.
   */
  write(change: (doc: Y.Doc) => void): Promise<void>;
  close(): void;
}

/** A server under measurement, as the scenarios drive it. */
export interface NotesServer {
  readonly name: 'caseroom' | 'hocuspocus';
  /** Fresh rooms (each with an empty document) that `seats` clients will join, seat 0 to `seats - 1`. */
  rooms(count: number, seats: number): Promise<string[]>;
  /** A client taking a seat: connected, let into the room, and holding the whole document. */
  join(room: string, seat: number): Promise<NotesClient>;
  /** The server process's heap in use after a full garbage collection, in bytes. */
  heapUsed(): Promise<number>;
  /** CPU time the server process has used so far, in seconds. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** Appends paragraphs of text to the notes, as an editor bound to them does. */
export const appendParagraphs =
  (texts: readonly string[]) =>
  (doc: Y.Doc): void => {
    for (const text of texts) appendParagraph(doc, text);
  };

export const paragraphCount = (doc: Y.Doc) => notesFragment(doc).length;

/** Calls `arrived` with the text of every paragraph another client added, as its update is applied here. */
export function watchParagraphs(doc: Y.Doc, arrived: (text: string) => void): void {
  notesFragment(doc).observe((event) => {
    if (event.transaction.local) return;
    for (const change of event.changes.delta) {
      if (!Array.isArray(change.insert)) continue;
      for (const node of change.insert as unknown[]) if (node instanceof Y.XmlElement) arrived(paragraphText(node));
    }
  });
}

function paragraphText(paragraph: Y.XmlFragment): string {
  return paragraph
    .toArray()
    .map((child) => (child instanceof Y.XmlText ? (child.toString() as string) : ''))
    .join('');
}
