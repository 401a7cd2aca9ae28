import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { AgencyKind } from '@caseroom/domain';

@Entity({ name: 'agencies' })
@Unique('agencies_code_key', ['code'])
@Check(
  'agencies_kind_check',
  `kind IN ('police_force','idva_service','probation','health','childrens_social_care','adult_social_care','housing','education','iopc','other')`,
)
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  kind!: AgencyKind;

  @Column({ type: 'text' })
  code!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
