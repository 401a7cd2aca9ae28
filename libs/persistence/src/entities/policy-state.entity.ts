import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One row: the policy version, bumped by every change to a policy input. */
@Entity({ name: 'policy_state' })
@Check('policy_state_single_row_check', `id = 1`)
export class PolicyStateEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint' })
  version!: string;

  @Column({ name: 'table_version', type: 'integer' })
  tableVersion!: number;
}
