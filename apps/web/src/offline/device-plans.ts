import {
  type MyRelapsePreventionPlan,
  type MySafetyPlan,
  myRelapsePreventionPlanSchema,
  mySafetyPlanSchema,
} from '@stepwise/core';
import { z } from 'zod';

/*
 * The participant's own plans, kept on their phone so they can be read with no network (issue "Between
 * sessions": readable offline once loaded). A safety plan is most needed exactly when a person may
 * have no signal, so the copy is written every time the plans are loaded.
 *
 * Why localStorage: it survives closing the browser, is read synchronously before anything else can
 * fail, and is never sent to the server; the service worker's cache holds only the app shell (no
 * health data). Because this is the most sensitive data there is, the copy is kept for one account
 * only, replaced when another account signs in on the device, and removed when the participant signs
 * out. It deliberately survives an automatic logoff after inactivity: a person in crisis whose session
 * has timed out must still reach their safety plan without signal, and signing out is how someone
 * leaves a shared device. The copy is shown only while the server cannot be reached; online, the
 * signed-in session decides.
 */

const storageKey = 'stepwise.my-plans.v1';

const devicePlansSchema = z.object({
  userId: z.string(),
  savedAt: z.string(),
  safety: mySafetyPlanSchema.nullable(),
  relapsePrevention: myRelapsePreventionPlanSchema.nullable(),
});
export type DevicePlans = z.infer<typeof devicePlansSchema>;

/** The copy on this device, if there is a readable one. */
export function readDevicePlans(): DevicePlans | null {
  try {
    const text = window.localStorage.getItem(storageKey);
    if (!text) return null;
    const parsed = devicePlansSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** True when there is a plan worth showing offline (in effect, or a draft). */
export function hasDevicePlans(): boolean {
  const stored = readDevicePlans();
  return Boolean(
    stored?.safety?.active ||
      stored?.safety?.draft ||
      stored?.relapsePrevention?.active ||
      stored?.relapsePrevention?.draft,
  );
}

/** Keeps the latest copy of one of the signed-in participant's plans on the device. */
export function saveDevicePlan(
  userId: string,
  plan:
    | { kind: 'safety'; value: MySafetyPlan }
    | { kind: 'relapsePrevention'; value: MyRelapsePreventionPlan },
): void {
  const current = readDevicePlans();
  const base: DevicePlans =
    current && current.userId === userId
      ? current
      : { userId, savedAt: '', safety: null, relapsePrevention: null };
  const next: DevicePlans = { ...base, savedAt: new Date().toISOString(), [plan.kind]: plan.value };
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(next));
  } catch {
    // storage full or disabled (private browsing): the plan still shows online
  }
}

/** Removes the copy: on signing out, and when another account signs in on this device. */
export function clearDevicePlans(): void {
  try {
    window.localStorage.removeItem(storageKey);
  } catch {
    // nothing stored
  }
}

/** Keeps the copy only if it is this user's. */
export function keepDevicePlansOnlyFor(userId: string): void {
  const stored = readDevicePlans();
  if (stored && stored.userId !== userId) clearDevicePlans();
}
