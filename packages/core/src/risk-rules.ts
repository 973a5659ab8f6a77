import { instruments } from './instruments/index.js';
import type { InstrumentCode } from './instruments/instrument.js';
import { reliableChangePoints, scoreChange } from './measurement.js';
import { addDays } from './scheduling/zoned-time.js';
import type { alertSeverities } from './schemas/assessments.js';

/*
 * Risk rules between sessions (issue "Between sessions"): each turns what a participant reported or
 * what staff recorded into at most one alert, with the rule that fired, the evidence (values and
 * dates) and a suggested action. `evidenceKey` names the evidence, so the same evidence never raises
 * the same alert twice. PHQ-9 item 9 and a high C-SSRS screen are raised when the response is scored
 * (instruments/instrument.ts, criticalFlagAlerts); two unexcused absences in a row when attendance is
 * recorded (attendance.ts).
 *
 * The thresholds below come from the issue; the rising-craving trend is the project's own definition,
 * as no published one exists for daily 0–10 ratings.
 */

type AlertSeverity = (typeof alertSeverities)[number];

export interface RuleHit {
  rule: string;
  severity: AlertSeverity;
  /** Plain words with the values and dates that fired the rule; shown to the care team only. */
  evidence: string;
  suggestedAction: string;
  /** Identifies the evidence: the same key is never alerted twice for the same participant. */
  evidenceKey: string;
}

/** One daily check-in, as the rules read it. */
export interface CheckInSignal {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** 0–10. */
  craving: number;
  /** Any alcohol or drug use reported that day. */
  used: boolean;
}

/** Cravings at or above this are high (issue: "craving ≥ 7 on three of the last five check-ins"). */
export const highCraving = 7;
/** Check-ins the craving rules look back over. */
export const cravingWindow = 5;
/** Rising trend: at least this much per check-in (least-squares slope) over the window… */
export const risingSlope = 1;
/** …ending at or above this craving, over at least four check-ins. */
export const risingFloor = 5;

const byDate = (checkIns: readonly CheckInSignal[]) =>
  [...checkIns].sort((a, b) => a.date.localeCompare(b.date));

/** Least-squares slope of the values against their position. */
function slope(values: readonly number[]): number {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, value) => sum + value, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((value, x) => {
    num += (x - meanX) * (value - meanY);
    den += (x - meanX) ** 2;
  });
  return den === 0 ? 0 : num / den;
}

/**
 * High cravings: at least 7 on three of the last five check-ins, or a rising trend over the last
 * four or five (a slope of a point or more a check-in, ending at 5 or above).
 */
export function cravingRule(checkIns: readonly CheckInSignal[]): RuleHit | null {
  const recent = byDate(checkIns).slice(-cravingWindow);
  const last = recent.at(-1);
  if (!last) return null;
  const high = recent.filter((checkIn) => checkIn.craving >= highCraving);
  const action =
    'Contact the participant within a day: review their craving strategies and relapse-prevention plan, ' +
    'and consider an extra session.';
  if (high.length >= 3) {
    return {
      rule: 'checkin.craving_high',
      severity: 'high',
      evidence: `Craving ${high.map((checkIn) => `${checkIn.craving} on ${checkIn.date}`).join(', ')} (${high.length} of the last ${recent.length} check-ins at ${highCraving} or more)`,
      suggestedAction: action,
      evidenceKey: `craving_high:${high.map((checkIn) => checkIn.date).join(',')}`,
    };
  }
  const values = recent.map((checkIn) => checkIn.craving);
  if (recent.length >= 4 && slope(values) >= risingSlope && last.craving >= risingFloor) {
    return {
      rule: 'checkin.craving_rising',
      severity: 'medium',
      evidence: `Craving rising: ${recent.map((checkIn) => `${checkIn.craving} on ${checkIn.date}`).join(', ')}`,
      suggestedAction: action,
      evidenceKey: `craving_rising:${last.date}`,
    };
  }
  return null;
}

/**
 * Thoughts of suicide or self-harm reported in a check-in: critical, like PHQ-9 item 9 above 0 [I1],
 * which asks the same question. The participant already sees crisis resources; the care team must
 * hear of it at once, so it is raised in the check-in's own transaction.
 */
export function suicidalThoughtsRule(checkIn: { date: string; suicidalThoughts: boolean }): RuleHit | null {
  if (!checkIn.suicidalThoughts) return null;
  return {
    rule: 'checkin.suicidal_thoughts',
    severity: 'critical',
    evidence: `Thoughts of suicide or self-harm reported in the check-in of ${checkIn.date}`,
    suggestedAction:
      'Contact the participant today: administer the C-SSRS screener, review their safety plan with them, ' +
      'and follow the program’s crisis protocol.',
    evidenceKey: `suicidal_thoughts:${checkIn.date}`,
  };
}

/** Reported use in a check-in: each day's report is its own evidence. */
export function reportedUseRule(checkIn: CheckInSignal): RuleHit | null {
  if (!checkIn.used) return null;
  return {
    rule: 'checkin.use_reported',
    severity: 'high',
    evidence: `Use reported in the check-in of ${checkIn.date}`,
    suggestedAction:
      'Talk with the participant without judgement: what happened, what helped, and the after-a-lapse ' +
      'steps of their relapse-prevention plan; review the level of care if use continues.',
    evidenceKey: `use_reported:${checkIn.date}`,
  };
}

/** A drug or alcohol screen, as the rules read it. */
export interface ScreenSignal {
  id: string;
  date: string;
  /** Substances found; empty for a negative screen. */
  positiveFor: readonly string[];
}

/** A positive drug or alcohol screen. */
export function positiveScreenRule(screen: ScreenSignal): RuleHit | null {
  if (screen.positiveFor.length === 0) return null;
  return {
    rule: 'screen.positive',
    severity: 'high',
    evidence: `Screen of ${screen.date} positive for ${screen.positiveFor.join(', ')}`,
    suggestedAction:
      'Review the result with the participant (prescribed medicines included), update their relapse-' +
      'prevention plan, and review the level of care if use continues.',
    evidenceKey: `screen_positive:${screen.id}`,
  };
}

/** Days without a check-in or an attended session before the silence rule fires. */
export const silenceDays = 5;

/**
 * No check-in and no attended session for five days: counted from the latest of the two (or from the
 * start of the episode, when neither happened yet) to `today`, all local dates.
 */
export function silenceRule(input: {
  today: string;
  episodeStart: string;
  lastCheckIn: string | null;
  lastAttended: string | null;
}): RuleHit | null {
  const last = [input.episodeStart, input.lastCheckIn, input.lastAttended]
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);
  if (!last || addDays(last, silenceDays) > input.today) return null;
  return {
    rule: 'contact.silent',
    severity: 'medium',
    evidence: `No check-in or attended session since ${last}`,
    suggestedAction:
      'Reach the participant today by their preferred contact, and their emergency contact if unreachable.',
    evidenceKey: `silent_since:${last}`,
  };
}

/** A scored response compared with the participant's baseline on the same instrument. */
export interface ScoreSignal {
  code: InstrumentCode;
  baseline: { score: number; date: string };
  latest: { score: number; date: string; responseId: string };
}

/** Worse than baseline by more than the instrument's reliable change (see measurement.ts). */
export function worseningRule(signal: ScoreSignal): RuleHit | null {
  const change = scoreChange(signal.code, signal.baseline.score, signal.latest.score);
  if (change.direction !== 'worse') return null;
  return {
    rule: 'score.reliable_worsening',
    severity: 'high',
    evidence: `${instruments[signal.code].title} ${signal.baseline.score} on ${signal.baseline.date}, ${signal.latest.score} on ${signal.latest.date} (worse by ${Math.abs(change.points)}; ${reliableChangePoints[signal.code]} points is a reliable change)`,
    suggestedAction:
      'Review the treatment plan with the participant this week and consider a change of approach or level of care.',
    evidenceKey: `worse:${signal.latest.responseId}`,
  };
}

/**
 * Days in a row with a check-in, ending today, or yesterday while today's is still to come (a streak
 * is not broken until the day is over). Dates are local `YYYY-MM-DD`, in any order.
 */
export function checkInStreak(dates: readonly string[], today: string): number {
  const days = new Set(dates);
  let day = days.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** What each alert rule is called in the inbox. */
export const alertRuleLabels: Record<string, string> = {
  'phq9.item9': 'PHQ-9 item 9: thoughts of death or self-harm',
  'cssrs.high_risk': 'C-SSRS screen: high risk',
  'attendance.consecutive_unexcused': 'Two unexcused absences in a row',
  'checkin.craving_high': 'High cravings on three of the last five check-ins',
  'checkin.craving_rising': 'Cravings rising over recent check-ins',
  'checkin.use_reported': 'Use reported in a check-in',
  'checkin.suicidal_thoughts': 'Thoughts of suicide or self-harm reported in a check-in',
  'screen.positive': 'Positive drug or alcohol screen',
  'contact.silent': 'No check-in or attended session for five days',
  'score.reliable_worsening': 'Scores worse beyond reliable change',
};

/** The inbox's name for a rule; an unknown rule is shown as stored. */
export const alertRuleLabel = (rule: string): string => alertRuleLabels[rule] ?? rule;
