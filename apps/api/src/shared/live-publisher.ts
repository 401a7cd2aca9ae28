import { Injectable } from '@nestjs/common';
import type { Compartment, ServerEvents } from '@caseroom/contracts';
import { rooms } from '@caseroom/realtime';

interface Emitter {
  to(room: string): { emit(event: string, payload: unknown): boolean };
}

/**
 * Sends case content to the live channel: only ever to a compartment's room, whose members the
 * policy admitted. Set up by the live gateway once the socket server exists.
 */
@Injectable()
export class LivePublisher {
  private server: Emitter | null = null;

  attach(server: Emitter): void {
    this.server = server;
  }

  toCompartment<E extends 'case.entry' | 'case.fields' | 'notes.reset' | 'decision.recorded' | 'action.changed' | 'restriction.status'>(
    caseId: string,
    compartment: Compartment,
    event: E,
    payload: ServerEvents[E],
  ): void {
    this.server?.to(rooms.compartment(caseId, compartment)).emit(event, payload);
  }

  /**
   * To everyone in a conference, on every instance: only signals that carry no case content, since
   * members of one conference are admitted to different compartments.
   */
  toConference(conferenceId: string, event: 'conference.opened', payload: ServerEvents['conference.opened']): void {
    this.server?.to(rooms.conference(conferenceId)).emit(event, payload);
  }

  /** To one person's sockets, on every instance: notices that name a case only by its reference. */
  toPerson(userId: string, payload: ServerEvents['notification']): void {
    this.server?.to(rooms.person(userId)).emit('notification', payload);
  }
}
