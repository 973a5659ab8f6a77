import type { ErrorCode } from '@stepwise/core';
import { errorResponse } from '@stepwise/core';
import type { z } from 'zod';

/** Codes the client adds to the server's closed set, for failures that never reached the API. */
export type ClientErrorCode = ErrorCode | 'network_error' | 'unexpected_response';

/** A failed API call, carrying the server's error code, message and (for validation) details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What the app does when any call finds the session gone or MFA enrolment outstanding. */
export interface ApiEventHandlers {
  onUnauthenticated(): void;
  onMfaEnrolmentRequired(): void;
}

let handlers: ApiEventHandlers | null = null;
let csrfToken: string | null = null;
let lastServerContact = 0;

/** The session layer registers how to react to an ended session; the client stays free of routing. */
export function setApiEventHandlers(next: ApiEventHandlers | null): void {
  handlers = next;
}

/** The CSRF token from sign-in or GET /me, sent on every mutation the session cookie authenticates. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** When the server last answered a signed-in call (the idle clock on the server restarts then). */
export function lastServerContactAt(): number {
  return lastServerContact;
}

export interface RequestOptions<T> {
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Parse the response with this schema from @stepwise/core. */
  schema?: z.ZodType<T>;
  /**
   * Do not treat 401 as "session ended" (sign-in itself, and sign-out, where the session may already
   * be gone).
   */
  ignoreUnauthenticated?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls `/api/v1<path>` and returns the parsed JSON body (undefined for 204). */
export async function apiRequest<T = undefined>(
  method: Method,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api/v1${path}${queryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Stepwise could not be reached. Check your connection and try again.',
    );
  }

  if (response.ok) {
    lastServerContact = Date.now();
    if (response.status === 204) return undefined as T;
    const json: unknown = await response.json().catch(() => undefined);
    if (!options.schema) return json as T;
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        'unexpected_response',
        'The server sent a response this page does not understand.',
      );
    }
    return parsed.data;
  }

  const error = await errorFrom(response);
  if (error.code === 'unauthenticated' && !options.ignoreUnauthenticated) handlers?.onUnauthenticated();
  if (error.code === 'mfa_enrolment_required') handlers?.onMfaEnrolmentRequired();
  throw error;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const json: unknown = await response.json().catch(() => undefined);
  const parsed = errorResponse.safeParse(json);
  if (!parsed.success) {
    return new ApiError(
      response.status,
      'internal_error',
      `The server answered with status ${response.status}.`,
    );
  }
  const { code, message, details } = parsed.data.error;
  return new ApiError(response.status, code as ClientErrorCode, message, details);
}

function queryString(query: RequestOptions<unknown>['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Shorthands for the five verbs. */
export const api = {
  get: <T>(path: string, options?: RequestOptions<T>) => apiRequest<T>('GET', path, options),
  post: <T = undefined>(path: string, body?: unknown, options?: RequestOptions<T>) =>
    apiRequest<T>('POST', path, { ...options, body }),
  /** Replaces a whole resource (a participant's weekly availability, say). */
  put: <T>(path: string, body: unknown, options?: RequestOptions<T>) =>
    apiRequest<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions<T>) =>
    apiRequest<T>('PATCH', path, { ...options, body }),
  delete: (path: string) => apiRequest<undefined>('DELETE', path),
};

/** A sentence for an error, capitalised, for alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'forbidden') return 'Your role does not allow this.';
    // Validation messages name where the problem is ("body.endTime: …"); the form is the body.
    return sentence(error.message.replace(/^(body|query|params)\./, ''));
  }
  return 'Something went wrong. Try again.';
}

/** Capitalises the first letter and ends with a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
