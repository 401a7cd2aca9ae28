import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Milliseconds in UTC, as `npm run audit:verify` reads them back. */
const utc = (column: string) => `to_char(NEW.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The trigger that numbers, stamps and chains each row of an append-only record under a lock (as the
 * access log's does). Every field is written as an SQL literal (`quote_nullable`), so that a null, an
 * empty text and a text containing the separator each hash differently.
 */
function chainFunction(table: string, order: string, stamp: string, lockKey: number, fields: readonly string[]): string {
  const hashed = [...fields, 'NEW.previous_hash'].map((field) => `quote_nullable(${field})`).join(', ');
  return `
    CREATE FUNCTION ${table}_chain() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      previous text;
    BEGIN
      PERFORM pg_advisory_xact_lock(${lockKey});
      NEW.${order} := nextval('${table}_${order}_seq');
      NEW.${stamp} := date_trunc('milliseconds', clock_timestamp());
      SELECT hash INTO previous FROM ${table} ORDER BY ${order} DESC LIMIT 1;
      NEW.previous_hash := COALESCE(previous, repeat('0', 64));
      NEW.hash := encode(sha256(convert_to(concat_ws('|', ${hashed}), 'UTF8')), 'hex');
      RETURN NEW;
    END $$`;
}

const appendOnly = ['decisions', 'restriction_events'] as const;

/**
 * Actions, decisions, duty restrictions, notifications and the lease that keeps a scheduled job to one instance. Decisions and restriction events are
 * append-only and chained like the access log (migration AccessLogAppendOnly, decision 0011):
 * the database refuses UPDATE, DELETE and TRUNCATE on them, and the application role may only read
 * and insert. `restrictions` is the current state those events lead to, changed only alongside one.
 */
export class Decisions1795232340243 implements MigrationInterface {
  name = 'Decisions1795232340243';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "conference_id" uuid, "compartment" text NOT NULL, "text" text NOT NULL, "owner_agency_id" uuid NOT NULL, "owner_user_id" uuid, "due_on" date NOT NULL, "status" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_actions_status_check" CHECK (status IN ('open','done','not_possible','not_done')), CONSTRAINT "case_actions_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_8b999ee896ebcdf6702df306fb3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_actions_open_due_idx" ON "case_actions"  ("due_on") WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX "case_actions_case_idx" ON "case_actions"  ("case_id") `);
    await queryRunner.query(
      `CREATE TABLE "action_updates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "action_id" uuid NOT NULL, "status" text NOT NULL, "note" text NOT NULL, "by_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "action_updates_status_check" CHECK (status IN ('open','done','not_possible','not_done')), CONSTRAINT "PK_e5a2ca5044f578206b6839cd83f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "action_updates_action_idx" ON "action_updates"  ("action_id") `);
    await queryRunner.query(
      `CREATE TABLE "decisions" ("id" uuid NOT NULL, "sequence" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "case_id" uuid NOT NULL, "conference_id" uuid NOT NULL, "kind" text NOT NULL, "compartment" text NOT NULL, "rationale" text NOT NULL, "options_considered" text, "details" jsonb NOT NULL, "positions" jsonb NOT NULL, "recorded_by" uuid NOT NULL, "supersedes_id" uuid, "supersede_reason" text, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "decisions_supersede_reason_check" CHECK ((supersedes_id IS NULL) = (supersede_reason IS NULL)), CONSTRAINT "decisions_kind_check" CHECK (kind IN ('remove_from_public_protection','no_unsupervised_contact','restrict_system_access','management_restricted_duties','recommend_suspension','refer_to_iopc','investigation_by_another_force','vetting_review','victim_safeguarding','no_further_action')), CONSTRAINT "decisions_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_48eee6fa229cd5e43648f6a2ec3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "decisions_supersedes_key" ON "decisions"  ("supersedes_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "decisions_sequence_key" ON "decisions"  ("sequence") `);
    await queryRunner.query(`CREATE INDEX "decisions_case_idx" ON "decisions"  ("case_id") `);
    await queryRunner.query(
      `CREATE TABLE "restrictions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "decision_id" uuid NOT NULL, "force_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "effective_on" date, "conditions" text, "legal_basis" text, "review_cycle" text, "next_review_on" date, "ended_on" date, "proposed_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "restrictions_kind_check" CHECK (kind IN ('remove_from_public_protection','no_unsupervised_contact','restrict_system_access','management_restricted_duties','recommend_suspension')), CONSTRAINT "restrictions_status_check" CHECK (status IN ('requested','decline_pending','declined','applied','lift_pending','lifted')), CONSTRAINT "PK_f86a9a487b1348b0349f104154e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "restrictions_force_status_idx" ON "restrictions"  ("force_id", "status") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "restrictions_decision_key" ON "restrictions"  ("decision_id") `);
    await queryRunner.query(
      `CREATE TABLE "restriction_events" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "restriction_id" uuid NOT NULL, "step" text NOT NULL, "by_id" uuid NOT NULL, "detail" jsonb NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "restriction_events_step_check" CHECK (step IN ('requested','applied','reviewed','decline_proposed','lift_proposed','approved','rejected')), CONSTRAINT "PK_95b45206b946f7295e717e8c63c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "restriction_events_restriction_idx" ON "restriction_events"  ("restriction_id") `);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "case_id" uuid, "subject_id" uuid NOT NULL, "message" text NOT NULL, "due_on" date, "dedupe_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notifications_kind_check" CHECK (kind IN ('restriction_requested','restriction_declined','review_due','review_overdue','action_due','action_overdue')), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "notifications_recipient_idx" ON "notifications"  ("recipient_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications"  ("dedupe_key") `);
    await queryRunner.query(
      `ALTER TABLE "case_actions" ADD CONSTRAINT "FK_35638f23970b3b8a3a5170be780" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_actions" ADD CONSTRAINT "FK_8d5517b201029fdbccb77628843" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_actions" ADD CONSTRAINT "FK_91462ea1b8eb6c503801161022d" FOREIGN KEY ("owner_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_actions" ADD CONSTRAINT "FK_3be1e03cc860677f111be07c86c" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "action_updates" ADD CONSTRAINT "FK_c56fa164446eaf08bf11d085a39" FOREIGN KEY ("action_id") REFERENCES "case_actions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_3b2233377205f3b08d671968a91" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_0cd8458c5ea39ac7cf79cbce6dd" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "decisions" ADD CONSTRAINT "FK_b4d6fc409a602223a1af6aa16da" FOREIGN KEY ("supersedes_id") REFERENCES "decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "FK_7ee7ad722e14801a67b834f09f9" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "FK_1417299923d851e434ce3000b86" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "FK_b5351428966b3e6bb5d1a2916ad" FOREIGN KEY ("force_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "restriction_events" ADD CONSTRAINT "FK_987c9dec37dddd682ae08ea9179" FOREIGN KEY ("restriction_id") REFERENCES "restrictions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(
      `CREATE TABLE "job_leases" ("name" text NOT NULL, "holder" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a5aaa7b6169ce751dd85a6f0beb" PRIMARY KEY ("name"))`,
    );
    await queryRunner.query(`CREATE SEQUENCE decisions_sequence_seq AS bigint OWNED BY decisions.sequence`);
    await queryRunner.query(
      chainFunction('decisions', 'sequence', 'recorded_at', 7217709, [
        'NEW.id::text',
        'NEW.sequence::text',
        utc('recorded_at'),
        'NEW.case_id::text',
        'NEW.conference_id::text',
        'NEW.kind',
        'NEW.compartment',
        'NEW.rationale',
        'NEW.options_considered',
        'NEW.details::text',
        'NEW.positions::text',
        'NEW.recorded_by::text',
        'NEW.supersedes_id::text',
        'NEW.supersede_reason',
      ]),
    );
    await queryRunner.query(`CREATE SEQUENCE restriction_events_id_seq AS bigint OWNED BY restriction_events.id`);
    await queryRunner.query(
      chainFunction('restriction_events', 'id', 'occurred_at', 7217710, [
        'NEW.id::text',
        utc('occurred_at'),
        'NEW.restriction_id::text',
        'NEW.step',
        'NEW.by_id::text',
        'NEW.detail::text',
      ]),
    );
    for (const table of appendOnly) {
      await queryRunner.query(`CREATE TRIGGER ${table}_chain BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_chain()`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`);
      await queryRunner.query(`
        DO $$ BEGIN
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN
            GRANT SELECT, INSERT ON ${table} TO caseroom_app;
            REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM caseroom_app;
          END IF;
        END $$`);
    }
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN
          GRANT USAGE ON SEQUENCE decisions_sequence_seq, restriction_events_id_seq TO caseroom_app;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [...appendOnly].reverse()) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_chain ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${table}_chain()`);
    }
    await queryRunner.query(`DROP SEQUENCE restriction_events_id_seq`);
    await queryRunner.query(`DROP SEQUENCE decisions_sequence_seq`);
    await queryRunner.query(`DROP TABLE "job_leases"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_5332a4daa46fd3f4e6625dd275d"`);
    await queryRunner.query(`ALTER TABLE "restriction_events" DROP CONSTRAINT "FK_987c9dec37dddd682ae08ea9179"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "FK_b5351428966b3e6bb5d1a2916ad"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "FK_1417299923d851e434ce3000b86"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "FK_7ee7ad722e14801a67b834f09f9"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_b4d6fc409a602223a1af6aa16da"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_0cd8458c5ea39ac7cf79cbce6dd"`);
    await queryRunner.query(`ALTER TABLE "decisions" DROP CONSTRAINT "FK_3b2233377205f3b08d671968a91"`);
    await queryRunner.query(`ALTER TABLE "action_updates" DROP CONSTRAINT "FK_c56fa164446eaf08bf11d085a39"`);
    await queryRunner.query(`ALTER TABLE "case_actions" DROP CONSTRAINT "FK_3be1e03cc860677f111be07c86c"`);
    await queryRunner.query(`ALTER TABLE "case_actions" DROP CONSTRAINT "FK_91462ea1b8eb6c503801161022d"`);
    await queryRunner.query(`ALTER TABLE "case_actions" DROP CONSTRAINT "FK_8d5517b201029fdbccb77628843"`);
    await queryRunner.query(`ALTER TABLE "case_actions" DROP CONSTRAINT "FK_35638f23970b3b8a3a5170be780"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_dedupe_key"`);
    await queryRunner.query(`DROP INDEX "public"."notifications_recipient_idx"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."restriction_events_restriction_idx"`);
    await queryRunner.query(`DROP TABLE "restriction_events"`);
    await queryRunner.query(`DROP INDEX "public"."restrictions_decision_key"`);
    await queryRunner.query(`DROP INDEX "public"."restrictions_force_status_idx"`);
    await queryRunner.query(`DROP TABLE "restrictions"`);
    await queryRunner.query(`DROP INDEX "public"."decisions_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."decisions_sequence_key"`);
    await queryRunner.query(`DROP INDEX "public"."decisions_supersedes_key"`);
    await queryRunner.query(`DROP TABLE "decisions"`);
    await queryRunner.query(`DROP INDEX "public"."action_updates_action_idx"`);
    await queryRunner.query(`DROP TABLE "action_updates"`);
    await queryRunner.query(`DROP INDEX "public"."case_actions_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."case_actions_open_due_idx"`);
    await queryRunner.query(`DROP TABLE "case_actions"`);
  }
}
