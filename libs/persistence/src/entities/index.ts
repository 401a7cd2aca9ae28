import { AgencyEntity } from './agency.entity';
import { PostingEntity } from './posting.entity';
import { RecoveryCodeEntity } from './recovery-code.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SessionEntity } from './session.entity';
import { UnitEntity } from './unit.entity';
import { UserEntity } from './user.entity';

export { AgencyEntity, PostingEntity, RecoveryCodeEntity, RefreshTokenEntity, SessionEntity, UnitEntity, UserEntity };

export const entities = [AgencyEntity, UnitEntity, UserEntity, PostingEntity, SessionEntity, RefreshTokenEntity, RecoveryCodeEntity];
