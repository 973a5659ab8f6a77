/*
 * A due questionnaire on a participant's phone: the PHQ-9 is listed under "Questionnaires due" on their
 * home; they answer it one large choice at a time, see crisis resources the moment item 9 calls for
 * them (before anything is sent), send it, are thanked without a score, and it leaves the list. Then
 * the program director sees who is overdue for what beside the program's schedule, and changes the
 * schedule.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, openAdultSchedule, signIn, viewports } from './support.js';

const app = journey();
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('questionnaires due', () => {
  it('lets a participant answer the PHQ-9 on a phone, after which it is no longer due', async () => {
    const { page, context } = await app.open(viewports.phone);
    await signIn(page, 'participant@demo.stepwise.test');
    const card = page.getByRole('region', { name: 'Questionnaires due' });
    const start = card.getByRole('link', { name: 'Answer the PHQ-9' });
    await start.waitFor();
    await expectAccessible(page, 'the participant home with questionnaires due, on a phone');

    await start.click();
    await page.getByRole('heading', { level: 1, name: 'PHQ-9' }).waitFor();
    await page.getByText('0 of 9 answered').waitFor();
    await expectAccessible(page, 'the PHQ-9, on a phone');

    // Eight questions "Several days", then item 9: "Not at all" first, then changed to "Several days".
    const questions = page.getByRole('radiogroup');
    expect(await questions.count()).toBe(9);
    for (let index = 0; index < 8; index += 1) {
      await questions.nth(index).getByRole('radio', { name: 'Several days' }).click();
    }
    await page.getByText('8 of 9 answered').waitFor();
    const item9 = page.getByRole('radiogroup', { name: /^9\. Thoughts that you would be better off dead/ });
    await item9.getByRole('radio', { name: 'Not at all' }).click();
    expect(await page.getByRole('link', { name: 'call 988' }).count()).toBe(0);

    // Item 9 above 0: the crisis line shows at once, before anything is sent.
    await item9.getByRole('radio', { name: 'Several days' }).click();
    const crisis = page.getByRole('alert').filter({ hasText: 'You do not have to go through this alone' });
    await crisis.getByRole('link', { name: 'call 988' }).waitFor();
    expect(await crisis.getByRole('link', { name: 'call 988' }).getAttribute('href')).toBe('tel:988');
    expect(await crisis.getByRole('link', { name: 'text 988' }).getAttribute('href')).toBe('sms:988');
    await page.getByText('9 of 9 answered').waitFor();
    await expectAccessible(page, 'the PHQ-9 with crisis resources, on a phone');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Send my answers' }).click();
    await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Your answers are saved' }).waitFor();
    // Still there after sending; and never a score or a severity.
    await crisis.getByRole('link', { name: 'call 988' }).waitFor();
    expect(await page.getByText(/score|severe|moderate|mild/i).count()).toBe(0);

    await page.getByRole('link', { name: 'Back to home' }).click();
    await card.waitFor();
    await card
      .getByRole('link', { name: /^Answer the / })
      .first()
      .waitFor();
    expect(await card.getByRole('link', { name: 'Answer the PHQ-9' }).count()).toBe(0);
    // The C-SSRS screener is still due (after item 9 above 0 it would be in any case).
    await card.getByRole('link', { name: 'Answer the C-SSRS Screener' }).waitFor();
    await context.close();
  });

  it('shows the director who is overdue, and lets her change the program’s schedule', async () => {
    const { page, context } = await app.open(viewports.desktop);
    await signIn(page, 'director@demo.stepwise.test');
    await openAdultSchedule(page);
    const overdue = page.getByRole('region', { name: 'Overdue assessments' });
    const first = overdue.getByRole('listitem').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/C-SSRS Screener · At admission · due .+\d+ days late$/);

    const schedule = page.getByRole('region', { name: 'Assessment schedule' });
    await schedule.getByText('Stepwise’s default schedule.').waitFor();
    await schedule
      .getByRole('listitem')
      .filter({ hasText: 'Brief Addiction Monitor (BAM): every 30 days' })
      .waitFor();
    await expectAccessible(page, 'the schedule page with overdue assessments');

    await schedule.getByRole('button', { name: 'Edit schedule' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit assessment schedule' });
    const bam = dialog.getByRole('group', { name: 'Brief Addiction Monitor (BAM)' });
    await bam.getByRole('textbox', { name: 'Every … days (empty: not repeated)' }).fill('28');
    await bam.getByRole('checkbox', { name: 'Before discharge' }).check();
    await expectAccessible(page, 'the assessment schedule editor');
    await dialog.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByText(/^Version 1, changed by Dana Directorly \(demo\)/).waitFor();
    await schedule
      .getByRole('listitem')
      .filter({ hasText: 'Brief Addiction Monitor (BAM): every 28 days, before discharge' })
      .waitFor();
    await context.close();
  });
});
