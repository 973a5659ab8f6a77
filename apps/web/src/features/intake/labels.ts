import type { Consent, DisclosurePurpose, RecipientType } from '@stepwise/core';

/** A stored code in words: "moderately_severe" → "Moderately severe". */
export function codeLabel(code: string): string {
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words ? `${words[0]?.toUpperCase()}${words.slice(1)}` : code;
}

/** Findings a score can carry, in the words a clinician reads; unknown flags fall back to `codeLabel`. */
const scoreFlagLabels: Record<string, string> = {
  suicidal_ideation: 'Thoughts of death or self-harm (item 9)',
  high_suicide_risk: 'High suicide risk',
  poor_wellbeing: 'Poor well-being',
  probable_ptsd: 'Probable PTSD',
  dsm5_symptom_pattern: 'Meets the DSM-5 symptom pattern',
  bam_use: 'Recent alcohol or drug use',
  bam_high_risk: 'Many risk factors',
  bam_low_protection: 'Few protective factors',
};

export function scoreFlagLabel(flag: string): string {
  return scoreFlagLabels[flag] ?? codeLabel(flag);
}

/** Flags a level-of-care recommendation raises for the team to discuss (level-of-care.ts). */
const levelOfCareFlagLabels: Record<string, string> = {
  unstable_home_environment: 'Unstable or unsupportive home: discuss with the team',
  step_down: 'Stepping down from a higher level of care',
  low_readiness: 'Low readiness to change',
  barrier_to_recommended_level: 'Cannot attend the recommended 24-hour level',
};

export function levelOfCareFlagLabel(flag: string): string {
  return levelOfCareFlagLabels[flag] ?? codeLabel(flag);
}

export const disclosurePurposeLabels: Record<DisclosurePurpose, string> = {
  treatment: 'Treatment',
  payment: 'Payment',
  health_care_operations: 'Health care operations',
  family_involvement: 'Family involvement',
  care_coordination: 'Care coordination',
  legal: 'Legal (court or probation)',
  employment: 'Employment',
  other: 'Other (say which below)',
};

export const recipientTypeLabels: Record<RecipientType, string> = {
  treating_provider: 'Treating provider',
  payer: 'Health plan or payer',
  program_operations: 'Program operations',
  family_member: 'Family member',
  other: 'Other person or organisation',
};

export const signerRelationships = ['self', 'parent', 'guardian', 'personal_representative'] as const;
export type SignerRelationship = (typeof signerRelationships)[number];

export const signerRelationshipLabels: Record<SignerRelationship, string> = {
  self: 'The participant',
  parent: 'Parent',
  guardian: 'Legal guardian',
  personal_representative: 'Personal representative',
};

export const consentStatusLabels: Record<Consent['status'], string> = {
  in_force: 'In force',
  revoked: 'Revoked',
  expired: 'Expired',
};

/** Badge colours dark enough for white text (WCAG AA). */
export const consentStatusColors: Record<Consent['status'], string> = {
  in_force: 'teal.9',
  revoked: 'red.9',
  expired: 'gray.7',
};

/** Today as `YYYY-MM-DD` on the viewer's calendar. */
export function isoDate(now: Date): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Whole calendar days from `date` (`YYYY-MM-DD`) to `now`'s date; 0 on the same day. */
export function daysSince(date: string, now: Date): number {
  const from = Date.parse(`${date}T00:00:00Z`);
  const to = Date.parse(`${isoDate(now)}T00:00:00Z`);
  return Math.max(0, Math.round((to - from) / 86_400_000));
}

/** "today", "1 day ago", "12 days ago". */
export function daysAgo(days: number): string {
  if (days === 0) return 'today';
  return `${days} day${days === 1 ? '' : 's'} ago`;
}
