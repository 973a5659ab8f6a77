import { describe, expect, it } from 'vitest';
import {
  type AssessmentSchedule,
  daysBetween,
  defaultAssessmentSchedule,
  dischargeWindowDays,
  dueAssessments,
  earliestPerInstrument,
  intakeWindowDays,
  overdueGraceDays,
  type ScheduledResponse,
} from './assessment-schedule.js';
import { addDays } from './scheduling/zoned-time.js';
import { assessmentScheduleSchema } from './schemas/assessment-schedule.js';

// A participant admitted on 2 March 2026 for 56 days: planned discharge on 27 April.
const start = '2026-03-02';
const episode = { startDate: start, plannedDischargeDate: addDays(start, 56) };
const day = (n: number) => addDays(start, n);
const answered = (instrument: ScheduledResponse['instrument'], n: number, flags: string[] = []) => ({
  instrument,
  date: day(n),
  flags,
});

const phqEvery14: AssessmentSchedule = {
  rules: [
    { instrument: 'phq9', kind: 'admission' },
    { instrument: 'phq9', kind: 'interval', everyDays: 14 },
  ],
};

const due = (schedule: AssessmentSchedule, responses: ScheduledResponse[], today: string) =>
  dueAssessments({ schedule, episode, responses, today });

describe('assessments at admission', () => {
  it('are due on the first day and satisfied by a response that day or after', () => {
    expect(due(phqEvery14, [], day(0))).toEqual([
      { instrument: 'phq9', reason: 'admission', dueDate: start, overdue: false },
    ]);
    expect(due(phqEvery14, [answered('phq9', 0)], day(0))).toEqual([]);
    expect(due(phqEvery14, [answered('phq9', 2)], day(5))).toEqual([]);
  });

  it('count intake screening in the week before admission, but not earlier', () => {
    expect(intakeWindowDays).toBe(7);
    expect(due(phqEvery14, [answered('phq9', -7)], day(0))).toEqual([]);
    expect(due(phqEvery14, [answered('phq9', -8)], day(0))).toHaveLength(1);
  });

  it('are not due before the episode starts, and nothing is due without an episode', () => {
    expect(due(phqEvery14, [], day(-1))).toEqual([]);
    expect(
      dueAssessments({ schedule: defaultAssessmentSchedule, episode: null, responses: [], today: day(20) }),
    ).toEqual([]);
  });

  it('grow overdue after the grace period: due on day 3, overdue from day 4', () => {
    expect(overdueGraceDays).toBe(3);
    expect(due(phqEvery14, [], day(3))[0]?.overdue).toBe(false);
    expect(due(phqEvery14, [], day(4))[0]?.overdue).toBe(true);
  });
});

describe('assessments every N days', () => {
  const admitted = [answered('phq9', 0)];

  it('fall due on day 14, not day 13, and stay due on day 15', () => {
    expect(due(phqEvery14, admitted, day(13))).toEqual([]);
    expect(due(phqEvery14, admitted, day(14))).toEqual([
      { instrument: 'phq9', reason: 'interval', dueDate: day(14), overdue: false },
    ]);
    expect(due(phqEvery14, admitted, day(15))).toEqual([
      { instrument: 'phq9', reason: 'interval', dueDate: day(14), overdue: false },
    ]);
  });

  it('are overdue after exactly the grace period has passed', () => {
    expect(due(phqEvery14, admitted, day(14 + overdueGraceDays))[0]?.overdue).toBe(false);
    expect(due(phqEvery14, admitted, day(14 + overdueGraceDays + 1))[0]?.overdue).toBe(true);
  });

  it('are satisfied by a response on the due date or after, not before', () => {
    expect(due(phqEvery14, [...admitted, answered('phq9', 14)], day(20))).toEqual([]);
    expect(due(phqEvery14, [...admitted, answered('phq9', 16)], day(20))).toEqual([]);
    expect(due(phqEvery14, [...admitted, answered('phq9', 13)], day(14))).toHaveLength(1);
  });

  it('count from the episode start, not from the last response', () => {
    // Answered late on day 16: the next one is still day 28.
    const late = [...admitted, answered('phq9', 16)];
    expect(due(phqEvery14, late, day(27))).toEqual([]);
    expect(due(phqEvery14, late, day(28))[0]?.dueDate).toBe(day(28));
  });

  it('keep a missed occurrence due (and overdue) rather than hide it behind the next', () => {
    expect(due(phqEvery14, admitted, day(29))).toEqual([
      { instrument: 'phq9', reason: 'interval', dueDate: day(14), overdue: true },
    ]);
    // One late response catches up with every occurrence before it.
    expect(due(phqEvery14, [...admitted, answered('phq9', 29)], day(30))).toEqual([]);
  });

  it('run monthly for the BAM in the default schedule', () => {
    const items = dueAssessments({
      schedule: { rules: defaultAssessmentSchedule.rules.filter((rule) => rule.instrument === 'bam') },
      episode,
      responses: [],
      today: day(30),
    });
    expect(items).toEqual([{ instrument: 'bam', reason: 'interval', dueDate: day(30), overdue: false }]);
    expect(
      dueAssessments({
        schedule: { rules: defaultAssessmentSchedule.rules.filter((rule) => rule.instrument === 'bam') },
        episode,
        responses: [],
        today: day(29),
      }),
    ).toEqual([]);
  });
});

describe('assessments at discharge', () => {
  const atDischarge: AssessmentSchedule = { rules: [{ instrument: 'gad7', kind: 'discharge' }] };
  const windowOpens = 56 - dischargeWindowDays;

  it('fall due a week before the planned discharge date', () => {
    expect(due(atDischarge, [], day(windowOpens - 1))).toEqual([]);
    expect(due(atDischarge, [], day(windowOpens))).toEqual([
      { instrument: 'gad7', reason: 'discharge', dueDate: day(windowOpens), overdue: false },
    ]);
    expect(due(atDischarge, [answered('gad7', windowOpens + 1)], day(windowOpens + 2))).toEqual([]);
    expect(due(atDischarge, [answered('gad7', windowOpens - 1)], day(windowOpens + 2))).toHaveLength(1);
  });

  it('are never due without a planned discharge date, nor on the day of admission', () => {
    expect(
      dueAssessments({
        schedule: atDischarge,
        episode: { startDate: start, plannedDischargeDate: null },
        responses: [],
        today: day(100),
      }),
    ).toEqual([]);
    const short = { startDate: start, plannedDischargeDate: day(3) };
    expect(dueAssessments({ schedule: atDischarge, episode: short, responses: [], today: day(0) })).toEqual(
      [],
    );
    expect(
      dueAssessments({ schedule: atDischarge, episode: short, responses: [], today: day(1) })[0]?.dueDate,
    ).toBe(day(1));
  });
});

describe('assessments triggered by PHQ-9 item 9', () => {
  const cssrs: AssessmentSchedule = {
    rules: [{ instrument: 'cssrs-screener', kind: 'triggered', trigger: 'phq9_item9' }],
  };
  const item9 = answered('phq9', 10, ['suicidal_ideation']);

  it('fall due the day item 9 is answered above 0, and are overdue the next day', () => {
    expect(due(cssrs, [answered('phq9', 10)], day(10))).toEqual([]);
    expect(due(cssrs, [item9], day(10))).toEqual([
      { instrument: 'cssrs-screener', reason: 'triggered', dueDate: day(10), overdue: false },
    ]);
    expect(due(cssrs, [item9], day(11))[0]?.overdue).toBe(true);
  });

  it('are satisfied by a screener the same day or later, and fire again on a new item 9', () => {
    expect(due(cssrs, [item9, answered('cssrs-screener', 10)], day(10))).toEqual([]);
    expect(due(cssrs, [item9, answered('cssrs-screener', 12)], day(12))).toEqual([]);
    expect(due(cssrs, [item9, answered('cssrs-screener', 9)], day(10))).toHaveLength(1);
    const again = answered('phq9', 24, ['suicidal_ideation']);
    expect(due(cssrs, [item9, answered('cssrs-screener', 10), again], day(24))).toEqual([
      { instrument: 'cssrs-screener', reason: 'triggered', dueDate: day(24), overdue: false },
    ]);
  });

  it('count a screener the same day only when it came after the PHQ-9, when the times are known', () => {
    const phq = { ...item9, at: Date.UTC(2026, 2, 12, 15) };
    const morning = { ...answered('cssrs-screener', 10), at: Date.UTC(2026, 2, 12, 9) };
    const evening = { ...answered('cssrs-screener', 10), at: Date.UTC(2026, 2, 12, 18) };
    expect(due(cssrs, [morning, phq], day(10))).toHaveLength(1);
    expect(due(cssrs, [morning, phq, evening], day(10))).toEqual([]);
  });

  it('ignore item 9 answered in an earlier episode, before the intake window', () => {
    const before = answered('phq9', -30, ['suicidal_ideation']);
    expect(due(cssrs, [before], day(0))).toEqual([]);
  });
});

describe('the default schedule', () => {
  it('asks for PHQ-9, GAD-7 and the C-SSRS screener on admission day, the BAM first on day 30', () => {
    const today = day(0);
    expect(
      dueAssessments({ schedule: defaultAssessmentSchedule, episode, responses: [], today }).map(
        (item) => `${item.instrument}:${item.reason}`,
      ),
    ).toEqual(['cssrs-screener:admission', 'gad7:admission', 'phq9:admission']);
  });

  it('asks once per instrument when several rules call for it, the earliest due first', () => {
    // No response since admission: on the discharge window's first day the PHQ-9 is owed since day 0.
    const items = dueAssessments({
      schedule: defaultAssessmentSchedule,
      episode,
      responses: [answered('gad7', 0), answered('cssrs-screener', 0), answered('bam', 30)],
      today: day(49),
    });
    expect(items.map((item) => [item.instrument, item.reason, item.dueDate])).toEqual([
      ['phq9', 'admission', day(0)],
      ['gad7', 'interval', day(14)],
    ]);
  });

  it('is valid under the schedule schema', () => {
    expect(assessmentScheduleSchema.parse(defaultAssessmentSchedule)).toEqual(defaultAssessmentSchedule);
  });
});

describe('the schedule schema', () => {
  it('refuses the same instrument twice for one kind of rule, and intervals out of range', () => {
    const twice = {
      rules: [
        { instrument: 'phq9', kind: 'interval', everyDays: 14 },
        { instrument: 'phq9', kind: 'interval', everyDays: 30 },
      ],
    };
    expect(assessmentScheduleSchema.safeParse(twice).success).toBe(false);
    const daily = { rules: [{ instrument: 'phq9', kind: 'interval', everyDays: 1 }] };
    expect(assessmentScheduleSchema.safeParse(daily).success).toBe(false);
    const unknown = { rules: [{ instrument: 'phq9', kind: 'triggered', trigger: 'full_moon' }] };
    expect(assessmentScheduleSchema.safeParse(unknown).success).toBe(false);
    expect(assessmentScheduleSchema.safeParse({ rules: [] }).success).toBe(true);
  });
});

describe('merging and dates', () => {
  it('keeps the earliest due per instrument', () => {
    expect(
      earliestPerInstrument([
        { instrument: 'phq9', reason: 'interval', dueDate: day(28), overdue: false },
        { instrument: 'phq9', reason: 'discharge', dueDate: day(21), overdue: true },
      ]),
    ).toEqual([{ instrument: 'phq9', reason: 'discharge', dueDate: day(21), overdue: true }]);
  });

  it('counts whole days across month ends and daylight-saving changes', () => {
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
    expect(daysBetween('2026-03-09', '2026-03-07')).toBe(-2);
  });
});
