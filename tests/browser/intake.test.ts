/*
 * Intake to admission: the intake coordinator takes a referral for a new person, screens them with a
 * PHQ-9, rates the six level-of-care dimensions, confirms the IOP recommendation, admits them to a demo
 * program, and records their consent for treatment, payment and operations. At phone width she starts
 * a referral for someone already registered.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, openNavigationIfCollapsed, signIn, viewports } from './support.js';

const app = journey();

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, scope: Locator | Page, label: string, option: string) {
  await scope.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Answers a radio group whose label starts with `question`. */
async function answer(scope: Locator | Page, question: RegExp, option: string) {
  await scope
    .getByRole('radiogroup', { name: question })
    .getByRole('radio', { name: option, exact: true })
    .check();
}

describe('intake to admission', () => {
  it('takes a new person from referral through screening and level of care to admission and consent', async () => {
    // first, the intake coordinator opens the referral board: the demo clinic's referrals by stage
    const { context, page } = await app.open();
    await signIn(page, 'intake@demo.stepwise.test');
    await page.getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('heading', { name: 'Referrals', level: 1 }).waitFor();
    const newColumn = page.getByRole('region', { name: 'New', exact: true });
    for (const stage of ['New', 'Screening', 'Assessment', 'Waitlisted']) {
      await page.getByRole('region', { name: stage, exact: true }).getByRole('listitem').first().waitFor();
    }
    await expectAccessible(page, 'the referral board');

    // a hospital refers someone Stepwise has never seen; she records them with the referral
    await page.getByRole('button', { name: 'New referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'New referral' });
    await dialog.getByText('A new person', { exact: true }).click();
    await dialog.getByRole('button', { name: 'Create referral' }).click();
    await dialog.getByText('Choose where the referral came from.').waitFor();
    await dialog.getByRole('textbox', { name: 'Given name' }).fill('Morgan');
    await dialog.getByRole('textbox', { name: 'Family name' }).fill('Intakerly');
    await dialog.getByLabel('Date of birth').fill('1990-06-15');
    await dialog.getByRole('textbox', { name: 'Phone' }).fill('+1 555 0163');
    await choose(page, dialog, 'Source', 'Hospital');
    await dialog.getByRole('textbox', { name: 'Referrer', exact: true }).fill('Example General (test)');
    await choose(page, dialog, 'Program', 'Adult Substance Use IOP');
    await dialog
      .getByRole('textbox', { name: 'Reason for referral' })
      .fill('Drinking again after discharge.');
    await expectAccessible(page, 'the new-referral form');
    await dialog.getByRole('button', { name: 'Create referral' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // the referral waits in the New column; she opens its intake
    await page.getByText('Referral for Morgan Intakerly created.').waitFor();
    const card = newColumn.getByRole('listitem').filter({ hasText: 'Morgan Intakerly' });
    await card.getByText('Hospital · received today').waitFor();
    await card.getByText('Owner: Ines Intakeford (demo)').waitFor();
    await expectAccessible(page, 'the referral board with a new referral');
    await card.getByRole('link', { name: 'Morgan Intakerly' }).click();
    await page.getByRole('heading', { name: 'Intake: Morgan Intakerly', level: 1 }).waitFor();
    const referral = page.getByRole('region', { name: 'Referral', exact: true });
    await referral.getByText('New', { exact: true }).waitFor();
    await expectAccessible(page, 'the intake wizard');

    // she administers a PHQ-9; submitted blank, the form says what is missing
    await choose(page, page, 'Instrument to administer', 'PHQ-9');
    const phq9 = page.getByRole('region', { name: 'PHQ-9', exact: true });
    await phq9.getByRole('button', { name: 'Record PHQ-9' }).click();
    await phq9.getByText('9 questions are not answered yet.').waitFor();
    const answers = [1, 1, 1, 1, 1, 0, 0, 0, 0];
    for (const [index, value] of answers.entries()) {
      await answer(phq9, new RegExp(`^${index + 1}\\. `), value === 1 ? 'Several days' : 'Not at all');
    }
    await expectAccessible(page, 'the PHQ-9 form');
    await phq9.getByRole('button', { name: 'Record PHQ-9' }).click();

    // the score comes back at once: 5, mild, no thoughts of self-harm and so no critical alert
    const result = page.getByRole('region', { name: 'PHQ-9 result', exact: true });
    await result.getByText('Mild', { exact: true }).waitFor();
    expect(await result.getByRole('definition').first().textContent()).toBe('5');
    await result.getByText('Mild depressive symptoms', { exact: false }).waitFor();
    expect(await page.getByText('Critical alert raised').count()).toBe(0);
    await referral.getByText('Screening', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Scores recorded' })
      .getByRole('cell', { name: 'PHQ-9' })
      .waitFor();
    await expectAccessible(page, 'the PHQ-9 result');

    // on to the level of care: six ratings, a stable home
    await page.getByRole('button', { name: 'Continue to level of care' }).click();
    await page.getByRole('heading', { name: 'Level of care', level: 2 }).waitFor();
    await referral.getByText('Assessment', { exact: true }).waitFor();
    const ratings = { D1: '1', D2: '1', D3: '2', D4: '2', D5: '2', D6: '1' };
    for (const [dimension, rating] of Object.entries(ratings)) {
      await answer(page, new RegExp(`^${dimension} ·`), rating);
    }
    await page
      .getByRole('textbox', { name: 'Notes on relapse or continued-use potential' })
      .fill('Relapsed two weeks after leaving residential care.');
    await choose(page, page, 'Has a stable home', 'Yes');
    await expectAccessible(page, 'the level-of-care form');
    await page.getByRole('button', { name: 'Recommend level of care' }).click();

    // the rules recommend IOP, and say why; she confirms it
    const recommendation = page.getByRole('region', { name: 'Recommendation', exact: true });
    await recommendation.getByText('Intensive outpatient (IOP)', { exact: true }).waitFor();
    await recommendation.getByText('At least 9 hours of treatment a week.').waitFor();
    await recommendation
      .getByText(/^Rule 6: /)
      .first()
      .waitFor();
    await expectAccessible(page, 'the level-of-care recommendation');
    await page.getByRole('button', { name: 'Confirm Intensive outpatient (IOP)' }).click();
    await page.getByText('Decision recorded').waitFor();
    await page.getByRole('button', { name: 'Continue to the decision' }).click();

    // she admits Morgan to the adult substance use IOP's evening track with a primary clinician
    const admission = page.getByRole('region', { name: 'Admission', exact: true });
    await admission.waitFor();
    await choose(page, admission, 'Track', 'Evening track');
    await admission.getByRole('textbox', { name: 'Expected length (days)' }).fill('56');
    await choose(page, admission, 'Primary clinician', 'Casey Clinwell (demo)');
    await choose(page, admission, 'Supervisor', 'Sam Supervale (demo)');
    await admission.getByRole('textbox', { name: 'Payer' }).fill('Demo Health Plan (test)');
    await admission.getByRole('button', { name: 'Add diagnosis' }).click();
    await admission.getByRole('textbox', { name: 'Diagnosis 1 code' }).fill('F1');
    await admission.getByRole('button', { name: 'Admit' }).click();
    await admission.getByText('Must be an ICD-10 code such as F10.20.').waitFor();
    await admission.getByRole('textbox', { name: 'Diagnosis 1 code' }).fill('f10.20');
    await admission
      .getByRole('textbox', { name: 'Diagnosis 1 description' })
      .fill('Alcohol dependence, uncomplicated');
    await expectAccessible(page, 'the admission form');
    await admission.getByRole('button', { name: 'Admit' }).click();

    // the episode is open and the referral closed as admitted
    await page.getByText('Morgan Intakerly was admitted on').waitFor();
    await referral.getByText('Admitted', { exact: true }).waitFor();
    const episode = page.getByRole('region', { name: 'Episode of care' });
    await episode.getByText('F10.20 — Alcohol dependence, uncomplicated').waitFor();
    await episode.getByText('Casey Clinwell (demo)').waitFor();
    await expectAccessible(page, 'the admitted referral');

    // the participant's record shows the episode, the score and the level-of-care decision
    await page.getByRole('link', { name: 'Open the participant’s record' }).click();
    await page.getByRole('heading', { name: 'Intakerly, Morgan', level: 1 }).waitFor();
    const record = page.getByRole('region', { name: 'Episode of care' });
    await record.getByText('Adult Substance Use IOP').waitFor();
    await record.getByText('Orientation').waitFor();
    await record.getByText('Evening track').waitFor();
    await record.getByText('F10.20 — Alcohol dependence, uncomplicated').waitFor();
    const scores = page.getByRole('region', { name: 'Recent scores' }).last();
    await scores.getByRole('cell', { name: 'Mild', exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Level-of-care assessments' })
      .last()
      .getByRole('cell', { name: 'Intensive outpatient (IOP) (confirmed)' })
      .waitFor();
    await page.getByRole('region', { name: 'Consents' }).last().getByText('No consents recorded.').waitFor();
    await expectAccessible(page, 'the participant page with an episode of care');

    // she records Morgan's consent for treatment, payment and operations, signed electronically
    await page.getByRole('button', { name: 'Add consent' }).click();
    const consentDialog = page.getByRole('dialog', { name: 'Add consent' });
    await consentDialog
      .getByText(/^I consent to the use and disclosure of my substance use disorder records/)
      .waitFor();
    await consentDialog.getByRole('button', { name: 'Sign and record consent' }).click();
    await consentDialog.getByText('The signer types their full name.').waitFor();
    await consentDialog.getByText('The signer must agree to the statement.').waitFor();
    await consentDialog.getByRole('radio', { name: 'At the end of treatment' }).check();
    await consentDialog.getByRole('textbox', { name: 'Signer’s full name' }).fill('Morgan Intakerly');
    await consentDialog.getByRole('checkbox', { name: 'I agree to the statement above' }).check();
    await expectAccessible(page, 'the consent form');
    await consentDialog.getByRole('button', { name: 'Sign and record consent' }).click();
    await consentDialog.waitFor({ state: 'hidden' });
    const consentRow = page
      .getByRole('region', { name: 'Consents' })
      .last()
      .getByRole('row')
      .filter({ hasText: 'Consent for treatment, payment and health care operations' });
    await consentRow.getByText('In force').waitFor();
    await consentRow.getByText(/by Morgan Intakerly \(The participant\)/).waitFor();
    await consentRow.getByText('At end of treatment').waitFor();
    await expectAccessible(page, 'the participant page with a consent');

    // back on the board, the referral has left the open columns for the closed list
    await page.getByRole('link', { name: 'Referrals' }).click();
    await newColumn.getByRole('listitem').first().waitFor();
    expect(await newColumn.getByText('Morgan Intakerly').count()).toBe(0);
    await page.getByRole('tab', { name: /^Closed/ }).click();
    const closedRow = page.getByRole('row').filter({ hasText: 'Morgan Intakerly' });
    await closedRow.getByRole('cell', { name: 'Admitted', exact: true }).waitFor();
    await closedRow.getByRole('cell', { name: '0', exact: true }).waitFor();
    await expectAccessible(page, 'the closed referrals');
    await context.close();
  });

  it('lets intake refer a registered participant and open the intake on a phone', async () => {
    // on her phone, the coordinator finds a registered participant by name and refers them
    const { context, page } = await app.open(viewports.phone);
    await signIn(page, 'intake@demo.stepwise.test');
    await openNavigationIfCollapsed(page);
    await page.getByRole('link', { name: 'Referrals' }).click();
    await page.getByRole('heading', { name: 'Referrals', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'New referral' });
    await dialog.getByRole('button', { name: 'Create referral' }).click();
    await dialog.getByText('Choose the participant, or enter a new person.').waitFor();
    await dialog.getByRole('searchbox', { name: 'Find participant' }).fill('Intakerly');
    await dialog.getByText('1 match.').waitFor();
    await dialog.getByRole('radio', { name: /^Intakerly, Morgan · SW-/ }).check();
    await choose(page, dialog, 'Source', 'Self');
    await expectAccessible(page, 'the new-referral form on a phone');
    await dialog.getByRole('button', { name: 'Create referral' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectAccessible(page, 'the referral board on a phone');

    // the intake opens with its steps stacked for the narrow screen
    await page.getByRole('link', { name: 'Start the intake' }).click();
    await page.getByRole('heading', { name: 'Intake: Morgan Intakerly', level: 1 }).waitFor();
    await page
      .getByRole('region', { name: 'Scores recorded' })
      .getByRole('cell', { name: 'PHQ-9' })
      .waitFor();
    await expectAccessible(page, 'the intake wizard on a phone');
    await context.close();
  });
});
