import { z } from 'zod';
import {
  consentKinds,
  disclosurePurposes,
  icd10Pattern,
  recipientTypes,
  referralSources,
  referralStatuses,
} from '../intake-rules.js';
import { dateSchema, idSchema, optionalText, shortText, timestampSchema } from './common.js';
import { participantInput } from './people.js';

const person = z.object({ id: idSchema, name: z.string() });

// Referrals ------------------------------------------------------------------------------------------

export const referralInput = z
  .strictObject({
    /** An existing participant, or `newParticipant` to register them with the referral. */
    participantId: idSchema.optional(),
    newParticipant: participantInput.optional(),
    source: z.enum(referralSources),
    /** Who referred: the hospital, court, practice or person, as they named themselves. */
    referrerName: optionalText(200),
    referrerContact: optionalText(200),
    reason: optionalText(2000),
    programId: idSchema.nullable().optional(),
    ownerId: idSchema.nullable().optional(),
    /** The day the referral arrived; today when absent. */
    receivedOn: dateSchema.optional(),
  })
  .refine((input) => (input.participantId === undefined) !== (input.newParticipant === undefined), {
    message: 'give either participantId or newParticipant',
    path: ['participantId'],
  });
export type ReferralInput = z.infer<typeof referralInput>;

export const referralUpdate = z.strictObject({
  referrerName: optionalText(200),
  referrerContact: optionalText(200),
  reason: optionalText(2000),
  programId: idSchema.nullable().optional(),
  ownerId: idSchema.nullable().optional(),
});
export type ReferralUpdate = z.infer<typeof referralUpdate>;

/** Moving a referral along the pipeline. Referring out says where to and why; declining says why. */
export const referralStatusInput = z
  .strictObject({
    status: z.enum(referralStatuses).exclude(['admitted', 'new']),
    note: optionalText(2000),
    referredOutTo: z.string().trim().min(1).max(200).optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status === 'referred_out' && (!input.referredOutTo || !input.reason)) {
      ctx.addIssue({
        code: 'custom',
        path: [input.referredOutTo ? 'reason' : 'referredOutTo'],
        message: 'referring out needs where to (referredOutTo) and why (reason)',
      });
    }
    if (input.status === 'declined' && !input.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'declining needs a reason' });
    }
    if (input.status !== 'referred_out' && input.referredOutTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['referredOutTo'],
        message: 'only a referral out names where to',
      });
    }
  });
export type ReferralStatusInput = z.infer<typeof referralStatusInput>;

export const referralSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  participantName: z.string(),
  source: z.enum(referralSources),
  referrerName: z.string().nullable(),
  referrerContact: z.string().nullable(),
  reason: z.string().nullable(),
  programId: idSchema.nullable(),
  owner: person.nullable(),
  status: z.enum(referralStatuses),
  receivedOn: dateSchema,
  statusChangedAt: timestampSchema,
  referredOutTo: z.string().nullable(),
  closingReason: z.string().nullable(),
  admittedOn: dateSchema.nullable(),
  /** Whole days from referral to admission, once admitted. */
  daysToAdmission: z.number().nullable(),
  episodeId: idSchema.nullable(),
  history: z.array(
    z.object({
      status: z.enum(referralStatuses),
      at: timestampSchema,
      by: person,
      note: z.string().nullable(),
    }),
  ),
  createdAt: timestampSchema,
});
export type Referral = z.infer<typeof referralSchema>;

export const referralListQuery = z.strictObject({
  status: z.enum(referralStatuses).optional(),
  open: z.enum(['true', 'false']).optional(),
  participantId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

// Episodes -------------------------------------------------------------------------------------------

export const diagnosisSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .transform((value) => value.toUpperCase())
    .pipe(z.string().regex(icd10Pattern, 'must be an ICD-10 code such as F10.20')),
  description: optionalText(200),
});

export const episodeInput = z.strictObject({
  programId: idSchema,
  trackId: idSchema.nullable().optional(),
  /** The referral this admission answers; it moves to admitted. */
  referralId: idSchema.optional(),
  /** The level-of-care assessment that justified admission: decided, and decided for IOP. */
  levelOfCareAssessmentId: idSchema,
  phase: shortText(60).default('Orientation'),
  startDate: dateSchema,
  expectedLengthDays: z.int().min(1).max(365),
  primaryClinicianId: idSchema,
  supervisorId: idSchema.nullable().optional(),
  prescriberId: idSchema.nullable().optional(),
  payer: optionalText(200),
  authorizationNumber: optionalText(100),
  diagnoses: z.array(diagnosisSchema).max(12).default([]),
});
export type EpisodeInput = z.infer<typeof episodeInput>;

export const episodeSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  programId: idSchema,
  programName: z.string(),
  trackId: idSchema.nullable(),
  referralId: idSchema.nullable(),
  levelOfCareAssessmentId: idSchema,
  phase: z.string(),
  status: z.enum(['open', 'closed']),
  startDate: dateSchema,
  expectedLengthDays: z.number(),
  expectedEndDate: dateSchema,
  careTeam: z.object({
    primaryClinician: person,
    supervisor: person.nullable(),
    prescriber: person.nullable(),
  }),
  payer: z.string().nullable(),
  authorizationNumber: z.string().nullable(),
  diagnoses: z.array(z.object({ code: z.string(), description: z.string().nullable().optional() })),
  createdAt: timestampSchema,
});
export type Episode = z.infer<typeof episodeSchema>;

// Consents -------------------------------------------------------------------------------------------

export const recipientSchema = z.strictObject({
  type: z.enum(recipientTypes),
  name: z.string().trim().min(1).max(200).optional(),
  contactId: idSchema.optional(),
});

export const consentExpirySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: dateSchema }),
  z.strictObject({ kind: z.literal('event'), event: z.string().trim().min(3).max(200) }),
  z.strictObject({ kind: z.literal('none') }),
]);

export const signerRelationships = ['self', 'parent', 'guardian', 'personal_representative'] as const;

/** The electronic signature: the signer types their full name and confirms. */
export const signatureSchema = z.strictObject({
  signerName: z.string().trim().min(2, 'type the full name').max(200),
  relationship: z.enum(signerRelationships),
  agreed: z.literal(true, { message: 'the signer must agree to the statement' }),
});

const consentBase = { signature: signatureSchema };

/**
 * A consent as signed. Part 2 disclosure consents carry every element of §2.31: who discloses, what,
 * to whom, why, until when (the patient's name, the right to revoke and the signature come with every
 * consent).
 */
export const consentInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('part2_disclosure'),
    ...consentBase,
    discloser: z.string().trim().min(2).max(200),
    information: z.string().trim().min(3, 'describe the information to be disclosed').max(2000),
    recipients: z.array(recipientSchema).min(1, 'name at least one recipient').max(20),
    purposes: z.array(z.enum(disclosurePurposes)).min(1, 'give the purpose').max(8),
    purposeDetail: optionalText(500),
    expiry: consentExpirySchema,
  }),
  z.strictObject({
    kind: z.literal('tpo'),
    ...consentBase,
    discloser: z.string().trim().min(2).max(200),
    expiry: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('event'), event: z.literal('end of treatment') }),
      z.strictObject({ kind: z.literal('none') }),
    ]),
  }),
  z.strictObject({ kind: z.literal('privacy_notice'), ...consentBase }),
  z.strictObject({ kind: z.literal('telehealth'), ...consentBase, expiry: consentExpirySchema.optional() }),
  z.strictObject({
    kind: z.literal('family_involvement'),
    ...consentBase,
    recipients: z
      .array(recipientSchema.extend({ type: z.literal('family_member'), contactId: idSchema }))
      .min(1, 'name at least one family member')
      .max(20),
    information: z.string().trim().min(3).max(2000),
    expiry: consentExpirySchema,
  }),
]);
export type ConsentInput = z.infer<typeof consentInput>;

export const consentRevocationInput = z.strictObject({
  /** How the participant asked: Part 2 asks for revocation in writing; staff record what they received. */
  reason: z.string().trim().min(3).max(2000),
});

export const consentSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  kind: z.enum(consentKinds),
  /** Version n of this kind for this participant; a new signing adds a version, never edits one. */
  version: z.number(),
  status: z.enum(['in_force', 'revoked', 'expired']),
  participantName: z.string(),
  discloser: z.string().nullable(),
  information: z.string().nullable(),
  recipients: z.array(recipientSchema),
  purposes: z.array(z.enum(disclosurePurposes)),
  purposeDetail: z.string().nullable(),
  expiry: consentExpirySchema.nullable(),
  statement: z.string(),
  statementVersion: z.string(),
  signature: z.object({
    signerName: z.string(),
    relationship: z.enum(signerRelationships),
    signedAt: timestampSchema,
    ip: z.string().nullable(),
  }),
  recordedBy: person,
  revokedAt: timestampSchema.nullable(),
  revocationReason: z.string().nullable(),
  expiredAt: timestampSchema.nullable(),
});
export type Consent = z.infer<typeof consentSchema>;

export const disclosureCheckQuery = z.strictObject({
  recipientType: z.enum(recipientTypes),
  recipientName: z.string().trim().min(1).max(200).optional(),
  contactId: idSchema.optional(),
  purpose: z.enum(disclosurePurposes),
});

export const disclosureDecisionSchema = z.object({
  allowed: z.boolean(),
  consentId: idSchema.optional(),
  reason: z.string(),
});
