/*
 * A user's own account. Multi-factor authentication: a supervisor turns it on from her account page
 * and signs in with a code from then on; an administrator makes it mandatory for a role, and a new
 * colleague in that role must enrol before anything else. Codes are computed from the key the page
 * shows, as an authenticator app would. Then a password change and a personal API token's life.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn, signOut, submitSignIn, totpCode } from './support.js';

const app = journey();

/** Starts enrolment, reads the key shown beside the QR code, and confirms with the current code. */
async function enrolWithAuthenticator(page: Page, where: string): Promise<string> {
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await page.getByRole('img', { name: 'QR code to add Stepwise to an authenticator app' }).waitFor();
  const secret = (await page.getByTestId('mfa-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectAccessible(page, where);
  await page.getByRole('textbox', { name: '6-digit code' }).fill(totpCode(secret));
  await page.getByRole('button', { name: 'Turn on multi-factor authentication' }).click();
  return secret;
}

describe('multi-factor authentication', () => {
  it('lets a user turn MFA on, then asks for a code at every sign-in', async () => {
    // first, the supervisor opens her account page and sets up an authenticator app
    const { context, page } = await app.open();
    await signIn(page, 'supervisor@demo.stepwise.test');
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await expectAccessible(page, 'the account page');
    const secret = await enrolWithAuthenticator(page, 'MFA enrolment on the account page');
    await page.getByText('Multi-factor authentication is now on.').waitFor();

    // she signs out; signing in now takes the password and then a code
    await signOut(page);
    await submitSignIn(page, 'supervisor@demo.stepwise.test');
    const codeBox = page.getByRole('textbox', { name: '6-digit code' });
    await codeBox.waitFor();
    await expectAccessible(page, 'the sign-in code step');

    // a wrong code is refused with a plain message
    await codeBox.fill('000000');
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByText('That code is not correct or has already been used.').waitFor();

    // the app's next code lets her in (a code is accepted once; the next 30-second step is fresh)
    await codeBox.fill(totpCode(secret, 1));
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.waitForURL('**/participants');

    // finally she turns MFA off again, confirming with her password and a current code
    await page.getByRole('link', { name: 'My account' }).click();
    const mfa = page.getByRole('region', { name: 'Multi-factor authentication' });
    await mfa.getByRole('textbox', { name: 'Password' }).fill('stepwise-demo');
    await mfa.getByRole('textbox', { name: '6-digit code' }).fill(totpCode(secret));
    await mfa.getByRole('button', { name: 'Turn off multi-factor authentication' }).click();
    await page.getByText('Multi-factor authentication is now off.').waitFor();
    await context.close();
  });

  it('makes a new colleague enrol first when the organisation requires MFA for their role', async () => {
    // the administrator creates an account for a new billing specialist
    const admin = await app.open();
    await signIn(admin.page, 'admin@demo.stepwise.test');
    await admin.page.getByRole('link', { name: 'Staff' }).click();
    await admin.page.getByRole('button', { name: 'New staff member' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'New staff member' });
    await dialog.getByRole('textbox', { name: 'Display name' }).fill('Bea Billings');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('bea.billings@demo.stepwise.test');
    await dialog.getByRole('checkbox', { name: 'Billing specialist' }).check();
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill('bea-first-passphrase');
    await expectAccessible(admin.page, 'the new staff member form');
    await dialog.getByRole('button', { name: 'Create staff member' }).click();
    await admin.page.getByRole('cell', { name: 'bea.billings@demo.stepwise.test' }).waitFor();

    // then requires MFA for billing specialists in the organisation settings
    await admin.page.getByRole('link', { name: 'Organisation' }).click();
    await admin.page.getByRole('checkbox', { name: 'Billing specialist' }).check();
    await admin.page.getByRole('button', { name: 'Save settings' }).click();
    await admin.page.getByText('Settings saved.').waitFor();
    await expectAccessible(admin.page, 'the organisation settings');
    await admin.context.close();

    // Bea signs in for the first time and is taken straight to MFA set-up; nothing else opens
    const bea = await app.open();
    await signIn(bea.page, 'bea.billings@demo.stepwise.test', 'bea-first-passphrase');
    expect(new URL(bea.page.url()).pathname).toBe('/mfa-setup');
    await bea.page.getByRole('heading', { name: 'Set up multi-factor authentication', level: 1 }).waitFor();
    await expectAccessible(bea.page, 'the required MFA set-up page');
    await bea.page.goto('/participants');
    await bea.page.waitForURL('**/mfa-setup');

    // once her authenticator app is set up, she reaches her work
    await enrolWithAuthenticator(bea.page, 'required MFA enrolment');
    await bea.page.waitForURL('**/participants');
    await bea.page.getByRole('heading', { name: 'Participants', level: 1 }).waitFor();
    await bea.context.close();
  });
});

describe('password and API tokens', () => {
  it('lets a user change their password and create, use and revoke an API token', async () => {
    // the director opens her account page and mistypes her current password
    const { context, page } = await app.open();
    await signIn(page, 'director@demo.stepwise.test');
    await page.getByRole('link', { name: 'My account' }).click();
    const password = page.getByRole('region', { name: 'Password' });
    await password.getByRole('textbox', { name: 'Current password' }).fill('wrong-password');
    await password
      .getByRole('textbox', { name: 'New password', exact: true })
      .fill('a-much-longer-passphrase');
    await password.getByRole('textbox', { name: 'Repeat new password' }).fill('a-much-longer-passphrase');
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('The current password is not correct.').waitFor();

    // with the right one the change goes through, and she stays signed in
    await password.getByRole('textbox', { name: 'Current password' }).fill('stepwise-demo');
    await password.getByRole('button', { name: 'Change password' }).click();
    await password.getByText('Your password has been changed.').waitFor();

    // she creates a token for a reporting script; it is shown once
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByRole('textbox', { name: 'Token name' }).fill('Census export');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const token = (await tokens.getByTestId('new-api-token').textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await tokens.getByRole('cell', { name: 'Census export', exact: true }).waitFor();
    await expectAccessible(page, 'the account page with a new token');

    // the script can call the API with it, until she revokes it
    const call = () => fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    await tokens.getByRole('button', { name: 'Revoke token Census export' }).click();
    await tokens.getByText('Revoked').waitFor();
    expect((await call()).status).toBe(401);

    // the next sign-in needs the new password
    await signOut(page);
    await submitSignIn(page, 'director@demo.stepwise.test', 'stepwise-demo');
    await page.getByText('The email or password is not correct.').waitFor();
    await submitSignIn(page, 'director@demo.stepwise.test', 'a-much-longer-passphrase');
    await page.waitForURL('**/participants');
    await context.close();
  });
});
