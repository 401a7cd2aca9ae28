/**
 * What bench:scale's load generators are told and answer (bench/support/scale-worker.ts). Each worker is
 * a process of its own, driving the people of some conferences as their browsers would.
 */

export type ScaleServer = 'caseroom' | 'hocuspocus';

export interface SeatSpec {
  readonly userId: string;
  /** A signed-in person's access token (Caseroom); unused on Hocuspocus, which has no sign-in. */
  readonly token: string;
  /** The seat's place in its room, when the room's seats are spread over several workers. */
  readonly index?: number;
}

export interface ItemSpec {
  /** The agenda item (Caseroom) or the document's name (Hocuspocus). */
  readonly itemId: string;
  readonly caseId: string;
}

export interface RoomSpec {
  /** The conference (Caseroom) or a name shared by its documents (Hocuspocus). */
  readonly id: string;
  /** Two cases, the first under discussion when the room starts. */
  readonly items: readonly ItemSpec[];
  readonly seats: readonly SeatSpec[];
  /** The first `typists` seats type into the notes; the others read. */
  readonly typists: number;
  /** An agency on the case, for the actions the chair records. */
  readonly agencyId: string;
}

/** How people behave: typing in bursts at human speed, and everything else now and then. */
export interface Behaviour {
  /** A burst of typing lasts this many seconds, at a rate drawn per burst. */
  readonly burstSeconds: readonly [number, number];
  readonly updatesPerSecond: readonly [number, number];
  /** The pause between two bursts, in seconds. */
  readonly pauseSeconds: readonly [number, number];
  /** Every this many seconds (drawn per room) one reader's connection drops and comes back 1-3 s later; 0: never. */
  readonly churnSeconds: readonly [number, number];
  /** Every this many seconds the chair moves to the other item; 0: never. */
  readonly moveSeconds: readonly [number, number];
  /** Every this many seconds the chair records a decision and an action (Caseroom only); 0: never. */
  readonly decisionSeconds: readonly [number, number];
}

export type Command =
  | {
      readonly type: 'setup';
      readonly server: ScaleServer;
      readonly url: string;
      readonly chairToken: string;
      readonly rooms: readonly RoomSpec[];
      readonly behaviour: Behaviour;
      readonly seed: number;
    }
  /** Every seat of these rooms joins, each at a random moment within `spreadMs`, at most `concurrency` at once (0: no bound). */
  | {
      readonly type: 'join';
      readonly rooms: readonly string[];
      readonly spreadMs: number;
      readonly concurrency: number;
      /** Only the seats from the first index up to (not including) the second. */
      readonly seats?: readonly [number, number];
    }
  /** These rooms start typing, moving, churning and deciding. */
  | { readonly type: 'activate'; readonly rooms: readonly string[] }
  /** Starts a measured window: what is sent from now on counts. */
  | { readonly type: 'measure' }
  /** Ends the window: its figures, and a new window starts. */
  | { readonly type: 'sample' }
  /** Everything stops; what was sent is waited for, and what never arrived is counted. */
  | { readonly type: 'stop'; readonly drainMs: number }
  | { readonly type: 'exit' };

export interface JoinFigures {
  /** Milliseconds from starting to connect until every compartment admitted was synced, per seat. */
  readonly joins: number[];
  /** Caseroom: milliseconds each step of a join took (connected, entered the room, notes synced), per seat. */
  readonly phases: Record<string, number[]>;
  /** The 99th percentile of the worker's own event-loop delay while its seats joined, in milliseconds: a busy generator delays what it times. */
  readonly generatorDelayMs: number;
  readonly failures: string[];
}

export interface WindowFigures {
  /** Milliseconds from a typist's update to its arrival at each other seat in the notes, for updates sent in the window. */
  readonly fanout: number[];
  /** Milliseconds from sending an update to the server's acknowledgement. */
  readonly acks: number[];
  /** Milliseconds a dropped connection took to rejoin. */
  readonly rejoins: number[];
  readonly updates: number;
  readonly awareness: number;
  readonly moves: number;
  readonly decisions: number;
  /** The worker's own CPU time in the window, in seconds, and the window's length. */
  readonly cpuSeconds: number;
  readonly seconds: number;
  readonly problems: string[];
}

export interface StopFigures {
  /** Arrivals still awaited after the drain: each update sent, at each seat in its notes then, counts once. */
  readonly lost: number;
  /** Updates acknowledged but missing from what the server returns to a fresh reader at the end (Caseroom). */
  readonly missingFromStore: number;
  readonly problems: string[];
}

export type Reply =
  { readonly type: 'ready' } | { readonly type: 'done'; readonly result: unknown } | { readonly type: 'failed'; readonly message: string };
