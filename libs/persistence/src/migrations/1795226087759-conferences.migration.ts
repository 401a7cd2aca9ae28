import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Conferences1795226087758 implements MigrationInterface {
  name = 'Conferences1795226087758';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conferences" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "scheduled_at" TIMESTAMP WITH TIME ZONE NOT NULL, "location" text, "chair_id" uuid NOT NULL, "coordinator_id" uuid NOT NULL, "status" text NOT NULL, "current_item_id" uuid, "confidentiality_statement" text NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "conferences_status_check" CHECK (status IN ('scheduled','open','closed')), CONSTRAINT "PK_d28afb89755d548215ce4e7667b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "conference_participants" ("conference_id" uuid NOT NULL, "user_id" uuid NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "apologies" text, "removed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f30e6f8c6882abe7361ca0e9fd9" PRIMARY KEY ("conference_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "agenda_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "case_id" uuid NOT NULL, "has_children" boolean NOT NULL, "added_order" integer NOT NULL, CONSTRAINT "agenda_items_conference_case_key" UNIQUE ("conference_id", "case_id"), CONSTRAINT "PK_7274c40301175b4b4b347820d0c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "agenda_items_conference_id_idx" ON "agenda_items"  ("conference_id") `);
    await queryRunner.query(
      `CREATE TABLE "attendance" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "user_id" uuid NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "left_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee0ffe42c1f1a01e72b725c0cb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "attendance_conference_user_idx" ON "attendance"  ("conference_id", "user_id") `);
    await queryRunner.query(
      `ALTER TABLE "conferences" ADD CONSTRAINT "FK_6fbee8b203f089e63eba25e39fe" FOREIGN KEY ("chair_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conferences" ADD CONSTRAINT "FK_690c2e96001636dc0eba02953d8" FOREIGN KEY ("coordinator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conference_participants" ADD CONSTRAINT "FK_15d168e0d082ef365f7333551fe" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conference_participants" ADD CONSTRAINT "FK_9fe3819fa90b13aa0f6ad40d836" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_74879979771114c62492f00d0bc" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agenda_items" ADD CONSTRAINT "FK_0640209d1125ded4b0646b0ead1" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_c758f04a0e973538d557bc7fc1b" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "attendance" ADD CONSTRAINT "FK_0bedbcc8d5f9b9ec4979f519597" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_0bedbcc8d5f9b9ec4979f519597"`);
    await queryRunner.query(`ALTER TABLE "attendance" DROP CONSTRAINT "FK_c758f04a0e973538d557bc7fc1b"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_0640209d1125ded4b0646b0ead1"`);
    await queryRunner.query(`ALTER TABLE "agenda_items" DROP CONSTRAINT "FK_74879979771114c62492f00d0bc"`);
    await queryRunner.query(`ALTER TABLE "conference_participants" DROP CONSTRAINT "FK_9fe3819fa90b13aa0f6ad40d836"`);
    await queryRunner.query(`ALTER TABLE "conference_participants" DROP CONSTRAINT "FK_15d168e0d082ef365f7333551fe"`);
    await queryRunner.query(`ALTER TABLE "conferences" DROP CONSTRAINT "FK_690c2e96001636dc0eba02953d8"`);
    await queryRunner.query(`ALTER TABLE "conferences" DROP CONSTRAINT "FK_6fbee8b203f089e63eba25e39fe"`);
    await queryRunner.query(`DROP INDEX "public"."attendance_conference_user_idx"`);
    await queryRunner.query(`DROP TABLE "attendance"`);
    await queryRunner.query(`DROP INDEX "public"."agenda_items_conference_id_idx"`);
    await queryRunner.query(`DROP TABLE "agenda_items"`);
    await queryRunner.query(`DROP TABLE "conference_participants"`);
    await queryRunner.query(`DROP TABLE "conferences"`);
  }
}
