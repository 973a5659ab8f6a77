/**
 * The closed set of error codes the API returns in `{ "error": { "code", "message", "details"? } }`.
 * Each code maps to exactly one HTTP status, in the server's error handler.
 */
export const errorCodes = [
  /** The request body, query or path failed validation. */
  'validation_failed',
  /** The body was not valid JSON or used an unsupported content type. */
  'malformed_request',
  /** The body is larger than the server accepts. */
  'payload_too_large',
  /** No valid session or token was presented. */
  'unauthenticated',
  /** Email, password or one-time code did not match; deliberately does not say which. */
  'invalid_credentials',
  /** The account has multi-factor authentication enabled and the login carried no code. */
  'mfa_required',
  /** The account's role requires multi-factor authentication that the user has not enrolled yet. */
  'mfa_enrolment_required',
  /** The cookie-authenticated mutation lacked a valid `x-csrf-token` header. */
  'csrf_failed',
  /** Signed in, but the role does not allow this action. */
  'forbidden',
  /** The resource does not exist in the caller's organisation. */
  'not_found',
  /** The change conflicts with existing data (duplicate record number, email in use…). */
  'conflict',
  /** Too many attempts; retry later. */
  'rate_limited',
  /** Something went wrong on the server; the message never carries details. */
  'internal_error',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Shape of every error response body. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
