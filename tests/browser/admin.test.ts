/*
 * Running the organisation: the administrator opens a new site with an adolescent program and a
 * custom evening track (and sees what it gives in weekly hours against the program's minimum), takes
 * on and lets go of a staff member; the compliance officer reads and verifies the audit trail.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn, submitSignIn } from './support.js';

const app = journey();

/** Picks an option of a Mantine select, typing first when the list is long. */
async function choose(page: Page, scope: Locator, label: string, option: string, typed?: string) {
  const box = scope.getByRole('combobox', { name: label });
  await box.click();
  if (typed) await box.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('organisation structure and staff', () => {
  it('lets the administrator set up a site, program and track, and manage a staff account', async () => {
    // first, the administrator opens a new site in Chicago
    const { context, page } = await app.open();
    await signIn(page, 'admin@demo.stepwise.test');
    await page.getByRole('link', { name: 'Sites' }).click();
    await page.getByRole('cell', { name: 'Riverside Campus (demo)', exact: true }).waitFor();
    await expectAccessible(page, 'the sites page');
    await page.getByRole('button', { name: 'New site' }).click();
    const siteDialog = page.getByRole('dialog', { name: 'New site' });
    await siteDialog.getByRole('textbox', { name: 'Name' }).fill('Northside Clinic (test)');
    await choose(page, siteDialog, 'Time zone', 'America/Chicago', 'America/Chic');
    await siteDialog.getByRole('textbox', { name: 'Phone' }).fill('+1 312 555 0177');
    await expectAccessible(page, 'the new-site form');
    await siteDialog.getByRole('button', { name: 'Create site' }).click();
    await page.getByRole('cell', { name: 'Northside Clinic (test)', exact: true }).waitFor();

    // then an adolescent co-occurring program there, keeping the default weekly minimum (6 hours)
    await page.getByRole('link', { name: 'Programs' }).click();
    await page.getByRole('button', { name: 'New program' }).click();
    const programDialog = page.getByRole('dialog', { name: 'New program' });
    await programDialog.getByRole('textbox', { name: 'Name' }).fill('Adolescent Evening IOP (test)');
    await choose(page, programDialog, 'Site', 'Northside Clinic (test)');
    await choose(page, programDialog, 'Kind', 'Co-occurring');
    await choose(page, programDialog, 'Population', 'Adolescent');
    await programDialog.getByRole('button', { name: 'Create program' }).click();
    const programRow = page.getByRole('row').filter({ hasText: 'Adolescent Evening IOP (test)' });
    await programRow.getByRole('cell', { name: '6 h', exact: true }).waitFor();
    await expectAccessible(page, 'the programs page');

    // a custom track on Tuesday and Thursday evenings gives exactly the 6 hours a week required
    await page.getByRole('link', { name: 'Tracks' }).click();
    await page.getByRole('button', { name: 'New track' }).click();
    const trackDialog = page.getByRole('dialog', { name: 'New track' });
    await trackDialog.getByRole('textbox', { name: 'Name' }).fill('Tue/Thu evenings');
    await choose(page, trackDialog, 'Program', 'Adolescent Evening IOP (test)');
    await choose(page, trackDialog, 'Kind', 'Custom');
    for (const day of ['Mon', 'Wed', 'Fri']) await trackDialog.getByRole('checkbox', { name: day }).uncheck();
    for (const day of ['Tue', 'Thu']) await trackDialog.getByRole('checkbox', { name: day }).check();
    await trackDialog.getByLabel('Start time').fill('17:30');
    await trackDialog.getByLabel('End time').fill('20:30');
    await expectAccessible(page, 'the new-track form');
    await trackDialog.getByRole('button', { name: 'Create track' }).click();
    const trackRow = page.getByRole('row').filter({ hasText: 'Tue/Thu evenings' });
    await trackRow.getByRole('cell', { name: 'Tue, Thu', exact: true }).waitFor();
    await trackRow.getByRole('cell', { name: '17:30–20:30', exact: true }).waitFor();
    await trackRow.getByRole('cell', { name: '6 h', exact: true }).waitFor();
    await expectAccessible(page, 'the tracks page');

    // dropping Thursday halves the hours, and the page says the track is below the program minimum
    await page
      .getByRole('button', { name: 'Edit track Tue/Thu evenings of Adolescent Evening IOP (test)' })
      .click();
    const editTrack = page.getByRole('dialog', { name: 'Edit track' });
    await editTrack.getByRole('checkbox', { name: 'Thu' }).uncheck();
    await editTrack.getByRole('button', { name: 'Save track' }).click();
    await trackRow.getByRole('cell', { name: '3 h Below 6 h minimum', exact: true }).waitFor();

    // next, a new clinician joins: the administrator creates the account, then adds a second role
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('button', { name: 'New staff member' }).click();
    const staffDialog = page.getByRole('dialog', { name: 'New staff member' });
    await staffDialog.getByRole('button', { name: 'Create staff member' }).click();
    await staffDialog.getByText('Needs at least one role.').waitFor();
    await staffDialog.getByRole('textbox', { name: 'Display name' }).fill('Sam Newhire');
    await staffDialog.getByRole('textbox', { name: 'Email' }).fill('sam.newhire@demo.stepwise.test');
    await staffDialog.getByRole('checkbox', { name: 'Clinician' }).check();
    await staffDialog.getByRole('textbox', { name: 'Initial password' }).fill('sam-first-passphrase');
    await staffDialog.getByRole('button', { name: 'Create staff member' }).click();
    const samRow = page.getByRole('row').filter({ hasText: 'sam.newhire@demo.stepwise.test' });
    await samRow.getByRole('cell', { name: 'Clinician', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Edit Sam Newhire' }).click();
    const editStaff = page.getByRole('dialog', { name: 'Edit staff member' });
    await editStaff.getByRole('checkbox', { name: 'Clinical supervisor' }).check();
    await editStaff.getByRole('button', { name: 'Save staff member' }).click();
    await samRow.getByRole('cell', { name: 'Clinician, Clinical supervisor', exact: true }).waitFor();
    await expectAccessible(page, 'the staff page');

    // when Sam leaves, the account is deactivated and can no longer sign in
    await page.getByRole('button', { name: 'Deactivate Sam Newhire' }).click();
    await samRow.getByText('Deactivated').waitFor();
    await context.close();

    const sam = await app.open();
    await sam.page.goto('/sign-in');
    await submitSignIn(sam.page, 'sam.newhire@demo.stepwise.test', 'sam-first-passphrase');
    await sam.page.getByText('The email or password is not correct.').waitFor();
    await sam.context.close();
  });
});

describe('audit trail', () => {
  it('lets the compliance officer read, filter and verify the audit trail', async () => {
    // first, the compliance officer opens a participant's record, which the audit trail records
    const { context, page } = await app.open();
    await signIn(page, 'compliance@demo.stepwise.test');
    await page.getByRole('link', { name: 'Participants' }).click();
    await page.getByRole('region', { name: 'Participants' }).getByRole('link').first().click();
    await page.waitForURL(/\/participants\/[0-9a-f-]{36}$/);
    const participantId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // she opens the audit trail and checks that its hash chain is intact
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Showing \d+ events?, newest first\.$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText('Audit chain intact').waitFor();
    await expectAccessible(page, 'the audit trail with a verified chain');

    // a malformed participant ID is caught before any request
    await page.getByRole('textbox', { name: 'Participant ID' }).fill('not-an-id');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('Enter a participant ID').waitFor();

    // filtered to that participant, the trail shows her own reading of the record
    await page.getByRole('textbox', { name: 'Participant ID' }).fill(participantId);
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(`**/audit?participantId=${participantId}`);
    const events = page.getByRole('region', { name: 'Audit events' });
    const readRow = events.getByRole('row').filter({ hasText: 'participant.read' }).first();
    await readRow.getByRole('cell', { name: 'Corin Auditson (demo)', exact: true }).waitFor();
    // (the unfiltered list, with other participants' events, may still be on screen for a moment)
    await expect
      .poll(
        async () =>
          new Set(
            await events.getByRole('button', { name: /^Show events for participant/ }).allTextContents(),
          ),
      )
      .toEqual(new Set([participantId.slice(0, 8)]));
    await expectAccessible(page, 'the filtered audit trail');
    await context.close();
  });
});
