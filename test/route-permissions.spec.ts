import { Controller, Get, Module } from '@nestjs/common';
import { TestApp } from '../apps/api/test/support/test-app';
import { assertEveryRouteDeclared } from '../apps/api/src/edge/route-table';

@Controller('forgotten')
class ForgottenController {
  @Get()
  leak(): string {
    return 'anything';
  }
}

@Module({ controllers: [ForgottenController] })
class ForgottenModule {}

describe('route permissions', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  it('match the reviewed table: a difference here is a permission change', () => {
    const table = app.caseroom.routes.map((route) => `${route.method.padEnd(6)} ${route.path.padEnd(48)} ${route.access}`).join('\n');
    expect(`\n${table}\n`).toMatchSnapshot();
  });

  it('declare @Public() or @RequirePermission() on every route', () => {
    expect(() => assertEveryRouteDeclared(app.caseroom.routes)).not.toThrow();
  });
});

describe('a route that declares no access', () => {
  it('stops the application from starting', async () => {
    await expect(TestApp.start({ extraModules: [{ module: ForgottenModule }] })).rejects.toThrow(/GET \/api\/forgotten/);
  });

  it('is refused by the global guard even if it were served', async () => {
    const app = await TestApp.start({ extraModules: [{ module: ForgottenModule }], allowUndeclaredRoutes: true });
    try {
      const response = await app.http.get('/api/forgotten');
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('ROUTE_NOT_DECLARED');
      expect(JSON.stringify(response.body)).not.toContain('anything');
    } finally {
      await app.stop();
    }
  });
});
