import type { Contact, Participant } from '@stepwise/core';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { after, likePrefix } from '../../db/paging.js';
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

/**
 * Participants by name order, optionally matching a search term as a prefix of the family name, given
 * name, either full-name order, or the record number. Each branch is an index range scan.
 */
export async function searchParticipants(
  tx: Db,
  orgId: string,
  options: { q: string | undefined; limit: number; cursor: string[] | null },
) {
  const pattern = options.q ? likePrefix(options.q) : null;
  return tx
    .select()
    .from(participants)
    .where(
      and(
        eq(participants.orgId, orgId),
        pattern
          ? or(
              sql`lower(${participants.familyName}) like ${pattern}`,
              sql`lower(${participants.givenName}) like ${pattern}`,
              sql`lower(${participants.recordNumber}) like ${pattern}`,
              sql`${participants.sortName} like ${pattern}`,
              sql`lower(${participants.givenName} || ' ' || ${participants.familyName}) like ${pattern}`,
            )
          : undefined,
        options.cursor ? after([participants.sortName, participants.id], options.cursor) : undefined,
      ),
    )
    .orderBy(asc(participants.sortName), asc(participants.id))
    .limit(options.limit + 1);
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
