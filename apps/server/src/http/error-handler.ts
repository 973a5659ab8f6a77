import type { ErrorBody } from '@stepwise/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf } from './app-error.js';

interface PgLikeError {
  code?: unknown;
  constraint?: unknown;
}

/**
 * Maps every failure to `{ error: { code, message, details? } }`. Messages never echo submitted
 * values or database detail, since either may hold health information.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    const status = httpStatusOf[appError.code];
    if (status >= 500) {
      const pg = error as PgLikeError;
      request.log.error(
        {
          err: {
            type: error.name,
            code: typeof pg.code === 'string' ? pg.code : undefined,
            stack: error.stack,
          },
        },
        'request failed',
      );
    }
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    if (appError.details !== undefined) body.error.details = appError.details;
    if (appError.code === 'rate_limited') reply.header('retry-after', '900');
    return reply.status(status).send(body);
  });
}

/**
 * Unknown API paths get a JSON 404. With the web app built, other GET paths get its index.html so the
 * browser's client-side routes (/participants/…, /me) load on refresh.
 */
export function registerNotFound(app: FastifyInstance, serveIndexHtml: boolean): void {
  app.setNotFoundHandler((request, reply) => {
    const path = routeOf(request.url);
    if (serveIndexHtml && request.method === 'GET' && !path.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    const body: ErrorBody = { error: { code: 'not_found', message: `no route ${request.method} ${path}` } };
    return reply.status(404).send(body);
  });
}

/** The path without its query string (the query may carry a search term). */
function routeOf(url: string): string {
  return url.split('?')[0] ?? url;
}

function toAppError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath.replaceAll('/', '.')}`,
      message: issue.message ?? 'is invalid',
    }));
    const first = details[0];
    return new AppError(
      'validation_failed',
      first ? `${first.path}: ${first.message}` : 'the request is invalid',
      details,
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'the request body is too large');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('malformed_request', 'the request body is not valid JSON');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('malformed_request', 'send the request body as application/json');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('malformed_request', 'the content length does not match the body');
    case 'FST_ERR_VALIDATION':
      return new AppError('validation_failed', 'the request is invalid');
  }
  if (error instanceof SyntaxError)
    return new AppError('malformed_request', 'the request body is not valid JSON');
  const pgCode = (error as PgLikeError).code;
  if (pgCode === '23505') return new AppError('conflict', 'this would duplicate an existing record');
  if (pgCode === '23503')
    return new AppError('validation_failed', 'the request refers to a record that does not exist');
  // Malformed text (22P02), dates (22007, 22008), numbers out of range (22003), and text PostgreSQL
  // cannot store, such as a NUL character (22021).
  if (['22P02', '22007', '22008', '22003', '22021'].includes(String(pgCode))) {
    return new AppError('validation_failed', 'a value in the request is out of range or malformed');
  }
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('malformed_request', 'the request could not be processed');
  }
  return new AppError('internal_error', 'something went wrong; the error has been logged');
}
