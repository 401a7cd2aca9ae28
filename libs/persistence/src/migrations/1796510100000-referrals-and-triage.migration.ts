import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals written on the server as drafts; each case's risk assessment (the DASH answers, score,
 * assessor and time); the trail of a case's status moves with who made them and why; and the force a
 * victim who is police staff works for. (Numbered after 1796510000000, whose number was chosen by hand.)
 */
export class ReferralsAndTriage1796510100000 implements MigrationInterface {
  name = 'ReferralsAndTriage1796510100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "referral_drafts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "author_id" uuid NOT NULL, "content" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a108a3342d8aa958eaf17abc69c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "referral_drafts_author_idx" ON "referral_drafts"  ("author_id", "updated_at") `);
    await queryRunner.query(
      `CREATE TABLE "case_risk_assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "tool" text NOT NULL, "answers" jsonb NOT NULL, "score" smallint NOT NULL, "assessed_by" uuid NOT NULL, "assessed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "case_risk_assessments_score_check" CHECK (score BETWEEN 0 AND 24), CONSTRAINT "case_risk_assessments_tool_check" CHECK (tool IN ('dash_ric')), CONSTRAINT "PK_f777189a08bb068df512a44b164" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_risk_assessments_case_idx" ON "case_risk_assessments"  ("case_id", "assessed_at") `);
    await queryRunner.query(
      `CREATE TABLE "case_status_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "from_status" text NOT NULL, "to_status" text NOT NULL, "reason" text, "changed_by" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_status_changes_to_check" CHECK (to_status IN ('referred','accepted','declined','listed','heard','actions_open','closed')), CONSTRAINT "case_status_changes_from_check" CHECK (from_status IN ('referred','accepted','declined','listed','heard','actions_open','closed')), CONSTRAINT "PK_4602a931e9f2eb847bfc17023ee" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_status_changes_case_idx" ON "case_status_changes"  ("case_id", "changed_at") `);
    await queryRunner.query(`ALTER TABLE "cases" ADD "victim_employer_force_id" uuid`);
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_f8f75903776a37870f9c6668241" FOREIGN KEY ("victim_employer_force_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_drafts" ADD CONSTRAINT "FK_1f5168dc2c2c07b8c8a8ab96e32" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_risk_assessments" ADD CONSTRAINT "FK_1b215dafe5dfa535f6b919330ab" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_risk_assessments" ADD CONSTRAINT "FK_6068f91b53f5a35cf2c376d9e01" FOREIGN KEY ("assessed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" ADD CONSTRAINT "FK_6168ee33cc496cded6ba8e46b8e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_status_changes" ADD CONSTRAINT "FK_aaf7c7cf709e0344de0674d3b0d" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_status_changes" DROP CONSTRAINT "FK_aaf7c7cf709e0344de0674d3b0d"`);
    await queryRunner.query(`ALTER TABLE "case_status_changes" DROP CONSTRAINT "FK_6168ee33cc496cded6ba8e46b8e"`);
    await queryRunner.query(`ALTER TABLE "case_risk_assessments" DROP CONSTRAINT "FK_6068f91b53f5a35cf2c376d9e01"`);
    await queryRunner.query(`ALTER TABLE "case_risk_assessments" DROP CONSTRAINT "FK_1b215dafe5dfa535f6b919330ab"`);
    await queryRunner.query(`ALTER TABLE "referral_drafts" DROP CONSTRAINT "FK_1f5168dc2c2c07b8c8a8ab96e32"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_f8f75903776a37870f9c6668241"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "victim_employer_force_id"`);
    await queryRunner.query(`DROP INDEX "public"."case_status_changes_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."case_risk_assessments_case_idx"`);
    await queryRunner.query(`DROP TABLE "case_risk_assessments"`);
    await queryRunner.query(`DROP INDEX "public"."referral_drafts_author_idx"`);
    await queryRunner.query(`DROP TABLE "referral_drafts"`);
  }
}
