import type {
  Consent,
  ConsentExpiry,
  ConsentFacts,
  ConsentKind,
  DisclosurePurpose,
  Recipient,
} from '@stepwise/core';
import { consentInForce } from '@stepwise/core';
import { and, desc, eq, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { consents, users } from '../../db/schema.js';

export type ConsentRow = typeof consents.$inferSelect;

/** The next version number of this kind of consent for the participant. */
export async function nextVersion(
  tx: Db,
  orgId: string,
  participantId: string,
  kind: ConsentKind,
): Promise<number> {
  const [row] = await tx
    .select({ latest: max(consents.version) })
    .from(consents)
    .where(
      and(eq(consents.orgId, orgId), eq(consents.participantId, participantId), eq(consents.kind, kind)),
    );
  return (row?.latest ?? 0) + 1;
}

export async function insertConsent(
  tx: Db,
  values: typeof consents.$inferInsert,
): Promise<ConsentRow | undefined> {
  const [row] = await tx.insert(consents).values(values).onConflictDoNothing().returning();
  return row;
}

/** Revokes a consent not yet revoked; false when it already was. */
export async function revokeConsent(
  tx: Db,
  orgId: string,
  id: string,
  revocation: { revokedBy: string; reason: string },
): Promise<boolean> {
  const rows = await tx
    .update(consents)
    .set({ revokedAt: sql`now()`, revokedBy: revocation.revokedBy, revocationReason: revocation.reason })
    .where(and(eq(consents.orgId, orgId), eq(consents.id, id), isNull(consents.revokedAt)))
    .returning({ id: consents.id });
  return rows.length > 0;
}

export function toFacts(row: ConsentRow): ConsentFacts {
  return {
    id: row.id,
    kind: row.kind as ConsentKind,
    recipients: row.recipients as Recipient[],
    purposes: row.purposes as DisclosurePurpose[],
    expiry: (row.expiry as ConsentExpiry | null) ?? { kind: 'none' },
    signedAt: row.signedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiredAt: row.expiredAt?.toISOString() ?? null,
  };
}

export function toConsent(row: ConsentRow, recordedByName: string, now: Date): Consent {
  const facts = toFacts(row);
  return {
    id: row.id,
    participantId: row.participantId,
    kind: facts.kind,
    version: row.version,
    status: consentInForce(facts, now) ? 'in_force' : row.revokedAt ? 'revoked' : 'expired',
    participantName: row.participantName,
    discloser: row.discloser,
    information: row.information,
    recipients: facts.recipients,
    purposes: facts.purposes,
    purposeDetail: row.purposeDetail,
    expiry: (row.expiry as ConsentExpiry | null) ?? null,
    statement: row.statement,
    statementVersion: row.statementVersion,
    signature: {
      signerName: row.signerName,
      relationship: row.signerRelationship as Consent['signature']['relationship'],
      signedAt: facts.signedAt,
      ip: row.signedIp,
    },
    recordedBy: { id: row.recordedBy, name: recordedByName },
    revokedAt: facts.revokedAt,
    revocationReason: row.revocationReason,
    expiredAt: facts.expiredAt,
  };
}

const columns = { consent: consents, recordedByName: users.displayName };

export async function findConsent(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select(columns)
    .from(consents)
    .innerJoin(users, eq(users.id, consents.recordedBy))
    .where(and(eq(consents.orgId, orgId), eq(consents.id, id)));
  return row;
}

/** Every version of every consent of the participant, by kind, newest version first. */
export function listConsents(tx: Db, orgId: string, participantId: string) {
  return tx
    .select(columns)
    .from(consents)
    .innerJoin(users, eq(users.id, consents.recordedBy))
    .where(and(eq(consents.orgId, orgId), eq(consents.participantId, participantId)))
    .orderBy(consents.kind, desc(consents.version));
}
