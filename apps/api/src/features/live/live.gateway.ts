import { Inject, Logger, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import {
  clientEvents,
  type Ack,
  type ClientPayload,
  type Compartment,
  type ConferenceView,
  type NotesSyncReply,
} from '@caseroom/contracts';
import {
  allInOrder,
  DomainError,
  isParticipant,
  notFound,
  requiresSecondFactor,
  type Actor,
  type Clock,
  type Conference,
} from '@caseroom/domain';
import { ConferenceRepository, SessionRepository, type NoteKey } from '@caseroom/persistence';
import { decodeSync, encodeUpdate, FrameGate, rooms, scoped } from '@caseroom/realtime';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { describeError } from '../../edge/error-response';
import { CLOCK } from '../../shared/clock';
import { LivePublisher } from '../../shared/live-publisher';
import { Metrics, outcomeLabel } from '../../shared/metrics';
import { RefusalTrace } from '../exposure/refusal-trace';
import { REDIS } from '../../shared/redis';
import { CaseAccess } from '../cases/case-access';
import { CaseConflicts } from '../cases/case-conflicts.use-case';
import { ConferenceAccess } from '../conferences/conference-access';
import { toConferenceView } from '../conferences/conference-views';
import { RunConference } from '../conferences/run-conference.use-case';
import { resolveNamedActor } from '../identity/jwt.strategy';
import { TokenService } from '../identity/token.service';
import { NoteDocuments } from '../notes/note-documents';
import { NotesAwareness } from '../notes/notes-awareness';
import { NotesParts } from '../notes/notes-parts';
import { NotesService } from '../notes/notes.service';
import { EventRateLimiter, eventLimits } from './event-rate-limiter';
import { LiveDispatch } from './live-dispatch';
import { LiveEventHandling } from './live-event-handling';
import { LiveRooms, type LiveSocket, type Lookups } from './live-rooms';

/**
 * The live channel. Authenticated in the handshake by the same token service and session lookup as
 * HTTP; every event validated against the contract and answered with `{ ok }` or an error code.
 * Origin, transport and payload limits are set by the socket adapter (libs/realtime).
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnModuleInit, OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly notesLimiter: EventRateLimiter;
  /** Rooms each socket has already written notes to: the access log records a socket's first write, not every keystroke. */
  private readonly notesWritten = new WeakMap<LiveSocket, Set<string>>();
  /** Kept beside the socket, not in its data: socket data travels between instances and must stay plain. */
  private readonly expiryTimers = new WeakMap<LiveSocket, NodeJS.Timeout>();
  private readonly notesParts = new NotesParts();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: object | null,
    private readonly tokens: TokenService,
    private readonly sessions: SessionRepository,
    private readonly conferences: ConferenceRepository,
    private readonly access: ConferenceAccess,
    private readonly run: RunConference,
    private readonly conflicts: CaseConflicts,
    private readonly liveRooms: LiveRooms,
    private readonly publisher: LivePublisher,
    private readonly noteDocuments: NoteDocuments,
    private readonly notesAwareness: NotesAwareness,
    private readonly notes: NotesService,
    private readonly caseAccess: CaseAccess,
    private readonly events: LiveEventHandling,
    private readonly dispatch: LiveDispatch,
    private readonly gate: FrameGate,
    private readonly refusals: RefusalTrace,
    private readonly metrics: Metrics,
  ) {
    this.notesLimiter = new EventRateLimiter(eventLimits(config.liveRates.notesEventsPerSecond));
  }

  onModuleInit(): void {
    this.dispatch.register({
      'conference.join': (socket, body) => this.join(socket, body),
      'conference.acknowledge': (socket, body) => this.acknowledge(socket, body),
      'conference.leave': (socket, body) => this.leave(socket, body),
      'conference.open': (socket, body) => this.open(socket, body),
      'conference.close': (socket, body) => this.close(socket, body),
      'agenda.move': (socket, body) => this.move(socket, body),
      'participant.remove': (socket, body) => this.remove(socket, body),
      'conflict.record': (socket, body) => this.recordConflict(socket, body),
      'conflict.declare': (socket, body) => this.declareConflict(socket, body),
      'notes.sync': (socket, body) => this.notesSync(socket, body),
      'notes.awareness': (socket, body) => this.awareness(socket, body),
      'notes.restrict': (socket, body) => this.notesRestrict(socket, body),
      'notes.redact': (socket, body) => this.notesRedact(socket, body),
    });
  }

  afterInit(namespace: Namespace): void {
    // Cut off from the other instances (Redis lost), this one may have missed a revocation: it drops
    // every connection (the clients reconnect, elsewhere or here once it serves again, and join afresh
    // from PostgreSQL) and takes none until it hears the relay again (decision 0018).
    this.gate.onServingChange((serving) => {
      if (serving) return;
      for (const socket of namespace.sockets.values()) socket.conn.close();
    });
    namespace.use((socket, next) => {
      if (!this.gate.isServing()) {
        next(Object.assign(new Error('SERVICE_UNAVAILABLE'), { data: { code: 'SERVICE_UNAVAILABLE' } }));
        return;
      }
      this.authenticate(socket as LiveSocket).then(
        () => next(),
        (error: unknown) => {
          const code = error instanceof DomainError ? error.code : 'UNAUTHENTICATED';
          next(Object.assign(new Error(code), { data: { code } }));
        },
      );
    });
    this.liveRooms.attach(namespace, this.redis !== null);
    this.publisher.attach(namespace, this.redis !== null);
    this.noteDocuments.attach(namespace, this.redis !== null);
    this.notesAwareness.attach(namespace);
    this.metrics.watchLive(namespace);
  }

  private async authenticate(socket: LiveSocket): Promise<void> {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    // The token is read once: the socket does not keep a bearer credential for as long as it lasts.
    socket.handshake.auth = {};
    if (typeof token !== 'string' || token.length === 0) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue.');
    const { claims, expiresAt } = this.tokens.verifyAccessToken(token);
    const { actor, name } = await resolveNamedActor(this.sessions, claims, this.clock.now());
    if (requiresSecondFactor(actor.roles) && actor.secondFactor === null) {
      throw new DomainError('SECOND_FACTOR_REQUIRED', 'Your role requires a second factor.');
    }
    socket.data = { actor, name, expiresAt, conferenceId: null, attendanceId: null, writable: [], isSteppedOut: false };
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    this.gate.watch(socket);
    this.dispatch.attach(socket);
    const { actor, expiresAt } = socket.data;
    await socket.join([rooms.person(actor.userId), rooms.session(actor.sessionId)]);
    // The socket lives no longer than the token that opened it; the client reconnects with a fresh one.
    const timer = setTimeout(() => this.liveRooms.endSession(socket, 'expired'), Math.max(0, expiresAt - Date.now()));
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    clearTimeout(this.expiryTimers.get(socket));
    const conferenceId = socket.data.conferenceId;
    if (!conferenceId) return;
    try {
      await this.liveRooms.recordLeave(socket);
      await this.liveRooms.broadcastPresence(conferenceId);
    } catch (error) {
      // A disconnect during shutdown finds the database already closed; the register keeps the join.
      this.logger.warn({ conferenceId, ...describeError(error) }, 'could not record a departure');
    }
  }

  private join(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.arrive(socket, 'conference.join', body, false);
  }

  private acknowledge(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.arrive(socket, 'conference.acknowledge', body, true);
  }

  /** Joining, with the confidentiality statement acknowledged now or before; the session is checked alongside the join's reads. */
  private arrive(
    socket: LiveSocket,
    event: 'conference.join' | 'conference.acknowledge',
    body: unknown,
    acknowledging: boolean,
  ): Promise<Ack> {
    return this.events.handle(
      socket,
      event,
      body,
      (payload, actor, sessionChecked) =>
        this.liveRooms.whileJoining(socket, payload.conferenceId, () =>
          this.enter(socket, actor, sessionChecked, payload.conferenceId, acknowledging),
        ),
      { checkSessionAlongside: true },
    );
  }

  private leave(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'conference.leave', body, async (payload) => {
      if (socket.data.conferenceId !== payload.conferenceId) return undefined;
      socket.data.conferenceId = null;
      await this.liveRooms.reconcile(socket);
      for (const room of [...socket.rooms]) if (room.startsWith('conference:')) await socket.leave(room);
      await this.liveRooms.recordLeave(socket);
      await this.liveRooms.broadcastPresence(payload.conferenceId);
      return undefined;
    });
  }

  private open(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'conference.open', body, (payload, actor) => this.run.open(actor, payload.conferenceId));
  }

  private close(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'conference.close', body, (payload, actor) => this.run.close(actor, payload.conferenceId));
  }

  private move(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'agenda.move', body, (payload, actor) =>
      this.run.moveTo(actor, payload.conferenceId, payload.itemId),
    );
  }

  private remove(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'participant.remove', body, (payload, actor) =>
      this.run.removeParticipant(actor, payload.conferenceId, payload.userId),
    );
  }

  private recordConflict(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(
      socket,
      'conflict.record',
      body,
      async (payload, actor, sessionChecked) => {
        await this.conflicts.record(
          actor,
          payload.caseId,
          { userId: payload.userId, kind: payload.kind, reason: payload.reason },
          allInOrder([sessionChecked, this.access.forChair(actor, payload.conferenceId)]),
        );
      },
      { checkSessionAlongside: true },
    );
  }

  private declareConflict(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'conflict.declare', body, async (payload, actor) => {
      await this.access.forParticipant(actor, payload.conferenceId);
      await this.conflicts.declare(actor, payload.caseId, { kind: payload.kind, reason: payload.reason });
    });
  }

  /**
   * Notes sync: a step 1 is answered with what the client lacks; a step 2 or update is a write, relayed to
   * the compartment's room at once and acknowledged once it is committed. Only a socket in the room (the
   * policy admits it) is answered at all; only one the policy lets write may write.
   */
  private notesSync(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.handleNotes(socket, 'notes.sync', body, async (payload, room) => {
      // A message sent in parts is handled once its last part is in; each part before is acknowledged as received.
      const whole = payload.part ? this.notesParts.add(socket, payload, Date.now()) : payload.message;
      if (whole === null) return undefined;
      let message: ReturnType<typeof decodeSync>;
      try {
        message = decodeSync(whole);
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'The notes.sync message is not a sync message.');
      }
      const key = { caseId: payload.caseId, compartment: payload.compartment };
      if (message.kind === 'step1' && payload.part) throw new DomainError('VALIDATION_FAILED', 'A step 1 is never sent in parts.');
      if (message.kind === 'step1') {
        const reply = await this.noteDocuments.syncStep1(key, message.payload);
        return { ...reply, writable: socket.data.writable.includes(room) } satisfies NotesSyncReply;
      }
      if (!socket.data.writable.includes(room)) throw new DomainError('FORBIDDEN', 'You may read these notes but not change them.');
      if (payload.epoch === null) throw new DomainError('VALIDATION_FAILED', 'An update needs the epoch it was made at.');
      const epoch = payload.epoch;
      // The writer's caret waits for this edit, and goes with it (relayAwareness).
      const carets = this.caretsOf(socket, room);
      carets.editsInFlight += 1;
      try {
        await this.timeAcknowledgement(async () => {
          await this.noteDocuments.accept(key, epoch, message.payload, socket.data.actor.userId, (stored) => {
            // Checked again after the document's await: a revocation in between takes the socket out of the room first.
            if (!socket.rooms.has(room)) return;
            // What was stored, which is what the room lacks: the sender's bytes less anything already held.
            socket.to(room).emit('notes.sync', { ...key, epoch, message: encodeUpdate(stored) });
            if (carets.latest) this.sendCaret(socket, room, carets);
          });
          await this.recordFirstWrite(socket, key.caseId, key.compartment, room);
        });
      } finally {
        carets.editsInFlight -= 1;
        // An edit refused, or with nothing new in it, took no caret along: one held for it goes now.
        if (carets.latest && !carets.spell && carets.editsInFlight === 0) this.sendCaret(socket, room, carets);
        else this.settleCarets(socket, room, carets);
      }
      return undefined;
    });
  }

  /** How long an update waits from arrival to its acknowledgement, which waits for it to be stored (decision 0019). */
  private async timeAcknowledgement(write: () => Promise<void>): Promise<void> {
    const stop = Metrics.start();
    let outcome = 'INTERNAL';
    try {
      await write();
      outcome = 'stored';
    } catch (error) {
      if (error instanceof DomainError) outcome = outcomeLabel(error.code);
      throw error;
    } finally {
      this.metrics.notesAcknowledgements.observe({ outcome }, stop());
    }
  }

  /**
   * Awareness: checked and stamped with the sender's name (NotesAwareness) before the room hears it: the
   * name read with the socket's session, so nothing is awaited between the room's check and the relay.
   */
  private awareness(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.handleNotes(socket, 'notes.awareness', body, (payload, room) => {
      const sender = { socketId: socket.id, userId: socket.data.actor.userId, name: socket.data.name };
      const key = { caseId: payload.caseId, compartment: payload.compartment };
      const message = this.notesAwareness.admit(sender, key, room, payload.message);
      if (message) this.relayAwareness(socket, room, key, message);
      return Promise.resolve(undefined);
    });
  }

  /** Per socket and room: its carets' spell, the latest held back, and its edits on their way into the log. */
  private readonly carets = new WeakMap<LiveSocket, Map<string, Carets>>();

  private caretsOf(socket: LiveSocket, room: string): Carets {
    let byRoom = this.carets.get(socket);
    if (!byRoom) {
      byRoom = new Map();
      this.carets.set(socket, byRoom);
    }
    let carets = byRoom.get(room);
    if (!carets) {
      carets = { latest: null, spell: false, editsInFlight: 0 };
      byRoom.set(room, carets);
    }
    return carets;
  }

  /** Forgets a socket's carets in a room once nothing of them is held, timed or awaited. */
  private settleCarets(socket: LiveSocket, room: string, carets: Carets): void {
    if (carets.latest || carets.spell || carets.editsInFlight > 0) return;
    const byRoom = this.carets.get(socket);
    if (byRoom?.get(room) === carets) byRoom.delete(room);
  }

  /**
   * Relays a socket's awareness to the room at most once per spell (`awarenessSpellMs`), and never ahead
   * of the edit it goes with. Someone typing sends an edit and their caret with every keystroke; the edit
   * reaches the room once it is stored, and the caret, held until then, goes with it (the same task, so
   * one write to each reader: socket-adapter.ts), where a caret sent on its own would cost each reader a
   * write of its own, and could point at text they do not have yet. A caret with no edit on its way goes
   * at once, then the latest of any that came during the spell as it ends. An awareness state replaces
   * the one before, so the latest says everything. Sent only while the sender is still in the room: a
   * caret does not outlive its owner's admission (their departure was told to the room as they left).
   */
  private relayAwareness(socket: LiveSocket, room: string, key: NoteKey, message: Uint8Array): void {
    const carets = this.caretsOf(socket, room);
    carets.latest = { key, message };
    if (!carets.spell && carets.editsInFlight === 0) this.sendCaret(socket, room, carets);
  }

  /** Sends the latest caret held, if its sender is still in the room, and then opens a spell if none is open. */
  private sendCaret(socket: LiveSocket, room: string, carets: Carets): void {
    const latest = carets.latest;
    carets.latest = null;
    const sent = latest !== null && socket.connected && socket.rooms.has(room);
    if (sent) socket.to(room).emit('notes.awareness', { ...latest.key, message: latest.message });
    if (!sent || carets.spell) return this.settleCarets(socket, room, carets);
    carets.spell = true;
    setTimeout(() => {
      carets.spell = false;
      if (carets.latest && carets.editsInFlight === 0) this.sendCaret(socket, room, carets);
      else this.settleCarets(socket, room, carets);
    }, awarenessSpellMs).unref();
  }

  private notesRestrict(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'notes.restrict', body, async (payload, actor) => {
      if (!socket.rooms.has(rooms.compartment(payload.caseId, payload.from))) {
        this.traceRefusal(socket, payload.caseId, payload.from);
        throw notesNotFound();
      }
      await this.notes.restrict(actor, payload.caseId, payload.from, payload.to, payload.span);
    });
  }

  private notesRedact(socket: LiveSocket, body: unknown): Promise<Ack> {
    return this.events.handle(socket, 'notes.redact', body, async (payload, actor) => {
      if (!socket.rooms.has(rooms.compartment(payload.caseId, payload.compartment))) {
        this.traceRefusal(socket, payload.caseId, payload.compartment);
        throw notesNotFound();
      }
      await this.notes.redact(actor, payload.caseId, payload.compartment, payload.span);
    });
  }

  private traceRefusal(socket: LiveSocket, caseId: string, compartment: Compartment): void {
    this.refusals.note({
      personId: socket.data.actor.userId,
      target: caseId,
      channel: 'socket',
      attempt: 'sync',
      compartments: [compartment],
    });
  }

  private async recordFirstWrite(socket: LiveSocket, caseId: string, compartment: Compartment, room: string): Promise<void> {
    const written = this.notesWritten.get(socket) ?? new Set<string>();
    this.notesWritten.set(socket, written);
    if (written.has(room)) return;
    written.add(room);
    await this.caseAccess.record(socket.data.actor, caseId, [{ compartment, action: 'write', reason: 'live notes' }], {
      channel: 'socket',
    });
  }

  /**
   * Notes messages come with every keystroke, so they skip the per-event session read: their authority
   * is the compartment room, which a revocation or a policy change empties on every instance before it
   * returns. They are rate-limited and validated like every other event.
   */
  private async handleNotes<E extends 'notes.sync' | 'notes.awareness'>(
    socket: LiveSocket,
    event: E,
    body: unknown,
    work: (payload: ClientPayload<E>, room: string) => Promise<unknown>,
  ): Promise<Ack> {
    if (!this.notesLimiter.take(socket.data.actor.userId, Date.now())) {
      return { ok: false, code: 'RATE_LIMITED', message: 'Too many events: slow down.' };
    }
    const parsed = clientEvents[event].safeParse(body);
    if (!parsed.success) return { ok: false, code: 'VALIDATION_FAILED', message: `The ${event} payload is not valid.` };
    const payload = parsed.data as ClientPayload<E>;
    const room = rooms.compartment(payload.caseId, payload.compartment);
    try {
      if (!socket.rooms.has(room)) {
        // Notes of a compartment the socket was not admitted to: a refusal on the case (awareness is not
        // traced, as a client may send a last cursor just after a step-out).
        if (event === 'notes.sync') this.traceRefusal(socket, payload.caseId, payload.compartment);
        throw notesNotFound();
      }
      const data = await work(payload, room);
      // The answer (the document, to a step 1) goes only to a socket still in the room as it is sent.
      return data === undefined ? { ok: true } : scoped({ ok: true, data }, { kind: 'room', room }, notesNotFoundAck);
    } catch (error) {
      return this.events.refusal(event, error);
    }
  }

  /**
   * Joining needs the confidentiality statement acknowledged first: nothing is sent before it. A whole
   * meeting joins in the same minute, so a join takes as few round trips to the database as it can: the
   * conference, its agenda and the policy's inputs are read once, alongside the session's check, through
   * the lookups the socket's rooms are then settled with (a change of the conference meanwhile fences the
   * join, which reads again); nothing is written, joined or sent before the session's check has passed;
   * the acknowledgement and the attendance are one statement; and the person's view of the conference is
   * decided from the same policy reads as their rooms, after they are known to be in it.
   */
  private async enter(
    socket: LiveSocket,
    actor: Actor,
    sessionChecked: Promise<Actor>,
    conferenceId: string,
    acknowledging: boolean,
  ): Promise<unknown> {
    const lookups = this.liveRooms.lookups();
    const conferenceRead = lookups.conference(conferenceId);
    // Read ahead while the session is checked, alongside the conference: its agenda and this person's
    // policy inputs; once they are known to be in it (nobody has the policy decided on an agenda they are
    // not on), what they are admitted to on it. Their answers are taken from the lookups later; a failure
    // here is met there.
    lookups.prefetchViewers([actor.userId]);
    void Promise.all([conferenceRead, lookups.agenda(conferenceId)])
      .then(([found, agenda]) =>
        found && isParticipant(found, actor.userId)
          ? Promise.all(agenda.map((item) => lookups.admitted(actor.userId, item.caseId)))
          : undefined,
      )
      .catch(() => undefined);
    const [conference, recorded] = await Promise.all([
      conferenceRead,
      acknowledging ? null : this.conferences.acknowledgedAt(conferenceId, actor.userId),
      sessionChecked,
    ]);
    if (!conference || !isParticipant(conference, actor.userId)) throw notFound('The conference');
    const previous = socket.data.conferenceId;
    const arriving = previous !== conferenceId;
    if (!acknowledging && !recorded) throw new DomainError('CONFIDENTIALITY_NOT_ACKNOWLEDGED', conference.confidentialityStatement);
    // Arriving from no other conference, the access log of what the person is about to be given goes in
    // the statement that records the arrival (one round trip, not two); their first pass then finds it
    // written. Anything else is logged by that pass, as ever.
    const arrivalLog = arriving && !previous ? await this.liveRooms.arrivalLog(actor, conference, lookups) : null;
    const accessLog = arrivalLog?.records ?? [];
    let acknowledgedAt = recorded;
    let attendanceId: string | null = null;
    if (acknowledging && arriving && !previous) {
      ({ acknowledgedAt, attendanceId } = await this.conferences.acknowledgeAndRecordJoin(
        conferenceId,
        actor.userId,
        this.clock.now(),
        accessLog,
      ));
    } else if (acknowledging) {
      acknowledgedAt = await this.conferences.acknowledge(conferenceId, actor.userId, this.clock.now());
    } else if (arriving && !previous) {
      attendanceId = await this.conferences.recordJoin(conferenceId, actor.userId, this.clock.now(), accessLog);
    }
    if (!acknowledgedAt) throw new DomainError('CONFIDENTIALITY_NOT_ACKNOWLEDGED', conference.confidentialityStatement);
    if (arriving && !previous) this.liveRooms.arrivalLogged(socket, arrivalLog);
    if (arriving) {
      if (previous) {
        // One conference at a time: out of the one it was in, whose room stops hearing of it.
        await this.liveRooms.recordLeave(socket);
        await socket.leave(rooms.conference(previous));
        void this.liveRooms.broadcastPresence(previous);
      }
      socket.data.conferenceId = conferenceId;
      await socket.join(rooms.conference(conferenceId));
      socket.data.attendanceId = attendanceId ?? (await this.conferences.recordJoin(conferenceId, actor.userId, this.clock.now()));
    }
    // The conference as this person sees it is decided while their rooms are settled, from the same reads:
    // its view is projected for them like everything else they receive.
    const [view] = await Promise.all([this.viewOf(actor, conference, acknowledgedAt, lookups), this.liveRooms.reconcile(socket, lookups)]);
    // Everyone in the room hears of the arrival in a moment; the arrival itself need not wait for it.
    void this.liveRooms.broadcastPresence(conferenceId);
    return view;
  }

  /** The conference with the agenda items the person is admitted to something of (ReadConference.one, from the join's reads). */
  private async viewOf(actor: Actor, conference: Conference, acknowledgedAt: Date, lookups: Lookups): Promise<ConferenceView> {
    const agenda = await lookups.agenda(conference.id);
    const admissions = await Promise.all(agenda.map((item) => lookups.admitted(actor.userId, item.caseId)));
    const admitted = new Set(agenda.filter((_, index) => admissions[index].admitted.length > 0).map((item) => item.id));
    return toConferenceView(conference, agenda, admitted, acknowledgedAt);
  }
}

/** How often, at most, one socket's caret reaches a room on its own (one going with an edit does not wait). */
const awarenessSpellMs = 200;

/** One socket's carets in one room (LiveGateway.relayAwareness). */
interface Carets {
  /** The latest caret not yet sent: held during a spell, or until the edit on its way is relayed. */
  latest: { readonly key: NoteKey; readonly message: Uint8Array } | null;
  /** Whether a caret went out on its own less than a spell ago. */
  spell: boolean;
  /** The socket's edits of this room's notes between arrival and relay (or refusal). */
  editsInFlight: number;
}

/** The same answer whether the notes do not exist or the person is not admitted to them. */
const notesNotFound = () => new DomainError('NOT_FOUND', 'These notes were not found.');
const notesNotFoundAck: Ack = { ok: false, code: 'NOT_FOUND', message: 'These notes were not found.' };
