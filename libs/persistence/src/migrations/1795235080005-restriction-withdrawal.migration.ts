import type { MigrationInterface, QueryRunner } from 'typeorm';

const checks = {
  restrictions: {
    name: 'restrictions_status_check',
    before: `status IN ('requested','decline_pending','declined','applied','lift_pending','lifted')`,
    after: `status IN ('requested','decline_pending','declined','applied','lift_pending','lifted','withdrawn')`,
  },
  restriction_events: {
    name: 'restriction_events_step_check',
    before: `step IN ('requested','applied','reviewed','decline_proposed','lift_proposed','approved','rejected')`,
    after: `step IN ('requested','applied','reviewed','decline_proposed','lift_proposed','approved','rejected','withdrawn')`,
  },
  notifications: {
    name: 'notifications_kind_check',
    before: `kind IN ('restriction_requested','restriction_declined','review_due','review_overdue','action_due','action_overdue')`,
    after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue')`,
  },
} as const;

/**
 * A restriction request is withdrawn when the decision that asked for it is superseded before PSD applies
 * it (a new status and step); PSD is told when the decision behind a restriction in force is superseded
 * (a new notice). Decision 0011.
 */
export class RestrictionWithdrawal1795235080005 implements MigrationInterface {
  name = 'RestrictionWithdrawal1795235080005';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, check] of Object.entries(checks)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${check.name}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check.name}" CHECK (${check.after})`);
    }
  }

  /** Fails while a withdrawn restriction or such a notice exists: the record is not rewritten to go back. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, check] of Object.entries(checks)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${check.name}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check.name}" CHECK (${check.before})`);
    }
  }
}
