import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1795224928371 implements MigrationInterface {
  name = 'Cases1795224928371';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_log" ("id" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "viewer_id" uuid NOT NULL, "case_id" uuid NOT NULL, "compartment" text NOT NULL, "action" text NOT NULL, "channel" text NOT NULL, "policy_version" bigint NOT NULL, "reason" text NOT NULL, "previous_hash" text NOT NULL, "hash" text NOT NULL, CONSTRAINT "access_log_action_check" CHECK (action IN ('read','write')), CONSTRAINT "access_log_channel_check" CHECK (channel IN ('http','socket','export')), CONSTRAINT "access_log_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_bd09621fb73b42d9e32b85ae41f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "access_log_case_id_idx" ON "access_log"  ("case_id") `);
    await queryRunner.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" text NOT NULL, "status" text NOT NULL, "referral_ground" text NOT NULL, "referred_on" date NOT NULL, "referring_agency_id" uuid NOT NULL, "repeat_of_case_id" uuid, "investigating_force_id" uuid, "victim_match_key" text NOT NULL, "suspect_match_key" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "cases_reference_key" UNIQUE ("reference"), CONSTRAINT "cases_referral_ground_check" CHECK (referral_ground IN ('visible_high_risk','professional_judgement','escalation')), CONSTRAINT "cases_status_check" CHECK (status IN ('referral','listed','heard','monitoring','closed')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "cases_match_keys_idx" ON "cases"  ("victim_match_key") `);
    await queryRunner.query(
      `CREATE TABLE "case_agencies" ("case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, CONSTRAINT "PK_3ec272852011944bf5a31c4948f" PRIMARY KEY ("case_id", "agency_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_suspects" ("case_id" uuid NOT NULL, "user_id" uuid, "force_id" uuid NOT NULL, "unit_id" uuid, "line_manager_id" uuid, "is_public_protection" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_54c8951779ddfe27b232487aa44" PRIMARY KEY ("case_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_suspects_user_id_idx" ON "case_suspects"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_suspect_postings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "starts_on" date NOT NULL, "ends_on" date, CONSTRAINT "case_suspect_postings_dates_check" CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT "PK_7cac0a31d70b0bf223c94c84831" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_suspect_postings_case_id_idx" ON "case_suspect_postings"  ("case_id") `);
    await queryRunner.query(
      `CREATE TABLE "case_compartments" ("case_id" uuid NOT NULL, "compartment" text NOT NULL, "fields" jsonb NOT NULL, "updated_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_compartments_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_1ed4491a8f76a66d9d408b696ab" PRIMARY KEY ("case_id", "compartment"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "compartment" text NOT NULL, "author_id" uuid NOT NULL, "occurred_on" date, "text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_entries_compartment_check" CHECK (compartment IN ('panel','victim','investigation','standards')), CONSTRAINT "PK_735d41fc835fe6c1c9b778cd432" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_entries_case_compartment_idx" ON "case_entries"  ("case_id", "compartment") `);
    await queryRunner.query(
      `CREATE TABLE "case_conflicts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" text NOT NULL, "reason" text NOT NULL, "source" text NOT NULL, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_conflicts_source_check" CHECK (source IN ('declared','recorded')), CONSTRAINT "case_conflicts_kind_check" CHECK (kind IN ('colleague','friend','family','line_manager','former_partner','other')), CONSTRAINT "PK_ef6ebbf01e29a4502e953d2e71b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_conflicts_case_user_idx" ON "case_conflicts"  ("case_id", "user_id") `);
    await queryRunner.query(
      `CREATE TABLE "policy_state" ("id" integer NOT NULL, "version" bigint NOT NULL, "table_version" integer NOT NULL, CONSTRAINT "policy_state_single_row_check" CHECK (id = 1), CONSTRAINT "PK_90b466bacf1b2e516fc60c429ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_reference_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_071086b2232dd1ff26fcb516140" PRIMARY KEY ("year"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_1697a635d8fe8755ddd374011bb" FOREIGN KEY ("referring_agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_e8280eb3084f061ffa7a3456515" FOREIGN KEY ("repeat_of_case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_e76bcf4972652bd313a470acc5a" FOREIGN KEY ("investigating_force_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_agencies" ADD CONSTRAINT "FK_e89335feeeab01931ab883a4385" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_agencies" ADD CONSTRAINT "FK_3b6f4e9e3ee6f1ea2636362d2de" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspects" ADD CONSTRAINT "FK_54c8951779ddfe27b232487aa44" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspects" ADD CONSTRAINT "FK_4f15754800023df61f82629c92e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspects" ADD CONSTRAINT "FK_ce3e2fa6aaa3e9131376b928168" FOREIGN KEY ("force_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspects" ADD CONSTRAINT "FK_50d462babd6d5bca709157f333f" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspects" ADD CONSTRAINT "FK_894a28dabb10b96e9226d81ab33" FOREIGN KEY ("line_manager_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspect_postings" ADD CONSTRAINT "FK_b140547f399250ea538c2a41e6d" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_suspect_postings" ADD CONSTRAINT "FK_a76c0a810e6d2f61e5323ccedf3" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_compartments" ADD CONSTRAINT "FK_38fb0d6b8122d5527601adf6c9e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_entries" ADD CONSTRAINT "FK_4372cd6a402c03e4aeb4b70893e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_entries" ADD CONSTRAINT "FK_2fcb8d4cae4623cbbf80aafa9ca" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_conflicts" ADD CONSTRAINT "FK_cc4a7caddfec29763073771bd0a" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_conflicts" ADD CONSTRAINT "FK_388471b678845f89239913bacc4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case_conflicts" DROP CONSTRAINT "FK_388471b678845f89239913bacc4"`);
    await queryRunner.query(`ALTER TABLE "case_conflicts" DROP CONSTRAINT "FK_cc4a7caddfec29763073771bd0a"`);
    await queryRunner.query(`ALTER TABLE "case_entries" DROP CONSTRAINT "FK_2fcb8d4cae4623cbbf80aafa9ca"`);
    await queryRunner.query(`ALTER TABLE "case_entries" DROP CONSTRAINT "FK_4372cd6a402c03e4aeb4b70893e"`);
    await queryRunner.query(`ALTER TABLE "case_compartments" DROP CONSTRAINT "FK_38fb0d6b8122d5527601adf6c9e"`);
    await queryRunner.query(`ALTER TABLE "case_suspect_postings" DROP CONSTRAINT "FK_a76c0a810e6d2f61e5323ccedf3"`);
    await queryRunner.query(`ALTER TABLE "case_suspect_postings" DROP CONSTRAINT "FK_b140547f399250ea538c2a41e6d"`);
    await queryRunner.query(`ALTER TABLE "case_suspects" DROP CONSTRAINT "FK_894a28dabb10b96e9226d81ab33"`);
    await queryRunner.query(`ALTER TABLE "case_suspects" DROP CONSTRAINT "FK_50d462babd6d5bca709157f333f"`);
    await queryRunner.query(`ALTER TABLE "case_suspects" DROP CONSTRAINT "FK_ce3e2fa6aaa3e9131376b928168"`);
    await queryRunner.query(`ALTER TABLE "case_suspects" DROP CONSTRAINT "FK_4f15754800023df61f82629c92e"`);
    await queryRunner.query(`ALTER TABLE "case_suspects" DROP CONSTRAINT "FK_54c8951779ddfe27b232487aa44"`);
    await queryRunner.query(`ALTER TABLE "case_agencies" DROP CONSTRAINT "FK_3b6f4e9e3ee6f1ea2636362d2de"`);
    await queryRunner.query(`ALTER TABLE "case_agencies" DROP CONSTRAINT "FK_e89335feeeab01931ab883a4385"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_e76bcf4972652bd313a470acc5a"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_e8280eb3084f061ffa7a3456515"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_1697a635d8fe8755ddd374011bb"`);
    await queryRunner.query(`DROP TABLE "case_reference_counters"`);
    await queryRunner.query(`DROP TABLE "policy_state"`);
    await queryRunner.query(`DROP INDEX "public"."case_conflicts_case_user_idx"`);
    await queryRunner.query(`DROP TABLE "case_conflicts"`);
    await queryRunner.query(`DROP INDEX "public"."case_entries_case_compartment_idx"`);
    await queryRunner.query(`DROP TABLE "case_entries"`);
    await queryRunner.query(`DROP TABLE "case_compartments"`);
    await queryRunner.query(`DROP INDEX "public"."case_suspect_postings_case_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_suspect_postings"`);
    await queryRunner.query(`DROP INDEX "public"."case_suspects_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "case_suspects"`);
    await queryRunner.query(`DROP TABLE "case_agencies"`);
    await queryRunner.query(`DROP INDEX "public"."cases_match_keys_idx"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."access_log_case_id_idx"`);
    await queryRunner.query(`DROP TABLE "access_log"`);
  }
}
