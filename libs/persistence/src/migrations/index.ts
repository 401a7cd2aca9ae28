import { SingleSignOn1796536768158 } from './1796536768158-single-sign-on.migration';
import { RestrictionRecord1796537258873 } from './1796537258874-restriction-record.migration';
import { Retention1796539632067 } from './1796539632067-retention.migration';
import { CounterAllegations1796531300854 } from './1796531300854-counter-allegations.migration';
import { VictimWorker1796529994336 } from './1796529994336-victim-worker.migration';
import { Exposure1796529887012 } from './1796529887012-exposure.migration';
import { IdvaAllocation1796530152020 } from './1796530152020-idva-allocation.migration';
import { Minutes1796527121448 } from './1796527121448-minutes.migration';
import { ResearchRequests1796509138719 } from './1796509138719-research-requests.migration';
import { SchedulingAndCirculation1796511000000 } from './1796511000000-scheduling-and-circulation.migration';
import { ReferralsAndTriage1796510100000 } from './1796510100000-referrals-and-triage.migration';
import { NotesQuarantine1796506073485 } from './1796506073485-notes-quarantine.migration';
import { CaseJourneyAndNotices1796510000000 } from './1796510000000-case-journey-and-notices.migration';
import { SpentChallengesAndNoteWriters1796411350286 } from './1796411350286-spent-challenges-and-note-writers.migration';
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
  SpentChallengesAndNoteWriters1796411350286,
  NotesQuarantine1796506073485,
  CaseJourneyAndNotices1796510000000,
  ResearchRequests1796509138719,
  SchedulingAndCirculation1796511000000,
  ReferralsAndTriage1796510100000,
  Minutes1796527121448,
  Exposure1796529887012,
  VictimWorker1796529994336,
  IdvaAllocation1796530152020,
  CounterAllegations1796531300854,
  SingleSignOn1796536768158,
  RestrictionRecord1796537258873,
  Retention1796539632067,
];
