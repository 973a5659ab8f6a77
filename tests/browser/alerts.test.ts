/*
 * From the participant's phone to the care team's inbox: a check-in reporting thoughts of suicide
 * shows the participant crisis resources and raises a critical alert, and so does the PHQ-9 due in
 * the participant area when item 9 is above 0. The clinician is told in the header that there are new
 * alerts (nothing clinical), opens the inbox, sees both, acknowledges one and resolves it with a note.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn, viewports } from './support.js';

const app = journey();

describe('risk alerts', () => {
  it('reach the clinician from a participant’s check-in, and are resolved with a note', async () => {
    const phone = await app.open(viewports.phone);
    await signIn(phone.page, 'participant@demo.stepwise.test');
    const card = phone.page.getByRole('region', { name: 'Today’s check-in' });
    await card
      .getByRole('radiogroup', { name: 'Any thoughts of suicide or of hurting yourself today?' })
      .getByText('Yes')
      .click();
    await card.getByRole('link', { name: 'call 988' }).waitFor();
    await card.getByRole('button', { name: 'Check in' }).click();
    await card.getByRole('status').filter({ hasText: 'Checked in for today.' }).waitFor();

    // The PHQ-9 due in the participant area, answered on the phone with item 9 above 0.
    await phone.page
      .getByRole('region', { name: 'Questionnaires due' })
      .getByRole('link', { name: 'Answer the PHQ-9' })
      .click();
    const questions = phone.page.getByRole('radiogroup');
    await questions.first().waitFor();
    for (let index = 0; index < 9; index += 1) {
      await questions
        .nth(index)
        .getByRole('radio', { name: index === 8 ? 'More than half the days' : 'Not at all' })
        .click();
    }
    await phone.page.getByRole('button', { name: 'Send my answers' }).click();
    await phone.page.getByRole('heading', { name: 'Thank you' }).waitFor();
    // once sent, the program's own crisis line stands beside 988
    await phone.page.getByRole('link', { name: 'call +1 312 555 0199' }).waitFor();
    await expectAccessible(phone.page, 'the thank-you after a PHQ-9, on a phone');
    await phone.context.close();

    const { page, context } = await app.open(viewports.desktop);
    await signIn(page, 'clinician@demo.stepwise.test');
    // The notification is sent by a queued job; the header shows it without a word of what happened.
    const notice = page.getByRole('link', { name: /new alert notifications?: open the alert inbox/ });
    await notice.waitFor({ timeout: 20_000 });
    await notice.click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
    const alert = page.getByRole('listitem', {
      name: /^critical alert: Thoughts of suicide or self-harm reported in a check-in, Indigo Trialton$/,
    });
    await alert.getByText(/Suggested action:/).waitFor();
    const phq9 = page.getByRole('listitem', {
      name: /^critical alert: PHQ-9 item 9: thoughts of death or self-harm, Indigo Trialton$/,
    });
    // The evidence in words: item 9 answered 2 ("more than half the days"), total 2.
    const evidence = await phq9.getByText(/Instrument: phq9/).textContent();
    expect(evidence).toMatch(/Item: 9(?!\d)/);
    expect(evidence).toMatch(/Answer: 2(?!\d)/);
    expect(evidence).toMatch(/Total: 2(?!\d)/);
    await expectAccessible(page, 'the alert inbox');

    await alert.getByRole('button', { name: /^Acknowledge:/ }).click();
    await page.getByText(/^Acknowledged: Thoughts of suicide/).waitFor();
    await alert.getByText('Acknowledged', { exact: true }).waitFor();

    await alert.getByRole('button', { name: /^Resolve:/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Resolve:/ });
    await dialog.getByRole('button', { name: 'Resolve alert' }).click();
    await dialog.getByText('say what was done before resolving the alert').waitFor();
    await dialog
      .getByRole('textbox', { name: 'What was done' })
      .fill('Called the same hour; safety plan reviewed together; seen tomorrow morning.');
    await dialog.getByRole('button', { name: 'Resolve alert' }).click();
    await page.getByText(/^Resolved: Thoughts of suicide/).waitFor();
    await alert.waitFor({ state: 'detached' });

    await page.getByRole('radiogroup', { name: 'Which alerts' }).getByText('Resolved').click();
    await page.getByText(/safety plan reviewed together/).waitFor();
    await expectAccessible(page, 'resolved alerts');

    // The check-in itself is on the participant's chart, marked.
    await page.getByRole('link', { name: 'Indigo Trialton' }).first().click();
    const checkIns = page.getByRole('region', { name: 'Daily check-ins' });
    await checkIns.getByText('Suicidal thoughts').waitFor();
    await context.close();
  });
});
