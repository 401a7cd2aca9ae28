import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (decision 0029): organisational accounts linked by issuer and subject, the time a
 * session's second factor was last proven (for step-up), and `oidc` as a way of proving it.
 */
export class SingleSignOn1796536768158 implements MigrationInterface {
  name = 'SingleSignOn1796536768158';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "external_identities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "provider_id" text NOT NULL, "issuer" text NOT NULL, "subject" text NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "external_identities_user_issuer_key" UNIQUE ("user_id", "issuer"), CONSTRAINT "external_identities_issuer_subject_key" UNIQUE ("issuer", "subject"), CONSTRAINT "PK_85d174f9b82602686b4b3846fc4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" ADD "second_factor_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_second_factor_check"`);
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "sessions_second_factor_check" CHECK (second_factor IS NULL OR second_factor IN ('totp','recovery_code','demo_bypass','oidc'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "external_identities" ADD CONSTRAINT "FK_8320cffd2d6ca86003e23981668" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "external_identities" DROP CONSTRAINT "FK_8320cffd2d6ca86003e23981668"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "sessions_second_factor_check"`);
    await queryRunner.query(
      `ALTER TABLE "sessions" ADD CONSTRAINT "sessions_second_factor_check" CHECK (second_factor IS NULL OR second_factor IN ('totp','recovery_code','demo_bypass'))`,
    );
    await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "second_factor_at"`);
    await queryRunner.query(`DROP TABLE "external_identities"`);
  }
}
