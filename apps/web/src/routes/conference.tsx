import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  AgendaItemView,
  ConferenceView,
  ConflictKind,
  CurrentItemView,
  OutstandingActionsView,
  PresenceView,
  SteppedOutView,
} from '@caseroom/contracts';
import { LiveClient, type LiveStatus } from '../lib/live-client';
import { ApiError } from '../lib/api-client';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApiResource } from '../lib/query';
import { useScreenTitle } from '../lib/screen-title';
import { formatDateTime, wordsFor } from '../lib/words';
import { CaseWorkspace } from '../features/cases/case-workspace';
import { Acknowledgement } from '../features/live/acknowledgement';
import { AgendaPanel } from '../features/live/agenda-panel';
import { ChairControls } from '../features/live/chair-controls';
import { DeclareConflict, ParticipantControls } from '../features/live/conflict-controls';
import { OutstandingActions } from '../features/live/outstanding-actions';
import { PresencePanel } from '../features/live/presence-panel';
import { SteppedOut } from '../features/live/stepped-out';
import { useSession } from '../session';

export type CurrentItem =
  | { readonly kind: 'none' }
  | { readonly kind: 'case'; readonly item: CurrentItemView }
  | { readonly kind: 'stepped-out'; readonly view: SteppedOutView };

/**
 * The agenda once the person is stepped out of some of its items (a conflict declared or recorded in the
 * room, say): those items as the server lists them to anyone stepped out, by their position alone.
 */
function steppedOutOf(agenda: ConferenceView['agenda'], isLeft: (item: AgendaItemView) => boolean): ConferenceView['agenda'] {
  return agenda.map((item) => (isLeft(item) ? { ...item, reference: null, caseId: null, isSteppedOut: true } : item));
}

/** A conference: its lobby (agenda, confidentiality statement) and, once joined, the live room. */
export function ConferenceRoute() {
  const { conferenceId = '' } = useParams();
  return <Conference key={conferenceId} conferenceId={conferenceId} />;
}

function Conference({ conferenceId }: { conferenceId: string }) {
  const conference = useApiResource<ConferenceView>(['conference', conferenceId], `/api/conferences/${conferenceId}`);
  const [hasJoined, setJoined] = useState(false);
  const queries = useQueryClient();
  useScreenTitle(hasJoined ? 'Live room' : 'Conference lobby');

  if (conference.error)
    return (
      <section className="card">
        <h1 tabIndex={-1}>Conference</h1>
        <p className="error" role="alert">
          {conference.error}
        </p>
        <Link to="/">Back to your conferences</Link>
      </section>
    );
  if (!conference.data) return <p role="status">Loading the conference…</p>;
  if (!hasJoined) return <Lobby conference={conference.data} onJoin={() => setJoined(true)} />;
  const left = () => {
    // Back to the lobby as it is now: acknowledged, and open or closed meanwhile.
    void queries.invalidateQueries({ queryKey: ['conference', conferenceId] });
    setJoined(false);
  };
  return <LiveRoom initial={conference.data} onLeft={left} />;
}

function Lobby({ conference, onJoin }: { conference: ConferenceView; onJoin: () => void }) {
  const { me, api } = useSession();
  const queries = useQueryClient();
  // Cases of the agenda this person takes part in: a link to a suspect can be declared before joining.
  const cases = conference.agenda.flatMap((item) =>
    !item.isSteppedOut && item.caseId ? [{ caseId: item.caseId, label: `Item ${item.position}: ${item.reference ?? ''}` }] : [],
  );
  const declare = async (caseId: string, kind: ConflictKind, reason: string): Promise<string | null> => {
    try {
      await api.post(`/api/cases/${caseId}/conflicts/declaration`, { kind, reason });
      await queries.invalidateQueries({ queryKey: ['conference', conference.id] });
      return null;
    } catch (caught) {
      return caught instanceof ApiError ? caught.message : 'The conflict could not be declared.';
    }
  };
  const isOrganiser = conference.chairId === me.id || conference.coordinatorId === me.id;
  return (
    <>
      <h1 tabIndex={-1}>{conference.title}</h1>
      <p>
        {formatDateTime(conference.scheduledAt)}
        {conference.location ? ` · ${conference.location}` : ''} · <span className="badge">{wordsFor(conference.status)}</span>
      </p>
      {isOrganiser && conference.status === 'scheduled' && (
        <p>
          <Link to={`/conferences/${conference.id}/prepare`}>Prepare the agenda and invitations</Link>
        </p>
      )}
      <div className="grid-2">
        <section className="card" aria-labelledby="lobby-agenda">
          <h2 id="lobby-agenda">Agenda</h2>
          <p className="muted">
            {conference.agendaCirculatedAt ? `Circulated on ${formatDateTime(conference.agendaCirculatedAt)}.` : 'Not circulated yet.'}
          </p>
          <ol>
            {conference.agenda.map((item) => (
              <li key={item.itemId}>{item.isSteppedOut ? `Item ${item.position}: you are not part of this discussion` : item.reference}</li>
            ))}
          </ol>
        </section>
        <Acknowledgement conference={conference} onJoin={onJoin} />
      </div>
      {conference.status !== 'closed' && (
        <DeclareConflict key={cases.map((item) => item.caseId).join(',')} cases={cases} declare={declare} />
      )}
    </>
  );
}

function LiveRoom({ initial, onLeft }: { initial: ConferenceView; onLeft: () => void }) {
  const { api, me } = useSession();
  const queries = useQueryClient();
  const live = useMemo(() => new LiveClient(api), [api]);
  const [conference, setConference] = useState(initial);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [presence, setPresence] = useState<PresenceView['present']>([]);
  /** Told to the chair alone: who in the room is stepped out of the current item. */
  const [steppedOut, setSteppedOut] = useState<readonly string[]>([]);
  const [current, setCurrent] = useState<CurrentItem>({ kind: 'none' });
  /** Counts the server's announcements of the current item: each one (after a reconnection, say) means "sync again". */
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [outstanding, setOutstanding] = useState<readonly OutstandingActionsView[]>([]);
  const conferenceId = initial.id;
  /** The lobby's acknowledgement is sent with the first join; later (re)connections simply join. */
  const hasAcknowledged = useRef(initial.acknowledgedAt !== null);

  // The conference list says whether each is scheduled, open or closed: read it again when this one changes.
  useEffect(() => {
    if (conference.status !== initial.status) void queries.invalidateQueries({ queryKey: ['conferences'] });
  }, [conference.status, initial.status, queries]);

  useEffect(() => {
    // Asked for by each member, never broadcast: members see different compartments of the same items.
    const askOutstanding = () =>
      void live.emit<OutstandingActionsView[]>('actions.outstanding', { conferenceId }).then((ack) => {
        if (ack.ok && ack.data) setOutstanding(ack.data);
      });
    const stops = [
      live.onStatus((next) => {
        setStatus(next);
        if (next !== 'connected') return;
        // Every (re)connection joins afresh: the server re-asks the policy and sends the current state.
        const join = (attempt: number): void => {
          const event = hasAcknowledged.current ? 'conference.join' : 'conference.acknowledge';
          void live.emit<ConferenceView>(event, { conferenceId }).then((ack) => {
            if (ack.ok && ack.data) {
              hasAcknowledged.current = true;
              setConference(ack.data);
              setProblem(null);
              if (ack.data.status === 'open') askOutstanding();
            } else if (!ack.ok && ack.code === 'SERVICE_UNAVAILABLE' && attempt < 3) {
              // Who may see what changed while the server answered: it asks to be asked again.
              setTimeout(() => join(attempt + 1), 250 * attempt);
            } else if (!ack.ok) setProblem(ack.message);
          });
        };
        join(1);
      }),
      live.on('conference.opened', (event) => {
        if (event.conferenceId !== conferenceId) return;
        setConference((value) => ({ ...value, status: 'open' }));
        askOutstanding();
      }),
      live.on('presence', (event) => event.conferenceId === conferenceId && setPresence(event.present)),
      live.on('presence.stepped-out', (event) => event.conferenceId === conferenceId && setSteppedOut(event.userIds)),
      live.on('conference.status', (event) => {
        if (event.conferenceId !== conferenceId) return;
        setConference((value) => ({ ...value, status: event.status }));
        // Closed: no item is under discussion any more, for those stepped out of the last one too.
        if (event.status === 'closed') {
          setCurrent({ kind: 'none' });
          setSteppedOut([]);
        }
      }),
      live.on('agenda.current', (event) => {
        if (event.conferenceId !== conferenceId) return;
        setCurrent({ kind: 'case', item: event });
        setRound((value) => value + 1);
        // An item is only ever current in an open conference.
        setConference((value) => ({ ...value, status: 'open', currentItemId: event.itemId }));
      }),
      live.on('agenda.stepped-out', (event) => {
        if (event.conferenceId !== conferenceId) return;
        setCurrent({ kind: 'stepped-out', view: event });
        setConference((value) => ({
          ...value,
          status: 'open',
          currentItemId: value.agenda.find((item) => item.position === event.position)?.itemId ?? null,
          agenda: steppedOutOf(value.agenda, (item) => item.position === event.position),
        }));
      }),
      live.on('agenda.cleared', (event) => event.conferenceId === conferenceId && setCurrent({ kind: 'none' })),
      // Lost every compartment of the case: everything held of it goes at once.
      live.on('case.drop', (event) => {
        setCurrent((value) => (value.kind === 'case' && value.item.caseId === event.caseId ? { kind: 'none' } : value));
        setConference((value) => ({ ...value, agenda: steppedOutOf(value.agenda, (item) => item.caseId === event.caseId) }));
        setOutstanding((items) => items.filter((item) => item.caseId !== event.caseId));
        // Nor is anything read of it over REST kept in this page's memory.
        queries.removeQueries({ queryKey: ['case', event.caseId] });
      }),
      live.on('conference.removed', (event) => {
        if (event.conferenceId !== conferenceId) return;
        setCurrent({ kind: 'none' });
        setProblem('You were removed from this conference.');
        live.close();
      }),
    ];
    live.connect();
    return () => {
      for (const stop of stops) stop();
      live.close();
    };
  }, [live, conferenceId, queries]);

  const isChair = conference.chairId === me.id;
  const leave = () => {
    void live.emit('conference.leave', { conferenceId }).finally(() => onLeft());
  };

  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <h1 tabIndex={-1} style={{ margin: 0 }}>
          {conference.title}
        </h1>
        <p style={{ margin: 0 }}>
          <span className="badge">{wordsFor(conference.status)}</span>{' '}
          <span role="status" className={status === 'connected' ? 'success' : 'error'}>
            {status === 'connected' ? 'Connected' : status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
          </span>{' '}
          <button type="button" className="secondary" onClick={leave}>
            Leave
          </button>
        </p>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="room">
        <div>
          {isChair && (
            <ChairControls
              live={live}
              conference={conference}
              onProblem={setProblem}
              onStatus={(next) => setConference((value) => ({ ...value, status: next }))}
            />
          )}
          <AgendaPanel live={live} conference={conference} isChair={isChair} onProblem={setProblem} />
          {conference.status !== 'closed' && <PresencePanel present={presence} steppedOut={steppedOut} />}
          {isChair && conference.status === 'open' && (
            <ParticipantControls
              live={live}
              conferenceId={conferenceId}
              caseId={current.kind === 'case' ? current.item.caseId : null}
              present={presence}
              chairId={conference.chairId}
              onProblem={setProblem}
            />
          )}
          <OutstandingActions items={outstanding} />
        </div>
        <div>
          {current.kind === 'none' && (
            <section className="card" aria-live="polite">
              <h2>{conference.status === 'closed' ? 'Conference closed' : 'No item under discussion'}</h2>
              <p className="muted">
                {conference.status === 'open'
                  ? 'The chair has not moved to an item yet.'
                  : conference.status === 'closed'
                    ? 'The conference is closed.'
                    : 'The conference has not opened yet.'}
              </p>
            </section>
          )}
          {current.kind === 'stepped-out' && <SteppedOut view={current.view} />}
          {current.kind === 'case' && (
            <CaseWorkspace
              key={`${current.item.caseId}:${current.item.admitted.join(',')}`}
              live={live}
              conference={conference}
              item={current.item}
              round={round}
              isChair={isChair}
            />
          )}
          {current.kind === 'case' && conference.status === 'open' && (
            <DeclareConflict
              key={current.item.caseId}
              cases={[{ caseId: current.item.caseId, label: `Item ${current.item.position}: ${current.item.reference}` }]}
              declare={async (caseId, kind, reason) => {
                const ack = await live.emit('conflict.declare', { conferenceId, caseId, kind, reason });
                return ack.ok ? null : ack.message;
              }}
            />
          )}
        </div>
      </div>
    </>
  );
}
