import { describe, expect, it } from 'vitest';
import { outcomeShares, scoreChange } from './measurement.js';

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
