import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@caseroom/domain';

/** The signed-in person, as the access guard established it. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ user?: Actor }>();
  if (!request.user) throw new Error('CurrentActor used on a route without authentication');
  return request.user;
});
