/*
 * A treatment plan from first draft to the participant's signature. The demo participant (the first of
 * the demo clinic, admitted to the adult substance use IOP and still in its episode of care) has no
 * plan yet, and their home says so. Their clinician drafts one at her desk: one problem, one goal in
 * their words, one objective and one intervention she delivers. She puts it into effect and records a
 * first review. The review is thirty days off, so the schedule's panel lists nothing due and counts the
 * plan as reviewed later. On their phone, the participant reads their goal and signs the plan with
 * their typed name, and the clinician sees the signature on the record.
 */
import { addDays, instantToZoned } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, openNavigationIfCollapsed, signIn, viewports } from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;

const goal = 'I want to get through a work week without drinking (test)';
const objective = 'Uses one coping skill from group on each stressful workday, noted in a diary';

/** A date as the plan shows it: "Dec 27, 2026". */
function dateName(date: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** Text matched literally inside a regular expression. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The participant's home on a phone, after signing in. */
async function participantHome(page: Page) {
  await signIn(page, 'participant@demo.stepwise.test');
  await page.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
  return page.getByRole('region', { name: 'My treatment plan' });
}

describe('treatment plans', () => {
  it('drafts a plan, puts it into effect, reviews it, and the participant signs it on a phone', async () => {
    // the participant has no plan yet; their record names them as the clinic knows them
    const first = await app.open(viewports.phone);
    const myPlan = await participantHome(first.page);
    await myPlan.getByText('You have no treatment plan in effect yet.', { exact: false }).waitFor();
    const name = (
      (await first.page
        .getByRole('region', { name: 'Your record' })
        .locator('dt', { hasText: /^Name$/ })
        .locator('xpath=following-sibling::dd[1]')
        .textContent()) ?? ''
    ).trim();
    const [given = '', family = ''] = name.split(' ');
    expect(given && family, `the participant's name (${name})`).toBeTruthy();
    await expectAccessible(first.page, 'the participant’s home without a plan, on a phone');
    await first.context.close();

    // at her desk, the clinician opens their record: no plan yet
    const desk = await app.open();
    const page = desk.page;
    await signIn(page, 'clinician@demo.stepwise.test');
    await page.getByRole('searchbox', { name: 'Search participants' }).fill(family);
    const recordName = new RegExp(`^${literal(family)}, ${literal(given)}\\b`);
    await page.getByRole('region', { name: 'Participants' }).getByRole('link', { name: recordName }).click();
    await page.getByRole('heading', { name: recordName, level: 1 }).waitFor();
    const recordPath = new URL(page.url()).pathname;
    const section = page.getByRole('region', { name: 'Treatment plan', exact: true });
    await section.getByText('No treatment plan yet.').waitFor();

    // she drafts the first plan; saved empty, every field says what it needs
    await section.getByRole('button', { name: 'Draft a plan' }).click();
    const editor = page.getByRole('dialog', { name: 'Draft a plan' });
    await editor.getByRole('button', { name: 'Save draft' }).click();
    const problem = editor.getByRole('group', { name: 'Problem 1' });
    await problem.getByText('Name the problem.').waitFor();
    await problem.getByText('Write the goal in the participant’s own words.').waitFor();
    await problem.getByText('Choose who is responsible.').waitFor();
    await expectAccessible(page, 'the plan editor with its field errors');

    await problem
      .getByRole('textbox', { name: 'Problem', exact: true })
      .fill('Drinking when stressed at work');
    await problem.getByRole('combobox', { name: 'Dimension' }).click();
    await page.getByRole('option', { name: '5. Relapse or continued-use potential' }).click();
    await problem.getByRole('textbox', { name: 'Goal, in the participant’s own words' }).fill(goal);
    await problem.getByRole('textbox', { name: 'Objective 1', exact: true }).fill(objective);
    await problem.getByRole('textbox', { name: 'Objective 1 target date' }).fill(addDays(today, 28));
    await problem.getByRole('combobox', { name: 'Intervention 1', exact: true }).click();
    await page.getByRole('option', { name: 'Relapse prevention' }).click();
    await problem.getByRole('textbox', { name: 'Intervention 1 frequency' }).fill('three groups a week');
    const responsible = problem.getByRole('combobox', { name: 'Intervention 1 responsible staff' });
    await responsible.click();
    await responsible.fill('Casey');
    await page.getByRole('option', { name: 'Casey Clinwell (demo)' }).click();
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.waitFor({ state: 'hidden' });
    await section.getByRole('status').filter({ hasText: 'Draft saved (version 1).' }).waitFor();

    // the draft reads back as written, then she puts it into effect, after a confirmation
    const draft = section.getByRole('region', { name: 'Draft: version 1' });
    await draft.getByRole('heading', { name: 'Problem 1: Drinking when stressed at work' }).waitFor();
    await draft.getByText('Dimension: Relapse or continued-use potential').waitFor();
    await draft.getByText(`“${goal}”`).waitFor();
    await draft.getByText(`${objective}, by ${dateName(addDays(today, 28))}`).waitFor();
    await draft.getByText('Relapse prevention, three groups a week (Casey Clinwell (demo))').waitFor();
    await draft.getByRole('button', { name: 'Put into effect' }).click();
    const confirm = page.getByRole('dialog', { name: 'Put version 1 into effect' });
    await confirm.getByText('Its review falls due in 30 days.', { exact: false }).waitFor();
    await expectAccessible(page, 'putting a plan into effect');
    await confirm.getByRole('button', { name: 'Put into effect' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const due = dateName(addDays(today, 30));
    await section
      .getByRole('status')
      .filter({ hasText: `Version 1 is in effect. Its review is due by ${due}.` })
      .waitFor();
    const inEffect = section.getByRole('region', { name: 'In effect: version 1' });
    await inEffect.getByText(due, { exact: true }).waitFor();
    await inEffect.getByText('Not yet signed by the participant').waitFor();
    await inEffect.getByText(`No reviews yet: the first is due by ${due}.`).waitFor();
    expect(await section.getByRole('button', { name: 'Revise as a new version' }).isEnabled()).toBe(true);
    expect(await section.getByRole('region', { name: /^Draft/ }).count()).toBe(0);

    // she records a review: the goal must be rated, then it is progressing
    await inEffect.getByRole('button', { name: 'Record a review' }).click();
    const review = page.getByRole('dialog', { name: 'Record a review' });
    await review.getByRole('button', { name: 'Record review' }).click();
    await review.getByText('Rate the progress on this goal.').waitFor();
    await review
      .getByRole('radiogroup', { name: 'Progress on goal 1' })
      .getByRole('radio', { name: 'Progressing' })
      .check();
    await review.getByRole('textbox', { name: 'Comment on goal 1' }).fill('Two dry weeks so far (test)');
    await review.getByRole('textbox', { name: 'Summary' }).fill('Keep the plan as it is (test)');
    await expectAccessible(page, 'recording a plan review');
    await review.getByRole('button', { name: 'Record review' }).click();
    await review.waitFor({ state: 'hidden' });
    await section.getByRole('status').filter({ hasText: 'Review recorded.' }).waitFor();
    const past = inEffect.getByRole('list', { name: 'Past reviews' }).getByRole('listitem').first();
    await past.getByText(/^Reviewed .* by Casey Clinwell \(demo\)$/).waitFor();
    await past.getByText(`“${goal}”: Progressing. Two dry weeks so far (test)`).waitFor();
    await past.getByText('Summary: Keep the plan as it is (test)').waitFor();
    await expectAccessible(page, 'a participant’s treatment plan in effect, reviewed');

    // the next review is thirty days off: the schedule lists nothing due, and counts the plan as later
    await openNavigationIfCollapsed(page);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Schedule' })
      .click();
    await page.getByRole('heading', { name: 'Schedule', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Program' }).click();
    await page.getByRole('option', { name: 'Adult Substance Use IOP', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Plan reviews' });
    await panel.getByText('No plan review is overdue or due soon.').waitFor();
    await panel.getByText('1 more plan is reviewed later.').waitFor();
    await expectAccessible(page, 'the schedule with its plan reviews');

    // on their phone, the participant reads their goal and signs with their typed name
    const phone = await app.open(viewports.phone);
    const signing = await participantHome(phone.page);
    await signing.getByText(`“${goal}”`).waitFor();
    await signing.getByText(`${objective}, by ${dateName(addDays(today, 28))}`).waitFor();
    await signing.getByRole('button', { name: 'Sign my plan' }).click();
    await signing.getByText('Type your full name to sign.').waitFor();
    await signing.getByRole('textbox', { name: 'Your full name' }).fill(name);
    await expectAccessible(phone.page, 'signing a treatment plan, on a phone');
    await signing.getByRole('button', { name: 'Sign my plan' }).click();
    await signing.getByRole('status').filter({ hasText: 'You signed this plan' }).waitFor();
    await signing.getByText(`Signed as “${name}”`, { exact: false }).waitFor();
    expect(await signing.getByRole('button', { name: 'Sign my plan' }).count()).toBe(0);
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page, 'a signed treatment plan, on a phone');
    await phone.context.close();

    // back on the record, the clinician sees the signature
    await page.goto(recordPath);
    await page.getByRole('heading', { name: recordName, level: 1 }).waitFor();
    await section
      .getByRole('region', { name: 'In effect: version 1' })
      .getByText(`Signed as “${name}”`, { exact: false })
      .waitFor();
    await desk.context.close();
  });
});
