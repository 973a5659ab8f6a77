/*
 * A curriculum taught in rotation, and the participant who joined mid-way. At her desk the director
 * opens the curriculum of a new skills program from its schedule: she adds four distress-tolerance
 * modules for the DBT skills groups (the form first says what it needs, then refuses a name already
 * used), puts TIPP before radical acceptance, adds a psychoeducation module and makes it optional, and
 * retires one added by mistake. The groups are then booked and a participant admitted ten days ago for
 * a three-week stay (through the API, as the clinic would have over the past weeks). The schedule shows
 * the module each group teaches; she opens one session and changes what it teaches to radical
 * acceptance, which the participant's own groups bring round only after their planned discharge. On
 * her phone the clinician opens the participant's record: the curriculum section says what they have
 * covered, what is scheduled, and what they will miss. From there she opens who will miss a module and
 * books the session that now teaches it as a make-up, in place of an afternoon group that teaches
 * nothing they need; it falls in a work shift, so she gives the reason. Nobody is left missing a module.
 *
 * Dates are relative to today in the site's zone, and every session the journey looks at is at least a
 * day away from now (as in apps/server/src/modules/curriculum/curriculum.test.ts), so nothing depends on
 * the time of day. The steps build on each other, in order.
 */
import { addDays, instantToZoned, isoWeekOf, weekdayOf } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dayName, expectAccessible, journey, signIn, viewports } from './support.js';

const app = journey();

const zone = 'America/Chicago';
const today = instantToZoned(new Date(), zone).date;
const byDay = (date: string) => ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][weekdayOf(date) - 1];
/** The weekly DBT group: sessions 27, 20, 13 and 6 days ago, then tomorrow, in 8 days, in 15 days… */
const dbtStart = addDays(today, -27);
/** A second DBT group two days later in the week, and a process group that afternoon. */
const secondStart = addDays(today, -25);
/** The second group's session in three days, which will teach radical acceptance. */
const inThreeDays = addDays(today, 3);
/** Admitted ten days ago for 21 days. */
const plannedDischarge = addDays(today, 11);

/** "Dec 1, 2026", as the app writes a calendar date. */
const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Calls the API as the signed-in user of the page (the session cookie, and its CSRF token). */
async function apiAs(page: Page) {
  const me = await page.request.get('/api/v1/me');
  const { user, csrfToken } = (await me.json()) as { user: { id: string }; csrfToken: string };
  const call = async (method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) => {
    const response = await page.request.fetch(`/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return response.json() as Promise<any>;
  };
  return { userId: user.id, call };
}

/** What the journey made, shared by its steps. */
const made = { programId: '', participantId: '', pinnedSessionId: '', attendedSessionId: '' };

describe('curriculum coverage', () => {
  it('keeps a program’s curriculum: adds, reorders, makes optional and retires modules', async () => {
    const desk = await app.open(viewports.desktop);
    const page = desk.page;
    await signIn(page, 'director@demo.stepwise.test');

    // a new skills program on its own site, with a room (the clinic's structure, through the API)
    const { call } = await apiAs(page);
    const site = await call('POST', '/sites', { name: 'Skills Campus (test)', timeZone: zone });
    made.programId = (
      await call('POST', '/programs', {
        siteId: site.id,
        name: 'Skills IOP (test)',
        kind: 'mental_health',
        population: 'adult',
      })
    ).id;

    // she opens the program's schedule and from there its curriculum, empty so far
    await page.goto(`/schedule?program=${made.programId}`);
    await page.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Curriculum' }).click();
    await page.getByRole('heading', { name: 'Curriculum', level: 1 }).waitFor();
    const modules = page.getByRole('region', { name: 'Modules in rotation' });
    await modules.getByText('Skills IOP (test) has no curriculum modules yet.').waitFor();

    // sent empty, the form says what it needs beside each field
    await modules.getByRole('button', { name: 'Add module' }).click();
    await modules.getByText('Must not be empty.').waitFor();
    await modules.getByText('Choose the kind of group that teaches it.').waitFor();
    await expectAccessible(page, 'the add-module form with errors');

    const add = async (name: string, modality: string) => {
      await modules.getByRole('textbox', { name: 'Name' }).fill(name);
      await modules.getByRole('combobox', { name: 'Taught by' }).click();
      await page.getByRole('option', { name: modality, exact: true }).click();
      await modules.getByRole('button', { name: 'Add module' }).click();
      await modules
        .getByRole('status')
        .filter({ hasText: `${name} added` })
        .waitFor();
    };
    for (const name of [
      'STOP skill (test)',
      'Radical acceptance (test)',
      'TIPP skill (test)',
      'Self-soothe (test)',
      'Wise mind (test)',
    ]) {
      await add(name, 'DBT skills group');
    }

    // a name the program already has is refused beside the field
    await modules.getByRole('textbox', { name: 'Name' }).fill('stop skill (test)');
    await modules.getByRole('button', { name: 'Add module' }).click();
    await modules.getByText('The program already has a module of that name.', { exact: true }).waitFor();

    // TIPP is taught before radical acceptance: she moves it up
    const dbt = modules.getByRole('list', { name: 'DBT skills group modules in order' });
    await modules.getByRole('button', { name: 'Move up: TIPP skill (test)' }).click();
    await modules
      .getByRole('status')
      .filter({ hasText: 'TIPP skill (test) moved up: now number 2 of 5 in DBT skills group.' })
      .waitFor();
    const order = async () =>
      (await dbt.getByRole('listitem').allTextContents()).map((text) => text.split(' (test)')[0]);
    await expect
      .poll(order)
      .toEqual(['STOP skill', 'TIPP skill', 'Radical acceptance', 'Self-soothe', 'Wise mind']);
    // the keyboard stays on the module she moved, in its new place
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Move up: TIPP skill (test)');

    // a psychoeducation module, which she then makes optional
    await add('Sleep hygiene (test)', 'Psychoeducation');
    await modules.getByRole('button', { name: 'Make optional: Sleep hygiene (test)' }).click();
    await modules.getByRole('status').filter({ hasText: 'Sleep hygiene (test) is now optional.' }).waitFor();
    await modules
      .getByRole('list', { name: 'Psychoeducation modules in order' })
      .getByText('Optional', { exact: true })
      .waitFor();

    // wise mind was added by mistake: she retires it, after confirming
    await modules.getByRole('button', { name: 'Retire: Wise mind (test)' }).click();
    const retire = page.getByRole('dialog', { name: 'Retire module' });
    await retire.getByText(/^Retire Wise mind \(test\)\?/).waitFor();
    await expectAccessible(page, 'the retire confirmation');
    await retire.getByRole('button', { name: 'Retire module' }).click();
    await retire.waitFor({ state: 'hidden' });
    await modules.getByText('Retired, no longer taught: Wise mind (test).').waitFor();
    await expect.poll(order).toEqual(['STOP skill', 'TIPP skill', 'Radical acceptance', 'Self-soothe']);
    await expectAccessible(page, 'the curriculum');
    await desk.context.close();
  });

  it('shows the module each session teaches, and changes the one a session teaches', async () => {
    const desk = await app.open(viewports.desktop);
    const page = desk.page;
    await signIn(page, 'director@demo.stepwise.test');

    // the groups and the participant, as the clinic booked and admitted them (through the API)
    const { userId, call } = await apiAs(page);
    const program = await call('GET', `/programs/${made.programId}`);
    const room = await call('POST', '/rooms', { siteId: program.siteId, name: 'Skills room (test)' });
    const series = (input: Record<string, unknown>) =>
      call('POST', `/programs/${made.programId}/session-series`, {
        kind: 'group',
        modality: 'dbt_skills_group',
        roomId: room.id,
        facilitatorIds: [userId],
        durationMinutes: 90,
        startTime: '09:00',
        ...input,
      });
    const firstDbt = await series({ startDate: dbtStart, rrule: `FREQ=WEEKLY;BYDAY=${byDay(dbtStart)}` });
    const secondDbt = await series({
      startDate: secondStart,
      topic: 'Skills practice (test)',
      rrule: `FREQ=WEEKLY;BYDAY=${byDay(secondStart)}`,
    });
    const process = await series({
      modality: 'group_therapy',
      topic: 'Process group (test)',
      startDate: secondStart,
      startTime: '13:00',
      rrule: `FREQ=WEEKLY;BYDAY=${byDay(secondStart)}`,
    });
    const person = await call('POST', '/participants', {
      givenName: 'Rowan',
      familyName: 'Midway',
      dateOfBirth: '1990-01-15',
      preferredLanguage: 'en',
    });
    made.participantId = person.id;
    const assessed = await call('POST', `/participants/${person.id}/level-of-care-assessments`, {
      programId: made.programId,
      dimensions: { d1: 0, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1 },
    });
    await call('POST', `/level-of-care-assessments/${assessed.id}/decision`, { decision: 'confirm' });
    const episode = await call('POST', `/participants/${person.id}/episodes`, {
      programId: made.programId,
      levelOfCareAssessmentId: assessed.id,
      startDate: addDays(today, -10),
      expectedLengthDays: 21,
      primaryClinicianId: userId,
    });
    for (const group of [firstDbt, process]) {
      await call('POST', `/session-series/${group.id}/enrolments`, {
        episodeId: episode.id,
        fromDate: addDays(today, -10),
      });
    }
    // they work mornings on the second group's day
    await call('PUT', `/participants/${person.id}/availability`, {
      windows: [],
      blackouts: [{ weekday: weekdayOf(secondStart), startTime: '08:00', endTime: '12:00', reason: 'work' }],
    });
    const sessionOn = async (seriesId: string, date: string) => {
      const week = await call('GET', `/programs/${made.programId}/calendar?week=${isoWeekOf(date)}`);
      const found = week.items.find(
        (item: { seriesId: string; localDate: string }) =>
          item.seriesId === seriesId && item.localDate === date,
      );
      expect(found, `a session of the series on ${date}`).toBeTruthy();
      return found.id as string;
    };
    // six days ago they came to the first group, which taught self-soothe
    made.attendedSessionId = await sessionOn(firstDbt.id, addDays(today, -6));
    await call('PUT', `/sessions/${made.attendedSessionId}/attendance`, {
      records: [{ participantId: person.id, status: 'present' }],
    });
    made.pinnedSessionId = await sessionOn(secondDbt.id, inThreeDays);

    // the schedule names the module each group teaches: the second group starts the rotation again
    await page.goto(`/schedule?program=${made.programId}&week=${isoWeekOf(inThreeDays)}`);
    const day = page.getByRole('region', { name: new RegExp(`^${dayName(inThreeDays)}`) });
    const tile = day.getByRole('link', { name: /^09:00–10:30 DBT skills group/ });
    await tile.getByText('Module: STOP skill (test)').waitFor();
    // the afternoon process group teaches no module
    expect(
      await day
        .getByRole('link', { name: /^13:00–14:30 Group therapy/ })
        .getByText(/^Module:/)
        .count(),
    ).toBe(0);
    await expectAccessible(page, 'the week with modules');

    // she opens the session and has it teach radical acceptance instead
    await tile.click();
    await page.getByRole('heading', { name: 'DBT skills group: Skills practice (test)', level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'This session' });
    await card.getByText('STOP skill (test)', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Change module' }).click();
    const dialog = page.getByRole('dialog', { name: 'Module taught' });
    await dialog.getByRole('combobox', { name: 'Module' }).click();
    await page.getByRole('option', { name: 'Radical acceptance (test)', exact: true }).click();
    await expectAccessible(page, 'the module choice');
    await dialog.getByRole('button', { name: 'Save module' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText('This session teaches Radical acceptance (test).').waitFor();
    await card.getByText('Radical acceptance (test)', { exact: true }).waitFor();
    await expectAccessible(page, 'the session with its module changed');

    // back on the schedule the tile says so
    await page.getByRole('link', { name: '← Schedule' }).click();
    await tile.getByText('Module: Radical acceptance (test)').waitFor();

    // and the attendance of the session they came to names what it taught
    await page.goto(`/schedule/sessions/${made.attendedSessionId}/attendance`);
    await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
    await page.getByText('Self-soothe (test)', { exact: true }).waitFor();
    await desk.context.close();
  });

  it('shows a participant’s coverage, and books a make-up for the module they would miss', async () => {
    const phone = await app.open(viewports.phone);
    const page = phone.page;
    await signIn(page, 'clinician@demo.stepwise.test');

    // the participant's record: one covered, two scheduled, radical acceptance comes after discharge
    await page.goto(`/participants/${made.participantId}`);
    await page.getByRole('heading', { name: 'Midway, Rowan', level: 1 }).waitFor();
    const coverage = page.getByRole('region', { name: 'Curriculum' });
    await coverage
      .getByText(
        `1 of 4 required modules covered; 2 scheduled; 1 will be missed before planned discharge ${longDate(plannedDischarge)}.`,
      )
      .waitFor();
    const item = (name: string) => coverage.getByRole('listitem').filter({ hasText: name });
    await item('Self-soothe (test)')
      .getByText(`Covered ${dayName(addDays(today, -6))}`)
      .waitFor();
    await item('STOP skill (test)')
      .getByText(`Taught ${dayName(addDays(today, 1))}`)
      .waitFor();
    const missed = item('Radical acceptance (test)');
    await missed.getByText('Will be missed', { exact: true }).waitFor();
    await missed.getByText(`Next taught ${dayName(addDays(today, 15))}, after planned discharge`).waitFor();
    await item('Sleep hygiene (test)').getByText('Optional', { exact: true }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the participant’s curriculum on a phone');

    // she opens the make-up options: the session that now teaches it, in place of the afternoon group
    await coverage.getByRole('link', { name: 'Make-up options for what they will miss' }).click();
    await page.getByRole('heading', { name: 'Curriculum', level: 1 }).waitFor();
    const gaps = page.getByRole('region', { name: 'Who will miss a module' });
    const person = gaps.getByRole('region', { name: 'Rowan Midway' });
    await person.getByText(`Planned discharge ${longDate(plannedDischarge)}`).waitFor();
    await person.getByText('Will miss Radical acceptance (test)', { exact: true }).waitFor();
    await person
      .getByText(
        `DBT skills group. Their groups next teach it on ${dayName(addDays(today, 15))}, after planned discharge.`,
      )
      .waitFor();
    const option = person.getByRole('listitem').filter({
      hasText: `${dayName(inThreeDays)}, 09:00–10:30, DBT skills group: Skills practice (test)`,
    });
    await option
      .getByText(`in place of ${dayName(inThreeDays)}, 13:00–14:30, Group therapy: Process group (test)`)
      .waitFor();
    await option.getByText(/^Outside availability: .*work shift/).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'who will miss a module on a phone');

    // it falls in their work shift: booking it needs a reason
    await option.getByRole('button', { name: /^Book make-up: Rowan Midway, Radical acceptance/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Book a make-up' });
    await dialog.getByRole('alert').filter({ hasText: 'To book anyway, say why.' }).waitFor();
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.getByText('Say why, in a few words.').waitFor();
    await expectAccessible(page, 'the make-up outside availability on a phone');
    await dialog
      .getByRole('textbox', { name: 'Reason to book anyway' })
      .fill('Employer moved the shift for that morning');
    await dialog.getByRole('button', { name: 'Book anyway' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await gaps.getByText(/^Make-up booked for Rowan Midway: /).waitFor();
    await gaps
      .getByText('Everyone’s groups teach them every required module before planned discharge.')
      .waitFor();
    await expectAccessible(page, 'nobody missing a module');

    // their record now has radical acceptance scheduled before discharge
    await page.goto(`/participants/${made.participantId}`);
    await coverage
      .getByText(
        `1 of 4 required modules covered; 3 scheduled, before planned discharge ${longDate(plannedDischarge)}.`,
      )
      .waitFor();
    await item('Radical acceptance (test)')
      .getByText(`Taught ${dayName(inThreeDays)}`)
      .waitFor();
    await phone.context.close();
  });
});
