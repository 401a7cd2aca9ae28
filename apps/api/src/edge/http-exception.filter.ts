import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { DomainError, type ErrorCode } from '@caseroom/domain';
import { describeError, errorBody, httpStatusOf } from './error-response';

const messagesByStatus: Readonly<Record<number, [ErrorCode, string]>> = {
  400: ['VALIDATION_FAILED', 'The request is not valid.'],
  401: ['UNAUTHENTICATED', 'Sign in to continue.'],
  403: ['FORBIDDEN', 'You do not have permission to do this.'],
  404: ['NOT_FOUND', 'There is nothing at this address.'],
  405: ['NOT_FOUND', 'There is nothing at this address.'],
  413: ['PAYLOAD_TOO_LARGE', 'The request body is too large.'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'],
  429: ['RATE_LIMITED', 'Too many requests: wait a minute and try again.'],
};

/** The one place an HTTP error response is written. Messages are ours, never an exception's own text. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request & { id?: string }>();
    const response = context.getResponse<Response>();
    const requestId = typeof request.id === 'string' ? request.id : undefined;

    if (exception instanceof DomainError) {
      response.status(httpStatusOf[exception.code]).json(errorBody(exception.code, exception.message, exception.details, requestId));
      return;
    }
    if (exception instanceof ThrottlerException) {
      response.status(429).json(errorBody('RATE_LIMITED', messagesByStatus[429][1], [], requestId));
      return;
    }
    if (exception instanceof HttpException && messagesByStatus[exception.getStatus()]) {
      const [code, message] = messagesByStatus[exception.getStatus()];
      response.status(exception.getStatus()).json(errorBody(code, message, [], requestId));
      return;
    }
    this.logger.error({ ...describeError(exception), requestId }, 'unexpected error');
    response
      .status(500)
      .json(errorBody('INTERNAL', 'Something went wrong on our side. Quote the request id if you report it.', [], requestId));
  }
}
