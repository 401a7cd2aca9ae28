import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor, Clock, Compartment } from '@caseroom/domain';
import { AgencyRepository, CaseRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';
import { CaseJourney } from '../cases/case-journey';
import { CreateCase } from '../cases/create-case.use-case';
import { PrepareAgenda } from '../conferences/prepare-agenda.use-case';
import { ScheduleConference } from '../conferences/schedule-conference.use-case';
import { ReadResearch } from '../research/read-research.use-case';
import { RequestResearch } from '../research/request-research.use-case';
import { ReturnResearch } from '../research/return-research.use-case';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../shared/clock';
import { generatePassword, PasswordHasher } from '../identity/password-hasher';
import { demoCase, demoConference, demoSecondCase } from './demo-case';
import { demoAgencies, demoEmail, demoPeople, type DemoUnit } from './demo-world';

export interface DemoLogin {
  readonly email: string;
  readonly password: string;
  readonly name: string;
  readonly note: string;
}

/**
 * Seeds the demo world into an empty database. Passwords are generated here and kept only in the
 * local data folder (mode 0600), so that the start-up banner can show them again; never in the repository.
 */
@Injectable()
export class SeedDemoWorld {
  private readonly logger = new Logger(SeedDemoWorld.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly agencies: AgencyRepository,
    private readonly units: UnitRepository,
    private readonly people: PersonRepository,
    private readonly hasher: PasswordHasher,
    private readonly createCase: CreateCase,
    private readonly cases: CaseRepository,
    private readonly journey: CaseJourney,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly schedule: ScheduleConference,
    private readonly agenda: PrepareAgenda,
    private readonly requestResearch: RequestResearch,
    private readonly readResearch: ReadResearch,
    private readonly returnResearch: ReturnResearch,
  ) {}

  private get loginsFile(): string {
    return join(this.config.dataDir, 'demo-logins.json');
  }

  /**
   * Seeds when the database holds nobody; answers the demo logins either way (if known). With a
   * conference (as `npm start` seeds it), a newcomer lands in a meeting being prepared: a second case,
   * a scheduled conference with its chair and invitations, both cases on its agenda, research returned
   * by two agencies and outstanding from the third.
   */
  async ensureSeeded(options: { readonly withConference?: boolean } = {}): Promise<readonly DemoLogin[]> {
    if ((await this.people.countAll()) > 0) return this.storedLogins();
    const logins = await this.seed(options.withConference ?? false);
    await mkdir(this.config.dataDir, { recursive: true });
    await writeFile(this.loginsFile, JSON.stringify(logins, null, 2), { mode: 0o600 });
    this.logger.log({ people: logins.length }, 'demo world seeded');
    return logins;
  }

  private async storedLogins(): Promise<readonly DemoLogin[]> {
    try {
      return JSON.parse(await readFile(this.loginsFile, 'utf8')) as DemoLogin[];
    } catch {
      return [];
    }
  }

  private async seed(withConference: boolean): Promise<DemoLogin[]> {
    const agencyIds = new Map<string, string>();
    const unitIds = new Map<string, string>();
    for (const agency of demoAgencies) {
      const created = await this.agencies.create({ name: agency.name, kind: agency.kind, code: agency.code });
      agencyIds.set(agency.key, created.id);
      const addUnits = async (units: readonly DemoUnit[], parentId: string | null): Promise<void> => {
        for (const unit of units) {
          const made = await this.units.create({ agencyId: created.id, parentId, name: unit.name, kind: unit.kind });
          unitIds.set(unit.key, made.id);
          await addUnits(unit.children ?? [], made.id);
        }
      };
      await addUnits(agency.units ?? [], null);
    }
    for (const agency of demoAgencies.filter((candidate) => candidate.servesForces))
      await this.agencies.update(agencyIds.get(agency.key)!, { servesForceIds: agency.servesForces!.map((key) => agencyIds.get(key)!) });

    const personIds = new Map<string, string>();
    const logins: DemoLogin[] = [];
    // Managers are listed before the people they manage, so one pass resolves every line manager.
    for (const person of demoPeople) {
      const password = generatePassword();
      const created = await this.people.create({
        name: person.name,
        email: demoEmail(person.key),
        agencyId: agencyIds.get(person.agency)!,
        unitId: person.unit ? unitIds.get(person.unit)! : null,
        roles: person.roles,
        staffNumber: person.police?.staffNumber ?? null,
        rank: person.police?.rank ?? null,
        lineManagerId: person.police?.lineManager ? personIds.get(person.police.lineManager)! : null,
        passwordHash: await this.hasher.hash(password),
      });
      personIds.set(person.key, created.id);
      for (const { unit, roleTitle, startsOn, endsOn } of person.postings ?? []) {
        await this.people.addPosting(created.id, { unitId: unitIds.get(unit)!, roleTitle, startsOn, endsOn });
      }
      logins.push({ email: created.email, password, name: person.name, note: person.note });
    }
    const caseId = await this.seedCase(agencyIds, unitIds, personIds);
    if (withConference) await this.seedConference(caseId, agencyIds, personIds);
    return logins;
  }

  /** A demo person acting as themselves, as a signed-in session would. */
  private actor(key: string, agencyIds: Map<string, string>, personIds: Map<string, string>): Actor {
    const person = demoPeople.find((candidate) => candidate.key === key)!;
    return {
      userId: personIds.get(key)!,
      sessionId: 'demo-seed',
      agencyId: agencyIds.get(person.agency)!,
      roles: person.roles,
      secondFactor: 'demo_bypass',
    };
  }

  private async seedConference(firstCaseId: string, agencyIds: Map<string, string>, personIds: Map<string, string>): Promise<void> {
    const coordinator = this.actor('coordinator', agencyIds, personIds);
    const { referringAgency, ...referral } = demoSecondCase.referral;
    const { employerForce, ...victim } = demoSecondCase.victim;
    const { force, ...suspect } = demoSecondCase.suspect;
    const second = await this.createCase.execute(coordinator, {
      referral: { ...referral, referringAgencyId: agencyIds.get(referringAgency)! },
      agencyIds: demoSecondCase.agencies.map((key) => agencyIds.get(key)!),
      investigatingForceId: null,
      consent: demoSecondCase.consent,
      // Her force is known, not where in it she works: the case is police-connected on her side, no more.
      victim: {
        ...victim,
        children: [],
        employerForceId: agencyIds.get(employerForce)!,
        userId: null,
        unitId: null,
        lineManagerId: null,
        postings: [],
      },
      suspect: {
        ...suspect,
        userId: null,
        forceId: agencyIds.get(force)!,
        unitId: null,
        lineManagerId: null,
        isPublicProtection: false,
        postings: [],
      },
      allegations: [...demoSecondCase.allegations],
      summary: demoSecondCase.summary,
    });
    await this.journey.take(second.id, { kind: 'accept' }, coordinator.userId);

    // Ten o'clock, a week ahead.
    const scheduledAt = new Date(this.clock.now().getTime() + demoConference.daysAhead * 86_400_000);
    scheduledAt.setUTCHours(10, 0, 0, 0);
    const conference = await this.schedule.execute(coordinator, {
      title: demoConference.title,
      scheduledAt: scheduledAt.toISOString(),
      location: demoConference.location,
      chairId: personIds.get('chair')!,
      invitedUserIds: [],
      invitedAgencyIds: demoConference.invitedAgencies.map((key) => agencyIds.get(key)!),
      confidentialityStatement: null,
    });
    for (const caseId of [firstCaseId, second.id]) await this.agenda.addCase(coordinator, conference.id, caseId);
    await this.requestResearch.execute(coordinator, conference.id);
    for (const [key, holdings] of Object.entries(demoConference.research)) {
      const member = this.actor(key, agencyIds, personIds);
      for (const asked of await this.readResearch.mine(member)) {
        if (asked.conferenceId !== conference.id) continue;
        await this.returnResearch.execute(member, asked.requestId, {
          holdings: { panel: holdings.panel ?? null, victim: holdings.victim ?? null, investigation: null, standards: null },
          withheld: null,
        });
      }
    }
  }

  /**
   * Registers the demo case as its coordinator would, accepts it at triage (ready for an agenda), then
   * fills in what the agencies later add.
   */
  private async seedCase(agencyIds: Map<string, string>, unitIds: Map<string, string>, personIds: Map<string, string>): Promise<string> {
    const coordinatorId = personIds.get('coordinator')!;
    const coordinator: Actor = {
      userId: coordinatorId,
      sessionId: 'demo-seed',
      agencyId: agencyIds.get('csp')!,
      roles: ['coordinator'],
      secondFactor: 'demo_bypass',
    };
    const suspect = demoPeople.find((person) => person.key === demoCase.suspect.person)!;
    const { referringAgency, ...referral } = demoCase.referral;
    const created = await this.createCase.execute(coordinator, {
      referral: { ...referral, referringAgencyId: agencyIds.get(referringAgency)! },
      agencyIds: demoCase.agencies.map((key) => agencyIds.get(key)!),
      investigatingForceId: agencyIds.get(demoCase.investigatingForce)!,
      consent: demoCase.consent,
      victim: demoCase.victim,
      suspect: {
        userId: personIds.get(suspect.key)!,
        forceId: agencyIds.get(suspect.agency)!,
        unitId: suspect.unit ? unitIds.get(suspect.unit)! : null,
        lineManagerId: suspect.police?.lineManager ? personIds.get(suspect.police.lineManager)! : null,
        name: suspect.name,
        rank: suspect.police?.rank ?? null,
        staffNumber: suspect.police?.staffNumber ?? null,
        roleTitle: demoCase.suspect.roleTitle,
        isPublicProtection: demoCase.suspect.isPublicProtection,
        postings: [],
      },
      allegations: demoCase.allegations,
      summary: demoCase.summary,
    });
    await this.journey.take(created.id, { kind: 'accept' }, coordinatorId);
    for (const [compartment, fields] of Object.entries(demoCase.laterFields)) {
      await this.cases.mergeFields(created.id, compartment as Compartment, fields, coordinatorId);
    }
    return created.id;
  }
}
