import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Milliseconds in UTC, as `npm run audit:verify` reads them back. */
const utc = (column: string) => `to_char(NEW.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const kinds = {
  before: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected')`,
  after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert')`,
};

/**
 * The trace of refused attempts (decision 0023), append-only and chained like the access log, and the
 * alerts raised from it to professional standards and the IOPC, with their notices.
 */
export class Exposure1796529887012 implements MigrationInterface {
  name = 'Exposure1796529887012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "refusals" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "person_id" uuid NOT NULL, "case_id" uuid, "attempted" text, "channel" text NOT NULL, "attempt" text NOT NULL, "reason" text NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "refusals_attempt_check" CHECK (attempt IN ('read','write','search','sync','download','guess')), CONSTRAINT "refusals_channel_check" CHECK (channel IN ('http','socket','export')), CONSTRAINT "PK_824a833ffbbd66567a183f83ded" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "refusals_case_idx" ON "refusals"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "refusals_person_idx" ON "refusals"  ("person_id", "occurred_at") `);
    await queryRunner.query(
      `CREATE TABLE "exposure_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" text NOT NULL, "case_id" uuid, "person_id" uuid NOT NULL, "first_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, "channels" text array NOT NULL, "attempt_kinds" text array NOT NULL, "reason" text NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" uuid, "action_taken" text, CONSTRAINT "exposure_alerts_acknowledgement_check" CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL)), CONSTRAINT "exposure_alerts_kind_check" CHECK (kind IN ('linked_attempt','unusual_pattern')), CONSTRAINT "PK_b2437fc120756dcc8de97c27974" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exposure_alerts_case_idx" ON "exposure_alerts"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "exposure_alerts_person_idx" ON "exposure_alerts"  ("person_id", "last_at") `);
    await queryRunner.query(
      `ALTER TABLE "refusals" ADD CONSTRAINT "FK_c803ccd84d1b8199a754aa941bc" FOREIGN KEY ("person_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refusals" ADD CONSTRAINT "FK_74309d8aa27720a2114d666db29" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exposure_alerts" ADD CONSTRAINT "FK_411c6aefac48f5e646839c5a856" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exposure_alerts" ADD CONSTRAINT "FK_f7234f27b8b2370d4fa72e0fdc4" FOREIGN KEY ("person_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "exposure_alerts" ADD CONSTRAINT "FK_86bf1a1fa93aced9e69523f351b" FOREIGN KEY ("acknowledged_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.after})`);
    await queryRunner.query(`CREATE SEQUENCE refusals_id_seq AS bigint OWNED BY refusals.id`);
    await queryRunner.query(`
      CREATE FUNCTION refusals_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7217713);
        NEW.id := nextval('refusals_id_seq');
        NEW.occurred_at := date_trunc('milliseconds', clock_timestamp());
        SELECT hash INTO previous FROM refusals ORDER BY id DESC LIMIT 1;
        NEW.previous_hash := COALESCE(previous, repeat('0', 64));
        NEW.hash := encode(sha256(convert_to(concat_ws('|', quote_nullable(NEW.id::text), quote_nullable(${utc('occurred_at')}),
          quote_nullable(NEW.person_id::text), quote_nullable(NEW.case_id::text), quote_nullable(NEW.attempted), quote_nullable(NEW.channel),
          quote_nullable(NEW.attempt), quote_nullable(NEW.reason), quote_nullable(NEW.previous_hash)), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER refusals_chain BEFORE INSERT ON refusals FOR EACH ROW EXECUTE FUNCTION refusals_chain()`);
    await queryRunner.query(
      `CREATE TRIGGER refusals_no_update BEFORE UPDATE OR DELETE ON refusals FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER refusals_no_truncate BEFORE TRUNCATE ON refusals FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON refusals FROM PUBLIC`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN
          GRANT SELECT, INSERT ON refusals TO caseroom_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON refusals FROM caseroom_app;
          GRANT USAGE ON SEQUENCE refusals_id_seq TO caseroom_app;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER refusals_no_truncate ON refusals`);
    await queryRunner.query(`DROP TRIGGER refusals_no_update ON refusals`);
    await queryRunner.query(`DROP TRIGGER refusals_chain ON refusals`);
    await queryRunner.query(`DROP FUNCTION refusals_chain()`);
    await queryRunner.query(`DROP SEQUENCE refusals_id_seq`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.before})`);
    await queryRunner.query(`ALTER TABLE "exposure_alerts" DROP CONSTRAINT "FK_86bf1a1fa93aced9e69523f351b"`);
    await queryRunner.query(`ALTER TABLE "exposure_alerts" DROP CONSTRAINT "FK_f7234f27b8b2370d4fa72e0fdc4"`);
    await queryRunner.query(`ALTER TABLE "exposure_alerts" DROP CONSTRAINT "FK_411c6aefac48f5e646839c5a856"`);
    await queryRunner.query(`ALTER TABLE "refusals" DROP CONSTRAINT "FK_74309d8aa27720a2114d666db29"`);
    await queryRunner.query(`ALTER TABLE "refusals" DROP CONSTRAINT "FK_c803ccd84d1b8199a754aa941bc"`);
    await queryRunner.query(`DROP INDEX "public"."exposure_alerts_person_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exposure_alerts_case_idx"`);
    await queryRunner.query(`DROP TABLE "exposure_alerts"`);
    await queryRunner.query(`DROP INDEX "public"."refusals_person_idx"`);
    await queryRunner.query(`DROP INDEX "public"."refusals_case_idx"`);
    await queryRunner.query(`DROP TABLE "refusals"`);
  }
}
