import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VictimWorker1796529994336 implements MigrationInterface {
  name = 'VictimWorker1796529994336';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "case_victim_workers" ("case_id" uuid NOT NULL, "user_id" uuid, "unit_id" uuid, "line_manager_id" uuid, CONSTRAINT "PK_f78c1b507c88a8f999b075203d5" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_victim_workers_user_id_idx" ON "case_victim_workers"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_victim_postings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date, CONSTRAINT "case_victim_postings_dates_check" CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT "PK_7ef77e35b69cabf705ec36dff40" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_victim_postings_case_id_idx" ON "case_victim_postings"  ("case_id") `);
    await queryRunner.query(
      `ALTER TABLE "case_victim_workers" ADD CONSTRAINT "FK_f78c1b507c88a8f999b075203d5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_victim_workers" ADD CONSTRAINT "FK_6fab5038d8bde8c9613a23f002d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_victim_workers" ADD CONSTRAINT "FK_8388c63bec0a5e1f263fec8ecce" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_victim_workers" ADD CONSTRAINT "FK_736968240c0a8e309c18476bad5" FOREIGN KEY ("line_manager_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_victim_postings" ADD CONSTRAINT "FK_93d05930561d1ea116546e4d126" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_victim_postings" ADD CONSTRAINT "FK_5a5c174399572a40580fe467374" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_victim_postings" DROP CONSTRAINT "FK_5a5c174399572a40580fe467374"`);
    await queryRunner.query(`ALTER TABLE "case_victim_postings" DROP CONSTRAINT "FK_93d05930561d1ea116546e4d126"`);
    await queryRunner.query(`ALTER TABLE "case_victim_workers" DROP CONSTRAINT "FK_736968240c0a8e309c18476bad5"`);
    await queryRunner.query(`ALTER TABLE "case_victim_workers" DROP CONSTRAINT "FK_8388c63bec0a5e1f263fec8ecce"`);
    await queryRunner.query(`ALTER TABLE "case_victim_workers" DROP CONSTRAINT "FK_6fab5038d8bde8c9613a23f002d"`);
    await queryRunner.query(`ALTER TABLE "case_victim_workers" DROP CONSTRAINT "FK_f78c1b507c88a8f999b075203d5"`);
    await queryRunner.query(`DROP INDEX "public"."case_victim_postings_case_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_victim_postings"`);
    await queryRunner.query(`DROP INDEX "public"."case_victim_workers_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_victim_workers"`);
  }
}
