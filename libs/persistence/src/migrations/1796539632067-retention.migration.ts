import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Milliseconds in UTC, as `npm run audit:verify` reads them back. */
const utc = (column: string) => `to_char(NEW.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Append-only tables the erasure may change, and only inside `erase_case_records` (decision 0031). */
const erasable = ['access_log', 'decisions', 'restriction_events', 'minutes', 'victim_contacts', 'idva_allocations'] as const;

/**
 * Retention and erasure (decision 0031): legal holds; the chained record of every erasure; and the one
 * database function that erases a kind of a closed case's records when its period has passed, unless a
 * hold is set. The append-only triggers let a change through only while that function runs (it sets
 * `caseroom.erasing` for the length of its own work), and then only one that keeps every chained row's
 * place and hashes. The application role may execute the function but holds no UPDATE or DELETE on
 * these tables, so it cannot take that path by setting the flag itself.
 */
/** What stays of a chained row once erased: its place, its hashes and the fields that carry no content. */
const erased = `'erased'`;

/**
 * Erases one kind of a case's records, and records that it did, in the caller's transaction. It refuses
 * an open case, a case under a legal hold, a period shorter than a year or not yet passed; a kind already
 * erased is left as it is. Chained rows keep their place and hashes; their content is replaced by the
 * marker `npm run audit:verify` recognises (libs/persistence chains.ts).
 */
const eraseCaseRecords = `
  CREATE FUNCTION erase_case_records(p_case uuid, p_kind text, p_days integer, p_now timestamptz) RETURNS boolean
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  DECLARE
    closed_on date;
    today date := (p_now AT TIME ZONE 'UTC')::date;
    conference uuid;
  BEGIN
    PERFORM 1 FROM cases WHERE id = p_case FOR UPDATE;
    closed_on := case_closed_on(p_case);
    IF closed_on IS NULL THEN
      RAISE EXCEPTION 'only a closed case is erased' USING ERRCODE = 'check_violation';
    END IF;
    IF p_days < 365 OR closed_on + p_days > today THEN
      RAISE EXCEPTION 'the retention period has not passed' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM legal_holds WHERE case_id = p_case AND released_at IS NULL) THEN
      RAISE EXCEPTION 'the case is under a legal hold' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM case_erasures WHERE case_id = p_case AND kind = p_kind) THEN
      RETURN false;
    END IF;
    PERFORM set_config('caseroom.erasing', 'on', true);
    CASE p_kind
      WHEN 'case_content' THEN
        UPDATE case_compartments SET fields = '{}'::jsonb WHERE case_id = p_case;
        DELETE FROM case_entries WHERE case_id = p_case;
        DELETE FROM case_risk_assessments WHERE case_id = p_case;
        DELETE FROM case_counter_allegations WHERE case_id = p_case;
        DELETE FROM case_suspect_postings WHERE case_id = p_case;
        DELETE FROM case_victim_postings WHERE case_id = p_case;
        DELETE FROM case_victim_workers WHERE case_id = p_case;
        UPDATE case_suspects SET unit_id = NULL, line_manager_id = NULL WHERE case_id = p_case;
        UPDATE cases SET victim_match_key = ${erased}, suspect_match_key = ${erased} WHERE id = p_case;
        UPDATE case_conflicts SET reason = ${erased} WHERE case_id = p_case;
        UPDATE case_status_changes SET reason = NULL WHERE case_id = p_case;
        DELETE FROM action_updates WHERE action_id IN (SELECT id FROM case_actions WHERE case_id = p_case);
        UPDATE case_actions SET text = ${erased} WHERE case_id = p_case;
        UPDATE research_requests SET withheld = NULL WHERE case_id = p_case;
        UPDATE exposure_alerts SET action_taken = NULL WHERE case_id = p_case AND action_taken IS NOT NULL;
        UPDATE restrictions SET conditions = NULL WHERE case_id = p_case;
        UPDATE restriction_events SET detail = '{}'::jsonb
          WHERE restriction_id IN (SELECT id FROM restrictions WHERE case_id = p_case);
        UPDATE decisions SET rationale = ${erased}, options_considered = NULL, details = '{}'::jsonb, positions = '[]'::jsonb,
          supersede_reason = CASE WHEN supersede_reason IS NULL THEN NULL ELSE ${erased} END
          WHERE case_id = p_case;
        DELETE FROM victim_contacts WHERE case_id = p_case;
        DELETE FROM victim_statuses WHERE case_id = p_case;
        DELETE FROM idva_allocations WHERE case_id = p_case;
      WHEN 'notes' THEN
        DELETE FROM note_quarantine WHERE case_id = p_case;
        DELETE FROM note_writers WHERE case_id = p_case;
        DELETE FROM note_updates WHERE case_id = p_case;
        DELETE FROM note_documents WHERE case_id = p_case;
      WHEN 'minutes' THEN
        UPDATE minutes_copies SET holds = holds - p_case::text WHERE holds ? p_case::text;
        -- Minutes are written per conference: they go once no other case they cover must still keep them.
        FOR conference IN SELECT DISTINCT conference_id FROM agenda_items WHERE case_id = p_case LOOP
          CONTINUE WHEN EXISTS (
            SELECT 1 FROM agenda_items other WHERE other.conference_id = conference AND other.case_id <> p_case
               AND (case_closed_on(other.case_id) IS NULL OR case_closed_on(other.case_id) + p_days > today
                    OR EXISTS (SELECT 1 FROM legal_holds h WHERE h.case_id = other.case_id AND h.released_at IS NULL)));
          DELETE FROM minutes_drafts WHERE conference_id = conference;
          UPDATE minutes_copies SET withdrawn_reason = ${erased}
            WHERE withdrawn_reason IS NOT NULL AND minutes_id IN (SELECT id FROM minutes WHERE conference_id = conference);
          UPDATE minutes SET content = '{}'::jsonb,
            correction_reason = CASE WHEN correction_reason IS NULL THEN NULL ELSE ${erased} END
            WHERE conference_id = conference;
        END LOOP;
      WHEN 'access_log' THEN
        UPDATE access_log SET viewer_id = '00000000-0000-0000-0000-000000000000', reason = ${erased} WHERE case_id = p_case;
      ELSE
        RAISE EXCEPTION 'no such kind of record' USING ERRCODE = 'check_violation';
    END CASE;
    PERFORM set_config('caseroom.erasing', 'off', true);
    INSERT INTO case_erasures (case_id, kind, rule)
      VALUES (p_case, p_kind, format('%s days after the case closed on %s', p_days, to_char(closed_on, 'DD/MM/YYYY')));
    RETURN true;
  END $$`;

export class Retention1796539632067 implements MigrationInterface {
  name = 'Retention1796539632067';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "legal_holds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "reason" text NOT NULL, "set_by" uuid NOT NULL, "set_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_by" uuid, "released_at" TIMESTAMP WITH TIME ZONE, "release_reason" text, CONSTRAINT "PK_bbe3e0c98678909493a90442dfb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "legal_holds_one_active_idx" ON "legal_holds"  ("case_id") WHERE released_at IS NULL`);
    await queryRunner.query(
      `CREATE TABLE "case_erasures" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "rule" text NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "case_erasures_kind_check" CHECK (kind IN ('case_content','notes','minutes','access_log')), CONSTRAINT "PK_2e0f81c816e8b782266c5e93927" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "case_erasures_case_kind_idx" ON "case_erasures"  ("case_id", "kind") `);
    await queryRunner.query(
      `ALTER TABLE "legal_holds" ADD CONSTRAINT "FK_e332f88bb3195453dfea6c99603" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_holds" ADD CONSTRAINT "FK_dbdf88f52b97e52dccc082452b5" FOREIGN KEY ("set_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "legal_holds" ADD CONSTRAINT "FK_85a90d150f49c2e3eb1083b0763" FOREIGN KEY ("released_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_erasures" ADD CONSTRAINT "FK_14c24150a369b664ee312307d71" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`CREATE SEQUENCE case_erasures_id_seq AS bigint OWNED BY case_erasures.id`);
    await queryRunner.query(`
      CREATE FUNCTION case_erasures_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7217719);
        NEW.id := nextval('case_erasures_id_seq');
        NEW.occurred_at := date_trunc('milliseconds', clock_timestamp());
        SELECT hash INTO previous FROM case_erasures ORDER BY id DESC LIMIT 1;
        NEW.previous_hash := COALESCE(previous, repeat('0', 64));
        NEW.hash := encode(sha256(convert_to(concat_ws('|', quote_nullable(NEW.id::text), quote_nullable(${utc('occurred_at')}),
          quote_nullable(NEW.case_id::text), quote_nullable(NEW.kind), quote_nullable(NEW.rule), quote_nullable(NEW.previous_hash)), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER case_erasures_chain BEFORE INSERT ON case_erasures FOR EACH ROW EXECUTE FUNCTION case_erasures_chain()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER case_erasures_no_update BEFORE UPDATE OR DELETE ON case_erasures FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER case_erasures_no_truncate BEFORE TRUNCATE ON case_erasures FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION refuse_change_outside_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('caseroom.erasing', true) = 'on' THEN
          IF NOT (to_jsonb(OLD) ? 'hash') THEN
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
          END IF;
          IF TG_OP = 'UPDATE' AND to_jsonb(NEW)->>'hash' = to_jsonb(OLD)->>'hash'
             AND to_jsonb(NEW)->>'previous_hash' = to_jsonb(OLD)->>'previous_hash'
             AND to_jsonb(NEW)->>'id' = to_jsonb(OLD)->>'id' THEN
            RETURN NEW;
          END IF;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of erasable) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_update ON ${table}`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change_outside_erasure()`,
      );
    }
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION victim_statuses_keep_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.released_at IS NOT NULL AND current_setting('caseroom.erasing', true) IS DISTINCT FROM 'on' THEN
          RAISE EXCEPTION 'a released status for the victim is fixed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION case_closed_on(p_case uuid) RETURNS date LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN c.status = 'closed' THEN
          (SELECT max(changed_at AT TIME ZONE 'UTC')::date FROM case_status_changes WHERE case_id = c.id AND to_status = 'closed')
        END FROM cases c WHERE c.id = p_case
      $$`);
    await queryRunner.query(eraseCaseRecords);
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON case_erasures FROM PUBLIC`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION erase_case_records(uuid, text, integer, timestamptz) FROM PUBLIC`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN
          -- The deployment's default privileges would give it every table whole: erasures are written by the function only,
          -- and a hold is released, never deleted.
          GRANT SELECT ON case_erasures TO caseroom_app;
          REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON case_erasures FROM caseroom_app;
          GRANT SELECT, INSERT, UPDATE ON legal_holds TO caseroom_app;
          REVOKE DELETE, TRUNCATE ON legal_holds FROM caseroom_app;
          GRANT EXECUTE ON FUNCTION erase_case_records(uuid, text, integer, timestamptz) TO caseroom_app;
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION erase_case_records(uuid, text, integer, timestamptz)`);
    await queryRunner.query(`DROP FUNCTION case_closed_on(uuid)`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION victim_statuses_keep_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.released_at IS NOT NULL THEN
          RAISE EXCEPTION 'a released status for the victim is fixed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    for (const table of erasable) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_update ON ${table}`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
    }
    await queryRunner.query(`DROP FUNCTION refuse_change_outside_erasure()`);
    await queryRunner.query(`DROP TRIGGER case_erasures_no_truncate ON case_erasures`);
    await queryRunner.query(`DROP TRIGGER case_erasures_no_update ON case_erasures`);
    await queryRunner.query(`DROP TRIGGER case_erasures_chain ON case_erasures`);
    await queryRunner.query(`DROP FUNCTION case_erasures_chain()`);
    await queryRunner.query(`DROP SEQUENCE case_erasures_id_seq`);
    await queryRunner.query(`ALTER TABLE "case_erasures" DROP CONSTRAINT "FK_14c24150a369b664ee312307d71"`);
    await queryRunner.query(`ALTER TABLE "legal_holds" DROP CONSTRAINT "FK_85a90d150f49c2e3eb1083b0763"`);
    await queryRunner.query(`ALTER TABLE "legal_holds" DROP CONSTRAINT "FK_dbdf88f52b97e52dccc082452b5"`);
    await queryRunner.query(`ALTER TABLE "legal_holds" DROP CONSTRAINT "FK_e332f88bb3195453dfea6c99603"`);
    await queryRunner.query(`DROP INDEX "public"."case_erasures_case_kind_idx"`);
    await queryRunner.query(`DROP TABLE "case_erasures"`);
    await queryRunner.query(`DROP INDEX "public"."legal_holds_one_active_idx"`);
    await queryRunner.query(`DROP TABLE "legal_holds"`);
  }
}
