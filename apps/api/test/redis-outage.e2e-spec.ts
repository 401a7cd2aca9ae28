import { existsSync } from 'node:fs';
import type { CurrentItemView } from '@caseroom/contracts';
import { OwnRedis, reportChaos, testServices } from '@caseroom/testing';
import { NotesPeer, RaceWorld, Typist, type LiveClient } from './support/revocation-race';
import { builtEntry } from './support/server-process';

/** How long Redis stays away after the revocation: four seconds in the suite, ten under `npm run chaos`. */
const outageMs = Number(process.env.CHAOS_REDIS_OUTAGE_MS ?? 4_000);

const describeOutage = testServices.postgresUrl && existsSync(builtEntry) ? describe : describe.skip;

/** Events that carry nothing of a case, however late they come. */
const contentFree = new Set(['presence', 'conference.status', 'agenda.stepped-out', 'agenda.cleared', 'case.drop', 'conference.removed']);

/**
 * Redis taken away (killed, on a port of this test's own) from two instances while an IDVA types into
 * a case's notes beside a police officer on the second, then a conflict recorded on that officer
 * through the first. Without Redis the first cannot tell the second: the second must have stopped
 * serving by itself before the first answers, nothing of the case may reach the officer after the
 * answer, neither instance may end, and signing in must go on working. Redis back, both serve again.
 */
describeOutage('Redis lost, then a revocation (needs TEST_DATABASE_URL and a build)', () => {
  let redis: OwnRedis;
  let world: RaceWorld;
  let chair: LiveClient;
  let idva: LiveClient;
  let target: LiveClient;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    world = await RaceWorld.start({ redisUrl: redis.url, instances: 2 });
    chair = await world.connect('chair', 0);
    idva = await world.connect('idva', 1);
    target = await world.connect('target', 1);
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    await redis?.kill();
  });

  const signsIn = async (instance: number) => {
    const response = await world
      .http(instance)
      .post('/api/auth/login')
      .send({ email: world.people.get('coordinator')!.email, password: world.people.get('coordinator')!.password });
    return response.status;
  };

  it(
    'answers only once the other instance has stopped serving, sends the officer nothing after, and neither instance ends',
    async () => {
      const { caseId, reference } = await world.createCase();
      const conference = await world.scheduleConference([caseId]);
      for (const client of [chair, idva, target])
        expect(await client.emit('conference.acknowledge', { conferenceId: conference.id })).toMatchObject({ ok: true });
      expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
      expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
      await target.next<CurrentItemView>('agenda.current', (view) => view.caseId === caseId && view.admitted.includes('panel'));

      const peer = new NotesPeer(idva, caseId, 'panel');
      await peer.open();
      const typist = new Typist(peer);
      typist.start(reference);
      // The officer hears the IDVA typing, through their shared instance.
      await target.next('notes.sync', (event: { caseId: string }) => event.caseId === caseId);

      await redis.kill();
      const recorded = await world
        .http(0)
        .post(`/api/cases/${caseId}/conflicts`)
        .set('Authorization', await world.bearer('chair'))
        .send({ userId: world.target.id, kind: 'colleague', reason: 'Worked with the suspect' });
      const returnedAt = Date.now();
      expect(recorded.status).toBe(204);
      // Stored, but the other instance could not confirm: the answer says so.
      expect(Number(recorded.headers['caseroom-live-unconfirmed'])).toBeGreaterThanOrEqual(1);

      // Redis stays away for a while; the typist goes on (or is disconnected trying).
      await new Promise((resolve) => setTimeout(resolve, outageMs));
      const late = target.frames.filter((frame) => frame.at > returnedAt && !contentFree.has(frame.event));
      reportChaos({ cycles: 1, crashes: world.ended().length, postRevokeFrames: late.length });
      expect(late.map((frame) => frame.event)).toEqual([]);
      expect(target.text()).not.toContain(`${reference} typed ${typist.typed}.`);
      expect(world.ended()).toEqual([]);
      // Signing in does not need Redis: the rate limit is counted per instance meanwhile.
      expect(await signsIn(0)).toBe(200);
      expect(await signsIn(1)).toBe(200);
      await typist.stop().catch(() => undefined);

      // Redis back: both instances serve again by themselves, and the officer stays out of the case.
      await redis.resume();
      const deadline = Date.now() + 20_000;
      let again: LiveClient | null = null;
      while (!again) {
        again = await world.connect('target', 1).catch((error: Error) => {
          if (Date.now() > deadline) throw error;
          return null;
        });
        if (!again) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const joined = await again.emit<{ current: CurrentItemView | null }>('conference.join', { conferenceId: conference.id });
      expect(joined.ok).toBe(true);
      expect(JSON.stringify(joined)).not.toContain(reference);
      const chairAgain = await world.connect('chair', 1);
      expect(await chairAgain.emit('conference.join', { conferenceId: conference.id })).toMatchObject({ ok: true });
      expect(world.ended()).toEqual([]);
    },
    86_000 + outageMs,
  );
});
