/**
 * Standardised screening and outcome instruments: their items as a participant sees them, and exact
 * scoring as published (shared/reference/domain-rules.md §4). Pure: no I/O.
 */

export const instrumentCodes = [
  'phq9',
  'gad7',
  'audit',
  'auditc',
  'dast10',
  'bam',
  'cssrs-screener',
  'pcl5',
  'who5',
] as const;
export type InstrumentCode = (typeof instrumentCodes)[number];

/** One answer option of a scale item: the integer that is answered and scored, and its label. */
export interface AnswerOption {
  value: number;
  label: string;
}

/**
 * One question. `scale` items are answered with one of their options' integer values; `yes_no` items
 * with a boolean. `linkId` follows FHIR Questionnaire: stable, unique within the instrument.
 */
export type InstrumentItem =
  | { linkId: string; text: string; kind: 'scale'; options: readonly AnswerOption[] }
  | { linkId: string; text: string; kind: 'yes_no' };

/** An answer, in item order: an integer for a scale item, a boolean for a yes/no item. */
export type Answer = number | boolean;

export const sexes = ['female', 'male'] as const;
export type Sex = (typeof sexes)[number];

/** What scoring may need beyond the answers (AUDIT-C's cut-off depends on sex). */
export interface ScoringContext {
  sex?: Sex;
}

/** A scored response. `total` and `band` are null for instruments that publish no total (BAM). */
export interface InstrumentScore {
  code: InstrumentCode;
  total: number | null;
  band: string | null;
  /** Findings that need a clinician's attention, such as `suicidal_ideation`; empty when none. */
  flags: string[];
  subscales?: Record<string, number>;
  /** WHO-5 only: the raw total × 4, 0–100. */
  percent?: number;
  /** One or two plain sentences a clinician could read to the participant. */
  interpretation: string;
}

/** Flags that must reach the care team at once (domain-rules §4: PHQ-9 item 9, C-SSRS high risk). */
export const criticalFlags = ['suicidal_ideation', 'high_suicide_risk'] as const;

/**
 * The alert each critical flag raises: its rule name and what the care team should do (PHQ-9 item 9
 * above 0 always needs follow-up [I1]; C-SSRS high risk needs action now [I11a, I11b]).
 */
export const criticalFlagAlerts: Record<
  (typeof criticalFlags)[number],
  { rule: string; suggestedAction: string }
> = {
  suicidal_ideation: {
    rule: 'phq9.item9',
    suggestedAction:
      'Assess suicide risk today: administer the C-SSRS screener, review or write a safety plan, and ' +
      'follow the program’s crisis protocol.',
  },
  high_suicide_risk: {
    rule: 'cssrs.high_risk',
    suggestedAction:
      'Act now: do not leave the person alone, follow the crisis protocol, arrange an emergency ' +
      'evaluation, and share the 988 Suicide & Crisis Lifeline.',
  },
};

export interface InstrumentDefinition {
  code: InstrumentCode;
  title: string;
  /** The stem read before the items, e.g. the look-back period. */
  instructions: string;
  items: readonly InstrumentItem[];
  /** Whether scoring needs the respondent's sex (see `ScoringContext`). */
  needsSex: boolean;
  /** Bands in order, for display and for charts (empty for instruments without bands). */
  bands: readonly string[];
  /**
   * Where each of `bands` begins on the charted score (the total; the WHO-5 percentage), in the same
   * order, for shading a trend chart. Absent when the band does not follow from the total alone
   * (AUDIT-C's cut-off depends on sex; the C-SSRS screener has no total).
   */
  bandFrom?: readonly number[];
  /** The publication or publisher the items and scoring follow. */
  source: string;
  /** Terms of use as far as they are known; "unconfirmed" where the reference list says so. */
  licence: string;
  /**
   * Contradictions between answers that each fit their item (the C-SSRS "within three months" with no
   * behaviour reported); each message makes the answers unscorable.
   */
  contradictions?(answers: readonly Answer[]): string[];
  /**
   * Scores answers already checked against `items` (count, kinds, allowed values) and, when
   * `needsSex`, a context carrying the sex. Call it through `scoreInstrument`, which checks first.
   */
  score(answers: readonly Answer[], context: ScoringContext): InstrumentScore;
}

/** The sum of numeric answers at the given 1-based item positions. */
export function sumOf(answers: readonly Answer[], positions: readonly number[]): number {
  return positions.reduce((total, position) => total + Number(answers[position - 1] ?? 0), 0);
}

/** The band whose inclusive lower bound is the highest one not above `total`. */
export function bandFor<B extends string>(total: number, bands: readonly (readonly [number, B])[]): B {
  let found = bands[0]?.[1];
  for (const [from, band] of bands) if (total >= from) found = band;
  if (found === undefined) throw new Error('bandFor needs at least one band');
  return found;
}
