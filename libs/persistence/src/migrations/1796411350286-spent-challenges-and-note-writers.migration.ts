import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Second-factor challenges that completed a sign-in (each completes one), and who first wrote under each
 * Yjs client id of a document's notes (nobody else may write under it).
 */
export class SpentChallengesAndNoteWriters1796411350286 implements MigrationInterface {
  name = 'SpentChallengesAndNoteWriters1796411350286';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "spent_challenges" ("id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3683036358aea8a84a2ddbd339e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "note_writers" ("case_id" uuid NOT NULL, "compartment" text NOT NULL, "client_id" bigint NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_fcefb6e86e87af83253da5fcbaf" PRIMARY KEY ("case_id", "compartment", "client_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "note_writers"`);
    await queryRunner.query(`DROP TABLE "spent_challenges"`);
  }
}
