import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { agencyCode, email as emailSchema } from '@caseroom/contracts';
import { AgencyRepository, PersonRepository } from '@caseroom/persistence';
import { generatePassword, PasswordHasher } from '../features/identity/password-hasher';
import { runCommand, withConfiguredDatabase } from './configured-database';

const usage = 'Usage: npm run admin:create -- --email <e-mail> --name "<full name>" --agency-code <CODE> [--agency-name "<name>"]';

/**
 * Creates an administrator on a database with nobody to do it through the API (a new production
 * deployment). The password is generated and printed once; the first sign-in enrols an authenticator.
 */
runCommand(async () => {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, 'agency-code': { type: 'string' }, 'agency-name': { type: 'string' } },
  });
  const email = emailSchema.safeParse(values.email ?? '');
  const code = agencyCode.safeParse(values['agency-code'] ?? '');
  const name = values.name?.trim();
  if (!email.success || !code.success || !name) throw new Error(usage);

  await withConfiguredDatabase(async (dataSource, config) => {
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
  });
});
