/*
 * Every kind of user signs in and lands where their work is, seeing only the navigation their role
 * allows; then signs out. A wrong password gets a plain message. On a phone, sign-in and the
 * participant list fit the screen and the navigation sits behind a menu button.
 */
import { describe, expect, it } from 'vitest';
import {
  expectAccessible,
  journey,
  navigationLinks,
  signIn,
  signOut,
  submitSignIn,
  viewports,
} from './support.js';

const app = journey();

const structure = ['Sites', 'Programs', 'Tracks'];

/** Who signs in, where they land, and the navigation they see (nothing more). */
const journeys: { email: string; landing: string; heading: RegExp; nav: string[] }[] = [
  {
    email: 'admin@demo.stepwise.test',
    landing: '/organisation',
    heading: /^Organisation$/,
    nav: ['Schedule', 'Audit trail', 'Organisation', ...structure, 'Staff', 'My account'],
  },
  {
    email: 'director@demo.stepwise.test',
    landing: '/participants',
    heading: /^Participants$/,
    nav: [
      'Today',
      'Participants',
      'Alerts',
      'Tasks',
      'Referrals',
      'Schedule',
      'Organisation',
      ...structure,
      'Staff',
      'My account',
    ],
  },
  {
    email: 'intake@demo.stepwise.test',
    landing: '/participants',
    heading: /^Participants$/,
    nav: [
      'Today',
      'Participants',
      'Alerts',
      'Tasks',
      'Referrals',
      'Schedule',
      ...structure,
      'Staff',
      'My account',
    ],
  },
  {
    email: 'clinician@demo.stepwise.test',
    landing: '/participants',
    heading: /^Participants$/,
    nav: [
      'Today',
      'Participants',
      'Alerts',
      'Tasks',
      'Referrals',
      'Schedule',
      ...structure,
      'Staff',
      'My account',
    ],
  },
  {
    email: 'supervisor@demo.stepwise.test',
    landing: '/participants',
    heading: /^Participants$/,
    nav: ['Today', 'Participants', 'Alerts', 'Tasks', 'Schedule', ...structure, 'Staff', 'My account'],
  },
  {
    email: 'billing@demo.stepwise.test',
    landing: '/participants',
    heading: /^Participants$/,
    nav: ['Participants', 'Schedule', ...structure, 'My account'],
  },
  {
    email: 'compliance@demo.stepwise.test',
    landing: '/audit',
    heading: /^Audit trail$/,
    nav: ['Participants', 'Schedule', 'Audit trail', ...structure, 'Staff', 'My account'],
  },
  {
    email: 'participant@demo.stepwise.test',
    landing: '/me',
    heading: /^Welcome, \S+/,
    nav: ['Home', 'My account'],
  },
  {
    email: 'family@demo.stepwise.test',
    landing: '/me',
    heading: /^Welcome, .+\(demo family\)$/,
    nav: ['Home', 'My account'],
  },
];

describe('the web app', () => {
  it('is served by the server itself, for any client-side address, under its content security policy', async () => {
    // a bookmarked deep link is answered with the app, not a 404, and scripts may come only from Stepwise
    const response = await fetch(`${app.url}/participants/some-bookmark`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await response.text()).toContain('<div id="root"></div>');
  });
});

describe('signing in', () => {
  it('shows a plain message for a wrong password and stays on the sign-in page', async () => {
    // first, someone opens Stepwise without a session and is sent to sign in
    const { context, page } = await app.open();
    await page.goto('/participants');
    await page.waitForURL('**/sign-in');
    await expectAccessible(page, 'the sign-in page');

    // they mistype the password and are told so, without saying which part was wrong
    await submitSignIn(page, 'intake@demo.stepwise.test', 'not-the-password');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'The email or password is not correct.',
    );
    await expectAccessible(page, 'the sign-in page with an error');

    // a malformed email is caught in the browser with the schema's own message
    await page.getByRole('textbox', { name: 'Email' }).fill('not an email');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('Must be an email address.').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  for (const journey of journeys) {
    it(`takes ${journey.email} to ${journey.landing} with only their navigation`, async () => {
      // the user signs in with the demo password
      const { context, page } = await app.open();
      await signIn(page, journey.email);

      // they land on the page their work starts from
      expect(new URL(page.url()).pathname).toBe(journey.landing);
      const heading = await page.getByRole('heading', { level: 1 }).textContent();
      expect(heading).toMatch(journey.heading);

      // the navigation offers exactly what their role may use
      expect(await navigationLinks(page)).toEqual(journey.nav);

      // the demo organisation is labelled on every page
      await page.getByText('Demo organisation — synthetic data only').waitFor();
      await expectAccessible(page, `${journey.landing} as ${journey.email}`);

      // signing out returns them to the sign-in page, and the session is gone
      await signOut(page);
      await page.goto(journey.landing);
      await page.waitForURL('**/sign-in');
      await context.close();
    });
  }

  it('keeps a family member to the participant’s name only', async () => {
    // the family member signs in and sees who they are connected to, but no record details
    const { context, page } = await app.open();
    await signIn(page, 'family@demo.stepwise.test');
    await page.getByText('You are connected to').waitFor();
    expect(await page.getByText('Date of birth').count()).toBe(0);
    expect(await page.getByText('Record number').count()).toBe(0);

    // a staff page is not theirs: the address alone does not open it
    await page.goto('/participants');
    await page.getByRole('heading', { name: 'Not available' }).waitFor();
    await expectAccessible(page, 'a staff page opened by a family member');
    await context.close();
  });
});

describe('at phone width', () => {
  it('fits sign-in and the participant list on a 375-pixel screen, with the navigation behind a menu', async () => {
    // a clinician opens Stepwise on her phone
    const { context, page } = await app.open(viewports.phone);
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the sign-in page on a phone');

    // she signs in; the participant list fits the screen (the table scrolls sideways on its own)
    await signIn(page, 'clinician@demo.stepwise.test');
    await page.getByRole('status').filter({ hasText: 'Showing 25 participants' }).waitFor();
    await page.getByRole('region', { name: 'Participants' }).waitFor();
    expect(await pageWidth()).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'the participant list on a phone');

    // the navigation is folded away until she opens the menu
    const menu = page.getByRole('button', { name: 'Open navigation' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Sites' }).isVisible()).toBe(false);
    await menu.click();
    await page.getByRole('link', { name: 'Sites' }).waitFor();
    await expectAccessible(page, 'the open navigation on a phone');

    // choosing a page closes the menu again
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open navigation' }).waitFor();
    expect(await page.getByRole('link', { name: 'Programs' }).isVisible()).toBe(false);
    await context.close();
  });
});
