import { z } from 'zod';
import { accountKinds, allRoles, permissions } from '../roles.js';
import { emailSchema, idSchema, newPasswordSchema, shortText, timestampSchema } from './common.js';

export const loginInput = z.strictObject({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(256),
  /** Six-digit code from the authenticator app, when the account has MFA. */
  totp: z
    .string()
    .regex(/^\d{6}$/, 'must be the 6-digit code from your authenticator app')
    .optional(),
});
export type LoginInput = z.infer<typeof loginInput>;

export const meSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  kind: z.enum(accountKinds),
  roles: z.array(z.enum(allRoles)),
  permissions: z.array(z.enum(permissions)),
  participantId: idSchema.nullable(),
  organisation: z.object({ id: idSchema, name: z.string(), isDemo: z.boolean() }),
  mfaEnabled: z.boolean(),
  /** True when the role requires MFA and the user must enrol before doing anything else. */
  mfaEnrolmentRequired: z.boolean(),
  /** Minutes of inactivity after which the session ends. */
  idleTimeoutMinutes: z.number(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponse = z.object({ user: meSchema, csrfToken: z.string() });
export type LoginResponse = z.infer<typeof loginResponse>;

export const sessionResponse = z.object({ user: meSchema, csrfToken: z.string().nullable() });

export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string() });
export const mfaCodeInput = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'must be a 6-digit code') });
export const mfaDisableInput = z.strictObject({
  password: z.string().min(1).max(256),
  code: z.string().regex(/^\d{6}$/, 'must be a 6-digit code'),
});

export const passwordChangeInput = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: newPasswordSchema,
});

export const apiTokenInput = z.strictObject({
  name: shortText(80),
  /** The token acts with this one role, which must be one of the user's roles. */
  role: z.enum(allRoles),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
export type ApiTokenInput = z.infer<typeof apiTokenInput>;

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(allRoles),
  createdAt: timestampSchema,
  expiresAt: timestampSchema,
  lastUsedAt: timestampSchema.nullable(),
  revokedAt: timestampSchema.nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

/** Returned once at creation; the secret is never shown again. */
export const apiTokenCreated = apiTokenSchema.extend({ token: z.string() });
