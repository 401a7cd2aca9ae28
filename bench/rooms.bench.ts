/* Benchmark: live rooms on three instances. Run with `npm run bench:rooms` (needs PostgreSQL and Redis). */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import type { ConferenceView } from '@caseroom/contracts';
import { dropRedisKeys } from '../libs/testing/src/redis-keys';
import { LiveClient } from '../apps/api/test/support/live-client';
import { benchmarkServerEnv, ServerProcess } from '../apps/api/test/support/server-process';

const conferences = Number(process.env.BENCH_CONFERENCES ?? 20);
const membersPerConference = Number(process.env.BENCH_MEMBERS ?? 15);
/** Content written into each room while the conflict is recorded: a busy panel, not a flood. */
const entriesPerSecond = Number(process.env.BENCH_ENTRIES_PER_SECOND ?? 10);
const baseUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

async function main(): Promise<void> {
  const name = `caseroom_bench_test_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(baseUrl), { pathname: `/${name}` }).toString();
  const env = benchmarkServerEnv({ name, databaseUrl, redisUrl });
  const dataDir = env.DATA_DIR;
  // BENCH_PROFILE_DIR=<folder> writes each server's CPU profile there when it exits, for finding where the time goes.
  const nodeArgs = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const servers = [ServerProcess.start(env, nodeArgs)];
  const urls = [await servers[0].ready()];
  servers.push(ServerProcess.start(env, nodeArgs), ServerProcess.start(env, nodeArgs));
  urls.push(await servers[1].ready(), await servers[2].ready());
  const clients: LiveClient[] = [];
  try {
    const logins = JSON.parse(await readFile(join(dataDir, 'demo-logins.json'), 'utf8')) as { email: string; password: string }[];
    const call = async (token: string | null, method: string, path: string, body?: object) => {
      const response = await fetch(`${urls[0]}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      return (await response.json()) as never;
    };
    const signIn = async (email: string, password: string) =>
      ((await call(null, 'POST', '/api/auth/login', { email, password })) as { tokens: { accessToken: string } }).tokens.accessToken;
    const demo = async (key: string) => {
      const login = logins.find((entry) => entry.email.startsWith(`${key}@`))!;
      return signIn(login.email, login.password);
    };
    const adminToken = await demo('admin');
    const coordinator = await demo('coordinator');
    const chairToken = await demo('chair');
    const agencies = (await call(adminToken, 'GET', '/api/agencies')) as { id: string; code: string; kind: string }[];
    const agencyIds = agencies.filter((agency) => ['NIDVA', 'NPDU', 'NCSC'].includes(agency.code)).map((agency) => agency.id);
    const force = agencies.find((agency) => agency.code === 'NMP')!.id;
    const chairId = ((await call(adminToken, 'GET', '/api/users')) as { id: string; email: string }[]).find((person) =>
      person.email.startsWith('chair@'),
    )!.id;

    process.stdout.write(`setting up ${conferences} conferences x ${membersPerConference} members on 3 instances...\n`);
    const rooms: { conference: ConferenceView; members: { id: string; token: string }[] }[] = [];
    for (let index = 0; index < conferences; index += 1) {
      const members: { id: string; token: string }[] = [];
      for (let member = 0; member < membersPerConference; member += 1) {
        const created = (await call(adminToken, 'POST', '/api/users', {
          name: `Member ${index}-${member}`,
          email: `m${index}-${member}@bench.caseroom.test`,
          agencyId: agencyIds[member % agencyIds.length],
          roles: ['member'],
        })) as { id: string; email: string; initialPassword: string };
        members.push({ id: created.id, token: await signIn(created.email, created.initialPassword) });
      }
      const caseIds: string[] = [];
      for (let item = 0; item < 2; item += 1) {
        const created = (await call(coordinator, 'POST', '/api/cases', {
          referral: { ground: 'visible_high_risk', referredOn: '2026-11-01', referringAgencyId: agencyIds[0], dashScore: 15 },
          agencyIds,
          victim: { pseudonym: `Client ${index}-${item}`, name: `Victim ${index}-${item}` },
          suspect: { forceId: force, name: `Suspect ${index}-${item}`, staffNumber: `B${index}X${item}` },
        })) as { id: string };
        await call(coordinator, 'POST', `/api/cases/${created.id}/triage`, { outcome: 'accepted' });
        caseIds.push(created.id);
      }
      let conference = (await call(coordinator, 'POST', '/api/conferences', {
        title: `Bench ${index}`,
        scheduledAt: '2026-12-03T10:00:00Z',
        chairId,
        invitedUserIds: members.map((member) => member.id),
      })) as ConferenceView;
      for (const caseId of caseIds) conference = await call(coordinator, 'POST', `/api/conferences/${conference.id}/agenda`, { caseId });
      rooms.push({ conference, members });
    }

    process.stdout.write('joining...\n');
    // Everyone joins, spread over the three instances.
    const joinTimes: number[] = [];
    const chairs: LiveClient[] = [];
    const memberClients: LiveClient[][] = [];
    await Promise.all(
      rooms.map(async ({ conference, members }, index) => {
        const chair = await LiveClient.connect(urls[index % 3], chairToken);
        clients.push(chair);
        await chair.emit('conference.acknowledge', { conferenceId: conference.id });
        await chair.emit('conference.open', { conferenceId: conference.id });
        chairs[index] = chair;
        memberClients[index] = await Promise.all(
          members.map(async (member, position) => {
            const client = await LiveClient.connect(urls[(index + position) % 3], member.token);
            clients.push(client);
            const [ack, elapsed] = await timed(() => client.emit('conference.acknowledge', { conferenceId: conference.id }));
            if (!ack.ok) throw new Error(`join failed: ${JSON.stringify(ack)}`);
            joinTimes.push(elapsed);
            return client;
          }),
        );
      }),
    );

    process.stdout.write('running the sessions...\n');
    // Agenda moves, presence churn and content flowing in every room. Each chair records a conflict at
    // its own moment mid-session (spread over two seconds, as separate meetings would); then, as a worst
    // case, every chair records a second conflict in the same instant.
    const revokeTimes: number[] = [];
    const burstTimes: number[] = [];
    let postRevokeFrames = 0;
    const burstGate = (() => {
      let open: () => void = () => undefined;
      let waiting = 0;
      const opened = new Promise<void>((resolve) => (open = resolve));
      return async () => {
        waiting += 1;
        if (waiting === rooms.length) open();
        await opened;
      };
    })();
    await Promise.all(
      rooms.map(async ({ conference, members }, index) => {
        const chair = chairs[index];
        const clientsHere = memberClients[index];
        for (const item of conference.agenda) await chair.emit('agenda.move', { conferenceId: conference.id, itemId: item.itemId });
        const caseId = conference.agenda[conference.agenda.length - 1].caseId!;
        for (const churner of clientsHere.slice(3, 6)) {
          await churner.emit('conference.leave', { conferenceId: conference.id });
          await churner.emit('conference.join', { conferenceId: conference.id });
        }
        const writer = members[1];
        let sequence = 0;
        let publishing = true;
        const publisher = (async () => {
          while (publishing) {
            sequence += 1;
            await Promise.all([
              call(writer.token, 'POST', `/api/cases/${caseId}/compartments/panel/entries`, { text: `B${index}-${sequence}` }).catch(() => {
                publishing = false;
              }),
              new Promise((resolve) => setTimeout(resolve, 1000 / entriesPerSecond)),
            ]);
          }
        })();
        /** Records a conflict on one member; returns the first entry number published after its acknowledgement. */
        const revoke = async (member: number, into: number[]) => {
          const [ack, elapsed] = await timed(() =>
            chair.emit('conflict.record', {
              conferenceId: conference.id,
              caseId,
              userId: members[member].id,
              kind: 'colleague',
              reason: 'bench',
            }),
          );
          if (!ack.ok) throw new Error(`revoke failed: ${JSON.stringify(ack)}`);
          into.push(elapsed);
          return sequence + 1;
        };
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 2000));
        const firstCut = await revoke(0, revokeTimes);
        await burstGate();
        const secondCut = await revoke(2, burstTimes);
        await new Promise((resolve) => setTimeout(resolve, 500));
        publishing = false;
        await publisher;
        const late = (client: LiveClient, cut: number) =>
          client.of<{ entry: { text: string } }>('case.entry').filter((payload) => Number(payload.entry.text.split('-')[1]) >= cut).length;
        postRevokeFrames += late(clientsHere[0], firstCut) + late(clientsHere[2], secondCut);
      }),
    );

    process.stdout.write(
      `bench rooms revoke_p99_ms=${Math.round(percentile(revokeTimes, 99))} post_revoke_frames=${postRevokeFrames} join_p99_ms=${Math.round(percentile(joinTimes, 99))} instances=3\n`,
    );
    process.stdout.write(
      `  (revoke p50 ${Math.round(percentile(revokeTimes, 50))} ms over ${revokeTimes.length} revocations at their own moments; ` +
        `all ${burstTimes.length} rooms in the same instant: p50 ${Math.round(percentile(burstTimes, 50))} ms, p99 ${Math.round(percentile(burstTimes, 99))} ms; ` +
        `join p50 ${Math.round(percentile(joinTimes, 50))} ms over ${joinTimes.length} joins)\n`,
    );
  } finally {
    for (const client of clients) client.close();
    for (const server of servers) await server.kill('SIGTERM');
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await dropRedisKeys(redisUrl, env.REDIS_PREFIX);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
