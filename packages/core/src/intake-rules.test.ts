import { describe, expect, it } from 'vitest';
import {
  type ConsentFacts,
  canMoveReferral,
  consentInForce,
  daysToAdmission,
  decideDisclosure,
  icd10Pattern,
  referralStatuses,
  referralTransitions,
} from './intake-rules.js';
import { consentInput, diagnosisSchema, referralStatusInput } from './schemas/intake.js';

describe('the referral pipeline', () => {
  it('goes new → screening → assessment → admitted, and out from any open stage', () => {
    expect(canMoveReferral('new', 'screening')).toBe(true);
    expect(canMoveReferral('screening', 'assessment')).toBe(true);
    expect(canMoveReferral('assessment', 'admitted')).toBe(true);
    for (const open of ['new', 'screening', 'assessment', 'waitlisted'] as const) {
      expect(canMoveReferral(open, 'referred_out')).toBe(true);
      expect(canMoveReferral(open, 'declined')).toBe(true);
    }
  });

  it('admits only after assessment or from the waitlist', () => {
    expect(canMoveReferral('new', 'admitted')).toBe(false);
    expect(canMoveReferral('screening', 'admitted')).toBe(false);
    expect(canMoveReferral('waitlisted', 'admitted')).toBe(true);
  });

  it('ends at admitted, referred out or declined', () => {
    for (const closed of ['admitted', 'referred_out', 'declined'] as const) {
      expect(referralTransitions[closed]).toEqual([]);
    }
    for (const status of referralStatuses) expect(canMoveReferral(status, 'new')).toBe(false);
  });

  it('counts calendar days from referral to admission', () => {
    expect(daysToAdmission('2026-03-02', '2026-03-09')).toBe(7);
    expect(daysToAdmission('2026-03-02', '2026-03-02')).toBe(0);
    // Across the spring daylight-saving change in the US: still whole days.
    expect(daysToAdmission('2026-03-07', '2026-03-09')).toBe(2);
  });

  it('makes referring out say where to and why, and declining say why', () => {
    expect(
      referralStatusInput.safeParse({ status: 'referred_out', referredOutTo: 'Harbor Detox' }).success,
    ).toBe(false);
    expect(
      referralStatusInput.safeParse({
        status: 'referred_out',
        referredOutTo: 'Harbor Detox',
        reason: 'Needs medically managed withdrawal first',
      }).success,
    ).toBe(true);
    expect(referralStatusInput.safeParse({ status: 'declined' }).success).toBe(false);
    expect(referralStatusInput.safeParse({ status: 'admitted' }).success).toBe(false);
    expect(referralStatusInput.safeParse({ status: 'screening', referredOutTo: 'X' }).success).toBe(false);
  });
});

describe('diagnoses', () => {
  it('accepts ICD-10-CM codes as text and upper-cases them', () => {
    for (const code of ['F10.20', 'F32.A', 'Z63.8', 'F43.10', 'F11.20', 'F41.1', 'F33']) {
      expect(icd10Pattern.test(code)).toBe(true);
    }
    expect(diagnosisSchema.parse({ code: 'f10.20' }).code).toBe('F10.20');
  });

  it('refuses what is not shaped like one', () => {
    for (const code of ['10.20', 'F1', 'F10.', 'F10.20000', 'F10 20', 'alcohol']) {
      expect(icd10Pattern.test(code)).toBe(false);
    }
  });
});

const signedAt = '2026-01-05T15:00:00.000Z';
const consent = (overrides: Partial<ConsentFacts>): ConsentFacts => ({
  id: 'c1',
  kind: 'part2_disclosure',
  recipients: [],
  purposes: [],
  expiry: { kind: 'none' },
  signedAt,
  revokedAt: null,
  expiredAt: null,
  ...overrides,
});
const now = new Date('2026-02-01T12:00:00Z');

describe('whether a consent is in force (42 CFR 2.31: expiry date or event; revocation)', () => {
  it('holds from signing until revoked, through the whole of its expiry date', () => {
    expect(consentInForce(consent({}), now)).toBe(true);
    expect(consentInForce(consent({}), new Date('2026-01-01T00:00:00Z'))).toBe(false);
    expect(consentInForce(consent({ expiry: { kind: 'date', date: '2026-02-01' } }), now)).toBe(true);
    expect(consentInForce(consent({ expiry: { kind: 'date', date: '2026-01-31' } }), now)).toBe(false);
  });

  it('stops the moment it is revoked or its expiry event is recorded', () => {
    expect(consentInForce(consent({ revokedAt: '2026-02-01T11:59:59.000Z' }), now)).toBe(false);
    expect(consentInForce(consent({ revokedAt: '2026-02-01T12:00:01.000Z' }), now)).toBe(true);
    expect(consentInForce(consent({ expiry: { kind: 'event', event: 'end of treatment' } }), now)).toBe(true);
    expect(
      consentInForce(
        consent({ expiry: { kind: 'event', event: 'end of treatment' }, expiredAt: '2026-01-30T00:00:00Z' }),
        now,
      ),
    ).toBe(false);
  });
});

describe('deciding a disclosure (42 CFR Part 2: written consent, single TPO consent)', () => {
  const tpo = consent({
    id: 'tpo',
    kind: 'tpo',
    purposes: ['treatment', 'payment', 'health_care_operations'],
  });
  const family = consent({
    id: 'family',
    kind: 'family_involvement',
    recipients: [{ type: 'family_member', contactId: 'sister', name: 'Fern' }],
    purposes: ['family_involvement'],
  });
  const court = consent({
    id: 'court',
    recipients: [{ type: 'other', name: 'County Drug Court' }],
    purposes: ['legal'],
    expiry: { kind: 'date', date: '2026-06-30' },
  });

  it('lets the TPO consent cover treating providers, payers and operations for TPO purposes only', () => {
    expect(
      decideDisclosure([tpo], { type: 'payer', name: 'Acme Health Plan' }, 'payment', now),
    ).toMatchObject({
      allowed: true,
      consentId: 'tpo',
    });
    expect(decideDisclosure([tpo], { type: 'treating_provider' }, 'treatment', now).allowed).toBe(true);
    expect(decideDisclosure([tpo], { type: 'payer' }, 'legal', now).allowed).toBe(false);
    expect(
      decideDisclosure([tpo], { type: 'family_member', contactId: 'sister' }, 'treatment', now).allowed,
    ).toBe(false);
  });

  it('lets family members named in the family consent take part, and no one else', () => {
    expect(
      decideDisclosure([family], { type: 'family_member', contactId: 'sister' }, 'family_involvement', now),
    ).toMatchObject({ allowed: true, consentId: 'family' });
    expect(
      decideDisclosure([family], { type: 'family_member', contactId: 'cousin' }, 'family_involvement', now)
        .allowed,
    ).toBe(false);
  });

  it('needs a Part 2 consent naming both the recipient and the purpose for anyone else', () => {
    expect(
      decideDisclosure([court], { type: 'other', name: 'county drug court' }, 'legal', now),
    ).toMatchObject({
      allowed: true,
      consentId: 'court',
    });
    expect(
      decideDisclosure([court], { type: 'other', name: 'County Drug Court' }, 'employment', now).allowed,
    ).toBe(false);
    expect(decideDisclosure([court], { type: 'other', name: 'Another Court' }, 'legal', now).allowed).toBe(
      false,
    );
  });

  it('stops at once when the consent is revoked, and says so', () => {
    const revoked = { ...court, revokedAt: '2026-02-01T11:00:00.000Z' };
    expect(decideDisclosure([revoked], { type: 'other', name: 'County Drug Court' }, 'legal', now)).toEqual({
      allowed: false,
      reason: 'the consent that named this recipient has been revoked or has expired',
    });
    expect(decideDisclosure([], { type: 'other', name: 'County Drug Court' }, 'legal', now)).toEqual({
      allowed: false,
      reason: 'no consent in force covers this recipient and purpose',
    });
  });
});

describe('the consent forms', () => {
  const signature = { signerName: 'Quill Testwell', relationship: 'self', agreed: true };

  it('requires every element of a Part 2 consent (42 CFR 2.31)', () => {
    const complete = {
      kind: 'part2_disclosure',
      discloser: 'Demo Recovery Center',
      information: 'Attendance and drug screen results',
      recipients: [{ type: 'other', name: 'County Drug Court' }],
      purposes: ['legal'],
      expiry: { kind: 'date', date: '2026-12-31' },
      signature,
    };
    expect(consentInput.safeParse(complete).success).toBe(true);
    for (const missing of ['discloser', 'information', 'recipients', 'purposes', 'expiry', 'signature']) {
      const { [missing]: _, ...rest } = complete as Record<string, unknown>;
      expect({ missing, ok: consentInput.safeParse(rest).success }).toEqual({ missing, ok: false });
    }
    expect(consentInput.safeParse({ ...complete, recipients: [] }).success).toBe(false);
  });

  it('needs the signer to agree, and limits TPO expiry to end of treatment or none', () => {
    expect(
      consentInput.safeParse({ kind: 'privacy_notice', signature: { ...signature, agreed: false } }).success,
    ).toBe(false);
    const tpo = { kind: 'tpo', discloser: 'Demo Recovery Center', signature };
    expect(consentInput.safeParse({ ...tpo, expiry: { kind: 'none' } }).success).toBe(true);
    expect(
      consentInput.safeParse({ ...tpo, expiry: { kind: 'event', event: 'end of treatment' } }).success,
    ).toBe(true);
    expect(consentInput.safeParse({ ...tpo, expiry: { kind: 'date', date: '2026-12-31' } }).success).toBe(
      false,
    );
  });
});
