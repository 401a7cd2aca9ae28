import type { MigrationInterface, QueryRunner } from 'typeorm';

const statuses = {
  before: `status IN ('referral','listed','heard','monitoring','closed')`,
  after: `status IN ('referred','accepted','declined','listed','heard','actions_open','closed')`,
};
const kinds = {
  before: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue')`,
  after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder')`,
};

/**
 * The case's way from referral to closure (referred, accepted or declined, listed, heard, actions open,
 * closed: a referral was "referral", actions open was "monitoring"), and the notices of the work before
 * a conference: referrals, invitations, the agenda and research requests.
 */
export class CaseJourneyAndNotices1796510000000 implements MigrationInterface {
  name = 'CaseJourneyAndNotices1796510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_status_check"`);
    await queryRunner.query(
      `UPDATE "cases" SET status = CASE status WHEN 'referral' THEN 'referred' WHEN 'monitoring' THEN 'actions_open' ELSE status END`,
    );
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_status_check" CHECK (${statuses.after})`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.after})`);
  }

  /** Fails while an accepted or declined case, or one of the new notices, exists: the record is not rewritten to go back. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.before})`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_status_check"`);
    await queryRunner.query(
      `UPDATE "cases" SET status = CASE status WHEN 'referred' THEN 'referral' WHEN 'actions_open' THEN 'monitoring' ELSE status END`,
    );
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_status_check" CHECK (${statuses.before})`);
  }
}
