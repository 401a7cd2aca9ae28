import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notes stored before the server enforced the editor's schema are checked once: every document stored
 * so far is marked as never checked (0), new ones as checked against the schema of now (1). The check
 * itself runs right after migrating (`repairStoredNotes`), and what it cannot keep goes to
 * note_quarantine exactly as stored (docs/decisions/0020).
 */
export class NotesQuarantine1796506073485 implements MigrationInterface {
  name = 'NotesQuarantine1796506073485';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "note_quarantine" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "compartment" text NOT NULL, "epoch" integer NOT NULL, "reason" text NOT NULL, "snapshot" bytea, "updates" bytea array NOT NULL, "quarantined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b292c7f7cfad652733723dfc7dc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "note_documents" ADD "checked_against" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "note_documents" ALTER COLUMN "checked_against" SET DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "note_quarantine" ADD CONSTRAINT "FK_3c7514303c363a19324c246025d" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "note_quarantine" DROP CONSTRAINT "FK_3c7514303c363a19324c246025d"`);
    await queryRunner.query(`ALTER TABLE "note_documents" DROP COLUMN "checked_against"`);
    await queryRunner.query(`DROP TABLE "note_quarantine"`);
  }
}
