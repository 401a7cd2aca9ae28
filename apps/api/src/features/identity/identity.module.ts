import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountSecurityController } from './account-security.controller';
import { AuthController } from './auth.controller';
import { CompleteSso } from './complete-sso.use-case';
import { EnrolSecondFactor } from './enrol-second-factor.use-case';
import { JwtStrategy } from './jwt.strategy';
import { MeController } from './me.controller';
import { OidcClient } from './oidc-client';
import { PasswordHasher } from './password-hasher';
import { RefreshSession } from './refresh-session.use-case';
import { ResetSecondFactor } from './reset-second-factor.use-case';
import { RevokeSessions } from './revoke-sessions.use-case';
import { SecretSealer } from './secret-sealer';
import { SessionIssuer } from './session-issuer';
import { SignIn } from './sign-in.use-case';
import { SsoController } from './sso.controller';
import { SsoTransactions } from './sso-transaction';
import { StartSso } from './start-sso.use-case';
import { StepUp } from './step-up.use-case';
import { TokenService } from './token.service';
import { Totp } from './totp';
import { VerifySecondFactor } from './verify-second-factor.use-case';

@Module({
  imports: [PassportModule],
  controllers: [AuthController, SsoController, MeController, AccountSecurityController],
  providers: [
    PasswordHasher,
    SecretSealer,
    TokenService,
    Totp,
    JwtStrategy,
    SessionIssuer,
    SignIn,
    VerifySecondFactor,
    EnrolSecondFactor,
    RefreshSession,
    RevokeSessions,
    ResetSecondFactor,
    OidcClient,
    SsoTransactions,
    StartSso,
    CompleteSso,
    StepUp,
  ],
  exports: [PasswordHasher, RevokeSessions, TokenService],
})
export class IdentityModule {}
