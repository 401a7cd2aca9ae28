import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { rooms } from '@caseroom/realtime';

/** Latency buckets, in seconds: from a cached read to a slow commit under load. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Stream lag, in seconds: milliseconds when all is well, the relay's retention when an instance fell behind. */
const lagBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** How many appends (or rows) one access-log commit carried, or updates one notes append stored. */
const batchBuckets = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 1000];

/** What the live gauges count when they are read: the live channel's namespace, once it exists. */
export interface LiveCensus {
  readonly sockets: { readonly size: number };
  readonly adapter: { readonly rooms: ReadonlyMap<string, unknown> };
}

/** A label value from a code: upper-case words only, anything else counted as `other`. */
export const outcomeLabel = (code: string): string => (/^[A-Z][A-Z_]{0,39}$/.test(code) ? code : 'other');

/**
 * Every metric this instance exports, in its own registry (several applications may share a process in
 * tests). Labels carry route templates, event names, room kinds and outcome codes only: never an id, a
 * reference, a name or anything a person typed, whatever the policy would say of it.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'caseroom_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status class, and how long each took to answer',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly liveEvents = new Histogram({
    name: 'caseroom_live_event_duration_seconds',
    help: 'Live-channel events by name and outcome, and how long each took to acknowledge',
    labelNames: ['event', 'outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly notesAcknowledgements = new Histogram({
    name: 'caseroom_notes_acknowledgement_seconds',
    help: 'Notes updates from arrival to acknowledgement, which waits for the update to be stored',
    labelNames: ['outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly accessLogCommitAppends = new Histogram({
    name: 'caseroom_access_log_group_commit_appends',
    help: 'Access-log appends committed together in one group commit',
    buckets: batchBuckets,
    registers: [this.registry],
  });

  readonly accessLogCommitRows = new Histogram({
    name: 'caseroom_access_log_group_commit_rows',
    help: 'Access-log rows written by one group commit',
    buckets: batchBuckets,
    registers: [this.registry],
  });

  readonly notesAppendUpdates = new Histogram({
    name: 'caseroom_notes_append_updates',
    help: 'Notes updates stored together by one append (a group commit of one or more documents)',
    buckets: batchBuckets,
    registers: [this.registry],
  });

  readonly notesAppendSeconds = new Histogram({
    name: 'caseroom_notes_append_seconds',
    help: 'How long one append of notes updates took, from asking for a connection to the commit',
    labelNames: ['outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.registry],
  });

  readonly relayStreamLag = new Histogram({
    name: 'caseroom_live_relay_stream_lag_seconds',
    help: "How long after Redis took a relay stream entry this instance's reader consumed it",
    buckets: lagBuckets,
    registers: [this.registry],
  });

  private census: LiveCensus | null = null;

  constructor() {
    const read = () => this.census;
    new Gauge({
      name: 'caseroom_live_sockets',
      help: 'Live-channel sockets connected to this instance',
      registers: [this.registry],
      collect() {
        this.set(read()?.sockets.size ?? 0);
      },
    });
    new Gauge({
      name: 'caseroom_live_rooms',
      help: "Live-channel rooms on this instance by kind (a socket's own room counts as kind socket)",
      labelNames: ['kind'] as const,
      registers: [this.registry],
      collect() {
        const counts = new Map<string, number>(rooms.kinds.map((kind) => [kind, 0]));
        for (const room of read()?.adapter.rooms.keys() ?? []) {
          const kind = rooms.kindOf(room);
          counts.set(kind, (counts.get(kind) ?? 0) + 1);
        }
        for (const [kind, count] of counts) this.set({ kind }, count);
      },
    });
    // Event-loop delay (nodejs_eventloop_lag_*), memory, handles and the rest of Node's own.
    collectDefaultMetrics({ register: this.registry });
  }

  /** The live gauges count this namespace's sockets and rooms from now on. */
  watchLive(census: LiveCensus): void {
    this.census = census;
  }

  /** Starts timing something; the answer stops the clock and says how long it ran, in seconds. */
  static start(): () => number {
    const startedAt = process.hrtime.bigint();
    return () => Number(process.hrtime.bigint() - startedAt) / 1e9;
  }
}
