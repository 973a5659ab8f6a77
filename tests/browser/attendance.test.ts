/*
 * Attendance taken on a phone, and what follows from it. The clinician opens last week's Tuesday
 * evening group from the schedule and takes its attendance in a few taps: everyone present, then one
 * person absent without excuse and one who came half an hour late. Saved, each row says who recorded
 * it. The absence gave her a follow-up task due that day, now overdue: she marks it done with a note.
 * The absent person's record shows their attendance rate and the run of absences; the late one's shows
 * the two and a half hours attended that week. Next week's group cannot be taken yet, and compliance
 * reads the recorded attendance without a form.
 *
 * The demo schedule is seeded relative to today (groups from four weeks ago, in the demo site's zone),
 * so the dates here are computed from the clock there; last week's groups have always taken place.
 */
import { addDays, instantToZoned, isoWeekDates, isoWeekOf } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  dayName,
  expectAccessible,
  journey,
  openAdultSchedule,
  openLastWeeksSession,
  openNavigationIfCollapsed,
  signIn,
  viewports,
} from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;
const lastTuesday = isoWeekDates(isoWeekOf(addDays(today, -7)))?.[1] ?? '';

/**
 * How a participant's record names them, "Family, Given (Preferred)", matched from the name a roster
 * uses ("Preferred Family", or "Given Family").
 */
function recordName(name: string): RegExp {
  const [first = '', family = ''] = name.split(' ');
  return new RegExp(`^${family}, .*\\b${first}\\b`);
}

/** Opens a participant's record by searching the list for their family name. */
async function openParticipant(page: Page, name: string) {
  await openNavigationIfCollapsed(page);
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Participants' })
    .click();
  await page.getByRole('searchbox', { name: 'Search participants' }).fill(name.split(' ').at(-1) ?? name);
  await page
    .getByRole('region', { name: 'Participants' })
    .getByRole('link', { name: recordName(name) })
    .first()
    .click();
  await page.getByRole('heading', { name: recordName(name), level: 1 }).waitFor();
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('attendance', () => {
  it('takes a group’s attendance on a phone, follows up the absence, and counts the hours', async () => {
    // on her phone, the clinician opens last week's Tuesday evening group from the schedule
    const phone = await app.open(viewports.phone);
    const page = phone.page;
    await signIn(page, 'clinician@demo.stepwise.test');
    const session = await openLastWeeksSession(
      page,
      lastTuesday,
      /^18:00–21:00 Group therapy/,
      'Group therapy: Evening process group',
    );
    await session.getByRole('link', { name: 'Take attendance' }).click();

    // the page names the session and lists the three people of the evening track, none recorded yet
    await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Group therapy: Evening process group' }).waitFor();
    const attendees = page.getByRole('list', { name: 'Attendees' });
    const groups = attendees.getByRole('radiogroup');
    await groups.first().waitFor();
    const names = await groups.evaluateAll((elements) =>
      elements.map(
        (element) =>
          document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      ),
    );
    expect(names).toHaveLength(3);
    const [presentName = '', absentName = '', lateName = ''] = names;
    await expect.poll(() => attendees.getByText('Not recorded yet.').count()).toBe(3);
    await expectAccessible(page, 'attendance not yet taken, on a phone');

    // everyone present in one tap, then one absent without excuse and one half an hour late
    await page.getByRole('button', { name: 'Everyone present' }).click();
    expect(await attendees.getByRole('radio', { name: 'Present', checked: true }).count()).toBe(3);
    await page.getByText('3 changes to save.').waitFor();
    const absent = attendees.getByRole('radiogroup', { name: absentName });
    await absent.getByRole('radio', { name: 'Absent (unexcused)' }).click();
    const absentRow = attendees
      .getByRole('listitem')
      .filter({ has: page.getByRole('radiogroup', { name: absentName }) });
    await absentRow.getByRole('textbox', { name: 'Note' }).fill('Did not call in (test)');
    const late = attendees.getByRole('radiogroup', { name: lateName });
    await late.getByRole('radio', { name: 'Late' }).click();
    const lateRow = attendees
      .getByRole('listitem')
      .filter({ has: page.getByRole('radiogroup', { name: lateName }) });
    const minutes = lateRow.getByRole('textbox', { name: 'Minutes attended' });
    expect(await minutes.inputValue()).toBe('180');

    // more minutes than the group lasted are refused before anything is sent
    await minutes.fill('200');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await lateRow.getByText('The session lasted 180 minutes.').waitFor();
    await expectAccessible(page, 'attendance with a mistake in the minutes, on a phone');
    await minutes.fill('150');
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendance saved for 3 people.' }).waitFor();

    // each row now says what was recorded and by whom
    const recorded = (name: string) =>
      attendees
        .getByRole('listitem')
        .filter({ has: page.getByRole('radiogroup', { name }) })
        .getByText(/^Recorded: /);
    expect(await recorded(presentName).textContent()).toMatch(
      /^Recorded: Present, 3 h · by Casey Clinwell \(demo\), /,
    );
    expect(await recorded(absentName).textContent()).toMatch(
      /^Recorded: Absent \(unexcused\) · by Casey Clinwell \(demo\), /,
    );
    expect(await recorded(lateName).textContent()).toMatch(/^Recorded: Late, 2 h 30 min · by Casey Clinwell/);
    await page.getByText('Nothing to save.').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'attendance taken, on a phone');
    const attendancePath = new URL(page.url()).pathname;

    // the absence gave her a follow-up, due the day of the group and so overdue now
    await openNavigationIfCollapsed(page);
    await page.getByRole('link', { name: 'Tasks' }).click();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    const followUp = page
      .getByRole('list', { name: 'Open tasks' })
      .getByRole('listitem')
      .filter({ hasText: absentName });
    await followUp.getByText('Attendance follow-up').waitFor();
    await followUp.getByText('Overdue', { exact: true }).waitFor();
    await followUp.getByText(`Due ${dayName(lastTuesday)}`).waitFor();
    const title = `Follow up on an unexcused absence: Group therapy, ${lastTuesday} 18:00`;
    await followUp.getByText(title).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the task inbox on a phone');

    // she reached them by phone and marks it done with a note
    await followUp.getByRole('button', { name: `Mark done: ${title}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark done' });
    await dialog.getByRole('textbox', { name: 'Note' }).fill('Reached by phone; back on Thursday (test)');
    await expectAccessible(page, 'marking a task done on a phone');
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('status')
      .filter({ hasText: `Done: ${title}.` })
      .waitFor();
    await followUp.waitFor({ state: 'detached' });
    await page.getByRole('radiogroup', { name: 'Which tasks' }).getByText('Done', { exact: true }).click();
    const done = page
      .getByRole('list', { name: 'Tasks done' })
      .getByRole('listitem')
      .filter({ hasText: title });
    await done.getByText('Note: Reached by phone; back on Thursday (test)').waitFor();

    // the absent person's record: no session attended of the one recorded, one unexcused absence
    await done.getByRole('link', { name: absentName }).click();
    await page.getByRole('heading', { name: recordName(absentName), level: 1 }).waitFor();
    const absentAttendance = page.getByRole('region', { name: 'Attendance', exact: true });
    await absentAttendance.getByText('0 of 1 session attended (0%)').waitFor();
    await absentAttendance.getByText('1 (unexcused)').waitFor();
    await absentAttendance
      .getByRole('row')
      .filter({ hasText: `${dayName(lastTuesday)}, 18:00` })
      .getByText('Absent (unexcused)')
      .waitFor();

    // the late person's record: attended all they were recorded at, and two and a half hours last week
    await openParticipant(page, lateName);
    await page
      .getByRole('region', { name: 'Attendance', exact: true })
      .getByText('1 of 1 session attended (100%)')
      .waitFor();
    await page
      .getByRole('region', { name: 'This week' })
      .getByRole('button', { name: 'Previous week' })
      .click();
    const lastWeek = page.getByRole('region', { name: 'Last week' });
    await lastWeek.getByText('Attended: 2 h 30 min.').waitFor();
    await lastWeek
      .getByRole('list', { name: 'Hours by day' })
      .getByRole('listitem')
      .filter({ hasText: dayName(lastTuesday) })
      .getByText('attended 2 h 30 min')
      .waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a participant’s attendance and attended hours on a phone');

    // next week's group has not started: its attendance cannot be taken yet
    await openAdultSchedule(page);
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('heading', { name: /^Next week: / }).waitFor();
    const nextTuesday = isoWeekDates(isoWeekOf(addDays(today, 7)))?.[1] ?? '';
    await page
      .getByRole('region', { name: new RegExp(`^${dayName(nextTuesday)}`) })
      .getByRole('link', { name: /^18:00–21:00 Group therapy/ })
      .click();
    await page
      .getByRole('region', { name: 'This session' })
      .getByRole('link', { name: 'Take attendance' })
      .click();
    await page.getByText('Attendance can be taken once the session has started, at 18:00 on').waitFor();
    expect(await page.getByRole('button', { name: 'Save attendance' }).count()).toBe(0);
    await phone.context.close();

    // at her desk, compliance reads the attendance recorded, with no form to change it
    const desk = await app.open();
    await signIn(desk.page, 'compliance@demo.stepwise.test');
    await desk.page.goto(attendancePath);
    const readOnly = desk.page.getByRole('list', { name: 'Attendees' });
    await readOnly
      .getByRole('listitem')
      .filter({ hasText: absentName })
      .getByText('Note: Did not call in (test)')
      .waitFor();
    expect(await readOnly.getByText('Absent (unexcused)', { exact: true }).count()).toBe(1);
    expect(await readOnly.getByRole('radio').count()).toBe(0);
    expect(await desk.page.getByRole('button', { name: 'Save attendance' }).count()).toBe(0);
    await expectAccessible(desk.page, 'attendance read by compliance');
    await desk.context.close();
  });
});
