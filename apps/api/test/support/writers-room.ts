import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConferenceView } from '@caseroom/contracts';
import { LiveClient } from './live-client';
import { NotesPeer } from './notes-peer';

/** JSON over HTTP to a running server, as a client outside the process calls it. */
export async function callApi(url: string, token: string | null, method: string, path: string, body?: object): Promise<never> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return (await response.json()) as never;
}

/**
 * A demo world's case under discussion in an open conference, and `writers` new members of three
 * agencies, each on the instance `urls[index % urls.length]`, with the case's panel notes open: the cast
 * of the fault tests that type through an instance dying or PostgreSQL going away.
 */
export class WritersRoom {
  private constructor(
    readonly urls: readonly string[],
    readonly chair: string,
    readonly caseId: string,
    readonly conferenceId: string,
    readonly tokens: readonly string[],
    readonly peers: NotesPeer[],
    private readonly clients: LiveClient[],
  ) {}

  static async open(options: { urls: readonly string[]; dataDir: string; writers: number; label: string }): Promise<WritersRoom> {
    const { urls, dataDir, writers, label } = options;
    const call = (token: string | null, method: string, path: string, body?: object) => callApi(urls[0], token, method, path, body);
    const logins = JSON.parse(await readFile(join(dataDir, 'demo-logins.json'), 'utf8')) as { email: string; password: string }[];
    const signIn = async (email: string, password: string) =>
      ((await call(null, 'POST', '/api/auth/login', { email, password })) as { tokens: { accessToken: string } }).tokens.accessToken;
    const demo = (key: string) => {
      const login = logins.find((entry) => entry.email.startsWith(`${key}@`))!;
      return signIn(login.email, login.password);
    };
    const admin = await demo('admin');
    const coordinator = await demo('coordinator');
    const chair = await demo('chair');
    const agencies = (await call(admin, 'GET', '/api/agencies')) as { id: string; code: string }[];
    const invited = agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id);
    const chairId = ((await call(admin, 'GET', '/api/users')) as { id: string; email: string }[]).find((person) =>
      person.email.startsWith('chair@'),
    )!.id;
    const tokens: string[] = [];
    for (let index = 0; index < writers; index += 1) {
      const created = (await call(admin, 'POST', '/api/users', {
        name: `${label} writer ${index}`,
        email: `writer${index}@${label.toLowerCase()}.caseroom.test`,
        agencyId: invited[index % invited.length],
        roles: ['member'],
      })) as { email: string; initialPassword: string };
      tokens.push(await signIn(created.email, created.initialPassword));
    }
    const caseId = ((await call(coordinator, 'GET', '/api/cases')) as { id: string }[])[0].id;
    const scheduled = (await call(coordinator, 'POST', '/api/conferences', {
      title: `${label} MARAC`,
      scheduledAt: '2026-12-03T10:00:00Z',
      chairId,
      invitedAgencyIds: invited,
    })) as ConferenceView;
    const conference = (await call(coordinator, 'POST', `/api/conferences/${scheduled.id}/agenda`, { caseId })) as ConferenceView;
    const clients: LiveClient[] = [];
    const chairClient = await LiveClient.connect(urls[0], chair);
    clients.push(chairClient);
    const opened = [
      await chairClient.emit('conference.acknowledge', { conferenceId: conference.id }),
      await chairClient.emit('conference.open', { conferenceId: conference.id }),
      await chairClient.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId }),
    ];
    if (opened.some((ack) => !ack.ok)) throw new Error(`the conference did not open: ${JSON.stringify(opened)}`);
    const room = new WritersRoom(urls, chair, caseId, conference.id, tokens, [], clients);
    room.peers.push(
      ...(await Promise.all(
        tokens.map(async (token, index) => {
          const peer = new NotesPeer(await room.enter(token, urls[index % urls.length], 'conference.acknowledge'), caseId, 'panel');
          await peer.open();
          return peer;
        }),
      )),
    );
    return room;
  }

  /** A live connection of one writer, into the conference and told its current item. */
  async enter(token: string, url: string, event: 'conference.acknowledge' | 'conference.join'): Promise<LiveClient> {
    const client = await LiveClient.connect(url, token);
    this.clients.push(client);
    const ack = await client.emit(event, { conferenceId: this.conferenceId });
    if (!ack.ok) throw new Error(`could not enter: ${JSON.stringify(ack)}`);
    await client.next('agenda.current');
    return client;
  }

  /** The panel notes as a server started now, which has never seen the document, returns them. */
  async storedText(url: string): Promise<string> {
    return ((await callApi(url, this.chair, 'GET', `/api/cases/${this.caseId}/compartments/panel/notes`)) as { text: string }).text;
  }

  close(): void {
    for (const client of this.clients) client.close();
  }
}
