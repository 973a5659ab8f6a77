/**
 * Rules of the front door: the referral pipeline, episode fields, and consent under 42 CFR Part 2 and
 * HIPAA (domain-rules §3 [P2–P4]). Pure: no I/O.
 */

export const referralSources = [
  'inpatient_step_down',
  'residential_step_down',
  'hospital',
  'primary_care',
  'court',
  'employer',
  'family',
  'self',
  'other',
] as const;
export type ReferralSource = (typeof referralSources)[number];

export const referralSourceLabels: Record<ReferralSource, string> = {
  inpatient_step_down: 'Inpatient step-down',
  residential_step_down: 'Residential step-down',
  hospital: 'Hospital',
  primary_care: 'Primary care',
  court: 'Court',
  employer: 'Employer',
  family: 'Family',
  self: 'Self',
  other: 'Other',
};

export const referralStatuses = [
  'new',
  'screening',
  'assessment',
  'waitlisted',
  'admitted',
  'referred_out',
  'declined',
] as const;
export type ReferralStatus = (typeof referralStatuses)[number];

export const referralStatusLabels: Record<ReferralStatus, string> = {
  new: 'New',
  screening: 'Screening',
  assessment: 'Assessment',
  waitlisted: 'Waitlisted',
  admitted: 'Admitted',
  referred_out: 'Referred out',
  declined: 'Declined',
};

/** Outcomes that end a referral; nothing moves on from them. */
export const closedReferralStatuses: readonly ReferralStatus[] = ['admitted', 'referred_out', 'declined'];

/**
 * Where a referral may go next: forward through screening and assessment, or out at any open stage
 * (referred elsewhere, declined, waitlisted); a waitlisted person comes back to screening or
 * assessment when a place opens. `admitted` is reached only by admitting (which opens an episode),
 * from assessment or the waitlist.
 */
export const referralTransitions: Record<ReferralStatus, readonly ReferralStatus[]> = {
  new: ['screening', 'waitlisted', 'referred_out', 'declined'],
  screening: ['assessment', 'waitlisted', 'referred_out', 'declined'],
  assessment: ['screening', 'admitted', 'waitlisted', 'referred_out', 'declined'],
  waitlisted: ['screening', 'assessment', 'admitted', 'referred_out', 'declined'],
  admitted: [],
  referred_out: [],
  declined: [],
};

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return referralTransitions[from].includes(to);
}

/** Whole days from referral to admission, counted on calendar dates (`YYYY-MM-DD`). */
export function daysToAdmission(referredOn: string, admittedOn: string): number {
  return Math.round(
    (Date.parse(`${admittedOn}T00:00:00Z`) - Date.parse(`${referredOn}T00:00:00Z`)) / 86_400_000,
  );
}

/**
 * An ICD-10-CM code as text: a letter, two characters (digit, then digit or letter), and optionally a
 * dot and one to four more, e.g. F10.20, F32.A, Z63.8. Whether the code exists is not checked here.
 */
export const icd10Pattern = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

export const consentKinds = [
  'part2_disclosure',
  'tpo',
  'privacy_notice',
  'telehealth',
  'family_involvement',
] as const;
export type ConsentKind = (typeof consentKinds)[number];

export const consentKindLabels: Record<ConsentKind, string> = {
  part2_disclosure: '42 CFR Part 2 consent to disclose',
  tpo: 'Consent for treatment, payment and health care operations',
  privacy_notice: 'Notice of privacy practices acknowledgement',
  telehealth: 'Telehealth consent',
  family_involvement: 'Family involvement consent',
};

export const disclosurePurposes = [
  'treatment',
  'payment',
  'health_care_operations',
  'family_involvement',
  'care_coordination',
  'legal',
  'employment',
  'other',
] as const;
export type DisclosurePurpose = (typeof disclosurePurposes)[number];

export const recipientTypes = [
  'treating_provider',
  'payer',
  'program_operations',
  'family_member',
  'other',
] as const;
export type RecipientType = (typeof recipientTypes)[number];

/** A recipient named in a consent, or asked about by `decideDisclosure`. */
export interface Recipient {
  type: RecipientType;
  /** The person's or organisation's name as written in the consent. */
  name?: string;
  /** For a family member: the participant's contact record. */
  contactId?: string;
}

export type ConsentExpiry =
  | { kind: 'date'; date: string }
  | { kind: 'event'; event: string }
  | { kind: 'none' };

/** What `decideDisclosure` needs of a consent. */
export interface ConsentFacts {
  id: string;
  kind: ConsentKind;
  recipients: Recipient[];
  purposes: DisclosurePurpose[];
  expiry: ConsentExpiry;
  signedAt: string;
  revokedAt: string | null;
  /** When the expiry event was recorded as having happened (event-based expiry only). */
  expiredAt: string | null;
}

/** Whether a consent is in force at `now`: signed, not revoked, not past its expiry. */
export function consentInForce(consent: ConsentFacts, now: Date): boolean {
  if (Date.parse(consent.signedAt) > now.getTime()) return false;
  if (consent.revokedAt && Date.parse(consent.revokedAt) <= now.getTime()) return false;
  if (consent.expiredAt && Date.parse(consent.expiredAt) <= now.getTime()) return false;
  // A dated consent holds through the whole of its expiry date.
  if (consent.expiry.kind === 'date' && Date.parse(`${consent.expiry.date}T23:59:59.999Z`) < now.getTime()) {
    return false;
  }
  return true;
}

/** TPO covers these recipients for these purposes (the single TPO consent, domain-rules §3 [P2–P4]). */
const tpoRecipients: readonly RecipientType[] = ['treating_provider', 'payer', 'program_operations'];
const tpoPurposes: readonly DisclosurePurpose[] = ['treatment', 'payment', 'health_care_operations'];

const sameName = (a?: string, b?: string) =>
  a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

function names(consent: ConsentFacts, recipient: Recipient): boolean {
  return consent.recipients.some(
    (named) =>
      named.type === recipient.type &&
      ((recipient.contactId !== undefined && named.contactId === recipient.contactId) ||
        sameName(named.name, recipient.name)),
  );
}

export type DisclosureDecision =
  | { allowed: true; consentId: string; reason: string }
  | { allowed: false; reason: string };

/**
 * Whether the participant's consents allow disclosing to the recipient for the purpose, and under
 * which consent. Part 2 records go out only with written consent (§2.31): the single TPO consent for
 * treating providers, payers and the program's operations; a family-involvement consent for the family
 * members it names; otherwise a Part 2 disclosure consent naming this recipient and this purpose.
 * A revoked or expired consent allows nothing from that moment.
 */
export function decideDisclosure(
  consents: readonly ConsentFacts[],
  recipient: Recipient,
  purpose: DisclosurePurpose,
  now: Date,
): DisclosureDecision {
  const inForce = consents.filter((consent) => consentInForce(consent, now));
  const tpo = inForce.find((consent) => consent.kind === 'tpo');
  if (tpo && tpoRecipients.includes(recipient.type) && tpoPurposes.includes(purpose)) {
    return {
      allowed: true,
      consentId: tpo.id,
      reason: 'covered by the consent for treatment, payment and operations',
    };
  }
  if (recipient.type === 'family_member' && purpose === 'family_involvement') {
    const family = inForce.find(
      (consent) => consent.kind === 'family_involvement' && names(consent, recipient),
    );
    if (family)
      return { allowed: true, consentId: family.id, reason: 'covered by the family involvement consent' };
  }
  const specific = inForce.find(
    (consent) =>
      consent.kind === 'part2_disclosure' && consent.purposes.includes(purpose) && names(consent, recipient),
  );
  if (specific) {
    return {
      allowed: true,
      consentId: specific.id,
      reason: 'covered by a Part 2 consent naming this recipient and purpose',
    };
  }
  const lapsed = consents.some((consent) => !consentInForce(consent, now) && names(consent, recipient));
  return {
    allowed: false,
    reason: lapsed
      ? 'the consent that named this recipient has been revoked or has expired'
      : 'no consent in force covers this recipient and purpose',
  };
}

/** The fixed statements each consent form shows, kept with every signed consent as it was shown. */
export const consentStatements: Record<ConsentKind, string> = {
  part2_disclosure:
    'I understand that my substance use disorder records are protected under federal law, 42 CFR Part 2, and ' +
    'cannot be disclosed without my written consent unless the regulations provide otherwise. I may revoke this ' +
    'consent at any time, in writing, except to the extent that action has already been taken in reliance on it. ' +
    'Unless revoked earlier, this consent expires on the date or event stated. Records disclosed under this ' +
    'consent may not be used or disclosed in any civil, criminal, administrative, or legislative proceeding ' +
    'against me without my further consent or a court order.',
  tpo:
    'I consent to the use and disclosure of my substance use disorder records for treatment, payment and health ' +
    'care operations, to my treating providers, health plans, third-party payers, and people helping to operate ' +
    'this program. Records disclosed to a HIPAA covered entity or business associate may be further disclosed ' +
    'as HIPAA permits, except that they may not be used against me in civil, criminal, administrative or ' +
    'legislative proceedings without my consent or a court order. I may refuse to sign; refusing does not affect ' +
    'my ability to receive treatment, but the program may be unable to bill a health plan for my care. I may ' +
    'revoke this consent at any time, in writing, except where action was already taken in reliance on it.',
  privacy_notice:
    'I acknowledge that I have received this program’s Notice of Privacy Practices, which explains how my ' +
    'health information may be used and disclosed, my rights, including the right to request restrictions and ' +
    'to complain to the program or to the U.S. Department of Health and Human Services.',
  telehealth:
    'I consent to receive services by secure video or telephone. I understand the limits of telehealth, that I ' +
    'should join from a private place, that sessions are not recorded without my permission, and that I may ask ' +
    'for in-person services instead. In an emergency I will call 911 or the 988 Suicide & Crisis Lifeline.',
  family_involvement:
    'I consent to the family members named here taking part in my treatment: attending family sessions and ' +
    'education, and receiving the information listed. I may change who is named or revoke this consent at any ' +
    'time; revoking it stops further sharing immediately.',
};

/** Version of the statements above; stored with each consent so later wording changes never alter it. */
export const consentStatementsVersion = '2026-11';
