import type { ConferenceView } from '@caseroom/contracts';
import { existsSync } from 'node:fs';
import { testServices } from '@caseroom/testing';
import { builtEntry } from './support/server-process';
import { NotesPeer, RaceWorld, raceOnce, TargetProbe, Typist, type LiveClient } from './support/revocation-race';

/** Repetitions of each kind of revocation; RACE_REPETITIONS raises it for a longer hunt. */
const repetitions = Number(process.env.RACE_REPETITIONS ?? 50);
/** A repetition takes a second or two on a two-core machine; a kind's run is given room for five each. */
jest.setTimeout(60_000 + repetitions * 5_000);

/**
 * The promise under attack: once the request that steps a person out has returned, nothing of the case
 * reaches them, from any instance, whatever they had asked for in the milliseconds before. The target
 * bursts every kind of request on two sockets (on the second and third instances) and over REST while an
 * IDVA types into the case's notes on the first; the revocation goes through the first. Every frame,
 * acknowledgement and answer that arrives after it returned is searched for the case.
 */
/** One repetition's case and how it is revoked. */
interface Prepared {
  readonly caseId: string;
  readonly reference: string;
  readonly conferenceId: string;
  readonly revoke: () => Promise<void>;
  /** False where nothing announces the change, so that no request's return marks a moment. */
  readonly countWordsTypedAfter?: boolean;
}

const describeRaces = testServices.postgresUrl && testServices.redisUrl && existsSync(builtEntry) ? describe : describe.skip;

describeRaces(
  'no byte after the step-out, under bursts, across three instances (needs TEST_DATABASE_URL, TEST_REDIS_URL and a build)',
  () => {
    let world: RaceWorld;
    let chair: LiveClient;
    let idva: LiveClient;
    let targets: LiveClient[];

    beforeAll(async () => {
      world = await RaceWorld.start();
      chair = await world.connect('chair', 0);
      idva = await world.connect('idva', 0);
      targets = [await world.connect('target', 1), await world.connect('target', 2)];
    }, 120_000);

    afterAll(async () => {
      await world.stop();
    });

    const acknowledged = async (client: LiveClient, conferenceId: string) => {
      const ack = await client.emit('conference.acknowledge', { conferenceId });
      if (!ack.ok) throw new Error(`could not join: ${JSON.stringify(ack)}`);
    };

    /** Waits until every target socket has been told, after `since` (Date.now()), that the case is under discussion for them. */
    const admitted = async (caseId: string, since: number) => {
      for (const client of targets) {
        const deadline = Date.now() + 15_000;
        while (
          !client.frames.some(
            (frame) => frame.event === 'agenda.current' && frame.at >= since && (frame.payload as { caseId: string }).caseId === caseId,
          )
        ) {
          if (Date.now() > deadline)
            throw new Error(
              `the target was not admitted again; its last frames: ${client.frames
                .slice(-8)
                .map((frame) => `${frame.event} ${JSON.stringify(frame.payload)}`)
                .join('; ')}`,
            );
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    };

    /** The IDVA's copy of each case's panel notes, opened again for every repetition. */
    const peers = new Map<string, NotesPeer>();
    const openNotes = async (caseId: string) => {
      const peer = peers.get(caseId) ?? new NotesPeer(idva, caseId, 'panel');
      peers.set(caseId, peer);
      await peer.open();
      return peer;
    };

    /** Runs the repetitions of one kind and fails with every late arrival, by repetition. */
    const hunt = async (prepare: (repetition: number) => Promise<Prepared>, counts: (late: string) => boolean = () => true) => {
      const late: string[] = [];
      try {
        await repeat(prepare, counts, late);
      } catch (error) {
        process.stderr.write(`${world.serverLogs()}\n`);
        throw error;
      }
      // What the instances warned of, to read beside a failure.
      if (late.length > 0) process.stderr.write(`${world.serverLogs()}\n`);
      expect(late).toEqual([]);
    };

    const repeat = async (prepare: (repetition: number) => Promise<Prepared>, counts: (late: string) => boolean, late: string[]) => {
      for (let repetition = 0; repetition < repetitions; repetition += 1) {
        const { caseId, reference, conferenceId, revoke, countWordsTypedAfter } = await prepare(repetition);
        const peer = await openNotes(caseId);
        const typist = new Typist(peer);
        await typist.fill(reference);
        typist.start(reference);
        await new Promise((resolve) => setTimeout(resolve, 15));
        const probe = new TargetProbe(world, targets);
        const arrivals = await raceOnce({
          probe,
          typist,
          caseId,
          conferenceId,
          marks: [caseId, reference],
          revoke,
          delayMs: repetition % 7,
          countWordsTypedAfter,
        });
        for (const arrival of arrivals.filter((candidate) => counts(candidate))) late.push(`repetition ${repetition}: ${arrival}`);
      }
    };

    describe('conflicts, each on a case of its own', () => {
      let conference: ConferenceView;
      let discussed = 0;

      /** A new open conference, everyone in it: a real agenda has a dozen or two items, not a hundred. */
      const convene = async () => {
        conference = await world.scheduleConference([]);
        for (const client of [chair, idva, ...targets]) await acknowledged(client, conference.id);
        expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
      };

      /** A fresh case, put on the agenda and made the current item: the target is admitted to its panel. */
      const discuss = async () => {
        if (discussed % 10 === 0) await convene();
        discussed += 1;
        const { caseId, reference } = await world.createCase();
        const view = await world.addToAgenda(conference.id, caseId);
        const since = Date.now();
        const item = view.agenda.find((candidate) => candidate.caseId === caseId)!;
        expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: item.itemId })).toEqual({ ok: true });
        await admitted(caseId, since);
        return { caseId, reference, conferenceId: conference.id };
      };

      it(`recorded by the chair (REST and live, alternately): nothing after the answer, ${repetitions} times`, async () => {
        const targetId = world.target.id;
        await hunt(async (repetition) => {
          const discussed = await discuss();
          const body = { userId: targetId, kind: 'colleague', reason: 'Worked with the suspect' };
          const revoke =
            repetition % 2 === 0
              ? async () => {
                  const recorded = await world
                    .http(0)
                    .post(`/api/cases/${discussed.caseId}/conflicts`)
                    .set('Authorization', await world.bearer('chair'))
                    .send(body);
                  expect(recorded.status).toBe(204);
                }
              : async () => {
                  expect(
                    await chair.emit('conflict.record', { conferenceId: discussed.conferenceId, caseId: discussed.caseId, ...body }),
                  ).toEqual({ ok: true });
                };
          return { ...discussed, revoke };
        });
      });

      it(`declared by the target (REST and live, alternately): nothing after the answer, ${repetitions} times`, async () => {
        await hunt(async (repetition) => {
          const discussed = await discuss();
          const body = { kind: 'friend', reason: 'A friend of the suspect' };
          const revoke =
            repetition % 2 === 0
              ? async () => {
                  const declared = await world
                    .http(0)
                    .post(`/api/cases/${discussed.caseId}/conflicts/declaration`)
                    .set('Authorization', await world.bearer('target'))
                    .send(body);
                  expect(declared.status).toBe(204);
                }
              : async () => {
                  expect(
                    await targets[0].emit('conflict.declare', { conferenceId: discussed.conferenceId, caseId: discussed.caseId, ...body }),
                  ).toEqual({ ok: true });
                };
          return { ...discussed, revoke };
        });
      });

      it(`found by an instance before it hears of it: once a socket is told to drop the case, nothing of it follows, ${repetitions} times`, async () => {
        // The conflict is committed and no instance is told: each finds it when one of the target's own
        // joins reads the policy again. Answers decided from reads taken a moment before (another join of
        // the same burst) must not follow the case.drop that the fresh read caused.
        await hunt(
          async () => {
            const discussed = await discuss();
            return {
              ...discussed,
              countWordsTypedAfter: false,
              revoke: () => world.commitConflictUnannounced(discussed.caseId, world.target.id),
            };
            // Over REST nothing was promised: no request returned to say the change had taken effect.
          },
          (late) => late.startsWith('socket '),
        );
      });
    });

    describe('changes to the organisation and to the case, undone between repetitions', () => {
      let conference: ConferenceView;
      let caseId: string;
      let reference: string;

      beforeAll(async () => {
        ({ caseId, reference } = await world.createCase());
        conference = await world.scheduleConference([caseId]);
        for (const client of [chair, idva, ...targets]) await acknowledged(client, conference.id);
        expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
        const since = Date.now();
        expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
        await admitted(caseId, since);
      });

      const admin = () => world.bearer('admin');
      const patchTarget = async (body: object) => {
        const patched = await world
          .http(0)
          .patch(`/api/users/${world.target.id}`)
          .set('Authorization', await admin())
          .send(body);
        expect(patched.status).toBe(200);
      };

      it(`the target moved into the suspect's team, under the suspect, or posted beside them: nothing after the 200, ${repetitions} times`, async () => {
        let undo: (() => Promise<void>) | null = null;
        await hunt(async (repetition) => {
          if (undo) {
            const since = Date.now();
            await undo();
            await admitted(caseId, since);
          }
          const change = repetition % 3;
          let revoke: () => Promise<void>;
          if (change === 0) {
            revoke = () => patchTarget({ unitId: world.suspectUnitId });
            undo = () => patchTarget({ unitId: world.otherUnitId });
          } else if (change === 1) {
            revoke = () => patchTarget({ lineManagerId: world.people.get('suspect')!.id });
            undo = () => patchTarget({ lineManagerId: null });
          } else {
            let postingId = '';
            revoke = async () => {
              const posted = await world
                .http(0)
                .post(`/api/users/${world.target.id}/postings`)
                .set('Authorization', await admin())
                .send({ unitId: world.suspectUnitId, roleTitle: 'Response officer', startsOn: '2025-01-01', endsOn: null });
              expect(posted.status).toBe(201);
              postingId = posted.body.id as string;
            };
            undo = async () => {
              const removed = await world
                .http(0)
                .delete(`/api/postings/${postingId}`)
                .set('Authorization', await admin());
              expect(removed.status).toBe(204);
            };
          }
          return { caseId, reference, conferenceId: conference.id, revoke };
        });
        // The last repetition's change is undone too, so that the next test starts with the target admitted.
        await (undo as (() => Promise<void>) | null)?.();
      });

      it(`the target's force taken off the case's agencies: nothing after the 204, ${repetitions} times`, async () => {
        const coordinator = await world.bearer('coordinator');
        const setAgencies = async (agencyIds: string[]) => {
          const patched = await world.http(0).patch(`/api/cases/${caseId}`).set('Authorization', coordinator).send({ agencyIds });
          expect(patched.status).toBe(204);
        };
        await hunt(async (repetition) => {
          if (repetition > 0) {
            const since = Date.now();
            await setAgencies([world.agencies.NMP, world.agencies.NIDVA, world.agencies.NPDU]);
            await admitted(caseId, since);
          }
          return { caseId, reference, conferenceId: conference.id, revoke: () => setAgencies([world.agencies.NIDVA, world.agencies.NPDU]) };
        });
        await setAgencies([world.agencies.NMP, world.agencies.NIDVA, world.agencies.NPDU]);
      });
    });

    describe('the conference itself, a new one each repetition', () => {
      let caseId: string;
      let reference: string;

      beforeAll(async () => {
        ({ caseId, reference } = await world.createCase());
      });

      /** A new conference with the case on it, open, at the case: everyone joined. */
      const convene = async () => {
        const conference = await world.scheduleConference([caseId]);
        for (const client of [chair, idva, ...targets]) await acknowledged(client, conference.id);
        expect(await chair.emit('conference.open', { conferenceId: conference.id })).toEqual({ ok: true });
        const since = Date.now();
        expect(await chair.emit('agenda.move', { conferenceId: conference.id, itemId: conference.agenda[0].itemId })).toEqual({ ok: true });
        await admitted(caseId, since);
        return conference;
      };

      /** The person still may read the case over REST (the policy admits them); only the live room is theirs no more. */
      const live = (late: string) => !late.startsWith('GET /api/cases') && !late.startsWith('GET /api/me/notifications');

      it(`the target removed by the chair: nothing live after the answer, ${repetitions} times`, async () => {
        await hunt(async () => {
          const conference = await convene();
          const revoke = async () => {
            expect(await chair.emit('participant.remove', { conferenceId: conference.id, userId: world.target.id })).toEqual({ ok: true });
          };
          return { caseId, reference, conferenceId: conference.id, revoke };
        }, live);
      });

      it(`the conference closed: nothing live after the answer, ${repetitions} times`, async () => {
        await hunt(
          async () => {
            const conference = await convene();
            const revoke = async () => {
              expect(await chair.emit('conference.close', { conferenceId: conference.id })).toEqual({ ok: true });
            };
            return { caseId, reference, conferenceId: conference.id, revoke };
          },
          // A closed conference's record is still theirs to read, as a participant.
          (late) => live(late) && !late.endsWith('ack conference.join') && !late.startsWith('GET /api/conferences'),
        );
      });
    });
  },
);
