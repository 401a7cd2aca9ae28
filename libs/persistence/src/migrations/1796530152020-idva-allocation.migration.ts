import type { MigrationInterface, QueryRunner } from 'typeorm';

const kinds = {
  before: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert')`,
  after: `kind IN ('restriction_requested','restriction_declined','restriction_basis_superseded','review_due','review_overdue','action_due','action_overdue','referral_submitted','referral_decided','invitation','invitation_withdrawn','agenda_circulated','research_requested','research_reminder','minutes_issued','minutes_withdrawn','minutes_corrected','exposure_alert','victim_status_released')`,
};

/** Allocations and the contact log are kept as written: the database refuses to change or delete a row. */
const appendOnly = ['idva_allocations', 'victim_contacts'] as const;

/**
 * The victim's side of a case (issue 21): the force areas IDVA services serve; who speaks for the victim
 * on each case and why that IDVA; the contact log between the IDVA and the victim; and the statuses PSD
 * write for her, fixed once released (a later release supersedes, nothing unreleases). With them, the
 * notice that tells the IDVA of a new release.
 */
export class IdvaAllocation1796530152020 implements MigrationInterface {
  name = 'IdvaAllocation1796530152020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "agency_served_forces" ("agency_id" uuid NOT NULL, "force_id" uuid NOT NULL, CONSTRAINT "PK_2d3d388bcadc2bf268660616bfb" PRIMARY KEY ("agency_id", "force_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "idva_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "service_id" uuid NOT NULL, "idva_id" uuid NOT NULL, "proposed_service_id" uuid, "proposed_idva_id" uuid, "basis" text, "concerns" text array NOT NULL, "reason" text, "allocated_by" uuid NOT NULL, "allocated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "idva_allocations_concerns_check" CHECK (concerns <@ ARRAY['serves_suspect_force','serves_victim_employer_force']::text[]), CONSTRAINT "idva_allocations_reason_check" CHECK (reason IS NOT NULL OR (basis IS NOT NULL AND proposed_service_id = service_id AND proposed_idva_id = idva_id)), CONSTRAINT "idva_allocations_basis_check" CHECK (basis IN ('outside_both_force_areas','outside_suspect_force_area','none_outside_suspect_force_area')), CONSTRAINT "PK_4945a12ff42aaa6f366d79cbe8e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idva_allocations_idva_idx" ON "idva_allocations"  ("idva_id") `);
    await queryRunner.query(`CREATE INDEX "idva_allocations_case_idx" ON "idva_allocations"  ("case_id", "allocated_at") `);
    await queryRunner.query(
      `CREATE TABLE "victim_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "contacted_on" date NOT NULL, "method" text NOT NULL, "safe_contact" text, "said" text NOT NULL, "agreed" text, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "victim_contacts_method_check" CHECK (method IN ('phone','text_message','email','in_person','video_call','letter','other')), CONSTRAINT "PK_60f175c7d1af3b6195f00d5fc14" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "victim_contacts_case_idx" ON "victim_contacts"  ("case_id", "contacted_on") `);
    await queryRunner.query(
      `CREATE TABLE "victim_statuses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "text" text NOT NULL, "revision" integer NOT NULL DEFAULT '1', "written_by" uuid NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_by" uuid, "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "victim_statuses_release_check" CHECK ((released_by IS NULL) = (released_at IS NULL)), CONSTRAINT "PK_0747febf58c4e517471ffd54413" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "victim_statuses_case_idx" ON "victim_statuses"  ("case_id", "released_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "victim_statuses_one_draft_key" ON "victim_statuses"  ("case_id") WHERE released_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "agency_served_forces" ADD CONSTRAINT "FK_8caff1e1b7977da22c10fadc5cb" FOREIGN KEY ("agency_id") REFERENCES "agencies"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "agency_served_forces" ADD CONSTRAINT "FK_b6ca6fa86fe951b7a0780c013dd" FOREIGN KEY ("force_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idva_allocations" ADD CONSTRAINT "FK_f18e20bc02e039ead3466e42a2e" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idva_allocations" ADD CONSTRAINT "FK_3caf236fe95a083dfe100fa8167" FOREIGN KEY ("service_id") REFERENCES "agencies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idva_allocations" ADD CONSTRAINT "FK_c1227f3d91e72cc7095d15f5116" FOREIGN KEY ("idva_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idva_allocations" ADD CONSTRAINT "FK_47527f2ac6ec26489373c77802b" FOREIGN KEY ("allocated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_contacts" ADD CONSTRAINT "FK_55872482352461a6512eb9d9204" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_contacts" ADD CONSTRAINT "FK_90e22f8de1ee9ffc6b5c47b5d29" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_statuses" ADD CONSTRAINT "FK_bad8de7ef7ee2bc53f32835bc23" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_statuses" ADD CONSTRAINT "FK_0cf46a5ec45db7d39ec3ea3679c" FOREIGN KEY ("written_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "victim_statuses" ADD CONSTRAINT "FK_96a50b2ece7815f518cfa3cd6d6" FOREIGN KEY ("released_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    for (const table of appendOnly) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_update BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION victim_statuses_keep_released() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.released_at IS NOT NULL THEN
          RAISE EXCEPTION 'a released status for the victim is fixed: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER victim_statuses_keep_released BEFORE UPDATE OR DELETE ON victim_statuses FOR EACH ROW EXECUTE FUNCTION victim_statuses_keep_released()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER victim_statuses_no_truncate BEFORE TRUNCATE ON victim_statuses FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()`,
    );
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.after})`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notifications" WHERE kind = 'victim_status_released'`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_kind_check"`);
    await queryRunner.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_kind_check" CHECK (${kinds.before})`);
    await queryRunner.query(`DROP TRIGGER victim_statuses_no_truncate ON victim_statuses`);
    await queryRunner.query(`DROP TRIGGER victim_statuses_keep_released ON victim_statuses`);
    await queryRunner.query(`DROP FUNCTION victim_statuses_keep_released()`);
    for (const table of appendOnly) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON ${table}`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_update ON ${table}`);
    }
    await queryRunner.query(`ALTER TABLE "victim_statuses" DROP CONSTRAINT "FK_96a50b2ece7815f518cfa3cd6d6"`);
    await queryRunner.query(`ALTER TABLE "victim_statuses" DROP CONSTRAINT "FK_0cf46a5ec45db7d39ec3ea3679c"`);
    await queryRunner.query(`ALTER TABLE "victim_statuses" DROP CONSTRAINT "FK_bad8de7ef7ee2bc53f32835bc23"`);
    await queryRunner.query(`ALTER TABLE "victim_contacts" DROP CONSTRAINT "FK_90e22f8de1ee9ffc6b5c47b5d29"`);
    await queryRunner.query(`ALTER TABLE "victim_contacts" DROP CONSTRAINT "FK_55872482352461a6512eb9d9204"`);
    await queryRunner.query(`ALTER TABLE "idva_allocations" DROP CONSTRAINT "FK_47527f2ac6ec26489373c77802b"`);
    await queryRunner.query(`ALTER TABLE "idva_allocations" DROP CONSTRAINT "FK_c1227f3d91e72cc7095d15f5116"`);
    await queryRunner.query(`ALTER TABLE "idva_allocations" DROP CONSTRAINT "FK_3caf236fe95a083dfe100fa8167"`);
    await queryRunner.query(`ALTER TABLE "idva_allocations" DROP CONSTRAINT "FK_f18e20bc02e039ead3466e42a2e"`);
    await queryRunner.query(`ALTER TABLE "agency_served_forces" DROP CONSTRAINT "FK_b6ca6fa86fe951b7a0780c013dd"`);
    await queryRunner.query(`ALTER TABLE "agency_served_forces" DROP CONSTRAINT "FK_8caff1e1b7977da22c10fadc5cb"`);
    await queryRunner.query(`DROP INDEX "public"."victim_statuses_one_draft_key"`);
    await queryRunner.query(`DROP INDEX "public"."victim_statuses_case_idx"`);
    await queryRunner.query(`DROP TABLE "victim_statuses"`);
    await queryRunner.query(`DROP INDEX "public"."victim_contacts_case_idx"`);
    await queryRunner.query(`DROP TABLE "victim_contacts"`);
    await queryRunner.query(`DROP INDEX "public"."idva_allocations_case_idx"`);
    await queryRunner.query(`DROP INDEX "public"."idva_allocations_idva_idx"`);
    await queryRunner.query(`DROP TABLE "idva_allocations"`);
    await queryRunner.query(`DROP TABLE "agency_served_forces"`);
  }
}
