import type { InstrumentCode, InstrumentDefinition } from './instruments/instrument.js';

/*
 * Measurement-based care (issue "Between sessions"): how a participant's scores moved since their
 * baseline, in the terms clinicians use (domain-rules §4): response is a reduction of at least half
 * [I4]; remission is a PHQ-9 below 5 [I4]; a reliable change is one larger than the instrument's
 * measurement noise: 5 points on the PHQ-9 [I3], 10 on the PCL-5 [I12a], 10 points of the WHO-5
 * percentage [I13a, I13b]. Instruments without a published threshold get no reliable-change verdict.
 */

/** Points of change that count as reliable, per instrument (on the WHO-5, of its percentage). */
export const reliableChangePoints: Partial<Record<InstrumentCode, number>> = {
  phq9: 5,
  pcl5: 10,
  who5: 10,
};

/** Instruments on which a higher score means better (the WHO-5 measures well-being). */
const higherIsBetter: ReadonlySet<InstrumentCode> = new Set(['who5']);

export const changeDirections = ['improved', 'unchanged', 'worse'] as const;
export type ChangeDirection = (typeof changeDirections)[number];

export interface ScoreChange {
  /** Latest minus baseline, in the instrument's own points (positive: the score rose). */
  points: number;
  /**
   * Beyond the reliable-change threshold, which way; `unchanged` within it; null when the instrument
   * has no threshold.
   */
  direction: ChangeDirection | null;
  /** Symptom scales: the score fell by at least half of the baseline. */
  response: boolean;
  /** PHQ-9 only: the latest score is below 5. */
  remission: boolean;
}

/** How a score moved from baseline to latest (scores on the scale the thresholds use). */
export function scoreChange(code: InstrumentCode, baseline: number, latest: number): ScoreChange {
  const points = latest - baseline;
  const threshold = reliableChangePoints[code];
  const better = higherIsBetter.has(code) ? points : -points;
  const direction: ChangeDirection | null =
    threshold === undefined
      ? null
      : better >= threshold
        ? 'improved'
        : -better >= threshold
          ? 'worse'
          : 'unchanged';
  return {
    points,
    direction,
    response: !higherIsBetter.has(code) && baseline > 0 && latest <= baseline / 2,
    remission: code === 'phq9' && latest < 5,
  };
}

/** A program's share of participants improved, unchanged and worse on one instrument. */
export function outcomeShares(changes: readonly ScoreChange[]): {
  measured: number;
  improved: number;
  unchanged: number;
  worse: number;
} {
  const judged = changes.filter((change) => change.direction !== null);
  const share = (direction: ChangeDirection) =>
    judged.length === 0
      ? 0
      : judged.filter((change) => change.direction === direction).length / judged.length;
  return {
    measured: judged.length,
    improved: share('improved'),
    unchanged: share('unchanged'),
    worse: share('worse'),
  };
}

/** Instruments that publish no total to chart: the BAM reports items, the C-SSRS screener a risk level. */
const untotalled: ReadonlySet<InstrumentCode> = new Set(['bam', 'cssrs-screener']);

/** The score a trend shows and the thresholds use: the total, or the WHO-5 percentage. */
export function chartedScore(
  code: InstrumentCode,
  total: number | null,
  percent: number | null,
): number | null {
  if (code === 'who5') return percent ?? (total === null ? null : total * 4);
  return total;
}

/** One shaded band of a trend chart: from `from` up to `to` (the next band's start, or the maximum). */
export interface ChartBand {
  band: string;
  from: number;
  to: number;
}

/**
 * The range a trend chart of the instrument spans, from 0 to the highest possible score, and its bands
 * for shading; null for instruments without a total.
 */
export function chartScaleOf(definition: InstrumentDefinition): { max: number; bands: ChartBand[] } | null {
  if (untotalled.has(definition.code)) return null;
  const itemMax = definition.items.reduce(
    (sum, item) =>
      sum + (item.kind === 'scale' ? Math.max(...item.options.map((option) => option.value)) : 1),
    0,
  );
  const max = definition.code === 'who5' ? itemMax * 4 : itemMax;
  const starts = definition.bandFrom ?? [];
  const bands = starts.flatMap((from, index) => {
    const band = definition.bands[index];
    return band === undefined ? [] : [{ band, from, to: starts[index + 1] ?? max }];
  });
  return { max, bands };
}
