import { Decisions1795232340243 } from './1795232340243-decisions.migration';
import { RestrictionWithdrawal1795235080005 } from './1795235080005-restriction-withdrawal.migration';
import { Notes1795231360742 } from './1795231360750-notes.migration';
import { Conferences1795226087758 } from './1795226087759-conferences.migration';
import type { MigrationInterface } from 'typeorm';
import { AccessLogAppendOnly1795224928372 } from './1795224928372-access-log-append-only.migration';
import { Cases1795224928371 } from './1795224928371-cases.migration';
import { Foundation1795223221401 } from './1795223221401-foundation.migration';

/** Every migration, in order. `npm run migration:generate -- <Name>` appends here. */
export const migrations: (new () => MigrationInterface)[] = [
  Foundation1795223221401,
  Cases1795224928371,
  AccessLogAppendOnly1795224928372,
  Conferences1795226087758,
  Notes1795231360742,
  Decisions1795232340243,
  RestrictionWithdrawal1795235080005,
];
