import type { MigrationInterface, QueryRunner } from 'typeorm';

const checks = {
  restrictions: {
    name: 'restrictions_status_check',
    before: `status IN ('requested','decline_pending','declined','applied','lift_pending','lifted','withdrawn')`,
    after: `status IN ('requested','apply_pending','decline_pending','declined','applied','lift_pending','lifted','withdrawn')`,
  },
  restriction_events: {
    name: 'restriction_events_step_check',
    before: `step IN ('requested','applied','reviewed','decline_proposed','lift_proposed','approved','rejected','withdrawn')`,
    after: `step IN ('requested','apply_proposed','applied','reviewed','written_notice_recorded','decline_proposed','lift_proposed','approved','rejected','withdrawn')`,
  },
  notifications: {
    name: 'notifications_kind_check',
    before: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert','victim_status_released')`,
    after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert','victim_status_released','written_notice_due','written_notice_overdue','restriction_decision_due','restriction_decision_overdue')`,
  },
} as const;

/**
 * The whole duty restriction record (issue 22, decision 0027): the kinds PSD applied, the regulation 11
 * grounds, who decided, how and when the officer was told (with the written notice's due date), the
 * rationale, alternatives, representations, IOPC consultation, a regulation 11C arrest and why its
 * presumption is rebutted, and the reason it ended. Applying a suspension waits for a second person (a
 * new status and step), a written notice recorded later is a step, and its reminders are notices.
 */
export class RestrictionRecord1796537258873 implements MigrationInterface {
  name = 'RestrictionRecord1796537258873';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, check] of Object.entries(checks)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${check.name}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check.name}" CHECK (${check.after})`);
    }
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "applied_kinds" text array`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "named_system" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "other_kind" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "regulation_11_grounds" text array`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "decision_maker" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "notice_method" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "told_on" date`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "written_notice_on" date`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "written_notice_due_on" date`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "rationale" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "alternatives" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "representations" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "iopc_consulted_on" date`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "arrest_for" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "presumption_rebutted" text`);
    await queryRunner.query(`ALTER TABLE "restrictions" ADD "end_reason" text`);
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_record_check" CHECK ((applied_kinds IS NULL) = (decision_maker IS NULL) AND (applied_kinds IS NULL) = (notice_method IS NULL) AND (applied_kinds IS NULL) = (told_on IS NULL) AND (applied_kinds IS NULL) = (rationale IS NULL) AND (applied_kinds IS NULL) = (alternatives IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_arrest_for_check" CHECK (arrest_for IN ('sexual_offence','domestic_abuse_offence'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_notice_method_check" CHECK (notice_method IN ('in_writing','orally_then_in_writing'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_regulation_11_grounds_check" CHECK (regulation_11_grounds <@ ARRAY['investigation_prejudiced','public_interest']::text[] AND cardinality(regulation_11_grounds) > 0)`,
    );
    await queryRunner.query(
      `ALTER TABLE "restrictions" ADD CONSTRAINT "restrictions_applied_kinds_check" CHECK (applied_kinds <@ ARRAY['suspension','management_restricted_duties','temporary_redeployment','removal_from_protective_role','no_lone_working_with_vulnerable_people','non_public_facing','system_access_restriction','firearms_or_taser_withdrawn','warrant_card_retained','no_contact_or_exclusion','change_of_station','other']::text[] AND cardinality(applied_kinds) > 0)`,
    );
  }

  /** Fails while a restriction, step or notice of the new kinds exists: the record is not rewritten to go back. */
  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, check] of Object.entries(checks)) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${check.name}"`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${check.name}" CHECK (${check.before})`);
    }
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "restrictions_applied_kinds_check"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "restrictions_regulation_11_grounds_check"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "restrictions_notice_method_check"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "restrictions_arrest_for_check"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP CONSTRAINT "restrictions_record_check"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "end_reason"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "presumption_rebutted"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "arrest_for"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "iopc_consulted_on"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "representations"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "alternatives"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "rationale"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "written_notice_due_on"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "written_notice_on"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "told_on"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "notice_method"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "decision_maker"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "regulation_11_grounds"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "other_kind"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "named_system"`);
    await queryRunner.query(`ALTER TABLE "restrictions" DROP COLUMN "applied_kinds"`);
  }
}
