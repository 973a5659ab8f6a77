/*
 * The daily check-in on a participant's phone: mood, craving, sleep and use in a few taps; crisis
 * resources appear the moment thoughts of suicide are reported, before anything is sent; once saved,
 * the streak shows.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn, viewports } from './support.js';

const app = journey();
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('the daily check-in', () => {
  it('takes a check-in on a phone and shows crisis resources at once when they are needed', async () => {
    const { page, context } = await app.open(viewports.phone);
    await signIn(page, 'participant@demo.stepwise.test');
    const card = page.getByRole('region', { name: 'Today’s check-in' });
    await card.getByText('Your streak: No check-ins in a row yet.').waitFor();

    // craving up with the keyboard, a short night, no use
    const craving = card.getByRole('slider', { name: 'Craving from 0 (none) to 10 (strongest)' });
    await craving.focus();
    for (let i = 0; i < 7; i += 1) await page.keyboard.press('ArrowRight');
    await card.getByText('Craving today: 7 of 10').waitFor();
    await card.getByRole('textbox', { name: 'Hours of sleep last night' }).fill('5.5');

    // thoughts of suicide: the crisis line shows before the check-in is sent
    const suicidal = card.getByRole('radiogroup', {
      name: 'Any thoughts of suicide or of hurting yourself today?',
    });
    await suicidal.getByText('Yes').click();
    const crisis = card.getByRole('alert').filter({ hasText: 'You do not have to go through this alone' });
    await crisis.getByRole('link', { name: 'call 988' }).waitFor();
    expect(await crisis.getByRole('link', { name: 'call 988' }).getAttribute('href')).toBe('tel:988');
    // and the program's own crisis line beside it
    expect(await crisis.getByRole('link', { name: 'call +1 312 555 0199' }).getAttribute('href')).toBe(
      'tel:+13125550199',
    );
    await expectAccessible(page, 'the check-in with crisis resources, on a phone');

    await card.getByRole('button', { name: 'Check in' }).click();
    await card.getByRole('status').filter({ hasText: 'Checked in for today. 1 day in a row.' }).waitFor();
    await card.getByText('Your streak: 1 day in a row.').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await context.close();
  });
});
