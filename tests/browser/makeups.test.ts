/*
 * A missed group made up, and a group cancelled. On her phone, the clinician opens the record of the
 * participant on the morning track (the one who works Saturdays): next Monday's CBT group is in their
 * week, and they cannot come. She arranges a make-up in Saturday's skills group, which falls in their
 * work shift, so she gives the reason; their week shows Monday lighter and Saturday heavier, the
 * make-up is marked, and it is listed under make-ups. At her desk the director then cancels that
 * Saturday group, giving the reason: the make-up into it is cancelled with it, someone on its roster
 * sees it cancelled in their week, and the schedule shows it cancelled. Last she declares a training
 * day two weeks ahead closed, which cancels the evening group booked for it. Then she enrols the person
 * kept from Saturdays by childcare in every group of the morning track at once, and their next week
 * meets the minimum.
 *
 * The demo schedule is seeded relative to today, so every date here is computed from the clock in the
 * demo site's zone; next week's sessions are always still ahead.
 */
import { addDays, instantToZoned, isoWeekDates, isoWeekOf } from '@stepwise/core';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayName, expectAccessible, journey, openAdultSchedule, signIn, viewports } from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;
const nextWeek = isoWeekDates(isoWeekOf(addDays(today, 7))) ?? [];
const nextMonday = nextWeek[0];
const nextSaturday = nextWeek[5];
/** Tuesday of the week after next. */
const laterTuesday = isoWeekDates(isoWeekOf(addDays(today, 14)))?.[1];

/** "7 h 50 min" → 470; "none" → 0. */
function minutesOf(text: string): number {
  const match = /(?:(\d+) h)?\s*(?:(\d+) min)?\s*$/.exec(text.trim());
  return Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
}

/** Minutes scheduled on one day of the week the participant's record shows. */
async function minutesOn(week: Locator, date: string | undefined): Promise<number> {
  const item = week
    .getByRole('list', { name: 'Hours by day' })
    .getByRole('listitem')
    .filter({ hasText: dayName(date) });
  // The item reads "Sat, Dec 53 h": the day's name, then its hours.
  return minutesOf(((await item.textContent()) ?? '').slice(dayName(date).length));
}

describe('make-ups and cancelled sessions', () => {
  it('arranges a make-up for a missed group, then cancels the group it went into', async () => {
    // on her phone, the clinician opens the record of the participant who works Saturdays, at next week
    const phone = await app.open(viewports.phone);
    const page = phone.page;
    await signIn(page, 'clinician@demo.stepwise.test');
    await openAdultSchedule(page);
    await page
      .getByRole('region', { name: 'Below minimum' })
      .getByRole('region', { name: /^This week/ })
      .getByRole('listitem')
      .filter({ hasText: 'Saturday: work shift' })
      .getByRole('link')
      .click();
    await page.getByRole('region', { name: 'This week' }).getByRole('button', { name: 'Next week' }).click();
    const week = page.getByRole('region', { name: 'Next week' });
    await week.getByText(/ of 9 h — /).waitFor();
    const sessions = week.getByRole('region', { name: 'Sessions' });
    const monday = `${dayName(nextMonday)}, 09:00–12:00`;
    const saturday = `${dayName(nextSaturday)}, 09:00–12:00`;
    await sessions.getByText(monday).waitFor();
    const mondayBefore = await minutesOn(week, nextMonday);
    const saturdayBefore = await minutesOn(week, nextSaturday);
    expect(mondayBefore).toBeGreaterThanOrEqual(180);

    // they will miss Monday's CBT group: she asks for a make-up, and sent empty the form says what it needs
    await sessions.getByRole('button', { name: `Arrange a make-up for ${monday} CBT group` }).click();
    const dialog = page.getByRole('dialog', { name: 'Arrange a make-up' });
    await dialog.getByText(`Missed: ${monday}, CBT group`).waitFor();
    await dialog.getByRole('button', { name: 'Book make-up' }).click();
    await dialog.getByText('Choose the session to attend instead.').waitFor();
    await expectAccessible(page, 'the make-up options on a phone');

    // Saturday's skills group has seats but falls in their work shift: the option says so, and booking
    // it needs a reason
    const option = dialog.getByRole('radio', { name: `${saturday}, DBT skills group: Distress tolerance` });
    await option.check();
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'falls in a blackout (work shift). To book anyway, say why.' })
      .waitFor();
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Court date on Monday morning (test)');
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.getByText('Say why, in a few words.').waitFor();
    await expectAccessible(page, 'the make-up outside availability on a phone');
    await dialog
      .getByRole('textbox', { name: 'Reason to book anyway' })
      .fill('Swapped shifts for that Saturday');
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await week.getByText(`Make-up booked: ${saturday}, DBT skills group: Distress tolerance`).waitFor();

    // their week: Monday's group gone, Saturday's marked as a make-up, three hours moved between the days
    const madeUp = sessions.getByRole('listitem').filter({ hasText: saturday });
    await madeUp.getByText('Make-up', { exact: true }).waitFor();
    await sessions.getByRole('listitem').filter({ hasText: monday }).waitFor({ state: 'detached' });
    expect(await madeUp.getByRole('button').count()).toBe(0);
    await expect.poll(() => minutesOn(week, nextMonday)).toBe(mondayBefore - 180);
    expect(await minutesOn(week, nextSaturday)).toBe(saturdayBefore + 180);
    const booked = page
      .getByRole('region', { name: 'Make-ups' })
      .getByRole('listitem')
      .filter({
        hasText: `Missed ${monday}, CBT group: Thoughts, cravings and choices → made up ${saturday}`,
      });
    await booked.getByText('Note: Court date on Monday morning (test)').waitFor();
    await booked.getByText('Swapped shifts for that Saturday').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the participant’s week with a make-up on a phone');
    await phone.context.close();

    // at her desk the director opens that Saturday group from next week's schedule
    const desk = await app.open();
    await signIn(desk.page, 'director@demo.stepwise.test');
    await openAdultSchedule(desk.page);
    await desk.page.getByRole('button', { name: 'Next week' }).click();
    await desk.page.getByRole('heading', { name: /^Next week: / }).waitFor();
    const saturdayOnSchedule = desk.page.getByRole('region', {
      name: new RegExp(`^${dayName(nextSaturday)}`),
    });
    await saturdayOnSchedule.getByRole('link', { name: /^09:00–12:00 DBT skills group/ }).click();
    await desk.page
      .getByRole('heading', { name: 'DBT skills group: Distress tolerance', level: 1 })
      .waitFor();
    const session = desk.page.getByRole('region', { name: 'This session' });
    await session.getByText(/^\d+ of 12$/).waitFor();
    await session.getByText('Scheduled', { exact: true }).waitFor();

    // the facilitator is away on a course: she cancels it, and must say why
    await session.getByRole('button', { name: 'Cancel this session' }).click();
    const cancel = desk.page.getByRole('dialog', { name: 'Cancel this session' });
    await cancel.getByRole('button', { name: 'Cancel session' }).click();
    await cancel.getByText('Say why, in a few words.').waitFor();
    await expectAccessible(desk.page, 'the cancellation dialog with an error');
    await cancel
      .getByRole('textbox', { name: 'Reason' })
      .fill('Facilitator away on a training course (test)');
    await cancel.getByRole('button', { name: 'Cancel session' }).click();
    await cancel.waitFor({ state: 'hidden' });
    await session.getByText('Cancelled; 1 make-up into it was cancelled.').waitFor();
    await session.getByText('Cancelled', { exact: true }).waitFor();
    await session.getByText('Facilitator away on a training course (test)').waitFor();
    expect(await session.getByRole('button', { name: 'Cancel this session' }).count()).toBe(0);
    await expectAccessible(desk.page, 'the cancelled session');

    // someone on its roster sees it cancelled, with the reason, in their week
    const member = desk.page
      .getByRole('region', { name: 'Roster', exact: true })
      .getByRole('row')
      .filter({ hasText: 'Enrolled' })
      .first()
      .getByRole('link');
    await member.click();
    await desk.page
      .getByRole('region', { name: 'This week' })
      .getByRole('button', { name: 'Next week' })
      .click();
    const theirSaturday = desk.page
      .getByRole('region', { name: 'Next week' })
      .getByRole('region', { name: 'Sessions' })
      .getByRole('listitem')
      .filter({ hasText: saturday });
    await theirSaturday.getByText('Cancelled', { exact: true }).waitFor();
    await theirSaturday.getByText('Reason: Facilitator away on a training course (test)').waitFor();

    // and the schedule marks the group cancelled
    await openAdultSchedule(desk.page);
    await desk.page.getByRole('button', { name: 'Next week' }).click();
    await saturdayOnSchedule.getByRole('link', { name: /^09:00–12:00 Cancelled DBT skills group/ }).waitFor();

    // the Tuesday of the week after is a staff training day: she declares it closed, and the evening
    // group booked for it is cancelled with the closure's name
    const closures = desk.page.getByRole('region', { name: 'Closures and holidays' });
    await closures.getByRole('button', { name: 'Declare closure' }).click();
    await closures.getByText('Must be a date as YYYY-MM-DD.').waitFor();
    await closures.getByLabel('Date').fill(laterTuesday ?? '');
    await closures.getByRole('textbox', { name: 'Name' }).fill('Staff training day (test)');
    await closures.getByRole('button', { name: 'Declare closure' }).click();
    await closures
      .getByText(`Staff training day (test) on ${dayName(laterTuesday)}: 1 session was cancelled.`)
      .waitFor();
    await closures.getByText(`${dayName(laterTuesday)}: Staff training day (test)`).waitFor();
    await expectAccessible(desk.page, 'the schedule with a closure declared');
    await desk.page.getByRole('button', { name: 'Next week' }).click();
    await desk.page
      .getByRole('region', { name: new RegExp(`^${dayName(laterTuesday)}`) })
      .getByRole('link', { name: /^18:00–21:00 Cancelled Group therapy/ })
      .waitFor();
    await desk.context.close();
  });

  it('enrols someone short of hours in every group of the morning track at once', async () => {
    // the director opens the participant kept from Saturdays by childcare, on the evening track only
    const desk = await app.open();
    const page = desk.page;
    await signIn(page, 'director@demo.stepwise.test');
    await openAdultSchedule(page);
    await page
      .getByRole('region', { name: 'Below minimum' })
      .getByRole('region', { name: /^This week/ })
      .getByRole('listitem')
      .filter({ hasText: 'Saturday: childcare' })
      .getByRole('link')
      .click();
    const thisWeek = page.getByRole('region', { name: 'This week' });
    await thisWeek.getByText(/ of 9 h — below minimum$/).waitFor();
    await thisWeek.getByRole('button', { name: 'Next week' }).click();
    const week = page.getByRole('region', { name: 'Next week' });
    await week.getByText(/ of 9 h — below minimum$/).waitFor();

    // she puts them in the whole morning track, starting next Monday
    const track = page.getByRole('region', { name: 'Enrol in a track' });
    await track.getByRole('combobox', { name: 'Track' }).click();
    await page.getByRole('option', { name: /^Morning track/ }).click();
    await track.getByLabel('First session attended').fill(nextMonday ?? '');
    await track.getByRole('button', { name: 'Enrol in track' }).click();
    await track
      .getByText('Morning track: Enrolled in 3 groups; waitlisted for 0 (full); already in 0.')
      .waitFor();
    await expectAccessible(page, 'the participant enrolled in a whole track');

    // next week now has the three mornings and meets the minimum
    await week.getByText(/ of 9 h — meets minimum$/).waitFor();
    for (const day of [nextWeek[0], nextWeek[2], nextWeek[3]]) {
      await week
        .getByRole('region', { name: 'Sessions' })
        .getByText(`${dayName(day)}, 09:00–12:00`)
        .waitFor();
    }
    await desk.context.close();
  });
});
