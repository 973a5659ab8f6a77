import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../http/app-error.js';

/**
 * Keyset paging: a cursor is the sort key of the last row shown, so every page is an index range
 * scan however deep the caller pages, and rows inserted meanwhile never shift a page.
 */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor's key is: a sort value (any text PostgreSQL can hold), a row id, a number. */
export type CursorPart = 'text' | 'id' | 'integer';

const partChecks: Record<CursorPart, (part: string) => boolean> = {
  text: (part) => !part.includes('\u0000'),
  id: (part) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part),
  integer: (part) => /^[0-9]{1,15}$/.test(part),
};

/**
 * The key of a cursor from a previous page, each part checked against `parts`: a cursor is client
 * input, and one forged to hold what the database would refuse is answered 400 here, before any
 * statement runs (the hot reads share their transaction with other requests, which a failing
 * statement would make run again).
 */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === parts.length &&
      key.every((part, i) => typeof part === 'string' && partChecks[parts[i] as CursorPart](part))
    )
      return key;
  } catch {
    // fall through to the error below
  }
  throw new AppError('validation_failed', 'query.cursor: is not a cursor from a previous page');
}

/** `(col1, col2, …) > (v1, v2, …)` for the columns of a keyset. */
export function after(columns: readonly AnyPgColumn[], key: readonly string[]): SQL {
  const cols = sql.join(
    columns.map((column) => sql`${column}`),
    sql`, `,
  );
  const values = sql.join(
    key.map((value) => sql`${value}`),
    sql`, `,
  );
  return sql`(${cols}) > (${values})`;
}

/** Splits one extra fetched row off a page and makes the next cursor from the last row kept. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string[],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** Escapes LIKE wildcards so a search term matches literally. */
export function likePrefix(term: string): string {
  return `${term.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
