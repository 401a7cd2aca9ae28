import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { agencyCode, email as emailSchema } from '@caseroom/contracts';
import { AgencyRepository, migrate, openDatabase, PersonRepository } from '@caseroom/persistence';
import { loadConfig } from '../config/app-config';
import { generatePassword, PasswordHasher } from '../features/identity/password-hasher';

const usage = 'Usage: npm run admin:create -- --email <e-mail> --name "<full name>" --agency-code <CODE> [--agency-name "<name>"]';

/**
 * Creates an administrator on a database with nobody to do it through the API (a new production
 * deployment). The password is generated and printed once; the first sign-in enrols an authenticator.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, 'agency-code': { type: 'string' }, 'agency-name': { type: 'string' } },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  const code = agencyCode.safeParse(values['agency-code'] ?? '');
  const name = values.name?.trim();
  if (!email.success || !code.success || !name) throw new Error(usage);

  const config = loadConfig();
  const database = await openDatabase(
    config.database.url !== null
      ? { kind: 'postgres', url: config.database.url, poolSize: 1 }
      : { kind: 'embedded', dataDir: join(config.dataDir, 'pgdata') },
  );
  try {
    await migrate(database);
    const dataSource = await new DataSource(database.options).initialize();
    try {
      const agencies = new AgencyRepository(dataSource);
      const agency =
        (await agencies.listAll()).find((candidate) => candidate.code === code.data) ??
        (await agencies.create({ name: values['agency-name']?.trim() || code.data, kind: 'other', code: code.data }));
      const password = generatePassword();
      await new PersonRepository(dataSource).create({
        name,
        email: email.data,
        agencyId: agency.id,
        unitId: null,
        roles: ['administrator'],
        staffNumber: null,
        rank: null,
        lineManagerId: null,
        passwordHash: await new PasswordHasher(config).hash(password),
      });
      process.stdout.write(
        `Administrator ${email.data} created in ${agency.name}.\nPassword (shown once; hand it over safely): ${password}\n` +
          'The first sign-in asks for an authenticator app to be enrolled.\n',
      );
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
