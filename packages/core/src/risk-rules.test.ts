import { describe, expect, it } from 'vitest';
import {
  alertRuleLabel,
  type CheckInSignal,
  checkInStreak,
  cravingRule,
  positiveScreenRule,
  reportedUseRule,
  silenceRule,
  suicidalThoughtsRule,
  worseningRule,
} from './risk-rules.js';

const checkIns = (...cravings: number[]): CheckInSignal[] =>
  cravings.map((craving, index) => ({
    date: `2026-03-${String(index + 1).padStart(2, '0')}`,
    craving,
    used: false,
  }));

describe('cravingRule', () => {
  it('fires on a craving of 7 or more on three of the last five check-ins', () => {
    const hit = cravingRule(checkIns(2, 7, 3, 8, 7));
    expect(hit).toMatchObject({ rule: 'checkin.craving_high', severity: 'high' });
    expect(hit?.evidence).toBe(
      'Craving 7 on 2026-03-02, 8 on 2026-03-04, 7 on 2026-03-05 (3 of the last 5 check-ins at 7 or more)',
    );
    expect(hit?.evidenceKey).toBe('craving_high:2026-03-02,2026-03-04,2026-03-05');
  });

  it('does not fire on two high cravings, or on three that are not among the last five', () => {
    expect(cravingRule(checkIns(7, 8, 3, 2, 1))?.rule).not.toBe('checkin.craving_high');
    expect(cravingRule(checkIns(9, 9, 9, 1, 2, 1, 2, 1))).toBeNull();
    // 6 is below the threshold.
    expect(cravingRule(checkIns(6, 6, 6, 6, 6))).toBeNull();
  });

  it('reads the check-ins in date order whatever order they come in', () => {
    const shuffled = [...checkIns(1, 1, 7, 7, 7)].reverse();
    expect(cravingRule(shuffled)?.rule).toBe('checkin.craving_high');
  });

  it('fires on a rising trend that ends at 5 or more', () => {
    expect(cravingRule(checkIns(2, 3, 4, 5))).toMatchObject({
      rule: 'checkin.craving_rising',
      severity: 'medium',
      evidenceKey: 'craving_rising:2026-03-04',
    });
    // Rising, but still low.
    expect(cravingRule(checkIns(0, 1, 2, 4))).toBeNull();
    // High at the end, but flat: a slope under a point a check-in.
    expect(cravingRule(checkIns(5, 5, 6, 5, 6))).toBeNull();
    // Three check-ins are too few to call a trend.
    expect(cravingRule(checkIns(2, 4, 6))).toBeNull();
  });

  it('has nothing to say without check-ins', () => {
    expect(cravingRule([])).toBeNull();
  });
});

describe('reportedUseRule and positiveScreenRule', () => {
  it('fires once per day of reported use', () => {
    expect(reportedUseRule({ date: '2026-03-07', craving: 4, used: true })).toMatchObject({
      rule: 'checkin.use_reported',
      severity: 'high',
      evidenceKey: 'use_reported:2026-03-07',
    });
    expect(reportedUseRule({ date: '2026-03-07', craving: 9, used: false })).toBeNull();
  });

  it('fires on a positive screen and names the substances', () => {
    const hit = positiveScreenRule({ id: 's1', date: '2026-03-08', positiveFor: ['alcohol (EtG)'] });
    expect(hit?.evidence).toBe('Screen of 2026-03-08 positive for alcohol (EtG)');
    expect(hit?.evidenceKey).toBe('screen_positive:s1');
    expect(positiveScreenRule({ id: 's2', date: '2026-03-08', positiveFor: [] })).toBeNull();
  });
});

describe('silenceRule', () => {
  const base = { episodeStart: '2026-03-01', lastCheckIn: '2026-03-10', lastAttended: '2026-03-09' };

  it('fires five days after the latest check-in or attended session', () => {
    expect(silenceRule({ ...base, today: '2026-03-14' })).toBeNull();
    expect(silenceRule({ ...base, today: '2026-03-15' })).toMatchObject({
      rule: 'contact.silent',
      evidence: 'No check-in or attended session since 2026-03-10',
      evidenceKey: 'silent_since:2026-03-10',
    });
  });

  it('counts from the start of the episode when nothing happened yet', () => {
    const nothing = { episodeStart: '2026-03-01', lastCheckIn: null, lastAttended: null };
    expect(silenceRule({ ...nothing, today: '2026-03-05' })).toBeNull();
    expect(silenceRule({ ...nothing, today: '2026-03-06' })?.evidenceKey).toBe('silent_since:2026-03-01');
  });
});

describe('worseningRule', () => {
  it('fires when a score is worse than baseline by more than the reliable change (PHQ-9: 5 points [I3])', () => {
    const signal = (latest: number) => ({
      code: 'phq9' as const,
      baseline: { score: 8, date: '2026-03-01' },
      latest: { score: latest, date: '2026-03-15', responseId: 'r2' },
    });
    expect(worseningRule(signal(12))).toBeNull();
    expect(worseningRule(signal(13))).toMatchObject({
      rule: 'score.reliable_worsening',
      severity: 'high',
      evidence: 'PHQ-9 8 on 2026-03-01, 13 on 2026-03-15 (worse by 5; 5 points is a reliable change)',
      evidenceKey: 'worse:r2',
    });
  });
});

describe('checkInStreak', () => {
  it('counts days in a row up to today, or to yesterday until today’s check-in', () => {
    const dates = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-07'];
    expect(checkInStreak(dates, '2026-03-11')).toBe(3);
    expect(checkInStreak(dates, '2026-03-12')).toBe(3);
    expect(checkInStreak(dates, '2026-03-13')).toBe(0);
    expect(checkInStreak([], '2026-03-13')).toBe(0);
  });
});

describe('suicidalThoughtsRule', () => {
  // Critical, as PHQ-9 item 9 above 0 is (domain-rules §4 [I1]).
  it('is critical for the day reported, and silent otherwise', () => {
    expect(suicidalThoughtsRule({ date: '2026-03-09', suicidalThoughts: true })).toMatchObject({
      rule: 'checkin.suicidal_thoughts',
      severity: 'critical',
      evidenceKey: 'suicidal_thoughts:2026-03-09',
    });
    expect(suicidalThoughtsRule({ date: '2026-03-09', suicidalThoughts: false })).toBeNull();
  });
});

describe('alertRuleLabel', () => {
  it('names every rule the engine raises in words, and shows an unknown one as stored', () => {
    const fired = [
      cravingRule(checkIns(7, 7, 7)),
      cravingRule(checkIns(1, 2, 4, 5, 6)),
      reportedUseRule({ date: '2026-03-07', craving: 4, used: true }),
      suicidalThoughtsRule({ date: '2026-03-07', suicidalThoughts: true }),
      positiveScreenRule({ id: 's1', date: '2026-03-08', positiveFor: ['opioids'] }),
      silenceRule({ today: '2026-03-10', episodeStart: '2026-03-01', lastCheckIn: null, lastAttended: null }),
      worseningRule({
        code: 'phq9',
        baseline: { score: 5, date: '2026-03-01' },
        latest: { score: 12, date: '2026-03-10', responseId: 'r1' },
      }),
    ];
    for (const hit of fired) {
      expect(hit).not.toBeNull();
      expect(alertRuleLabel(hit?.rule ?? '')).not.toBe(hit?.rule);
    }
    expect(alertRuleLabel('some.future_rule')).toBe('some.future_rule');
  });
});
