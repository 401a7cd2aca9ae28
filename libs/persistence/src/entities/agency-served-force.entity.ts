import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity } from './agency.entity';

/**
 * The police forces whose area an IDVA service covers. There is no geography in the data: a force's area,
 * for choosing an IDVA from outside it, is the services that serve that force.
 */
@Entity({ name: 'agency_served_forces' })
export class AgencyServedForceEntity {
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @PrimaryColumn({ name: 'force_id', type: 'uuid' })
  forceId!: string;

  @ManyToOne(() => AgencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'force_id' })
  force?: AgencyEntity;
}
