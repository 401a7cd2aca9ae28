import { Controller, Get, Headers, HttpCode, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import {
  ssoCallbackBody,
  ssoProviderId,
  type SsoCallbackBody,
  type SsoCallbackResult,
  type SsoProvider,
  type SsoStart,
} from '@caseroom/contracts';
import { Public } from '../../edge/route-access';
import { SchemaPipe, ValidBody } from '../../edge/validation';
import { CompleteSso } from './complete-sso.use-case';
import { OidcClient } from './oidc-client';
import { StartSso } from './start-sso.use-case';
import { SsoTransactions } from './sso-transaction';

export const ProviderIdParam = () => Param('providerId', new SchemaPipe(ssoProviderId, 'params', 'params.providerId'));

/** Signing in through an organisation's identity provider (OpenID Connect; decision 0029). */
@ApiTags('identity')
@Controller('auth/sso')
@UseGuards(ThrottlerGuard)
export class SsoController {
  constructor(
    private readonly oidc: OidcClient,
    private readonly startSso: StartSso,
    private readonly completeSso: CompleteSso,
    private readonly transactions: SsoTransactions,
  ) {}

  @Get('providers')
  @Public()
  providers(): SsoProvider[] {
    return this.oidc.providers.map(({ id, label }) => ({ id, label }));
  }

  @Post(':providerId/start')
  @HttpCode(200)
  @Public()
  async start(@ProviderIdParam() providerId: string, @Res({ passthrough: true }) response: Response): Promise<SsoStart> {
    const { authorizationUrl, cookie } = await this.startSso.signIn(providerId);
    response.setHeader('Set-Cookie', cookie);
    return { authorizationUrl };
  }

  /** The browser, back from the provider, hands over the query string it arrived with. */
  @Post('callback')
  @HttpCode(200)
  @Public()
  async callback(
    @Headers('cookie') cookie: string | undefined,
    @ValidBody(ssoCallbackBody) body: SsoCallbackBody,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SsoCallbackResult> {
    // Whatever the outcome, the transaction is finished: the browser forgets it.
    response.setHeader('Set-Cookie', this.transactions.clearing);
    return this.completeSso.execute(cookie, body.callback);
  }
}
