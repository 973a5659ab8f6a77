import type { InstrumentCode } from './instruments/instrument.js';
import { addDays } from './scheduling/zoned-time.js';

/*
 * Measurement-based care (issue "Between sessions"): which standardised questionnaires a participant
 * owes, per their program's schedule, on a given day. A schedule is a list of rules, each for one
 * instrument:
 *
 * - `admission`: due on the episode's first day. Screening done at intake counts: a response up to
 *   `intakeWindowDays` before the start satisfies it, so nobody answers the same PHQ-9 twice in a week.
 * - `interval`: due every `everyDays` days from the start (day 14, 28, … for 14). A response on or after
 *   an occurrence satisfies it and every earlier one; a missed occurrence stays due (and grows overdue)
 *   until answered, rather than being replaced by the next one, so lateness is never hidden.
 * - `discharge`: due `dischargeWindowDays` before the planned discharge date (start + expected length),
 *   so the last scores are in before the discharge summary; never before the day after admission.
 * - `triggered`: due on the day of a response that fired the trigger (a PHQ-9 with item 9 above 0, the
 *   score flag `suicidal_ideation`), satisfied by a response after it (the same day or later; a screener
 *   answered earlier the same day, before the PHQ-9 raised the concern, does not count). Responses before
 *   the intake window belong to an earlier episode and trigger nothing.
 *
 * Dates are the participant's local calendar dates (`YYYY-MM-DD`); comparisons are by day, so a
 * response the same day as a due date satisfies it. Pure: no I/O, no clock (today is passed in).
 */

/** Days before admission in which a response (intake screening) satisfies an admission assessment. */
export const intakeWindowDays = 7;

/** Days before the planned discharge date on which a discharge assessment falls due. */
export const dischargeWindowDays = 7;

/**
 * Days after its due date that a scheduled assessment is still only due, not overdue: a participant
 * who answers within three days of the date is on time (they may have no session or phone time until
 * then). On day due + 3 it is due; from due + 4 it is overdue.
 */
export const overdueGraceDays = 3;

/**
 * A triggered assessment (the C-SSRS after PHQ-9 item 9) gets no grace: suicide risk is assessed the
 * same day (domain-rules §4 [I1]), so it is overdue from the next day.
 */
export const triggeredGraceDays = 0;

export const scheduleReasons = ['admission', 'interval', 'discharge', 'triggered'] as const;
export type ScheduleReason = (typeof scheduleReasons)[number];

/** What can trigger an assessment: `phq9_item9`, PHQ-9 item 9 (thoughts of death or self-harm) above 0. */
export const scheduleTriggerCodes = ['phq9_item9'] as const;
export type ScheduleTrigger = (typeof scheduleTriggerCodes)[number];

/** What fires each trigger: the source instrument and the score flag on its response. */
export const scheduleTriggers: Record<ScheduleTrigger, { instrument: InstrumentCode; flag: string }> = {
  phq9_item9: { instrument: 'phq9', flag: 'suicidal_ideation' },
};

export type ScheduleRule =
  | { instrument: InstrumentCode; kind: 'admission' }
  | { instrument: InstrumentCode; kind: 'interval'; everyDays: number }
  | { instrument: InstrumentCode; kind: 'discharge' }
  | { instrument: InstrumentCode; kind: 'triggered'; trigger: ScheduleTrigger };

export interface AssessmentSchedule {
  rules: ScheduleRule[];
}

/**
 * Stepwise's schedule for a program that has not set its own (the example): PHQ-9 and GAD-7 at
 * admission, every 14 days and at discharge; the BAM monthly (every 30 days); the C-SSRS screener at
 * admission and whenever PHQ-9 item 9 is above 0.
 */
export const defaultAssessmentSchedule: AssessmentSchedule = {
  rules: [
    { instrument: 'phq9', kind: 'admission' },
    { instrument: 'phq9', kind: 'interval', everyDays: 14 },
    { instrument: 'phq9', kind: 'discharge' },
    { instrument: 'gad7', kind: 'admission' },
    { instrument: 'gad7', kind: 'interval', everyDays: 14 },
    { instrument: 'gad7', kind: 'discharge' },
    { instrument: 'bam', kind: 'interval', everyDays: 30 },
    { instrument: 'cssrs-screener', kind: 'admission' },
    { instrument: 'cssrs-screener', kind: 'triggered', trigger: 'phq9_item9' },
  ],
};

/** The episode of care the schedule runs over. */
export interface ScheduledEpisode {
  /** First day of the episode. */
  startDate: string;
  /** Start + expected length, when known. */
  plannedDischargeDate: string | null;
}

/** A stored response, as the schedule reads it. */
export interface ScheduledResponse {
  instrument: InstrumentCode;
  /** The participant's local date it was answered. */
  date: string;
  /** The score's flags (`suicidal_ideation`, …). */
  flags: readonly string[];
  /**
   * When known, the instant (epoch milliseconds), to order responses of the same day: a trigger is
   * satisfied only by a response after it. Without it, a response the same day counts.
   */
  at?: number;
}

export interface DueAssessment {
  instrument: InstrumentCode;
  reason: ScheduleReason;
  /** The day it fell due. */
  dueDate: string;
  /** Past its due date by more than the grace period. */
  overdue: boolean;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const day = (date: string) => {
    const [year = 0, month = 1, dayOfMonth = 1] = date.split('-').map(Number);
    return Date.UTC(year, month - 1, dayOfMonth) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

/** The latest date among the dates given, or null. */
const latestOf = (dates: readonly string[]): string | null =>
  dates.reduce<string | null>((latest, date) => (latest === null || date > latest ? date : latest), null);

/** When one rule is due today, the date it fell due; null when it is not due. */
function dueDateOf(
  rule: ScheduleRule,
  episode: ScheduledEpisode,
  responses: readonly ScheduledResponse[],
  today: string,
): string | null {
  const episodeFrom = addDays(episode.startDate, -intakeWindowDays);
  const answered = responses
    .filter((response) => response.instrument === rule.instrument && response.date >= episodeFrom)
    .map((response) => response.date);
  const lastAnswered = latestOf(answered);
  const satisfiedOn = (due: string) => lastAnswered !== null && lastAnswered >= due;

  switch (rule.kind) {
    case 'admission': {
      if (today < episode.startDate) return null;
      // Intake screening counts: any response since the intake window opened.
      return lastAnswered === null ? episode.startDate : null;
    }
    case 'interval': {
      const elapsed = daysBetween(episode.startDate, today);
      if (elapsed < rule.everyDays) return null;
      // The first occurrence not yet answered: after the last response, at most today.
      const sinceStart = lastAnswered === null ? 0 : daysBetween(episode.startDate, lastAnswered);
      const next = Math.max(1, Math.floor(sinceStart / rule.everyDays) + 1);
      const due = addDays(episode.startDate, next * rule.everyDays);
      return due <= today ? due : null;
    }
    case 'discharge': {
      if (!episode.plannedDischargeDate) return null;
      const windowOpens = addDays(episode.plannedDischargeDate, -dischargeWindowDays);
      const due = addDays(episode.startDate, Math.max(1, daysBetween(episode.startDate, windowOpens)));
      return today >= due && !satisfiedOn(due) ? due : null;
    }
    case 'triggered': {
      const source = scheduleTriggers[rule.trigger];
      const answers = responses.filter(
        (response) => response.instrument === rule.instrument && response.date >= episodeFrom,
      );
      // Answered the same day or later; on the same day, after the trigger when both instants are known.
      const answersTrigger = (trigger: ScheduledResponse) =>
        answers.some(
          (answer) =>
            answer.date > trigger.date ||
            (answer.date === trigger.date &&
              (answer.at === undefined || trigger.at === undefined || answer.at > trigger.at)),
        );
      const unanswered = responses
        .filter(
          (response) =>
            response.instrument === source.instrument &&
            response.flags.includes(source.flag) &&
            response.date >= episodeFrom &&
            response.date <= today &&
            !answersTrigger(response),
        )
        .map((response) => response.date)
        .sort();
      return unanswered[0] ?? null;
    }
  }
}

/**
 * The assessments a participant owes today under a schedule, one per instrument (the earliest due
 * date when several rules call for the same instrument, since one response satisfies them all),
 * earliest due first. Nothing is due without an open episode.
 */
export function dueAssessments(input: {
  schedule: AssessmentSchedule;
  episode: ScheduledEpisode | null;
  responses: readonly ScheduledResponse[];
  today: string;
}): DueAssessment[] {
  const { episode, responses, today } = input;
  if (!episode) return [];
  const due: DueAssessment[] = [];
  for (const rule of input.schedule.rules) {
    const dueDate = dueDateOf(rule, episode, responses, today);
    if (dueDate === null) continue;
    const grace = rule.kind === 'triggered' ? triggeredGraceDays : overdueGraceDays;
    due.push({
      instrument: rule.instrument,
      reason: rule.kind,
      dueDate,
      overdue: daysBetween(dueDate, today) > grace,
    });
  }
  return earliestPerInstrument(due);
}

/**
 * One due assessment per instrument, the earliest due (overdue before not, on the same date), sorted
 * by due date: merges what several schedules or rules call for.
 */
export function earliestPerInstrument(items: readonly DueAssessment[]): DueAssessment[] {
  const byInstrument = new Map<InstrumentCode, DueAssessment>();
  for (const item of items) {
    const kept = byInstrument.get(item.instrument);
    const earlier =
      !kept ||
      item.dueDate < kept.dueDate ||
      (item.dueDate === kept.dueDate && item.overdue && !kept.overdue);
    if (earlier) byInstrument.set(item.instrument, item);
  }
  return [...byInstrument.values()].sort(
    (a, b) => a.dueDate.localeCompare(b.dueDate) || a.instrument.localeCompare(b.instrument),
  );
}
