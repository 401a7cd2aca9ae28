import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Makes the access log a record people can trust:
 * - the database, not the application, numbers each row, stamps its time and chains it to the row
 *   before (SHA-256 over the row and the previous hash), holding a lock so the chain has one order;
 * - UPDATE, DELETE and TRUNCATE are refused by triggers, whoever asks;
 * - the application role (`caseroom_app`, where the deployment has one) may only read and insert.
 * The same text is hashed by `npm run audit:verify`, which recomputes the chain independently.
 */
export class AccessLogAppendOnly1795224928372 implements MigrationInterface {
  name = 'AccessLogAppendOnly1795224928372';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE access_log_id_seq AS bigint OWNED BY access_log.id`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION access_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        previous text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7217707);
        NEW.id := nextval('access_log_id_seq');
        NEW.occurred_at := date_trunc('milliseconds', clock_timestamp());
        SELECT hash INTO previous FROM access_log ORDER BY id DESC LIMIT 1;
        NEW.previous_hash := COALESCE(previous, repeat('0', 64));
        NEW.hash := encode(sha256(convert_to(concat_ws('|',
          NEW.id::text,
          to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          NEW.viewer_id::text, NEW.case_id::text, NEW.compartment, NEW.action, NEW.channel,
          NEW.policy_version::text, NEW.reason, NEW.previous_hash), 'UTF8')), 'hex');
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER access_log_chain BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION access_log_chain()`);
    await queryRunner.query(
      `CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC`);
    await queryRunner.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseroom_app') THEN
          GRANT SELECT, INSERT ON access_log TO caseroom_app;
          REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM caseroom_app;
          GRANT USAGE ON SEQUENCE access_log_id_seq TO caseroom_app;
        END IF;
      END $$`);
    await queryRunner.query(`INSERT INTO policy_state (id, version, table_version) VALUES (1, 1, 0)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM policy_state`);
    await queryRunner.query(`DROP TRIGGER access_log_no_truncate ON access_log`);
    await queryRunner.query(`DROP TRIGGER access_log_no_update ON access_log`);
    await queryRunner.query(`DROP TRIGGER access_log_chain ON access_log`);
    await queryRunner.query(`DROP FUNCTION access_log_chain()`);
    await queryRunner.query(`DROP FUNCTION refuse_change()`);
    await queryRunner.query(`DROP SEQUENCE access_log_id_seq`);
  }
}
