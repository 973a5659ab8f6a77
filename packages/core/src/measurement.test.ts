import { describe, expect, it } from 'vitest';
import { instruments } from './instruments/index.js';
import { chartedScore, chartScaleOf, outcomeShares, scoreChange } from './measurement.js';

// Thresholds from domain-rules §4: PHQ-9 response ≥ 50% reduction and remission < 5 [I4], reliable
// change 5 points [I3]; PCL-5 10 points [I12a]; WHO-5 10 points of the percentage [I13a, I13b].
describe('scoreChange', () => {
  it('labels a PHQ-9 that halved as a response and a reliable improvement, not yet remission', () => {
    expect(scoreChange('phq9', 18, 9)).toEqual({
      points: -9,
      direction: 'improved',
      response: true,
      remission: false,
    });
  });

  it('labels a PHQ-9 below 5 as remission', () => {
    expect(scoreChange('phq9', 18, 4)).toMatchObject({ response: true, remission: true });
    expect(scoreChange('phq9', 18, 5).remission).toBe(false);
  });

  it('needs 5 PHQ-9 points for a reliable change either way', () => {
    expect(scoreChange('phq9', 10, 14).direction).toBe('unchanged');
    expect(scoreChange('phq9', 10, 15).direction).toBe('worse');
    expect(scoreChange('phq9', 10, 6).direction).toBe('unchanged');
    expect(scoreChange('phq9', 10, 5).direction).toBe('improved');
    // 10 → 6 is not half: no response.
    expect(scoreChange('phq9', 10, 6).response).toBe(false);
  });

  it('needs 10 PCL-5 points', () => {
    expect(scoreChange('pcl5', 50, 41).direction).toBe('unchanged');
    expect(scoreChange('pcl5', 50, 40).direction).toBe('improved');
    expect(scoreChange('pcl5', 30, 40).direction).toBe('worse');
  });

  it('reads the WHO-5 percentage the other way round: higher is better', () => {
    expect(scoreChange('who5', 40, 52)).toMatchObject({ direction: 'improved', response: false });
    expect(scoreChange('who5', 52, 44).direction).toBe('unchanged');
    expect(scoreChange('who5', 52, 40).direction).toBe('worse');
  });

  it('gives no reliable-change verdict where no threshold is published, but still a response', () => {
    expect(scoreChange('gad7', 15, 7)).toEqual({
      points: -8,
      direction: null,
      response: true,
      remission: false,
    });
  });
});

describe('outcomeShares', () => {
  it('shares out the participants with a verdict, leaving out instruments without one', () => {
    const shares = outcomeShares([
      scoreChange('phq9', 18, 9),
      scoreChange('phq9', 12, 10),
      scoreChange('phq9', 8, 15),
      scoreChange('phq9', 20, 6),
      scoreChange('gad7', 15, 7),
    ]);
    expect(shares).toEqual({ measured: 4, improved: 0.5, unchanged: 0.25, worse: 0.25 });
    expect(outcomeShares([])).toEqual({ measured: 0, improved: 0, unchanged: 0, worse: 0 });
  });
});

// Bands as published (domain-rules §4): PHQ-9 0–4 / 5–9 / 10–14 / 15–19 / 20–27 [I1]; WHO-5 poor below
// a raw 13, 52 on the percentage [I13a].
describe('chartScaleOf', () => {
  it('spans the PHQ-9 from 0 to 27 with its five bands', () => {
    expect(chartScaleOf(instruments.phq9)).toEqual({
      max: 27,
      bands: [
        { band: 'minimal', from: 0, to: 5 },
        { band: 'mild', from: 5, to: 10 },
        { band: 'moderate', from: 10, to: 15 },
        { band: 'moderately_severe', from: 15, to: 20 },
        { band: 'severe', from: 20, to: 27 },
      ],
    });
  });

  it('charts the WHO-5 on its percentage, the DAST-10 on its yes/no items and AUDIT-C without bands', () => {
    expect(chartScaleOf(instruments.who5)).toEqual({
      max: 100,
      bands: [
        { band: 'poor', from: 0, to: 52 },
        { band: 'adequate', from: 52, to: 100 },
      ],
    });
    expect(chartScaleOf(instruments.dast10)?.max).toBe(10);
    expect(chartScaleOf(instruments.pcl5)?.max).toBe(80);
    expect(chartScaleOf(instruments.auditc)).toEqual({ max: 12, bands: [] });
    expect(chartedScore('who5', 13, 52)).toBe(52);
    expect(chartedScore('phq9', 12, null)).toBe(12);
  });

  it('has nothing to chart for instruments without a total', () => {
    expect(chartScaleOf(instruments.bam)).toBeNull();
    expect(chartScaleOf(instruments['cssrs-screener'])).toBeNull();
  });
});
