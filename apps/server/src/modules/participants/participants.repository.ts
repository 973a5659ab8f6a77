import type { Contact, Participant } from '@stepwise/core';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { organisations, participantContacts, participants } from '../../db/schema.js';

export function toParticipant(row: typeof participants.$inferSelect): Participant {
  return {
    id: row.id,
    recordNumber: row.recordNumber,
    givenName: row.givenName,
    familyName: row.familyName,
    preferredName: row.preferredName,
    dateOfBirth: row.dateOfBirth,
    pronouns: row.pronouns,
    preferredLanguage: row.preferredLanguage,
    email: row.email,
    phone: row.phone,
    address: row.address,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * A participant as the JSON text of the API's `Participant` (the same object `toParticipant` makes),
 * built by PostgreSQL for the hot reads so that Node passes it through instead of parsing a row into
 * an object and serialising it again. Times are written exactly as Date#toISOString writes them; JSON
 * renders dates as ISO 8601 whatever the server's DateStyle. Tests hold both forms equal.
 */
export const participantJson = sql.raw(`json_build_object(
  'id', id, 'recordNumber', record_number, 'givenName', given_name, 'familyName', family_name,
  'preferredName', preferred_name, 'dateOfBirth', date_of_birth, 'pronouns', pronouns,
  'preferredLanguage', preferred_language, 'email', email, 'phone', phone, 'address', address,
  'createdAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'updatedAt', to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text`);

export function toContact(row: typeof participantContacts.$inferSelect): Contact {
  return {
    id: row.id,
    participantId: row.participantId,
    name: row.name,
    kind: row.kind as Contact['kind'],
    relation: row.relation,
    phone: row.phone,
    email: row.email,
    isEmergencyContact: row.isEmergencyContact,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Name order: the byte order of the lower-cased sort name, then id (migration 0003). */
export const nameOrder = sql`sort_name using ~<~, id`;

/**
 * The ids and sort names of one page of participants in name order (limit + 1 rows, so the caller can
 * tell whether there is a next page), optionally those whose family name, given name or record number
 * (or, for a term with a space, full name in either order) starts with the search term.
 *
 * Every condition that narrows an index scan is an organisation equality or a pattern-range operator
 * (~>=~, ~<~), the leakproof kind row-level security lets become index conditions. Family name and
 * family-then-given full name are one range of the name-order index, read in order and stopped after a
 * page; given name, given-then-family full name and record number are collected from their own
 * indexes (which carry the sort name) and sorted. The union is materialised so the planner does not
 * instead walk the whole name index filtering.
 */
export function participantPageSql(
  orgId: string,
  options: { q: string | undefined; limit: number; cursor: string[] | null },
): SQL {
  const { q, limit, cursor } = options;
  const [afterName, afterId] = cursor ?? [];
  // Past the cursor: the range condition lets the index start there, the rest settles ties.
  const keyset =
    afterName !== undefined && afterId !== undefined
      ? sql`and sort_name ~>=~ ${afterName}::text
            and (sort_name ~>~ ${afterName}::text or (sort_name = ${afterName}::text and id > ${afterId}::uuid))`
      : sql``;
  if (!q) {
    return sql`select id, sort_name from participants where org_id = ${orgId}::uuid ${keyset}
      order by ${nameOrder} limit ${limit + 1}`;
  }
  type SearchKey = 'given_key' | 'record_key' | 'sort_name' | 'given_family_key';
  const startsWith = (key: SearchKey) =>
    sql`${sql.raw(key)} ~>=~ lower(${q}::text) and ${sql.raw(key)} ~<~ (lower(${q}::text) || chr(1114111))`;
  const collected = (key: SearchKey) =>
    sql`select id, sort_name from participants where org_id = ${orgId}::uuid and ${startsWith(key)} ${keyset}`;
  const branches = [
    sql`(select id, sort_name from participants where org_id = ${orgId}::uuid and ${startsWith('sort_name')}
        ${keyset} order by ${nameOrder} limit ${limit + 1})`,
    collected('given_key'),
    collected('record_key'),
  ];
  if (q.includes(' ')) branches.push(collected('given_family_key'));
  return sql`with matches as materialized (${sql.join(branches, sql` union `)})
    select id, sort_name from matches order by ${nameOrder} limit ${limit + 1}`;
}

export async function findParticipant(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.orgId, orgId), eq(participants.id, id)));
  return row;
}

/** Takes the organisation's next record number (SW-000001, …); the row lock makes it unique. */
export async function nextRecordNumber(tx: Db, orgId: string): Promise<string> {
  const [row] = await tx
    .update(organisations)
    .set({ nextRecordNumber: sql`${organisations.nextRecordNumber} + 1` })
    .where(eq(organisations.id, orgId))
    .returning({ taken: sql<number>`${organisations.nextRecordNumber} - 1` });
  return `SW-${String(row?.taken ?? 0).padStart(6, '0')}`;
}

export async function listContacts(tx: Db, orgId: string, participantId: string) {
  return tx
    .select()
    .from(participantContacts)
    .where(and(eq(participantContacts.orgId, orgId), eq(participantContacts.participantId, participantId)))
    .orderBy(asc(participantContacts.name), asc(participantContacts.id));
}

export async function findContact(tx: Db, orgId: string, participantId: string, contactId: string) {
  const [row] = await tx
    .select()
    .from(participantContacts)
    .where(
      and(
        eq(participantContacts.orgId, orgId),
        eq(participantContacts.participantId, participantId),
        eq(participantContacts.id, contactId),
      ),
    );
  return row;
}
