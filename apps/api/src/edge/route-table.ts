import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ROUTE_ACCESS, ROUTE_STEP_UP, describeAccess, type RouteAccess, type StepUpRule } from './route-access';

export interface RouteEntry {
  readonly method: string;
  readonly path: string;
  readonly access: string;
}

const joinPath = (...parts: string[]) =>
  '/' +
  parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .join('/');

/** Every HTTP route the application serves, with what it declares about access. */
export function collectRoutes(app: INestApplication, globalPrefix: string, unprefixed: readonly string[]): RouteEntry[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    const metatype = wrapper.metatype;
    if (!instance || !metatype) continue;
    const controllerPaths = [Reflect.getMetadata(PATH_METADATA, metatype) ?? ''].flat() as string[];
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const methodName of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[methodName] as (...args: unknown[]) => unknown;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number] ?? 'ALL';
      const access = reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [handler, metatype]);
      const stepUp = reflector.getAllAndOverride<StepUpRule | undefined>(ROUTE_STEP_UP, [handler, metatype]);
      for (const controllerPath of controllerPaths) {
        for (const path of [methodPath].flat()) {
          const local = joinPath(controllerPath, path);
          const isUnprefixed = unprefixed.some((prefix) => local === prefix || local.startsWith(`${prefix}/`));
          routes.push({ method, path: isUnprefixed ? local : joinPath(globalPrefix, local), access: describeAccess(access, stepUp) });
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export function assertEveryRouteDeclared(routes: readonly RouteEntry[]): void {
  const undeclared = routes.filter((route) => route.access === 'UNDECLARED');
  if (undeclared.length > 0) {
    const list = undeclared.map((route) => `${route.method} ${route.path}`).join(', ');
    throw new Error(`Every route must declare @Public() or @RequirePermission(); these declare neither: ${list}`);
  }
}
