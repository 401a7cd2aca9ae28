import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Counter-allegations recorded on the original case, in its panel compartment (decision 0025). */
export class CounterAllegations1796531300854 implements MigrationInterface {
  name = 'CounterAllegations1796531300854';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "case_counter_allegations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "received_on" date NOT NULL, "referring_agency_id" uuid NOT NULL, "made_by_suspect" boolean NOT NULL, "made_by_user_id" uuid, "made_by_description" text, "alleged" text NOT NULL, "how_received" text NOT NULL, "from_referral_id" uuid, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_counter_allegations_made_by_check" CHECK ((made_by_suspect AND made_by_user_id IS NULL AND made_by_description IS NULL)
    OR (NOT made_by_suspect AND (made_by_user_id IS NULL) <> (made_by_description IS NULL))), CONSTRAINT "PK_f2b6f9469b2364b2f6f2d9e58c3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "case_counter_allegations_case_idx" ON "case_counter_allegations"  ("case_id", "received_on") `);
    await queryRunner.query(
      `ALTER TABLE "case_counter_allegations" ADD CONSTRAINT "FK_c0961d22fb6cf704192aebe5b71" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counter_allegations" ADD CONSTRAINT "FK_4602d40f2b560a2395c8e4768ba" FOREIGN KEY ("referring_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counter_allegations" ADD CONSTRAINT "FK_e4275650cfcf839337017b5fb00" FOREIGN KEY ("made_by_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counter_allegations" ADD CONSTRAINT "FK_a021233e34cc8fc3b6424ebdbba" FOREIGN KEY ("from_referral_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_counter_allegations" ADD CONSTRAINT "FK_03a3c63e9b0df42c032e4156ae1" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_counter_allegations" DROP CONSTRAINT "FK_03a3c63e9b0df42c032e4156ae1"`);
    await queryRunner.query(`ALTER TABLE "case_counter_allegations" DROP CONSTRAINT "FK_a021233e34cc8fc3b6424ebdbba"`);
    await queryRunner.query(`ALTER TABLE "case_counter_allegations" DROP CONSTRAINT "FK_e4275650cfcf839337017b5fb00"`);
    await queryRunner.query(`ALTER TABLE "case_counter_allegations" DROP CONSTRAINT "FK_4602d40f2b560a2395c8e4768ba"`);
    await queryRunner.query(`ALTER TABLE "case_counter_allegations" DROP CONSTRAINT "FK_c0961d22fb6cf704192aebe5b71"`);
    await queryRunner.query(`DROP INDEX "public"."case_counter_allegations_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_counter_allegations"`);
  }
}
