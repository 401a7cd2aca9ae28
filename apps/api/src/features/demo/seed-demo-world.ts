import { Inject, Injectable, Logger } from '@nestjs/common';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgencyRepository, PersonRepository, UnitRepository } from '@caseroom/persistence';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { generatePassword, PasswordHasher } from '../identity/password-hasher';
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
  ) {}

  private get loginsFile(): string {
    return join(this.config.dataDir, 'demo-logins.json');
  }

  /** Seeds when the database holds nobody; answers the demo logins either way (if known). */
  async ensureSeeded(): Promise<readonly DemoLogin[]> {
    if ((await this.people.countAll()) > 0) return this.storedLogins();
    const logins = await this.seed();
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

  private async seed(): Promise<DemoLogin[]> {
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
    return logins;
  }
}
