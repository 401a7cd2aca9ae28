import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each invitation was sent (so that a person invited again after a withdrawal is told again), and
 * when a conference's agenda was last circulated. Rows from before have neither.
 */
export class SchedulingAndCirculation1796511000000 implements MigrationInterface {
  name = 'SchedulingAndCirculation1796511000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conferences" ADD "agenda_circulated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "conference_participants" ADD "invited_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conference_participants" DROP COLUMN "invited_at"`);
    await queryRunner.query(`ALTER TABLE "conferences" DROP COLUMN "agenda_circulated_at"`);
  }
}
