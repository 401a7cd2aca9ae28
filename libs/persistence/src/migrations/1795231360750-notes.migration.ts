import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notes1795231360742 implements MigrationInterface {
  name = 'Notes1795231360742';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "note_documents" ("case_id" uuid NOT NULL, "compartment" text NOT NULL, "epoch" integer NOT NULL DEFAULT '1', "snapshot" bytea, "compacted_through" bigint NOT NULL DEFAULT '0', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "note_documents_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_6abdb6d7e397b73e4a644655f72" PRIMARY KEY ("case_id", "compartment"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "note_updates" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "compartment" text NOT NULL, "epoch" integer NOT NULL, "body" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f0cfd80f0fb5f9f8685d76b73ff" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "note_updates_document_idx" ON "note_updates"  ("case_id", "compartment", "id") `);
    await queryRunner.query(
      `ALTER TABLE "note_documents" ADD CONSTRAINT "FK_2ca912f42aa9065575b3977b87b" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "note_updates" ADD CONSTRAINT "FK_abf9f28c8d04b08641c97b7b5df" FOREIGN KEY ("case_id", "compartment") REFERENCES "note_documents"("case_id","compartment") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "note_updates" DROP CONSTRAINT "FK_abf9f28c8d04b08641c97b7b5df"`);
    await queryRunner.query(`ALTER TABLE "note_documents" DROP CONSTRAINT "FK_2ca912f42aa9065575b3977b87b"`);
    await queryRunner.query(`DROP INDEX "public"."note_updates_document_idx"`);
    await queryRunner.query(`DROP TABLE "note_updates"`);
    await queryRunner.query(`DROP TABLE "note_documents"`);
  }
}
