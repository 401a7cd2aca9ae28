import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Research before a conference: one request per conference, agenda case and invited agency, with when
 * and by whom it was asked and returned, and the note of what the agency withheld and why.
 */
export class ResearchRequests1796509138719 implements MigrationInterface {
  name = 'ResearchRequests1796509138719';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "research_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conference_id" uuid NOT NULL, "case_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "requested_by" uuid NOT NULL, "returned_at" TIMESTAMP WITH TIME ZONE, "returned_by" uuid, "withheld" text, CONSTRAINT "research_requests_conference_case_agency_key" UNIQUE ("conference_id", "case_id", "agency_id"), CONSTRAINT "research_requests_withheld_check" CHECK (withheld IS NULL OR returned_at IS NOT NULL), CONSTRAINT "research_requests_returned_check" CHECK ((returned_at IS NULL) = (returned_by IS NULL)), CONSTRAINT "PK_4fce525521f8e28da81337a1d53" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "research_requests_agency_idx" ON "research_requests"  ("agency_id") `);
    await queryRunner.query(
      `ALTER TABLE "research_requests" ADD CONSTRAINT "FK_ff10c5f198f0bec8b9ecd230329" FOREIGN KEY ("conference_id") REFERENCES "conferences"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "research_requests" ADD CONSTRAINT "FK_9736ce72f27abe6ca62b8fd7290" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "research_requests" ADD CONSTRAINT "FK_eccff918e3045083aa27ab83fab" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "research_requests" ADD CONSTRAINT "FK_141cc85b1d759f053c1e53b5093" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "research_requests" ADD CONSTRAINT "FK_1fe80025b2ea531894959c9a3d9" FOREIGN KEY ("returned_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "research_requests" DROP CONSTRAINT "FK_1fe80025b2ea531894959c9a3d9"`);
    await queryRunner.query(`ALTER TABLE "research_requests" DROP CONSTRAINT "FK_141cc85b1d759f053c1e53b5093"`);
    await queryRunner.query(`ALTER TABLE "research_requests" DROP CONSTRAINT "FK_eccff918e3045083aa27ab83fab"`);
    await queryRunner.query(`ALTER TABLE "research_requests" DROP CONSTRAINT "FK_9736ce72f27abe6ca62b8fd7290"`);
    await queryRunner.query(`ALTER TABLE "research_requests" DROP CONSTRAINT "FK_ff10c5f198f0bec8b9ecd230329"`);
    await queryRunner.query(`DROP INDEX "public"."research_requests_agency_idx"`);
    await queryRunner.query(`DROP TABLE "research_requests"`);
  }
}
