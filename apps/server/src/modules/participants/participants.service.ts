import type {
  Contact,
  ContactInput,
  ContactUpdate,
  ListQuery,
  Participant,
  ParticipantInput,
  ParticipantUpdate,
  PortalAccountInput,
  PortalRecord,
  User,
} from '@stepwise/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { decodeCursor, pageOf } from '../../db/paging.js';
import { participantContacts, participants, users } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { auditInsertSql, recordAudit } from '../audit/audit-log.js';
import { hashPassword } from '../auth/secrets.js';
import { assertEmailFree, toUser } from '../staff/staff.service.js';
import * as repo from './participants.repository.js';

/**
 * Lists or searches participants, as the JSON text of a page of `Participant`s; the audit event names
 * every participant shown. The page, its rows and the event are one statement, run in a transaction
 * shared with other requests (see db/shared-trips.ts), and PostgreSQL writes each participant's JSON
 * (see `participantJson`).
 */
export async function listParticipantsJson(ctx: ServiceContext, query: ListQuery): Promise<string> {
  const orgId = ctx.actor.orgId;
  const page = repo.participantPageSql(orgId, {
    q: query.q,
    limit: query.limit,
    cursor: query.cursor ? decodeCursor(query.cursor, ['text', 'id']) : null,
  });
  const shown = sql`coalesce((select jsonb_agg(id order by ${repo.nameOrder})
    from (select id, sort_name from page order by ${repo.nameOrder} limit ${query.limit}) shown), '[]'::jsonb)`;
  const audit = auditInsertSql(ctx, {
    action: 'participant.listed',
    subjectType: 'participant',
    details: sql`jsonb_build_object('searched', ${Boolean(query.q)}::boolean, 'shown', ${shown})`,
  });
  const [rows = []] = await ctx.sharedTrips.run(orgId, [
    sql`with page as materialized (${page}), audit as (${audit})
      select page.sort_name, id, ${repo.participantJson} as json from page join participants using (id)
      where participants.org_id = ${orgId}::uuid
      order by page.sort_name using ~<~, page.id`,
  ]);
  const result = pageOf(rows, query.limit, (row) => [String(row.sort_name), String(row.id)]);
  return `{"items":[${result.items.map((row) => row.json).join(',')}],"nextCursor":${JSON.stringify(result.nextCursor)}}`;
}

/**
 * Reads one participant, as the JSON text of a `Participant`; the read and its audit event are one
 * statement, run in a transaction shared with other requests.
 */
export async function getParticipantJson(ctx: ServiceContext, id: string): Promise<string> {
  const orgId = ctx.actor.orgId;
  const audit = auditInsertSql(
    ctx,
    { action: 'participant.read', subjectType: 'participant', subjectId: id, participantId: id },
    sql`target`,
  );
  const [rows = []] = await ctx.sharedTrips.run(orgId, [
    sql`with target as (select ${repo.participantJson} as json from participants
        where org_id = ${orgId}::uuid and id = ${id}::uuid),
      audit as (${audit})
      select json from target`,
  ]);
  const [row] = rows;
  if (!row) throw notFound('participant');
  return String(row.json);
}

/**
 * The participant's name, or 404: for other modules that record something about a participant inside
 * their own transaction (row-level security already limits it to the caller's organisation).
 */
export async function requireParticipant(
  tx: Db,
  orgId: string,
  id: string,
): Promise<{ id: string; displayName: string }> {
  const row = await repo.findParticipant(tx, orgId, id);
  if (!row) throw notFound('participant');
  return { id: row.id, displayName: `${row.preferredName ?? row.givenName} ${row.familyName}` };
}

/** The ids of the participant's contacts, for other modules checking a contact named in a request. */
export async function listContactIds(tx: Db, orgId: string, participantId: string): Promise<string[]> {
  return (await repo.listContacts(tx, orgId, participantId)).map((contact) => contact.id);
}

/** Registers a participant; the record number is generated unless the clinic supplies its own. */
export function createParticipant(ctx: ServiceContext, input: ParticipantInput): Promise<Participant> {
  return withOrg(ctx.database, ctx.actor.orgId, (tx) => registerParticipant(tx, ctx, input));
}

/** `createParticipant` inside another module's transaction (a referral for someone new, say). */
export async function registerParticipant(
  tx: Db,
  ctx: ServiceContext,
  input: ParticipantInput,
): Promise<Participant> {
  const recordNumber = input.recordNumber ?? (await repo.nextRecordNumber(tx, ctx.actor.orgId));
  const [row] = await tx
    .insert(participants)
    .values({
      orgId: ctx.actor.orgId,
      recordNumber,
      givenName: input.givenName,
      familyName: input.familyName,
      preferredName: input.preferredName ?? null,
      dateOfBirth: input.dateOfBirth,
      pronouns: input.pronouns ?? null,
      preferredLanguage: input.preferredLanguage,
      email: input.email ?? null,
      phone: input.phone ?? null,
      address: input.address ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', 'a participant with this record number already exists');
  await recordAudit(tx, ctx, {
    action: 'participant.created',
    subjectType: 'participant',
    subjectId: row.id,
    participantId: row.id,
  });
  return repo.toParticipant(row);
}

export function updateParticipant(
  ctx: ServiceContext,
  id: string,
  input: ParticipantUpdate,
): Promise<Participant> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .update(participants)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(participants.orgId, ctx.actor.orgId), eq(participants.id, id)))
      .returning();
    if (!row) throw notFound('participant');
    await recordAudit(tx, ctx, {
      action: 'participant.updated',
      subjectType: 'participant',
      subjectId: id,
      participantId: id,
      details: { fields: Object.keys(input) },
    });
    return repo.toParticipant(row);
  });
}

export function listContacts(ctx: ServiceContext, participantId: string): Promise<Contact[]> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findParticipant(tx, ctx.actor.orgId, participantId))) throw notFound('participant');
    const rows = await repo.listContacts(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'contact.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return rows.map(repo.toContact);
  });
}

export function createContact(
  ctx: ServiceContext,
  participantId: string,
  input: ContactInput,
): Promise<Contact> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findParticipant(tx, ctx.actor.orgId, participantId))) throw notFound('participant');
    const [row] = await tx
      .insert(participantContacts)
      .values({
        orgId: ctx.actor.orgId,
        participantId,
        name: input.name,
        kind: input.kind,
        relation: input.relation ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        isEmergencyContact: input.isEmergencyContact ?? input.kind === 'emergency',
        notes: input.notes ?? null,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the contact was not stored');
    await recordAudit(tx, ctx, {
      action: 'contact.created',
      subjectType: 'contact',
      subjectId: row.id,
      participantId,
    });
    return repo.toContact(row);
  });
}

export function updateContact(
  ctx: ServiceContext,
  participantId: string,
  contactId: string,
  input: ContactUpdate,
): Promise<Contact> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const current = await repo.findContact(tx, ctx.actor.orgId, participantId, contactId);
    if (!current) throw notFound('contact');
    const kind = input.kind ?? current.kind;
    const phone = input.phone === undefined ? current.phone : input.phone;
    if (kind === 'emergency' && !phone)
      throw invalidField('body.phone', 'an emergency contact needs a phone number');
    const [row] = await tx
      .update(participantContacts)
      .set({ ...input, updatedAt: sql`now()` })
      .where(and(eq(participantContacts.orgId, ctx.actor.orgId), eq(participantContacts.id, contactId)))
      .returning();
    if (!row) throw notFound('contact');
    await recordAudit(tx, ctx, {
      action: 'contact.updated',
      subjectType: 'contact',
      subjectId: contactId,
      participantId,
      details: { fields: Object.keys(input) },
    });
    return repo.toContact(row);
  });
}

/** Removes a contact; refused while a family account is linked to it (deactivate that first). */
export function deleteContact(ctx: ServiceContext, participantId: string, contactId: string): Promise<void> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findContact(tx, ctx.actor.orgId, participantId, contactId))) throw notFound('contact');
    const [linked] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.contactId, contactId))
      .limit(1);
    if (linked) throw new AppError('conflict', 'a family account is linked to this contact');
    await tx
      .delete(participantContacts)
      .where(and(eq(participantContacts.orgId, ctx.actor.orgId), eq(participantContacts.id, contactId)));
    await recordAudit(tx, ctx, {
      action: 'contact.deleted',
      subjectType: 'contact',
      subjectId: contactId,
      participantId,
    });
  });
}

export function listAccounts(ctx: ServiceContext, participantId: string): Promise<User[]> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (!(await repo.findParticipant(tx, ctx.actor.orgId, participantId))) throw notFound('participant');
    const rows = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.participantId, participantId)))
      .orderBy(asc(users.kind), asc(users.displayName));
    return rows.map(toUser);
  });
}

/**
 * Creates a portal account for the participant, or for one of their contacts (a family account).
 * A participant has at most one participant account; each contact at most one family account.
 */
export async function createPortalAccount(
  ctx: ServiceContext,
  participantId: string,
  input: PortalAccountInput,
): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const participant = await repo.findParticipant(tx, ctx.actor.orgId, participantId);
    if (!participant) throw notFound('participant');
    let displayName = input.displayName ?? participant.preferredName ?? participant.givenName;
    let contactId: string | null = null;
    if (input.kind === 'family') {
      const contact = input.contactId
        ? await repo.findContact(tx, ctx.actor.orgId, participantId, input.contactId)
        : undefined;
      if (!contact) throw invalidField('body.contactId', "not one of this participant's contacts");
      contactId = contact.id;
      displayName = input.displayName ?? contact.name;
    }
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.participantId, participantId),
          input.kind === 'participant' ? eq(users.kind, 'participant') : eq(users.contactId, contactId ?? ''),
        ),
      )
      .limit(1);
    if (existing)
      throw new AppError(
        'conflict',
        `this ${input.kind === 'participant' ? 'participant' : 'contact'} already has an account`,
      );
    await assertEmailFree(tx, input.email);
    const [row] = await tx
      .insert(users)
      .values({
        orgId: ctx.actor.orgId,
        email: input.email,
        displayName,
        kind: input.kind,
        roles: [input.kind],
        participantId,
        contactId,
        passwordHash,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the account was not stored');
    await recordAudit(tx, ctx, {
      action: 'account.created',
      subjectType: 'user',
      subjectId: row.id,
      participantId,
      details: { kind: input.kind },
    });
    return toUser(row);
  });
}

/**
 * The portal's view of the linked participant. A participant sees their own demographics; a family
 * member sees only the name (anything more depends on the participant's consent, a later capability).
 */
export function getPortalRecord(ctx: ServiceContext): Promise<PortalRecord> {
  const participantId = ctx.actor.participantId;
  if (!participantId) throw new AppError('forbidden', 'this account is not linked to a participant');
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findParticipant(tx, ctx.actor.orgId, participantId);
    if (!row) throw notFound('participant');
    await recordAudit(tx, ctx, {
      action: 'portal.record_read',
      subjectType: 'participant',
      subjectId: row.id,
      participantId: row.id,
    });
    const self = ctx.actor.accountKind === 'participant';
    return {
      viewer: self ? 'participant' : 'family',
      participant: {
        id: row.id,
        givenName: row.givenName,
        preferredName: row.preferredName,
        familyName: self ? row.familyName : null,
        dateOfBirth: self ? row.dateOfBirth : null,
        preferredLanguage: row.preferredLanguage,
        recordNumber: self ? row.recordNumber : null,
      },
    };
  });
}
