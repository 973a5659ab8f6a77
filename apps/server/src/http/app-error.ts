import type { ErrorCode } from '@stepwise/core';

/** The one error type services throw; the error handler turns it into an HTTP response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** HTTP status of each error code: the only place codes meet statuses. */
export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_request: 400,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  mfa_enrolment_required: 403,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal_error: 500,
};

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

/** A 400 about one field, with the details a form needs to show the message beside it. */
export const invalidField = (path: string, message: string) =>
  new AppError('validation_failed', `${path}: ${message}`, [{ path, message }]);
