import { Foundation1795223221401 } from './1795223221401-foundation.migration';
import type { MigrationInterface } from 'typeorm';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends here. */
export const migrations: (new () => MigrationInterface)[] = [Foundation1795223221401];
