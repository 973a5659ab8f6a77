import {
  type Consent,
  type ConsentInput,
  consentKindLabels,
  consentStatements,
  consentStatementsVersion,
  type DisclosureDecision,
  type DisclosurePurpose,
  decideDisclosure,
  type Recipient,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { listContactIds, requireParticipant } from '../participants/participants.service.js';
import * as repo from './consents.repository.js';

/**
 * Records a signed consent as a new version of its kind: the statement shown, every element the form
 * collected, the typed signature, when and from where. A consent is never edited afterwards; changing
 * one means signing a new version (and revoking the old when it should stop).
 */
export function recordConsent(
  ctx: ServiceContext,
  participantId: string,
  input: ConsentInput,
): Promise<Consent> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const participant = await requireParticipant(tx, orgId, participantId);
    const recipients = 'recipients' in input ? input.recipients : [];
    const contactIds = recipients.flatMap((recipient) => (recipient.contactId ? [recipient.contactId] : []));
    if (contactIds.length > 0) {
      const known = new Set(await listContactIds(tx, orgId, participantId));
      const index = recipients.findIndex(
        (recipient) => recipient.contactId && !known.has(recipient.contactId),
      );
      if (index >= 0)
        throw invalidField(`recipients.${index}.contactId`, 'not one of this participant’s contacts');
    }
    if (
      'expiry' in input &&
      input.expiry?.kind === 'date' &&
      input.expiry.date < new Date().toISOString().slice(0, 10)
    ) {
      throw invalidField('expiry.date', 'the expiry date has already passed');
    }
    const version = await repo.nextVersion(tx, orgId, participantId, input.kind);
    const row = await repo.insertConsent(tx, {
      orgId,
      participantId,
      kind: input.kind,
      version,
      participantName: participant.displayName,
      discloser: 'discloser' in input ? input.discloser : null,
      information: 'information' in input ? input.information : null,
      recipients,
      purposes:
        input.kind === 'part2_disclosure'
          ? [...new Set(input.purposes)]
          : input.kind === 'tpo'
            ? ['treatment', 'payment', 'health_care_operations']
            : input.kind === 'family_involvement'
              ? ['family_involvement']
              : [],
      purposeDetail: input.kind === 'part2_disclosure' ? (input.purposeDetail ?? null) : null,
      expiry: 'expiry' in input ? (input.expiry ?? null) : null,
      statement: consentStatements[input.kind],
      statementVersion: consentStatementsVersion,
      signerName: input.signature.signerName,
      signerRelationship: input.signature.relationship,
      signedIp: ctx.meta.ip,
      recordedBy: ctx.actor.userId,
    });
    if (!row)
      throw new AppError(
        'conflict',
        'another version of this consent was recorded at the same time; try again',
      );
    await recordAudit(tx, ctx, {
      action: 'consent.created',
      subjectType: 'consent',
      subjectId: row.id,
      participantId,
      details: { kind: input.kind, version },
    });
    return present(tx, orgId, row.id);
  });
}

/** Revokes a consent from this moment on; what was disclosed before, in reliance on it, stays disclosed. */
export function revokeConsent(ctx: ServiceContext, id: string, reason: string): Promise<Consent> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const found = await repo.findConsent(tx, ctx.actor.orgId, id);
    if (!found) throw notFound('consent');
    if (!(await repo.revokeConsent(tx, ctx.actor.orgId, id, { revokedBy: ctx.actor.userId, reason }))) {
      throw new AppError(
        'conflict',
        `this ${consentKindLabels[found.consent.kind as Consent['kind']]} is already revoked`,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'consent.revoked',
      subjectType: 'consent',
      subjectId: id,
      participantId: found.consent.participantId,
      details: { kind: found.consent.kind, version: found.consent.version },
    });
    return present(tx, ctx.actor.orgId, id);
  });
}

export function listConsents(ctx: ServiceContext, participantId: string): Promise<{ items: Consent[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const rows = await repo.listConsents(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'consent.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    const now = new Date();
    return { items: rows.map((row) => repo.toConsent(row.consent, row.recordedByName, now)) };
  });
}

/**
 * Whether the participant's consents in force allow disclosing to the recipient for the purpose, and
 * under which consent (see `decideDisclosure`). For other modules deciding what family members and
 * exports may see, inside their own transaction.
 */
export async function canDisclose(
  tx: Db,
  orgId: string,
  participantId: string,
  recipient: Recipient,
  purpose: DisclosurePurpose,
  now = new Date(),
): Promise<DisclosureDecision> {
  const rows = await repo.listConsents(tx, orgId, participantId);
  return decideDisclosure(
    rows.map((row) => repo.toFacts(row.consent)),
    recipient,
    purpose,
    now,
  );
}

/** `canDisclose` over HTTP, for staff checking before they share; the check itself is audited. */
export function checkDisclosure(
  ctx: ServiceContext,
  participantId: string,
  query: {
    recipientType: Recipient['type'];
    recipientName?: string;
    contactId?: string;
    purpose: DisclosurePurpose;
  },
): Promise<DisclosureDecision> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const recipient: Recipient = {
      type: query.recipientType,
      ...(query.recipientName ? { name: query.recipientName } : {}),
      ...(query.contactId ? { contactId: query.contactId } : {}),
    };
    const decision = await canDisclose(tx, ctx.actor.orgId, participantId, recipient, query.purpose);
    await recordAudit(tx, ctx, {
      action: 'disclosure.checked',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { recipientType: query.recipientType, purpose: query.purpose, allowed: decision.allowed },
    });
    return decision;
  });
}

async function present(tx: Db, orgId: string, id: string): Promise<Consent> {
  const found = await repo.findConsent(tx, orgId, id);
  if (!found) throw notFound('consent');
  return repo.toConsent(found.consent, found.recordedByName, new Date());
}
