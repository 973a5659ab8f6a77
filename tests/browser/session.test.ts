/*
 * Automatic logoff and ended sessions. The server runs with a 6-second idle limit (0.1 minutes), so
 * walking away from the screen can be watched in real time.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn } from './support.js';

const app = journey({ idleMinutes: 0.1 });

describe('sessions', () => {
  it('signs an idle user out after the idle limit and says why', async () => {
    // first, the clinician signs in and opens the participant list
    const { context, page } = await app.open();
    await signIn(page, 'clinician@demo.stepwise.test');
    expect(new URL(page.url()).pathname).toBe('/participants');

    // then she walks away from the screen; six seconds later Stepwise signs her out and says why
    await page.waitForURL('**/sign-in', { timeout: 20_000 });
    await page.getByText('You were signed out after 0.1 minutes of inactivity.').waitFor();
    await expectAccessible(page, 'the sign-in page after automatic logoff');

    // the session is gone on the server too, not just hidden in the browser
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);

    // signing in again clears the message
    await signIn(page, 'clinician@demo.stepwise.test');
    expect(await page.getByText('of inactivity').count()).toBe(0);
    await context.close();
  });

  it('keeps a user who is using the page signed in beyond the idle limit', async () => {
    // the supervisor signs in and keeps reading, moving the mouse now and then, for longer than the limit
    const { context, page } = await app.open();
    await signIn(page, 'supervisor@demo.stepwise.test');
    for (let second = 0; second < 9; second += 1) {
      await page.mouse.move(200 + (second % 2) * 40, 300);
      await page.waitForTimeout(1000);
    }

    // both the page and the server still know her: the next page loads its data
    await page.getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('heading', { name: 'Programs', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'Adult Substance Use IOP' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/programs');
    await context.close();
  });

  it('returns to sign-in when the session has ended elsewhere', async () => {
    // the billing specialist is signed in; then her session cookie disappears (signed out in another tab)
    const { context, page } = await app.open();
    await signIn(page, 'billing@demo.stepwise.test');
    await context.clearCookies();

    // her next action finds no session and she is asked to sign in again; the page's own keep-alive
    // check may notice first and take her there before she clicks, which is just as right
    const sites = page.getByRole('link', { name: 'Sites' });
    await sites.click({ timeout: 5000 }).catch(async (error: unknown) => {
      if (!new URL(page.url()).pathname.startsWith('/sign-in')) throw error;
    });
    await page.waitForURL('**/sign-in');
    await page.getByText('Your session has ended. Sign in again to continue.').waitFor();
    await context.close();
  });
});
