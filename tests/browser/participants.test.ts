/*
 * The intake coordinator's day: find people in the list, register a new participant (after the form
 * has pointed out what is missing), record their contacts, correct their demographics, give them a
 * portal login, and find them again by search. The new participant then signs in to the portal.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn } from './support.js';

const app = journey();

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('participants', () => {
  it('lets intake register a participant, record contacts and a portal login, and find them again', async () => {
    // first, the intake coordinator signs in and sees the first page of the demo clinic's participants
    const { context, page } = await app.open();
    await signIn(page, 'intake@demo.stepwise.test');
    const status = page.getByRole('status').filter({ hasText: 'Showing' });
    await status.filter({ hasText: 'Showing 25 participants (more available).' }).waitFor();

    // the rest of the list comes with "Load more"
    await page.getByRole('button', { name: 'Load more' }).click();
    await status.filter({ hasText: 'Showing 40 participants.' }).waitFor();
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await expectAccessible(page, 'the participant list');

    // she starts a new record and submits it empty: the form says what is missing, in the API's words
    await page.getByRole('link', { name: 'New participant' }).click();
    await page.getByRole('heading', { name: 'New participant', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create participant' }).click();
    await page.getByText('Must not be empty.').first().waitFor();
    await page.getByText('Must be a date as YYYY-MM-DD.').waitFor();
    await expectAccessible(page, 'the new-participant form with errors');

    // she fills in the demographics and creates the record; the record number is generated
    await page.getByRole('textbox', { name: 'Given name' }).fill('Rowan');
    await page.getByRole('textbox', { name: 'Family name' }).fill('Testerfield');
    await page.getByRole('textbox', { name: 'Preferred name' }).fill('Ro');
    await page.getByLabel('Date of birth').fill('1988-04-12');
    await page.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0142');
    await page.getByRole('button', { name: 'Create participant' }).click();
    await page.getByRole('heading', { name: 'Testerfield, Rowan (Ro)', level: 1 }).waitFor();
    await page.getByText('Record number SW-000041').waitFor();
    const participantUrl = page.url();
    await expectAccessible(page, 'the participant page');

    // she adds the sister as emergency contact, forgetting the phone number at first
    await page.getByRole('button', { name: 'Add contact' }).click();
    const contactDialog = page.getByRole('dialog', { name: 'Add contact' });
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill('Jordan Testerfield');
    await choose(page, contactDialog, 'Kind', 'Emergency');
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await contactDialog.getByText('An emergency contact needs a phone number.').waitFor();
    await expectAccessible(page, 'the contact form with an error');
    await contactDialog.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0199');
    await contactDialog.getByRole('checkbox', { name: 'Emergency contact' }).check();
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await contactDialog.waitFor({ state: 'hidden' });
    const contacts = page.getByRole('region', { name: 'Contacts', exact: true });
    await contacts.getByRole('cell', { name: 'Jordan Testerfield Emergency contact' }).waitFor();

    // then she notes how they are related
    await page.getByRole('button', { name: 'Edit contact Jordan Testerfield' }).click();
    const editDialog = page.getByRole('dialog', { name: 'Edit contact' });
    await editDialog.getByRole('textbox', { name: 'Relation' }).fill('sister');
    await editDialog.getByRole('button', { name: 'Save contact' }).click();
    await editDialog.waitFor({ state: 'hidden' });
    await contacts.getByRole('cell', { name: 'sister', exact: true }).waitFor();

    // a support person added by mistake is removed again
    await page.getByRole('button', { name: 'Add contact' }).click();
    await contactDialog.getByRole('textbox', { name: 'Name' }).fill('Pat Mistaken');
    await choose(page, contactDialog, 'Kind', 'Support person');
    await contactDialog.getByRole('button', { name: 'Add contact' }).click();
    await contacts.getByRole('cell', { name: 'Pat Mistaken', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Delete contact Pat Mistaken' }).click();
    await page
      .getByRole('dialog', { name: 'Delete contact' })
      .getByRole('button', { name: 'Delete contact' })
      .click();
    await contacts.getByRole('cell', { name: 'Pat Mistaken', exact: true }).waitFor({ state: 'detached' });

    // Rowan mentions their pronouns; she corrects the demographics
    await page.getByRole('button', { name: 'Edit demographics' }).click();
    await page.getByRole('textbox', { name: 'Pronouns' }).fill('they/them');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await page.getByText('they/them').waitFor();

    // she gives Rowan a portal login with an initial password
    await page.getByRole('button', { name: 'Create portal account' }).click();
    const accountDialog = page.getByRole('dialog', { name: 'Create portal account' });
    await accountDialog.getByRole('textbox', { name: 'Email' }).fill('rowan.testerfield@example.test');
    await accountDialog.getByRole('textbox', { name: 'Initial password' }).fill('short');
    await accountDialog.getByRole('button', { name: 'Create account' }).click();
    await accountDialog.getByText('Must be at least 12 characters.').waitFor();
    await accountDialog.getByRole('textbox', { name: 'Initial password' }).fill('rowan-first-passphrase');
    await accountDialog.getByRole('button', { name: 'Create account' }).click();
    await page.getByText('Portal account created for rowan.testerfield@example.test.').waitFor();
    await expectAccessible(page, 'the participant page with contacts and a portal account');

    // later, she finds Rowan again by the start of the family name and opens the record
    await page.getByRole('link', { name: 'All participants' }).click();
    await page.getByRole('searchbox', { name: 'Search participants' }).fill('Testerf');
    await status.filter({ hasText: 'Showing 1 participant.' }).waitFor();
    await page.getByRole('link', { name: 'Testerfield, Rowan (Ro)' }).click();
    await page.waitForURL(participantUrl);
    await page.getByRole('heading', { name: 'Testerfield, Rowan (Ro)', level: 1 }).waitFor();

    // a search that matches nobody says so
    await page.goBack();
    await page.getByRole('searchbox', { name: 'Search participants' }).fill('Zzyzx');
    await page.getByText('No participants match “Zzyzx”.').waitFor();
    await context.close();

    // finally, Rowan signs in to the portal and is greeted by their preferred name
    const portal = await app.open();
    await signIn(portal.page, 'rowan.testerfield@example.test', 'rowan-first-passphrase');
    expect(new URL(portal.page.url()).pathname).toBe('/me');
    await portal.page.getByRole('heading', { name: 'Welcome, Ro', level: 1 }).waitFor();
    await portal.page.getByText('SW-000041').waitFor();
    await expectAccessible(portal.page, 'the participant portal home');

    // their account page offers the password change and MFA, and nothing staff-only
    await portal.page.getByRole('link', { name: 'My account' }).first().click();
    await portal.page.getByRole('heading', { name: 'My account', level: 1 }).waitFor();
    await portal.page.getByRole('region', { name: 'Multi-factor authentication' }).waitFor();
    expect(await portal.page.getByRole('region', { name: 'API tokens' }).count()).toBe(0);
    await expectAccessible(portal.page, 'the participant portal account page');
    await portal.context.close();
  });
});
