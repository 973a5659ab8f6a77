import { z } from 'zod';
import { populations, programKinds, trackKinds } from '../program-rules.js';
import { allRoles } from '../roles.js';
import { defaultPlanReviewDays, maxPlanReviewDays } from '../treatment-plans.js';
import {
  atLeastOneField,
  dialNumberSchema,
  idSchema,
  optionalText,
  phoneSchema,
  shortText,
  timeOfDaySchema,
  timestampSchema,
  timeZoneSchema,
} from './common.js';

export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  isDemo: z.boolean(),
  mfaRequiredRoles: z.array(z.enum(allRoles)),
  createdAt: timestampSchema,
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationUpdate = atLeastOneField(
  z.strictObject({
    name: shortText().optional(),
    /** Roles whose users must enrol in TOTP multi-factor authentication before using Stepwise. */
    mfaRequiredRoles: z.array(z.enum(allRoles)).max(allRoles.length).optional(),
  }),
);
export type OrganisationUpdate = z.infer<typeof organisationUpdate>;

export const siteInput = z.strictObject({
  name: shortText(),
  timeZone: timeZoneSchema,
  address: optionalText(500),
  phone: phoneSchema.nullable().optional(),
});
export type SiteInput = z.infer<typeof siteInput>;
export const siteUpdate = atLeastOneField(siteInput.partial());
export type SiteUpdate = z.infer<typeof siteUpdate>;

export const siteSchema = z.object({
  id: idSchema,
  name: z.string(),
  timeZone: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Site = z.infer<typeof siteSchema>;

export const programInput = z.strictObject({
  siteId: idSchema,
  name: shortText(),
  kind: z.enum(programKinds),
  population: z.enum(populations),
  /** Defaults to 9 for adults and 6 for adolescents. */
  weeklyHoursMinimum: z.number().min(1).max(40).multipleOf(0.5).optional(),
  /** Default group capacity; payers often cap groups at 8–12. */
  groupCapacity: z.number().int().min(2).max(30).default(12),
  /** Days between treatment-plan reviews; Medicare requires at least every other month. */
  planReviewDays: z.number().int().min(7).max(maxPlanReviewDays).default(defaultPlanReviewDays),
  /** The program's own crisis line, offered beside 988 on every new safety plan. */
  crisisPhone: dialNumberSchema.nullable().optional(),
});
export type ProgramInput = z.infer<typeof programInput>;
export const programUpdate = atLeastOneField(
  z.strictObject({
    name: shortText().optional(),
    kind: z.enum(programKinds).optional(),
    population: z.enum(populations).optional(),
    weeklyHoursMinimum: z.number().min(1).max(40).multipleOf(0.5).optional(),
    groupCapacity: z.number().int().min(2).max(30).optional(),
    planReviewDays: z.number().int().min(7).max(maxPlanReviewDays).optional(),
    crisisPhone: dialNumberSchema.nullable().optional(),
  }),
);
export type ProgramUpdate = z.infer<typeof programUpdate>;

export const programSchema = z.object({
  id: idSchema,
  siteId: idSchema,
  name: z.string(),
  kind: z.enum(programKinds),
  population: z.enum(populations),
  weeklyHoursMinimum: z.number(),
  groupCapacity: z.number(),
  planReviewDays: z.number(),
  crisisPhone: z.string().nullable(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Program = z.infer<typeof programSchema>;

const isoWeekday = z.number().int().min(1).max(7);

export const trackInput = z
  .strictObject({
    programId: idSchema,
    name: shortText(),
    kind: z.enum(trackKinds),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. Required for custom tracks; presets otherwise. */
    days: z.array(isoWeekday).min(1).max(7).optional(),
    startTime: timeOfDaySchema.optional(),
    endTime: timeOfDaySchema.optional(),
  })
  .superRefine((track, ctx) => {
    if (track.kind === 'custom' && (!track.days || !track.startTime || !track.endTime)) {
      ctx.addIssue({ code: 'custom', message: 'a custom track needs days, startTime and endTime' });
    }
    if (track.days && new Set(track.days).size !== track.days.length) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'days must not repeat' });
    }
    if (track.startTime && track.endTime && track.startTime >= track.endTime) {
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'endTime must be after startTime' });
    }
  });
export type TrackInput = z.infer<typeof trackInput>;

export const trackUpdate = atLeastOneField(
  z
    .strictObject({
      name: shortText().optional(),
      days: z.array(isoWeekday).min(1).max(7).optional(),
      startTime: timeOfDaySchema.optional(),
      endTime: timeOfDaySchema.optional(),
    })
    .superRefine((track, ctx) => {
      if (track.days && new Set(track.days).size !== track.days.length) {
        ctx.addIssue({ code: 'custom', path: ['days'], message: 'days must not repeat' });
      }
    }),
);
export type TrackUpdate = z.infer<typeof trackUpdate>;

export const trackSchema = z.object({
  id: idSchema,
  programId: idSchema,
  name: z.string(),
  kind: z.enum(trackKinds),
  days: z.array(z.number()),
  startTime: z.string(),
  endTime: z.string(),
  weeklyMinutes: z.number(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Track = z.infer<typeof trackSchema>;
