import type { z } from 'zod';
import { ApiError, sentence } from './client';

/** Field errors keyed by the form path ("givenName", "roles"). */
export type FieldErrors = Record<string, string>;

/**
 * Validates what a form would send with the core schema the server uses, so the browser shows the
 * same messages the API would return.
 */
export function schemaErrors(schema: z.ZodType, input: unknown): FieldErrors {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : 'form';
    errors[key] ??= sentence(issue.message);
  }
  return errors;
}

/** Turns the `details` of a 400 `validation_failed` body (`[{ path: "body.name", message }]`) into field errors. */
export function apiFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed' || !Array.isArray(error.details))
    return {};
  const errors: FieldErrors = {};
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const key = path.replace(/^(body|query|params)\.?/, '') || 'form';
    errors[key] ??= sentence(message);
  }
  return errors;
}

/** Empty text becomes undefined: optional fields left blank are not sent. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Empty text becomes null: a blank field clears the stored value on update. */
export function nullable(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
