/*
 * A week of the adult IOP: the program director opens the schedule, sees this week's groups and who is
 * scheduled below the 9-hour minimum, and books an extra life-skills group. Next Tuesday evening Group
 * Room B is taken, and she is told so; next Friday morning Group Room A is free, and the group appears
 * in next week's grid. She enrols the participant who is short of hours, and their record shows next
 * week meeting the minimum. On her phone a clinician enrols that participant in the Saturday group,
 * which falls in their work shift: she is asked why, enrols them anyway, then withdraws them again.
 * Back at her desk she records the participant's Friday childcare and gives them a private calendar
 * link, which shows their sessions without saying what they are, and makes one for herself. Last, the
 * director asks for a proposed schedule of next week's groups, reads why each person gets theirs, and
 * applies it.
 *
 * The demo schedule is seeded relative to today, so every date here is computed from the clock in the
 * demo site's zone.
 */
import { addDays, instantToZoned, isoWeekDates, isoWeekOf } from '@stepwise/core';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayName, expectAccessible, journey, openAdultSchedule, signIn, viewports } from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;
const thisWeek = isoWeekDates(isoWeekOf(today)) ?? [];
const nextWeek = isoWeekDates(isoWeekOf(addDays(today, 7))) ?? [];

/** "7 h 50 min" → 470. */
function minutesOf(text: string): number {
  const match = /(?:(\d+) h)?\s*(?:(\d+) min)?/.exec(text.trim());
  return Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
}

/** 590 → "9 h 50 min". */
function hoursText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * The participant's radio in the enrol form's search results. The schedule names people as they like
 * to be called ("Pike Protoway"); the record lists "Protoway, Quill (Pike)" or "Protoway, Pike".
 */
function personRadio(scope: Locator, person: string): Locator {
  const [called = '', ...rest] = person.split(' ');
  const familyName = rest.join(' ');
  return scope.getByRole('radio', {
    name: new RegExp(`^${familyName}, (${called} ·|\\S+ \\(${called}\\) ·)`),
  });
}

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, scope: Locator | Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The schedule's region for one day of the week shown. */
function day(page: Page, date: string | undefined): Locator {
  return page.getByRole('region', { name: new RegExp(`^${dayName(date)}`) });
}

/**
 * The participant who works Saturdays, in a week of the "Below minimum" panel: the demo has others
 * short of hours too (one kept from Saturdays by childcare), listed in no particular order.
 */
function worksSaturdays(week: Locator): Locator {
  return week.getByRole('listitem').filter({ hasText: 'Saturday: work shift' }).getByRole('link');
}

describe('scheduling', () => {
  it('books a group around a taken room, enrols someone short of hours and shows their week meet the minimum', async () => {
    // first, the director opens the adult program's schedule: this week's groups, by day
    const { context, page } = await app.open();
    await signIn(page, 'director@demo.stepwise.test');
    await openAdultSchedule(page);
    await day(page, thisWeek[1])
      .getByRole('link', { name: /^18:00–21:00 Group therapy Evening process group Group Room B \(demo\)/ })
      .waitFor();
    await day(page, thisWeek[0])
      .getByRole('link', {
        // The group teaches its curriculum in rotation: each session names its module.
        name: /^09:00–12:00 CBT group Thoughts, cravings and choices Module: CBT \d: .+ Group Room A \(demo\)/,
      })
      .waitFor();
    await day(page, thisWeek[5])
      .getByRole('link', { name: /^09:00–12:00 DBT skills group/ })
      .waitFor();

    // one participant is scheduled below the minimum this week and next, kept from Saturdays by work
    const belowMinimum = page.getByRole('region', { name: 'Below minimum' });
    const belowThisWeek = belowMinimum.getByRole('region', { name: /^This week/ });
    const belowNextWeek = belowMinimum.getByRole('region', { name: /^Next week/ });
    await belowThisWeek.getByText('Not possible: Saturday: work shift.').waitFor();
    const person = (await worksSaturdays(belowThisWeek).textContent()) ?? '';
    expect(person).not.toBe('');
    const shortItem = belowNextWeek.getByRole('listitem').filter({ hasText: person });
    const shortText = (await shortItem.textContent()) ?? '';
    const scheduledBefore = minutesOf(/: (.+?) of 9 h/.exec(shortText)?.[1] ?? '');
    expect(scheduledBefore).toBeGreaterThan(0);
    expect(scheduledBefore).toBeLessThan(9 * 60);
    await expectAccessible(page, 'the schedule');

    // by room: Group Room B holds the evening groups and the Saturday skills group, and nothing on Monday
    await choose(page, page, 'View', 'One room');
    await choose(page, page, 'Room', 'Group Room B (demo)');
    await day(page, thisWeek[5])
      .getByRole('link', { name: /^09:00–12:00 DBT skills group/ })
      .waitFor();
    await day(page, thisWeek[0]).getByText('No sessions').waitFor();
    await expectAccessible(page, 'the schedule of one room');
    await choose(page, page, 'View', 'Whole program');

    // she books a life-skills group; sent empty, the form says what it needs
    await page.getByRole('button', { name: 'Book a session' }).click();
    const dialog = page.getByRole('dialog', { name: 'Book a session' });
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await dialog.getByText('Choose the modality.').waitFor();
    await dialog.getByText('Choose the room.').waitFor();
    await dialog.getByText('Name at least one facilitator.').waitFor();
    await expectAccessible(page, 'the booking form with errors');

    // next Tuesday at 18:00 in Group Room B: the evening process group is already there
    await choose(page, dialog, 'Modality', 'Life skills');
    await dialog.getByRole('textbox', { name: 'Topic' }).fill('Budgeting and bills');
    await choose(page, dialog, 'Room', 'Group Room B (demo) (holds 12)');
    await choose(page, dialog, 'Facilitators', 'Dana Directorly (demo)');
    await dialog.getByRole('combobox', { name: 'Facilitators' }).press('Escape');
    await dialog.getByLabel('Start date').fill(nextWeek[1] ?? '');
    await dialog.getByLabel('Start time').fill('18:00');
    await dialog.getByRole('textbox', { name: 'Duration (minutes)' }).fill('120');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    const taken = dialog.getByRole('alert').filter({ hasText: 'This time is taken' });
    await taken.getByText(`Group Room B (demo) is already booked ${nextWeek[1]} 18:00–21:00.`).waitFor();
    await expectAccessible(page, 'the booking form with a conflict');

    // next Friday at 10:00 in Group Room A is free
    await choose(page, dialog, 'Room', 'Group Room A (demo) (holds 14)');
    await dialog.getByLabel('Start date').fill(nextWeek[4] ?? '');
    await dialog.getByLabel('Start time').fill('10:00');
    await dialog.getByRole('button', { name: 'Book session' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // the schedule moves to next week, where the new group sits on Friday morning
    await page.getByText('Session booked: Life skills (Budgeting and bills)').waitFor();
    await page.getByRole('heading', { name: /^Next week: / }).waitFor();
    const booked = day(page, nextWeek[4]).getByRole('link', {
      name: /^10:00–12:00 Life skills Budgeting and bills Group Room A \(demo\) Dana Directorly \(demo\) 0\/12 enrolled$/,
    });
    await booked.waitFor();
    await expectAccessible(page, 'next week with the new group');

    // she opens it: nobody is enrolled yet
    await booked.click();
    await page.getByRole('heading', { name: 'Life skills: Budgeting and bills', level: 1 }).waitFor();
    const roster = page.getByRole('region', { name: 'Roster', exact: true });
    await roster.getByText('No one is enrolled yet.').waitFor();
    await expectAccessible(page, 'the new group');

    // she finds the participant short of hours and enrols them in their open episode
    const enrol = page.getByRole('region', { name: 'Enrol a participant' });
    const familyName = person.split(' ').at(-1) ?? person;
    await enrol.getByRole('searchbox', { name: 'Find participant' }).fill(familyName);
    await personRadio(enrol, person).check();
    await enrol.getByText(/^Episode of care: Adult Substance Use IOP, since /).waitFor();
    await expectAccessible(page, 'the enrol form');
    await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
    await page.getByText(`${person} is enrolled from`).waitFor();
    const row = roster.getByRole('row').filter({ hasText: person });
    await row.getByText('Enrolled', { exact: true }).waitFor();
    await page.getByText('1 of 12 taken').waitFor();
    await expectAccessible(page, 'the group with its first participant');

    // on their record, this week is still short, and next week now meets the minimum
    await row.getByRole('link', { name: person }).click();
    await page.getByRole('heading', { name: new RegExp(`^${familyName}, `), level: 1 }).waitFor();
    const hours = page.getByRole('region', { name: 'This week' });
    await hours.getByText(/ of 9 h — below minimum$/).waitFor();
    await hours.getByRole('button', { name: 'Next week' }).click();
    const next = page.getByRole('region', { name: 'Next week' });
    await next.getByText(`${hoursText(scheduledBefore + 120)} of 9 h — meets minimum`).waitFor();
    await expectAccessible(page, 'the participant’s week');

    // back on the schedule, they are no longer below the minimum next week
    await page.goBack();
    await page.getByRole('link', { name: '← Schedule' }).click();
    await page.getByRole('heading', { name: /^Next week: / }).waitFor();
    await belowMinimum.getByRole('region', { name: /^Next week/ }).waitFor();
    await belowMinimum.getByRole('region', { name: /^Week of / }).waitFor();
    expect(
      await belowMinimum
        .getByRole('region', { name: /^Next week/ })
        .getByText(person)
        .count(),
    ).toBe(0);
    await context.close();
  });

  it('lets a clinician on her phone enrol someone outside their availability with a reason, and withdraw them', async () => {
    // on her phone, the clinician opens next week's schedule: the days are listed one under the other
    const { context, page } = await app.open(viewports.phone);
    await signIn(page, 'clinician@demo.stepwise.test');
    await openAdultSchedule(page);
    const person = (await worksSaturdays(
      page.getByRole('region', { name: 'Below minimum' }).getByRole('region', { name: /^This week/ }),
    ).textContent()) as string;
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('heading', { name: /^Next week: / }).waitFor();
    const friday = await day(page, nextWeek[4]).boundingBox();
    const saturday = await day(page, nextWeek[5]).boundingBox();
    expect(saturday?.y ?? 0).toBeGreaterThan((friday?.y ?? 0) + (friday?.height ?? 0) - 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the schedule on a phone');

    // the Saturday skills group falls in the participant's work shift: she is told, and asked why
    await day(page, nextWeek[5])
      .getByRole('link', { name: /^09:00–12:00 DBT skills group/ })
      .click();
    await page.getByRole('heading', { name: 'DBT skills group: Distress tolerance', level: 1 }).waitFor();
    const enrol = page.getByRole('region', { name: 'Enrol a participant' });
    const familyName = person.split(' ').at(-1) ?? person;
    await enrol.getByRole('searchbox', { name: 'Find participant' }).fill(familyName);
    await personRadio(enrol, person).check();
    await enrol.getByText(/^Episode of care: /).waitFor();
    await enrol.getByRole('button', { name: 'Enrol', exact: true }).click();
    const outside = enrol.getByRole('alert').filter({ hasText: 'Outside the participant’s availability' });
    await outside.getByText(/falls in a blackout \(work shift\)\. To enrol anyway, say why\./).waitFor();
    await enrol.getByRole('button', { name: 'Enrol anyway' }).click();
    await enrol.getByText('Say why, in a few words.').waitFor();
    await expectAccessible(page, 'the availability conflict on a phone');
    await enrol
      .getByRole('textbox', { name: 'Reason to enrol anyway' })
      .fill('Employer moved the Saturday shift to the afternoon');
    await enrol.getByRole('button', { name: 'Enrol anyway' }).click();
    await page.getByText(`${person} is enrolled from`).waitFor();
    const row = page
      .getByRole('region', { name: 'Roster', exact: true })
      .getByRole('row')
      .filter({ hasText: person });
    await row.getByText('Employer moved the Saturday shift to the afternoon').waitFor();

    // plans change again: she withdraws them, and nobody was waiting for the seat
    await page.getByRole('button', { name: `Withdraw ${person}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Withdraw from session' });
    await expectAccessible(page, 'the withdrawal dialog on a phone');
    await confirm.getByRole('button', { name: 'Withdraw', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByText(`${person} was withdrawn from this session.`).waitFor();
    await row.waitFor({ state: 'detached' });
    await expectAccessible(page, 'the group after the withdrawal on a phone');
    await context.close();
  });

  it('records a participant’s blackouts and gives private calendar links that show only time and place', async () => {
    // the clinician opens the record of the participant short of hours from the schedule
    const { context, page } = await app.open();
    await signIn(page, 'clinician@demo.stepwise.test');
    await openAdultSchedule(page);
    const shortOfHours = worksSaturdays(
      page.getByRole('region', { name: 'Below minimum' }).getByRole('region', { name: /^This week/ }),
    );
    const person = (await shortOfHours.textContent()) ?? '';
    await shortOfHours.click();
    const availability = page.getByRole('region', { name: 'Availability' });
    await availability.getByText('Saturday 07:00–15:00 · Work shift · Saturday shift (demo)').waitFor();

    // they pick up their children on Friday afternoons: she records it, first with the times reversed
    await availability.getByRole('button', { name: 'Edit availability' }).click();
    await availability.getByRole('button', { name: 'Add a blackout' }).click();
    await choose(page, availability, 'Blackout 2 day', 'Friday');
    await availability.getByLabel('Blackout 2 from').fill('18:00');
    await availability.getByLabel('Blackout 2 until').fill('14:30');
    await choose(page, availability, 'Blackout 2 reason', 'Childcare');
    await availability.getByRole('textbox', { name: 'Blackout 2 note' }).fill('School pick-up (test)');
    await availability.getByRole('button', { name: 'Save availability' }).click();
    await availability.getByText('Must end after it starts.').waitFor();
    await expectAccessible(page, 'the availability editor with an error');
    await availability.getByLabel('Blackout 2 from').fill('14:30');
    await availability.getByLabel('Blackout 2 until').fill('18:00');
    await availability.getByRole('button', { name: 'Save availability' }).click();
    await availability.getByText('Availability saved.').waitFor();
    await availability.getByText('Friday 14:30–18:00 · Childcare · School pick-up (test)').waitFor();

    // she gives them a private calendar link: their sessions as "Stepwise session", and no names
    const link = page.getByRole('region', { name: 'Calendar link' });
    await link.getByRole('button', { name: 'Create calendar link' }).click();
    const url = ((await link.getByTestId('calendar-link').textContent()) ?? '').trim();
    expect(url).toMatch(/\/api\/v1\/calendar-feeds\/swcal_[\w-]+\.ics$/);
    await expectAccessible(page, 'the participant’s new calendar link');
    const feed = await (await fetch(url)).text();
    expect(feed).toContain('SUMMARY:Stepwise session');
    expect(feed).toContain('Group Room A (demo)');
    expect(feed).not.toContain(person.split(' ').at(-1) ?? person);
    expect(feed).not.toContain('CBT group');

    // the participant loses their phone: she revokes the link, and it stops working
    await link.getByRole('button', { name: 'Revoke link' }).click();
    await link.getByText('The calendar link is revoked').waitFor();
    expect((await fetch(url)).status).toBe(404);

    // on her own account page she makes a link for the sessions she runs
    await page.getByRole('link', { name: 'My account' }).click();
    const mine = page.getByRole('region', { name: 'My calendar link' });
    await mine.getByRole('button', { name: 'Create calendar link' }).click();
    const own = ((await mine.getByTestId('calendar-link').textContent()) ?? '').trim();
    expect(await (await fetch(own)).text()).toContain('SUMMARY:Stepwise session');
    await expectAccessible(page, 'the account page with a calendar link');
    await context.close();
  });

  it('proposes next week’s groups, explains each person’s, and lets the director apply them', async () => {
    // the director asks for a proposal for next week of the adult program
    const { context, page } = await app.open();
    await signIn(page, 'director@demo.stepwise.test');
    await openAdultSchedule(page);
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('heading', { name: /^Next week: / }).waitFor();
    const panel = page.getByRole('region', { name: 'Proposed schedule' });
    await panel.getByRole('button', { name: 'Propose a schedule for this week' }).click();

    // within seconds: how many would meet the minimum against now, and why each person gets their groups
    const table = panel.getByRole('region', { name: 'Proposed groups by participant' });
    await table.waitFor({ timeout: 30_000 });
    const summary = panel.getByText(/^\d+ of \d+ would meet the minimum, now \d+\.$/);
    const [, meeting = '', of = '', now = ''] =
      /^(\d+) of (\d+) would meet the minimum, now (\d+)\.$/.exec((await summary.textContent()) ?? '') ?? [];
    expect(Number(of)).toBeGreaterThan(0);
    expect(Number(meeting)).toBeGreaterThanOrEqual(Number(now));
    await panel.getByText(/^Proven (within [\d.]+% of )?the best possible schedule/).waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(Number(of) + 1);
    const explanations = await table.getByRole('cell').allTextContents();
    expect(explanations.some((text) => text.includes('minimum'))).toBe(true);
    await expectAccessible(page, 'the proposed schedule');

    // she applies it, after confirming: the proposal is marked applied
    await panel.getByRole('button', { name: 'Apply this schedule' }).click();
    const confirm = page.getByRole('dialog', { name: 'Apply this schedule' });
    await expectAccessible(page, 'the confirmation to apply a proposal');
    await confirm.getByRole('button', { name: 'Apply', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await panel.getByText('Applied', { exact: true }).waitFor();
    await panel.getByText(/^Applied: everyone’s groups follow this schedule/).waitFor();
    expect(await panel.getByRole('button', { name: 'Apply this schedule' }).count()).toBe(0);
    await expectAccessible(page, 'the applied proposal');
    await context.close();
  });
});
