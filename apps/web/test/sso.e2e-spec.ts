import { generate } from 'otplib';
import type { EnrolmentStart } from '@caseroom/contracts';
import { OidcTestProvider } from '@caseroom/testing';
import { BrowserWorld, isClientBuilt } from './support/browser-world';
import { freePort } from './support/caseroom-server';

const describeBuilt = isClientBuilt ? describe : describe.skip;
const client = { clientId: 'caseroom', clientSecret: 'browser-test-client-secret-not-a-real-one' };

/**
 * Single sign-on in the browser, through a real OpenID Connect provider running in the test: the chair
 * links her force account from Your account, then signs in with it from the sign-in screen.
 */
describeBuilt('signing in with an organisation’s identity provider, in the browser', () => {
  jest.setTimeout(180_000);
  let provider: OidcTestProvider;
  let world: BrowserWorld;

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await OidcTestProvider.start({ ...client, redirectUri: `${publicUrl}/login/sso` });
    world = await BrowserWorld.start({
      port,
      env: {
        PUBLIC_URL: publicUrl,
        OIDC_PROVIDERS: JSON.stringify([
          { id: 'eastvale', label: 'Eastvale Constabulary', issuer: provider.issuer, clientId: client.clientId },
        ]),
        OIDC_EASTVALE_CLIENT_SECRET: client.clientSecret,
        // The shortest step-up age there is, so that a session grows stale within the test.
        STEP_UP_MAX_AGE_SECONDS: '60',
      },
    });
  });

  afterAll(async () => {
    await world?.stop();
    await provider?.stop();
  });

  it('links the chair’s force account from Your account, then signs her in through the provider', async () => {
    provider.addIdentity({ subject: 'eastvale-4711', email: 'someone.else@eastvale.example', name: 'Chair at Eastvale' });
    provider.addIdentity({ subject: 'eastvale-9000', email: world.login('chair').email, name: 'Not linked' });

    // Linking: signed in with her password, from Your account, at the provider.
    const linking = await world.open('chair');
    await world.signIn(linking);
    await linking.page.getByRole('link', { name: 'Your account' }).click();
    await linking.page.getByRole('heading', { name: 'Your account' }).waitFor();
    await linking.page.getByText('No organisational account is linked.').waitFor();
    await world.audit('your account', linking.page);
    await world.capture('account-link-organisational-account', linking.page);
    await linking.page.getByRole('button', { name: 'Link Eastvale Constabulary account' }).click();
    await linking.page.getByRole('heading', { name: 'Test identity provider' }).waitFor();
    await linking.page.getByLabel('Username').fill('eastvale-4711');
    await linking.page.getByLabel('I used my security key').check();
    await linking.page.getByRole('button', { name: 'Sign in' }).click();
    await linking.page.getByText('Your organisational account is linked. You can sign in with it from now on.').waitFor();
    expect(new URL(linking.page.url()).pathname).toBe('/');

    // Signing in, in another browser: "Sign in with Eastvale Constabulary".
    const signingIn = await world.open('chair-by-sso', { login: world.login('chair') });
    await signingIn.page.goto('/');
    const button = signingIn.page.getByRole('button', { name: 'Sign in with Eastvale Constabulary' });
    await button.waitFor();
    await world.audit('sign in, with a provider', signingIn.page);
    await world.capture('sign-in-with-provider', signingIn.page);
    await button.click();
    await signingIn.page.getByLabel('Username').fill('eastvale-4711');
    await signingIn.page.getByLabel('I used my security key').check();
    await signingIn.page.getByRole('button', { name: 'Sign in' }).click();
    await signingIn.page.getByRole('navigation', { name: 'Main' }).waitFor();
    const me = await signingIn.page.locator('.who span').textContent();
    expect(me).toBe((await world.api.call<{ name: string }>('GET', '/api/me', await world.token('chair'))).name);
    expect(new URL(signingIn.page.url()).pathname).toBe('/');
    await world.capture('signed-in-through-provider', signingIn.page);
    await signingIn.page.getByRole('link', { name: 'Your account' }).click();
    await signingIn.page
      .getByRole('list', { name: 'Linked organisational accounts' })
      .getByText(/Eastvale Constabulary, linked/)
      .waitFor();

    // Someone whose provider account is not linked is refused, though its e-mail address is the chair's.
    const stranger = await world.open('stranger', { login: world.login('chair') });
    await stranger.page.goto('/');
    await stranger.page.getByRole('button', { name: 'Sign in with Eastvale Constabulary' }).click();
    await stranger.page.getByLabel('Username').fill('eastvale-9000');
    await stranger.page.getByLabel('I used my security key').check();
    await stranger.page.getByRole('button', { name: 'Sign in' }).click();
    await stranger.page
      .getByRole('alert')
      .getByText(/not linked to a Caseroom account/)
      .waitFor();
    expect(await stranger.page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    await world.audit('sign in, account not linked', stranger.page);
    await world.capture('sign-in-provider-account-not-linked', stranger.page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });

  it('asks for a code from the authenticator when linking needs a recent second factor, then goes on', async () => {
    // The coordinator sets up an authenticator (through the API: not what is under test).
    const token = await world.token('coordinator');
    const { secret } = await world.api.call<EnrolmentStart>('POST', '/api/me/second-factor/enrolment', token);
    const codeAt = (seconds: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + seconds });
    await world.api.call('POST', '/api/me/second-factor/enrolment/confirm', token, { code: await codeAt(0) });

    const coordinator = await world.open('coordinator');
    const page = coordinator.page;
    await page.goto('/');
    await page.getByLabel('E-mail address').fill(coordinator.login.email);
    await page.getByLabel('Password').fill(coordinator.login.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // Each code works once: the next time step's (accepted for clock drift).
    await page.getByLabel('Code from your authenticator').fill(await codeAt(30));
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();

    // A minute later the second factor is no longer recent.
    await page.waitForTimeout(62_000);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('button', { name: 'Link Eastvale Constabulary account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await world.audit('step-up', page);
    await world.capture('step-up-code', page);
    await dialog.getByLabel('Code from your authenticator').fill('000000');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Code from your authenticator').fill(await codeAt(0));
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    // Accepted: the link goes on to the provider without being asked for again.
    await page.getByRole('heading', { name: 'Test identity provider' }).waitFor();

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
