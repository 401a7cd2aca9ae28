import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { Compartment, ServerEvents } from '@caseroom/contracts';
import { rooms } from '@caseroom/realtime';

type SignalHandler = (payload: unknown) => void;

/**
 * Sends case content to the live channel: only ever to a compartment's room, whose members the
 * policy admitted. Set up by the live gateway once the socket server exists.
 */
@Injectable()
export class LivePublisher {
  private namespace: Namespace | null = null;
  private readonly signals = new Map<string, SignalHandler>();

  private isClustered = false;

  attach(namespace: Namespace, isClustered: boolean): void {
    this.namespace = namespace;
    this.isClustered = isClustered;
    for (const [name, handler] of this.signals) this.listen(namespace, name, handler);
  }

  toCompartment<E extends 'case.entry' | 'case.fields' | 'notes.reset' | 'decision.recorded' | 'action.changed' | 'restriction.status'>(
    caseId: string,
    compartment: Compartment,
    event: E,
    payload: ServerEvents[E],
  ): void {
    this.namespace?.to(rooms.compartment(caseId, compartment)).emit(event, payload);
  }

  /**
   * To everyone in a conference, on every instance: only signals that carry no case content, since
   * members of one conference are admitted to different compartments.
   */
  toConference(conferenceId: string, event: 'conference.opened', payload: ServerEvents['conference.opened']): void {
    this.namespace?.to(rooms.conference(conferenceId)).emit(event, payload);
  }

  /**
   * Tells every instance, this one included, that something happened, by ids alone: each decides for
   * its own sockets what, if anything, they are sent.
   */
  signal(name: string, payload: object): void {
    this.signals.get(name)?.(payload);
    if (this.isClustered) this.namespace?.serverSideEmit(`caseroom:${name}`, payload);
  }

  onSignal(name: string, handler: SignalHandler): void {
    this.signals.set(name, handler);
    if (this.namespace) this.listen(this.namespace, name, handler);
  }

  /** This instance's sockets of one person. */
  localSocketsOf(userId: string): Socket[] {
    const namespace = this.namespace;
    if (!namespace) return [];
    const ids = namespace.adapter.rooms.get(rooms.person(userId)) ?? new Set<string>();
    return [...ids].flatMap((id) => {
      const socket = namespace.sockets.get(id);
      return socket ? [socket] : [];
    });
  }

  private listen(namespace: Namespace, name: string, handler: SignalHandler): void {
    (namespace as unknown as { on(event: string, listener: SignalHandler): void }).on(`caseroom:${name}`, handler);
  }
}
