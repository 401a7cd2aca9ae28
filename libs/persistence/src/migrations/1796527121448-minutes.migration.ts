import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Milliseconds in UTC, as `npm run audit:verify` reads them back. */
const utc = (column: string) => `to_char(NEW.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The trigger that numbers, stamps and chains each row under a lock, every field hashed as an SQL literal (as decisions'). */
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

const appendOnly = ['minutes', 'minutes_events'] as const;

const kinds = {
  before: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder')`,
  after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected')`,
};

/**
 * Minutes (decision 0022): drafts the chair edits; approved versions, append-only and chained like
 * decisions; one copy per recipient with what the policy gave them; the chained events of each copy
 * (issued, downloaded, refused, withdrawn, reissued); the notices that go with them; and when each
 * agenda item was discussed, for attendance per item.
 */
export class Minutes1796527121448 implements MigrationInterface {
  name = 'Minutes1796527121448';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "minutes" ("id" uuid NOT NULL, "sequence" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "conference_id" uuid NOT NULL, "version" integer NOT NULL, "content" jsonb NOT NULL, "approved_by" uuid NOT NULL, "supersedes_id" uuid, "correction_reason" text, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "minutes_correction_reason_check" CHECK ((supersedes_id IS NULL) = (correction_reason IS NULL)), CONSTRAINT "PK_6430e69788e26236b493d6fcc7e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "minutes_conference_version_key" ON "minutes"  ("conference_id", "version") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "minutes_supersedes_key" ON "minutes"  ("supersedes_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "minutes_sequence_key" ON "minutes"  ("sequence") `);
    await queryRunner.query(
      `CREATE TABLE "minutes_drafts" ("conference_id" uuid NOT NULL, "revision" integer NOT NULL, "content" jsonb NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7003fed807cbb1d694b3075e35b" PRIMARY KEY ("conference_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "minutes_copies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "minutes_id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "recipient_name" text NOT NULL, "recipient_agency_name" text NOT NULL, "number" integer NOT NULL, "fingerprint_key" text NOT NULL, "policy_version" bigint NOT NULL, "holds" jsonb NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "issued_by" uuid NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_reason" text, "replaced_by" uuid, CONSTRAINT "PK_eec84d44e6ffb9127a95bf8045b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "minutes_copies_recipient_idx" ON "minutes_copies"  ("recipient_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "minutes_copies_minutes_number_key" ON "minutes_copies"  ("minutes_id", "number") `);
    await queryRunner.query(
      `CREATE TABLE "minutes_events" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "copy_id" uuid NOT NULL, "step" text NOT NULL, "by_id" uuid NOT NULL, "detail" jsonb NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "minutes_events_step_check" CHECK (step IN ('issued','downloaded','refused','withdrawn','reissued')), CONSTRAINT "PK_4347e66ee2f664ef99d232d6e2d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "minutes_events_copy_idx" ON "minutes_events"  ("copy_id") `);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "started_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "agenda_items" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_a3e97ab42a31afa3e2b2dbb188a" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_209425fd0934dd736277f972090" FOREIGN KEY ("approved_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes" ADD CONSTRAINT "FK_ed19602b0b349c561cffdc3e1e9" FOREIGN KEY ("supersedes_id") REFERENCES "minutes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_drafts" ADD CONSTRAINT "FK_7003fed807cbb1d694b3075e35b" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_drafts" ADD CONSTRAINT "FK_9ec77259def68cf166e01684e2a" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_copies" ADD CONSTRAINT "FK_37743bbda3c998fe6d1235987fc" FOREIGN KEY ("minutes_id") REFERENCES "minutes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_copies" ADD CONSTRAINT "FK_519b068ac52e1febb53869ad6d2" FOREIGN KEY ("recipient_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_copies" ADD CONSTRAINT "FK_75e917341e89c45f2becee1ec71" FOREIGN KEY ("replaced_by") REFERENCES "minutes_copies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "minutes_events" ADD CONSTRAINT "FK_c2431e6f1d54bbf2ce246040cc7" FOREIGN KEY ("copy_id") REFERENCES "minutes_copies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.after})`);
    await queryRunner.query(`CREATE SEQUENCE minutes_sequence_seq AS bigint OWNED BY minutes.sequence`);
    await queryRunner.query(
      chainFunction('minutes', 'sequence', 'recorded_at', 7217711, [
        'NEW.id::text',
        'NEW.sequence::text',
        utc('recorded_at'),
        'NEW.conference_id::text',
        'NEW.version::text',
        'NEW.content::text',
        'NEW.approved_by::text',
        'NEW.supersedes_id::text',
        'NEW.correction_reason',
      ]),
    );
    await queryRunner.query(`CREATE SEQUENCE minutes_events_id_seq AS bigint OWNED BY minutes_events.id`);
    await queryRunner.query(
      chainFunction('minutes_events', 'id', 'occurred_at', 7217712, [
        'NEW.id::text',
        utc('occurred_at'),
        'NEW.copy_id::text',
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
          GRANT USAGE ON SEQUENCE minutes_sequence_seq, minutes_events_id_seq TO caseroom_app;
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
    await queryRunner.query(`DROP SEQUENCE minutes_events_id_seq`);
    await queryRunner.query(`DROP SEQUENCE minutes_sequence_seq`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.before})`);
    await queryRunner.query(`ALTER TABLE "minutes_events" DROP CONSTRAINT "FK_c2431e6f1d54bbf2ce246040cc7"`);
    await queryRunner.query(`ALTER TABLE "minutes_copies" DROP CONSTRAINT "FK_75e917341e89c45f2becee1ec71"`);
    await queryRunner.query(`ALTER TABLE "minutes_copies" DROP CONSTRAINT "FK_519b068ac52e1febb53869ad6d2"`);
    await queryRunner.query(`ALTER TABLE "minutes_copies" DROP CONSTRAINT "FK_37743bbda3c998fe6d1235987fc"`);
    await queryRunner.query(`ALTER TABLE "minutes_drafts" DROP CONSTRAINT "FK_9ec77259def68cf166e01684e2a"`);
    await queryRunner.query(`ALTER TABLE "minutes_drafts" DROP CONSTRAINT "FK_7003fed807cbb1d694b3075e35b"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_ed19602b0b349c561cffdc3e1e9"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_209425fd0934dd736277f972090"`);
    await queryRunner.query(`ALTER TABLE "minutes" DROP CONSTRAINT "FK_a3e97ab42a31afa3e2b2dbb188a"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP COLUMN "started_at"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_events_copy_idx"`);
    await queryRunner.query(`DROP TABLE "minutes_events"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_copies_minutes_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_copies_recipient_idx"`);
    await queryRunner.query(`DROP TABLE "minutes_copies"`);
    await queryRunner.query(`DROP TABLE "minutes_drafts"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_sequence_key"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_supersedes_key"`);
    await queryRunner.query(`DROP INDEX "public"."minutes_conference_version_key"`);
    await queryRunner.query(`DROP TABLE "minutes"`);
  }
}
