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

  /** To one person's sockets, on every instance: notices that name a case only by its reference. */
  toPerson(userId: string, payload: ServerEvents['notification']): void {
    this.server?.to(rooms.person(userId)).emit('notification', payload);
  }
}
