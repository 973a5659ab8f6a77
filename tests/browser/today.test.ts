/*
 * The clinician's day on her phone. She opens Today from the navigation and sees the sessions she
 * runs today, each with its roster and a way to take attendance, or that she has none; the notes she
 * owes; and how many of her tasks are due.
 *
 * The demo schedule repeats weekly (apps/server/src/seed/demo-schedule.ts), so which sessions she has
 * depends on today's weekday at the demo site: she runs the Monday and Wednesday morning groups, the
 * Tuesday and Thursday evening groups, and individual sessions on Wednesday and Friday afternoons.
 */
import { instantToZoned } from '@stepwise/core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, openNavigationIfCollapsed, signIn, viewports } from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;
/** ISO weekday of today at the site: 1 = Monday … 7 = Sunday. */
const weekday = new Date(`${today}T00:00:00Z`).getUTCDay() || 7;

/** Sessions the demo clinician facilitates, as the page titles them, by ISO weekday. */
const herSessions: Record<number, string[]> = {
  1: ['CBT group: Thoughts, cravings and choices'],
  2: ['Group therapy: Evening process group'],
  3: ['Relapse prevention: High-risk situations', 'Individual therapy: Individual session'],
  4: ['Relapse prevention: Coping with lapses'],
  5: ['Individual therapy: Individual session'],
};

describe('the Today page', () => {
  it('shows the demo clinician her sessions today, or that she has none, on a phone', async () => {
    // the clinician signs in on her phone and opens Today, first in her navigation
    const { context, page } = await app.open(viewports.phone);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await signIn(page, 'clinician@demo.stepwise.test');
    await openNavigationIfCollapsed(page);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Today' }).click();
    await page.getByRole('heading', { name: 'Today', level: 1 }).waitFor();
    const sessions = page.getByRole('region', { name: 'My sessions today' });
    await sessions.waitFor();

    // what she sees depends on the weekday: her groups and individual sessions, or nothing today
    const expected = herSessions[weekday] ?? [];
    if (expected.length === 0) {
      await sessions.getByText('No sessions today.').waitFor();
    } else {
      for (const title of expected) {
        const session = sessions.getByRole('region', { name: title }).first();
        await session.getByRole('heading', { name: title, level: 3 }).waitFor();
        await session.getByRole('link', { name: `Take attendance: ${title}` }).waitFor();
      }
      expect(await sessions.getByText('No sessions today.').count()).toBe(0);
      // a group's roster names each attendee with a link to their record
      const group = sessions.getByRole('region', { name: expected[0] ?? '' }).first();
      if (!expected[0]?.startsWith('Individual')) {
        await group.getByRole('link', { name: `Group note: ${expected[0]}` }).waitFor();
        const roster = group.getByRole('list', { name: `Attendees: ${expected[0]}` });
        expect(await roster.getByRole('link').count()).toBeGreaterThan(0);
      }
    }

    // the notes she owes and her task counts are on the same page
    await page.getByRole('heading', { name: 'Notes I owe', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Open tasks' }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the Today page on a phone');

    // the tasks link takes her to her task inbox
    await page.getByRole('link', { name: 'Open tasks' }).click();
    await page.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
    await context.close();
  });
});
