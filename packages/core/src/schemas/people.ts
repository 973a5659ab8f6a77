import { z } from 'zod';
import { accountKinds, allRoles, staffRoles } from '../roles.js';
import {
  atLeastOneField,
  dateSchema,
  emailSchema,
  idSchema,
  newPasswordSchema,
  optionalText,
  phoneSchema,
  shortText,
  timestampSchema,
} from './common.js';

const birthDate = dateSchema.refine((value) => value >= '1900-01-01' && value <= todayUtc(), {
  message: 'must be a real date of birth, not in the future',
});

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A BCP 47 language tag such as `en`, `es` or `es-MX`. */
const languageTag = z
  .string()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en or es-MX');

export const participantInput = z.strictObject({
  givenName: shortText(100),
  familyName: shortText(100),
  preferredName: optionalText(100),
  dateOfBirth: birthDate,
  pronouns: optionalText(40),
  preferredLanguage: languageTag.default('en'),
  email: emailSchema.nullable().optional(),
  phone: phoneSchema.nullable().optional(),
  address: optionalText(500),
  /** The clinic's medical record number; generated when omitted. */
  recordNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be letters, digits and dashes, at most 32')
    .optional(),
});
export type ParticipantInput = z.infer<typeof participantInput>;

export const participantUpdate = atLeastOneField(
  z.strictObject({
    givenName: shortText(100).optional(),
    familyName: shortText(100).optional(),
    preferredName: optionalText(100),
    dateOfBirth: birthDate.optional(),
    pronouns: optionalText(40),
    preferredLanguage: languageTag.optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    address: optionalText(500),
  }),
);
export type ParticipantUpdate = z.infer<typeof participantUpdate>;

export const participantSchema = z.object({
  id: idSchema,
  recordNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string(),
  pronouns: z.string().nullable(),
  preferredLanguage: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Participant = z.infer<typeof participantSchema>;

export const contactKinds = ['family', 'support', 'emergency'] as const;
export type ContactKind = (typeof contactKinds)[number];

export const contactInput = z
  .strictObject({
    name: shortText(200),
    kind: z.enum(contactKinds),
    /** How they are related, in plain words: "sister", "sponsor", "partner". */
    relation: optionalText(60),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    isEmergencyContact: z.boolean().optional(),
    notes: optionalText(1000),
  })
  .refine((contact) => contact.kind !== 'emergency' || contact.phone, {
    message: 'an emergency contact needs a phone number',
    path: ['phone'],
  });
export type ContactInput = z.infer<typeof contactInput>;

export const contactUpdate = atLeastOneField(
  z.strictObject({
    name: shortText(200).optional(),
    kind: z.enum(contactKinds).optional(),
    relation: optionalText(60),
    phone: phoneSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    isEmergencyContact: z.boolean().optional(),
    notes: optionalText(1000),
  }),
);
export type ContactUpdate = z.infer<typeof contactUpdate>;

export const contactSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  name: z.string(),
  kind: z.enum(contactKinds),
  relation: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  isEmergencyContact: z.boolean(),
  notes: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Contact = z.infer<typeof contactSchema>;

export const contactParams = z.strictObject({ id: idSchema, contactId: idSchema });

/** A user account as staff see it; never carries secrets. */
export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  kind: z.enum(accountKinds),
  roles: z.array(z.enum(allRoles)),
  participantId: idSchema.nullable(),
  contactId: idSchema.nullable(),
  active: z.boolean(),
  mfaEnabled: z.boolean(),
  lastLoginAt: timestampSchema.nullable(),
  createdAt: timestampSchema,
});
export type User = z.infer<typeof userSchema>;

export const staffInput = z.strictObject({
  email: emailSchema,
  displayName: shortText(120),
  roles: z.array(z.enum(staffRoles)).min(1, 'needs at least one role').max(staffRoles.length),
  password: newPasswordSchema,
});
export type StaffInput = z.infer<typeof staffInput>;

export const staffUpdate = atLeastOneField(
  z.strictObject({
    displayName: shortText(120).optional(),
    roles: z.array(z.enum(staffRoles)).min(1, 'needs at least one role').max(staffRoles.length).optional(),
    active: z.boolean().optional(),
  }),
);
export type StaffUpdate = z.infer<typeof staffUpdate>;

/** A portal account for a participant, or for one of their contacts (family). */
export const portalAccountInput = z
  .strictObject({
    kind: z.enum(['participant', 'family']),
    email: emailSchema,
    displayName: shortText(120).optional(),
    /** Required for a family account: the contact it belongs to. */
    contactId: idSchema.optional(),
    /** An initial password the person changes after first sign-in. */
    password: newPasswordSchema,
  })
  .refine((account) => account.kind !== 'family' || account.contactId, {
    message: 'a family account must name the contact it belongs to',
    path: ['contactId'],
  });
export type PortalAccountInput = z.infer<typeof portalAccountInput>;

/** The portal's view of the linked participant: a family member sees the name only. */
export const portalRecordSchema = z.object({
  viewer: z.enum(['participant', 'family']),
  participant: z.object({
    id: idSchema,
    givenName: z.string(),
    preferredName: z.string().nullable(),
    familyName: z.string().nullable(),
    dateOfBirth: z.string().nullable(),
    preferredLanguage: z.string(),
    recordNumber: z.string().nullable(),
  }),
});
export type PortalRecord = z.infer<typeof portalRecordSchema>;
