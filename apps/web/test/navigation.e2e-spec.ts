import { BrowserWorld, isClientBuilt } from './support/browser-world';

const describeBuilt = isClientBuilt ? describe : describe.skip;

describeBuilt('the signed-in shell', () => {
  jest.setTimeout(90_000);
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await BrowserWorld.start();
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('shows each person the destinations of their roles, marks the current one, and answers an unknown address', async () => {
    const coordinator = await world.open('coordinator');
    await world.signIn(coordinator);
    const page = coordinator.page;
    const menu = page.getByRole('navigation', { name: 'Main' });
    await menu.getByRole('link', { name: 'Conferences' }).click();
    await page.getByRole('heading', { name: 'Your conferences' }).waitFor();
    expect(await menu.getByRole('link', { name: 'Conferences' }).getAttribute('aria-current')).toBe('page');
    expect(await menu.getByRole('link', { name: 'Restrictions' }).count()).toBe(0);
    await world.audit('conferences', page);

    // Within the page (a reload would ask to sign in again: the session lives in the page's memory).
    await page.evaluate(() => {
      window.history.pushState(null, '', '/nowhere');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
    await page.getByRole('link', { name: 'Back to your conferences' }).click();
    await page.getByRole('heading', { name: 'Your conferences' }).waitFor();

    const psd = await world.open('psd');
    await world.signIn(psd);
    await psd.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restrictions' }).click();
    await psd.page.getByRole('heading', { name: 'Duty restrictions' }).waitFor();
    await world.audit('restrictions', psd.page);

    expect(world.seriousFindings()).toEqual({});
    expect(world.problems()).toEqual([]);
  });
});
