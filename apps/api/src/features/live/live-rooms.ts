import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import type { CurrentItemView, PresenceView, ServerEvents } from '@caseroom/contracts';
import {
  compartments,
  isParticipant,
  type AccessRecord,
  type Actor,
  type AgendaItem,
  type Clock,
  type Compartment,
  type Conference,
  type ViewerProfile,
} from '@caseroom/domain';
import { ConferenceRepository, PersonRepository, PolicyInputsRepository, SessionRepository, type NoteKey } from '@caseroom/persistence';
import { decide } from '@caseroom/policy';
import { FrameGate, rooms } from '@caseroom/realtime';
import { noteUnconfirmed } from '../../shared/live-outcome';
import { CLOCK } from '../../shared/clock';
import { LiveEvents, type LiveChange } from '../../shared/live-events';
import { CaseAccess } from '../cases/case-access';
import { steppedOutMessage } from '../conferences/conference-views';
import { NoteDocuments } from '../notes/note-documents';

export interface LiveSocketData {
  actor: Actor;
  /** The person's name as their session's read found it: shown to the rooms they join (presence, carets). */
  name: string;
  expiresAt: number;
  conferenceId: string | null;
  attendanceId: string | null;
  /** The compartment rooms this socket may also write to (notes), decided with its admission. */
  writable: string[];
  /** Admitted to nothing of the current item: the chair's presence list marks them. */
  isSteppedOut: boolean;
}

/** The server's events as socket.io wants them: event name to listener signature. */
export type ServerEventMap = { [K in keyof ServerEvents]: (payload: ServerEvents[K]) => void };

export type LiveSocket = Socket<Record<string, (...args: unknown[]) => void>, ServerEventMap, Record<string, never>, LiveSocketData>;

interface Admission {
  readonly admitted: readonly Compartment[];
  readonly writable: readonly Compartment[];
  /** The policy's reason for each admission, and the version it decided at, for the access log. */
  readonly reasons: ReadonlyMap<Compartment, string>;
  readonly policyVersion?: string;
}

const noAdmission: Admission = { admitted: [], writable: [], reasons: new Map() };

/**
 * What an arriving socket is about to be given of the item under discussion, logged by the statement that
 * records the arrival (`LiveRooms.arrivalLog`): its first pass, deciding the same at the same policy
 * version, does not log it again.
 */
export interface ArrivalLog {
  readonly caseId: string;
  readonly policyVersion: string;
  readonly compartments: ReadonlySet<Compartment>;
  readonly records: readonly AccessRecord[];
}

/** Memoised reads for one reconciliation pass over one or more sockets, all read at one policy version. */
export interface Lookups {
  /**
   * The revocation count (`LiveRooms.revocations`) when the first of these reads began, or null before
   * any: reads that began before a socket's last fence may predate the change that fenced it.
   */
  readonly firstReadAt: () => number | null;
  conference(id: string): Promise<Conference | null>;
  agenda(id: string): Promise<AgendaItem[]>;
  /** Loads the profiles of everyone about to be reconciled together, in one go. */
  prefetchViewers(userIds: readonly string[]): void;
  /** What the person may receive and write of the case now, with the policy's reason for each admission. */
  admitted(userId: string, caseId: string): Promise<Admission>;
}

/**
 * One socket's reconciliations. They run one at a time: a request while one runs waits for the next,
 * which starts after it and so reads everything committed before the request. The fence is raised by a
 * revocation that moved the socket out of rooms itself, and by a change of its conference: a pass whose
 * reads began before it (a pass under way then, or one that starts later with reads shared with others
 * and taken earlier) reads again.
 */
interface Passes {
  isRunning: boolean;
  next: { lookups: Lookups; readonly done: Promise<void>; resolve(): void; reject(error: unknown): void } | null;
  fence: number;
}

/** The access log's reads of compartments given to a socket, each with the policy's reason. */
const readsOf = (given: readonly Compartment[], reasons: ReadonlyMap<Compartment, string>) =>
  given.map((compartment) => ({ compartment, action: 'read' as const, reason: reasons.get(compartment) ?? 'live' }));

const reconcileEvent = 'caseroom:reconcile';
/** The state vector of a document that holds nothing: what a client opening notes afresh would send. */
const emptyStateVector = new Uint8Array([0]);
const presenceCoalesceMs = 50;
/** How long presence waits for the other instances before it is sent from this one's sockets alone. */
const presenceQueryTimeoutMs = 1_500;

/**
 * Keeps every socket in exactly the rooms the policy admits it to. Any change (a conflict, a role, a
 * removal, the agenda moving) is applied here on this instance and, through the Redis adapter, on every
 * other instance, each acknowledging, before the request that caused it returns.
 */
@Injectable()
export class LiveRooms implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveRooms.name);
  private namespace: Namespace | null = null;

  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly conferences: ConferenceRepository,
    private readonly caseAccess: CaseAccess,
    private readonly sessions: SessionRepository,
    private readonly people: PersonRepository,
    private readonly policyInputs: PolicyInputsRepository,
    private readonly gate: FrameGate,
    private readonly noteDocuments: NoteDocuments,
    live: LiveEvents,
  ) {
    live.subscribe((change) => this.apply(change));
  }

  attach(namespace: Namespace, isClustered: boolean): void {
    this.namespace = namespace;
    this.isClustered = isClustered;
    (namespace as unknown as { on(event: string, listener: (change: LiveChange, ack: (reply: string) => void) => void): void }).on(
      reconcileEvent,
      (change, ack) => {
        this.applyLocally(change).then(
          () => ack('done'),
          (error: unknown) => {
            this.logger.error({ kind: change.kind, errorName: error instanceof Error ? error.name : 'unknown' }, 'reconcile failed');
            ack('failed');
          },
        );
      },
    );
  }

  private isClustered = false;

  /** Applies a change everywhere and waits for every instance to confirm. */
  async apply(change: LiveChange): Promise<void> {
    const namespace = this.namespace;
    if (!namespace) return;
    // This instance and the others apply the change at the same time; both must finish before returning.
    await Promise.all([this.applyLocally(change), this.isClustered ? this.applyElsewhere(namespace, change) : Promise.resolve()]);
    if (change.kind === 'conference-changed') await this.broadcastPresence(change.conferenceId);
  }

  /**
   * Waits for every other instance to confirm, or to fall silent (heartbeat timed out): one that cannot
   * hear Redis has stopped serving before the others stop waiting for it (decision 0018). What did not
   * confirm is noted for the request, which says so.
   */
  private async applyElsewhere(namespace: Namespace, change: LiveChange): Promise<void> {
    const others = (await namespace.adapter.serverCount()) - 1;
    let unconfirmed = others;
    try {
      const replies = (await namespace.serverSideEmitWithAck(reconcileEvent, change)) as string[];
      unconfirmed = Math.max(0, others - replies.filter((reply) => reply === 'done').length);
    } catch {
      this.logger.warn({ kind: change.kind }, 'an instance still heard from did not confirm a live change');
    }
    // Cut off from Redis itself, this instance cannot know whom it reached.
    if (!this.gate.isServing()) unconfirmed = Math.max(unconfirmed, 1);
    if (unconfirmed > 0) {
      this.logger.warn({ kind: change.kind, unconfirmed }, 'not every instance confirmed a live change');
      noteUnconfirmed(unconfirmed);
    }
  }

  /**
   * Applies a change to this instance's sockets. First, before any await, whatever was decided before it
   * is made stale at the gate (so an answer or frame under way is not written) and a conflict's people
   * leave the case's rooms. Resolves once nobody holds a room they are no longer admitted to; what is
   * only courtesy (telling a stepped-out person which item they are out of) may follow a moment later.
   */
  private async applyLocally(change: LiveChange): Promise<void> {
    const sockets = [...(this.namespace?.sockets.values() ?? [])] as LiveSocket[];
    this.makeStale(change);
    if (change.kind === 'case-changed' && change.steppedOut && change.steppedOut.length > 0) {
      // Denied everything on the case: out of its rooms now, with no read in between. The full
      // reconciliation that follows reads the committed change and can only agree.
      const steppedOut = new Set(change.steppedOut);
      for (const socket of sockets.filter((candidate) => steppedOut.has(candidate.data.actor.userId))) {
        this.fence(socket);
        this.leaveRooms(
          socket,
          [...socket.rooms].filter((room) => rooms.isCaseRoom(room) && rooms.caseOf(room) === change.caseId),
        );
      }
      void this.settle(sockets, change).catch((error: unknown) =>
        this.logger.error({ kind: change.kind, errorName: error instanceof Error ? error.name : 'unknown' }, 'reconcile failed'),
      );
      return;
    }
    await this.settle(sockets, change);
  }

  /**
   * What a change makes stale at the gate: a conflict, only what was decided for its people; anything
   * else (an organisation, a case's agencies, a conference) may narrow what anyone sees.
   */
  private makeStale(change: LiveChange): void {
    if (change.kind === 'sessions-ended') return;
    if (change.kind === 'case-changed' && change.steppedOut && change.steppedOut.length > 0) {
      for (const userId of change.steppedOut) this.gate.revokePerson(userId);
      return;
    }
    if (change.kind === 'conference-changed') {
      // Someone taken out of it may have a read of it under way on any instance, over REST too.
      for (const userId of change.removed ?? []) this.gate.revokePerson(userId);
      // Otherwise a conference's change (the agenda moved, the conference closed) narrows only what its
      // own sockets may see: those in its room, and those on their way in (a join under way).
      const room = rooms.conference(change.conferenceId);
      for (const socket of (this.namespace?.sockets.values() ?? []) as Iterable<LiveSocket>) {
        if (
          socket.rooms.has(room) ||
          socket.data.conferenceId === change.conferenceId ||
          this.joining.get(socket)?.has(change.conferenceId)
        ) {
          this.gate.revokeSocket(socket);
          // A pass that read the conference before this change would settle the rooms of the item before.
          this.fence(socket);
        }
      }
      return;
    }
    this.gate.revokeEveryone();
  }

  /** Conferences each socket is joining now: a change to one of them makes the join's answer stale. */
  private readonly joining = new WeakMap<LiveSocket, Set<string>>();

  /**
   * Runs a join (or an acknowledgement) of a conference, known to be under way from its first moment:
   * call it before the first await of the join, so that no change of that conference can slip between
   * the epoch the answer is decided at and the socket being known to be joining.
   */
  async whileJoining<T>(socket: LiveSocket, conferenceId: string, join: () => Promise<T>): Promise<T> {
    const joining = this.joining.get(socket) ?? new Set<string>();
    this.joining.set(socket, joining);
    joining.add(conferenceId);
    try {
      return await join();
    } finally {
      joining.delete(conferenceId);
    }
  }

  /** Reconciles every socket the change may affect against the database. */
  private async settle(sockets: readonly LiveSocket[], change: LiveChange): Promise<void> {
    const lookups = this.lookups();
    switch (change.kind) {
      case 'sessions-ended':
        for (const socket of sockets.filter((candidate) => change.sessionIds.includes(candidate.data.actor.sessionId)))
          this.endSession(socket, 'revoked');
        return;
      case 'person-changed': {
        // A person's unit, line manager or postings change who else is linked to a suspect (a new line
        // manager is in the chain from now on), so everyone in a conference is reconciled, not only them.
        for (const socket of sockets.filter((candidate) => candidate.data.actor.userId === change.userId)) {
          const actor = await this.sessions.findActor(socket.data.actor.sessionId, this.clock.now());
          if (!actor) this.endSession(socket, 'revoked');
          else socket.data.actor = actor;
        }
        const affected = sockets.filter((candidate) => candidate.connected && candidate.data.conferenceId !== null);
        lookups.prefetchViewers(affected.map((socket) => socket.data.actor.userId));
        await Promise.all(affected.map((socket) => this.reconcile(socket, lookups)));
        return;
      }
      case 'case-changed': {
        const listing = new Set(await this.conferences.openConferencesListing(change.caseId));
        const affected = sockets.filter(
          (candidate) =>
            [...candidate.rooms].some((room) => room.startsWith(`case:${change.caseId}:`)) ||
            (candidate.data.conferenceId !== null && listing.has(candidate.data.conferenceId)),
        );
        lookups.prefetchViewers(affected.map((socket) => socket.data.actor.userId));
        await Promise.all(affected.map((socket) => this.reconcile(socket, lookups)));
        return;
      }
      case 'conference-changed': {
        const affected = sockets.filter((candidate) => candidate.data.conferenceId === change.conferenceId);
        lookups.prefetchViewers(affected.map((socket) => socket.data.actor.userId));
        await Promise.all(affected.map((socket) => this.reconcile(socket, lookups)));
        return;
      }
    }
  }

  private readonly passes = new WeakMap<LiveSocket, Passes>();

  private passesOf(socket: LiveSocket): Passes {
    let passes = this.passes.get(socket);
    if (!passes) {
      passes = { isRunning: false, next: null, fence: 0 };
      this.passes.set(socket, passes);
    }
    return passes;
  }

  /** Raised by every fence, on any socket: a pass's reads are judged against its own socket's last fence. */
  private revocations = 0;

  /** A pass under way, or one waiting, read before the revocation that calls this: it reads again. */
  private fence(socket: LiveSocket): void {
    const passes = this.passesOf(socket);
    this.revocations += 1;
    passes.fence = this.revocations;
    if (passes.next) passes.next.lookups = this.lookups();
  }

  endSession(socket: LiveSocket, reason: 'expired' | 'revoked'): void {
    for (const room of [...socket.rooms]) if (rooms.isCaseRoom(room)) void socket.leave(room);
    socket.emit('session.ended', { reason });
    socket.disconnect(true);
  }

  /**
   * Puts one socket in exactly the rooms its person is admitted to now, and tells it where it stands.
   * Resolves once a pass that started after this call has finished: passes of one socket run one at a
   * time, and requests made while one runs share the next, with the newest request's reads.
   */
  reconcile(socket: LiveSocket, lookups = this.lookups()): Promise<void> {
    const passes = this.passesOf(socket);
    if (!passes.isRunning) return this.runPasses(socket, passes, lookups);
    if (passes.next) {
      passes.next.lookups = lookups;
      return passes.next.done;
    }
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<void>((resolved, rejected) => {
      resolve = resolved;
      reject = rejected;
    });
    passes.next = { lookups, done, resolve, reject };
    return done;
  }

  private async runPasses(socket: LiveSocket, passes: Passes, lookups: Lookups): Promise<void> {
    passes.isRunning = true;
    try {
      for (let current = lookups; ; current = this.lookups()) {
        const fence = passes.fence;
        const conferenceId = socket.data.conferenceId;
        // Fenced by a revocation, or moved to another conference meanwhile, or read (by lookups shared with
        // other sockets) before the last fence: what was read is out of date.
        const isCurrent = () => {
          const readAt = current.firstReadAt();
          return passes.fence === fence && socket.data.conferenceId === conferenceId && (readAt === null || readAt >= fence);
        };
        if (await this.pass(socket, current, isCurrent)) return;
      }
    } finally {
      passes.isRunning = false;
      const next = passes.next;
      passes.next = null;
      if (next)
        this.runPasses(socket, passes, next.lookups).then(
          () => next.resolve(),
          (error: unknown) => next.reject(error),
        );
    }
  }

  /**
   * One pass: reads, then (if no revocation fenced it meanwhile) changes the socket's rooms and tells it
   * where it stands, with no await in between, so that what it is told is what its rooms say. Answers
   * false when it must read again.
   */
  private async pass(socket: LiveSocket, lookups: Lookups, isCurrent: () => boolean): Promise<boolean> {
    const { actor, conferenceId } = socket.data;
    const conference = conferenceId ? await lookups.conference(conferenceId) : null;
    if (!conference || !isParticipant(conference, actor.userId) || conference.status === 'closed') {
      if (!isCurrent()) return false;
      this.loggedOnArrival.delete(socket);
      this.leaveRooms(socket, [...socket.rooms].filter(rooms.isCaseRoom));
      socket.data.isSteppedOut = false;
      if (conferenceId) {
        void socket.leave(rooms.conference(conferenceId));
        if (conference?.status === 'closed') socket.emit('conference.status', { conferenceId, status: 'closed' });
        else socket.emit('conference.removed', { conferenceId });
        socket.data.conferenceId = null;
        await this.recordLeave(socket);
      }
      return true;
    }
    const agenda = await lookups.agenda(conference.id);
    const index = agenda.findIndex((item) => item.id === conference.currentItemId);
    const item = conference.status === 'open' && index >= 0 ? agenda[index] : null;
    const { admitted, writable, reasons, policyVersion } = item ? await lookups.admitted(actor.userId, item.caseId) : noAdmission;
    const wanted = new Set(item ? admitted.map((compartment) => rooms.compartment(item.caseId, compartment)) : []);
    const logged = this.loggedOnArrival.get(socket);
    const isLogged = (compartment: Compartment) =>
      logged !== undefined &&
      logged.caseId === item?.caseId &&
      logged.policyVersion === policyVersion &&
      logged.compartments.has(compartment);
    const recording = item
      ? admitted.filter((compartment) => !socket.rooms.has(rooms.compartment(item.caseId, compartment)) && !isLogged(compartment))
      : [];
    // Written to the access log before the rooms are joined: nobody is in a room the log does not show.
    if (recording.length > 0) {
      await this.caseAccess.record(actor, item!.caseId, readsOf(recording, reasons), { channel: 'socket', atVersion: policyVersion });
    }
    if (!isCurrent()) return false;
    // From here on nothing awaits: the rooms and what the socket hears of them change in one step.
    this.loggedOnArrival.delete(socket);
    if (!socket.connected) return true;
    socket.data.writable = item ? writable.map((compartment) => rooms.compartment(item.caseId, compartment)) : [];
    const wasSteppedOut = socket.data.isSteppedOut;
    socket.data.isSteppedOut = item !== null && admitted.length === 0;
    if (socket.data.isSteppedOut !== wasSteppedOut) void this.broadcastPresence(conference.id);
    // Leave first: nothing may reach a room the person is no longer admitted to.
    this.leaveRooms(
      socket,
      [...socket.rooms].filter((room) => rooms.isCaseRoom(room) && !wanted.has(room)),
    );
    const notesFollow = item ? admitted.filter((compartment) => !socket.rooms.has(rooms.compartment(item.caseId, compartment))) : [];
    const joining = [...wanted].filter((room) => !socket.rooms.has(room));
    if (joining.length > 0) void socket.join(joining);
    socket.emit('conference.status', { conferenceId: conference.id, status: conference.status });
    if (!item) socket.emit('agenda.cleared', { conferenceId: conference.id });
    else if (admitted.length === 0) {
      socket.emit('agenda.stepped-out', { conferenceId: conference.id, position: index + 1, message: steppedOutMessage(index + 1) });
    } else {
      const view: CurrentItemView = {
        conferenceId: conference.id,
        itemId: item.id,
        position: index + 1,
        reference: item.reference,
        caseId: item.caseId,
        admitted,
        notesFollow,
      };
      socket.emit('agenda.current', view);
      for (const compartment of notesFollow) this.sendNotes(socket, { caseId: item.caseId, compartment });
    }
    return true;
  }

  /**
   * Sends the notes of a compartment whose room the socket has just joined, as the answer to a step 1
   * from an empty document would carry them: a client opening them afresh then asks for nothing, which
   * saves every joiner (a whole meeting starting, a room following the chair to the next item) a round
   * trip. Read after the socket joined the room, as a step 1 is answered: an edit stored from then on
   * is relayed to it as well, and anything stored before is in what is read. Sent under the room's scope:
   * a socket taken out of the room before it is written receives nothing of it. Notes that cannot be read
   * now go as `null`, and the client sends a step 1 of its own.
   */
  private sendNotes(socket: LiveSocket, key: NoteKey): void {
    const room = rooms.compartment(key.caseId, key.compartment);
    this.noteDocuments.syncStep1(key, emptyStateVector).then(
      (found) => {
        if (!socket.rooms.has(room)) return;
        socket.emit('notes.opened', { ...key, reply: { ...found, writable: socket.data.writable.includes(room) } });
      },
      (error: unknown) => {
        this.logger.warn(
          { caseId: key.caseId, compartment: key.compartment, errorName: error instanceof Error ? error.name : 'unknown' },
          'notes not sent with the room',
        );
        if (socket.rooms.has(room)) socket.emit('notes.opened', { ...key, reply: null });
      },
    );
  }

  /** Rows an arrival logged for its socket, until the socket's next pass has used them. */
  private readonly loggedOnArrival = new WeakMap<LiveSocket, ArrivalLog>();

  /**
   * The access-log rows of what a person arriving in the conference is about to be given of the item under
   * discussion, decided from `lookups` as the socket's first pass then decides it (the same reads): for the
   * statement that records the arrival to write them, so that a join takes one round trip fewer. Null when
   * nothing of a case would be given.
   */
  async arrivalLog(actor: Actor, conference: Conference, lookups: Lookups): Promise<ArrivalLog | null> {
    if (conference.status !== 'open' || !isParticipant(conference, actor.userId)) return null;
    const item = (await lookups.agenda(conference.id)).find((candidate) => candidate.id === conference.currentItemId);
    if (!item) return null;
    const { admitted, reasons, policyVersion } = await lookups.admitted(actor.userId, item.caseId);
    if (admitted.length === 0 || policyVersion === undefined) return null;
    const records = await this.caseAccess.entries(actor, item.caseId, readsOf(admitted, reasons), {
      channel: 'socket',
      atVersion: policyVersion,
    });
    return { caseId: item.caseId, policyVersion, compartments: new Set(admitted), records };
  }

  /**
   * The arrival's statement has committed `log` (or, null, logged nothing): the socket's next pass does not
   * write what it holds again if it decides the same at the same policy version (a pass that reads a change
   * meanwhile logs what it then gives, as ever). Call it for every arrival, before its pass starts, so that
   * no arrival's pass is spared by the rows of an earlier one.
   */
  arrivalLogged(socket: LiveSocket, log: ArrivalLog | null): void {
    if (log) this.loggedOnArrival.set(socket, log);
    else this.loggedOnArrival.delete(socket);
  }

  /**
   * Memoised reads for one reconciliation pass: fifteen sockets in one conference need its agenda and
   * the case's policy inputs once, not fifteen times, all read at one policy version. Fresh for every
   * pass, so never stale. A join reads through the same lookups it then reconciles with (see
   * LiveGateway.enter): each read is stamped with the revocations seen when it began, so one that a
   * change overtook is read again by the pass, as any other.
   */
  lookups(): Lookups {
    const memo = new Map<string, Promise<unknown>>();
    let firstReadAt: number | null = null;
    const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
      if (!memo.has(key)) {
        firstReadAt ??= this.revocations;
        memo.set(key, load());
      }
      return memo.get(key) as Promise<T>;
    };
    const today = this.caseAccess.today();
    const viewers = new Map<string, Promise<ViewerProfile | null>>();
    const inputs = () => once('policy-inputs', () => this.policyInputs.snapshot());
    return {
      firstReadAt: () => firstReadAt,
      conference: (id: string) => once(`conference:${id}`, () => this.conferences.findById(id)),
      agenda: (id: string) => once(`agenda:${id}`, () => this.conferences.agenda(id)),
      /** Loads the profiles of everyone about to be reconciled together, in one go. */
      prefetchViewers: (userIds: readonly string[]) => {
        const missing = [...new Set(userIds)].filter((id) => !viewers.has(id));
        if (missing.length === 0) return;
        const batch = inputs().then((snapshot) => snapshot.viewers(missing));
        for (const id of missing)
          viewers.set(
            id,
            batch.then((loaded) => loaded.get(id) ?? null),
          );
      },
      /** What the person may receive and write of the case now, with the policy's reason for each admission. */
      admitted: async (userId: string, caseId: string): Promise<Admission> => {
        if (!viewers.has(userId))
          viewers.set(
            userId,
            inputs().then((snapshot) => snapshot.viewer(userId)),
          );
        const [viewer, subject, { version }] = await Promise.all([
          viewers.get(userId)!,
          inputs().then((snapshot) => once(`subject:${caseId}`, () => snapshot.subject(caseId))),
          inputs(),
        ]);
        if (!viewer || !subject) return noAdmission;
        const reads = compartments
          .map((compartment) => ({ compartment, decision: decide(viewer, subject, compartment, { today }) }))
          .filter(({ decision }) => decision.admitted);
        const admitted = reads.map(({ compartment }) => compartment);
        const writable = admitted.filter((compartment) => decide(viewer, subject, compartment, { today, action: 'write' }).admitted);
        return {
          admitted,
          writable,
          reasons: new Map(reads.map(({ compartment, decision }) => [compartment, decision.reason])),
          policyVersion: version,
        };
      },
    };
  }

  /**
   * Takes the socket out of rooms it may no longer be in. Whatever was decided for it before this moment
   * is stale from now on, however this instance learnt of the narrowing: by the revocation's own message,
   * or first by a read of one of the socket's passes (the change committed, its message still on its
   * way). An answer decided from reads taken a moment earlier (another join of the same burst) is then
   * not sent after the `case.drop`, and a pass that read before now reads again instead of joining back.
   */
  private leaveRooms(socket: LiveSocket, leaving: readonly string[]): void {
    if (leaving.length === 0) return;
    this.gate.revokeSocket(socket);
    this.fence(socket);
    socket.data.writable = socket.data.writable.filter((room) => !leaving.includes(room));
    for (const room of leaving) void socket.leave(room);
    const stillHeld = new Set([...socket.rooms].filter(rooms.isCaseRoom).map(rooms.caseOf));
    for (const caseId of new Set(leaving.map(rooms.caseOf))) {
      if (!stillHeld.has(caseId)) socket.emit('case.drop', { caseId });
    }
  }

  async recordLeave(socket: LiveSocket): Promise<void> {
    if (socket.data.attendanceId) await this.conferences.recordLeave(socket.data.attendanceId, this.clock.now());
    socket.data.attendanceId = null;
  }

  /** Per conference, the quiet spell after a presence broadcast, and the one broadcast queued behind it. */
  private readonly presenceWindows = new Map<string, { readonly closed: Promise<void>; next: Promise<void> | null }>();
  private isClosing = false;

  /** Lets broadcasts already under way finish, and starts no more, before Redis is closed. */
  async beforeApplicationShutdown(): Promise<void> {
    this.isClosing = true;
    await Promise.all([...this.presenceWindows.values()].flatMap((window) => [window.closed, window.next ?? Promise.resolve()]));
  }

  /**
   * Who is in the conference, by agency, across every instance. The first change goes out at once;
   * changes arriving in the next moment (`presenceCoalesceMs`) share one more broadcast after it, so a
   * room of fifteen joining together sends two lists, not fifteen, and nobody's join waits for a timer.
   */
  broadcastPresence(conferenceId: string): Promise<void> {
    if (this.isClosing) return Promise.resolve();
    const open = this.presenceWindows.get(conferenceId);
    if (open) return (open.next ??= open.closed.then(() => this.broadcastPresence(conferenceId)));
    const sent = this.sendPresence(conferenceId).catch((error: unknown) =>
      // Presence is a courtesy, not a record: a failure (Redis gone during shutdown) is logged, not thrown.
      this.logger.warn({ conferenceId, errorName: error instanceof Error ? error.name : 'unknown' }, 'presence not sent'),
    );
    const closed = sent
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, presenceCoalesceMs)))
      .then(() => void this.presenceWindows.delete(conferenceId));
    this.presenceWindows.set(conferenceId, { closed, next: null });
    return sent;
  }

  private async sendPresence(conferenceId: string): Promise<void> {
    const namespace = this.namespace;
    if (!namespace) return;
    // Across instances when it can; an instance that died a moment ago would hold the answer up, so a
    // failed cluster query falls back to this instance's own sockets until the adapter notices.
    const sockets = await namespace
      .in(rooms.conference(conferenceId))
      .timeout(presenceQueryTimeoutMs)
      .fetchSockets()
      .catch(() => namespace.in(rooms.conference(conferenceId)).local.fetchSockets());
    // Each person once, however many tabs, by the name and agency their session was opened with (read
    // for a socket an instance opened without keeping the name, as one of an earlier release does).
    const present = new Map<string, PresenceView['present'][number]>();
    for (const { data } of sockets) {
      const { actor, name } = data as LiveSocketData;
      if (typeof name === 'string') present.set(actor.userId, { userId: actor.userId, name, agencyId: actor.agencyId });
    }
    const unnamed = [...new Set(sockets.map(({ data }) => (data as LiveSocketData).actor.userId))].filter((id) => !present.has(id));
    if (unnamed.length > 0)
      for (const person of await this.people.namesOf(unnamed))
        present.set(person.id, { userId: person.id, name: person.name, agencyId: person.agencyId });
    const view: PresenceView = { conferenceId, present: [...present.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')) };
    namespace.to(rooms.conference(conferenceId)).emit('presence', view);
    // Who is stepped out of the current item is the chair's to know, and nobody else's.
    const conference = await this.conferences.findById(conferenceId);
    if (!conference) return;
    const steppedOut = [
      ...new Set(
        sockets
          .filter((socket) => (socket.data as LiveSocketData).isSteppedOut)
          .map((socket) => (socket.data as LiveSocketData).actor.userId),
      ),
    ];
    for (const socket of sockets.filter((candidate) => (candidate.data as LiveSocketData).actor.userId === conference.chairId))
      socket.emit('presence.stepped-out', { conferenceId, userIds: steppedOut });
  }
}
