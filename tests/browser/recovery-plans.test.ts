/*
 * The safety plan from the chart to the participant's phone, and on the phone with no network. The
 * demo participant (admitted to the adult substance use IOP, whose crisis line is on file) has no
 * plan yet. At her desk, their clinician starts one: 988 and the program's line are already there;
 * she writes the other five Stanley-Brown sections with them and signs. On their phone, the
 * participant taps "My safety plan" on their home, reads it in order and signs: it is in effect. Then
 * the phone loses its network: reloaded, and opened again in a new tab, the plan is still there. Once
 * they sign out, the copy on the phone is gone. Back at her desk, the clinician starts their
 * relapse-prevention plan and links a coping skill to the group module that teaches it.
 */
import { safetyPlanSectionLabels, safetyPlanSections } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn, signOut, viewports } from './support.js';

// Long enough that the participant's session outlives the clinician's writing.
const app = journey({ idleMinutes: 5 });

const sectionTitles = safetyPlanSections.map((section) => safetyPlanSectionLabels[section].title);
const written: Record<string, string> = {
  warning_signs: 'Lying awake after midnight (test)',
  internal_coping: 'Cold water on my face, then a walk (test)',
  distraction: 'The library on Main Street (test)',
  help: 'My sister (test)',
  safe_environment: 'My brother keeps the pills at his place (test)',
};

/** Text matched literally inside a regular expression. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** The level-3 headings of the main content, in order: the plan's sections. */
const sectionHeadings = (page: Page) =>
  page.getByRole('main').getByRole('heading', { level: 3 }).allTextContents();

describe('the safety plan', () => {
  // Two people, two devices, and the network going away: a longer journey than most.
  it('is written and signed by the clinician, signed on the phone, and read there with no network', {
    timeout: 180_000,
  }, async () => {
    // the participant's home: two buttons, one tap to each plan; nothing written yet
    const phone = await app.open(viewports.phone);
    await signIn(phone.page, 'participant@demo.stepwise.test');
    await phone.page.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
    const name = (
      (await phone.page
        .getByRole('region', { name: 'Your record' })
        .locator('dt', { hasText: /^Name$/ })
        .locator('xpath=following-sibling::dd[1]')
        .textContent()) ?? ''
    ).trim();
    const [given = '', family = ''] = name.split(' ');
    const plans = phone.page.getByRole('navigation', { name: 'My plans' });
    await plans.getByRole('link', { name: 'My recovery plan' }).waitFor();
    await plans.getByRole('link', { name: 'My safety plan' }).click();
    await phone.page.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    await phone.page.getByText('Your care team writes your safety plan with you', { exact: false }).waitFor();
    await expectAccessible(phone.page, 'the participant’s safety plan before it is written, on a phone');
    await phone.page.getByRole('link', { name: '← Home' }).click();
    await plans.getByRole('link', { name: 'My recovery plan' }).click();
    await phone.page.getByRole('heading', { name: 'My recovery plan', level: 1 }).waitFor();
    await phone.page
      .getByText('Your care team writes your recovery plan with you', { exact: false })
      .waitFor();
    await expectAccessible(phone.page, 'the participant’s recovery plan before it is written, on a phone');

    // at her desk, the clinician starts the plan: 988 and the program's crisis line are there already
    const desk = await app.open();
    await signIn(desk.page, 'clinician@demo.stepwise.test');
    await desk.page.getByRole('searchbox', { name: 'Search participants' }).fill(family);
    const recordName = new RegExp(`^${literal(family)}, ${literal(given)}\\b`);
    await desk.page
      .getByRole('region', { name: 'Participants' })
      .getByRole('link', { name: recordName })
      .click();
    await desk.page.getByRole('heading', { name: recordName, level: 1 }).waitFor();
    const card = desk.page.getByRole('region', { name: 'Safety plan', exact: true });
    await card.getByText('No safety plan yet.').waitFor();
    await card.getByRole('button', { name: 'Start a safety plan' }).click();
    const editor = desk.page.getByRole('dialog', { name: 'Edit draft version 1 of the safety plan' });
    const crisisLines = editor.getByRole('group', { name: '5. Professionals and crisis lines' });
    expect(await crisisLines.getByRole('textbox', { name: /: entry 1$/ }).inputValue()).toBe(
      '988 Suicide & Crisis Lifeline (call or text)',
    );
    expect(await crisisLines.getByRole('textbox', { name: 'Entry 1 phone' }).inputValue()).toBe('988');
    expect(await crisisLines.getByRole('textbox', { name: 'Entry 2 phone' }).inputValue()).toBe(
      '+1 312 555 0199',
    );
    await expectAccessible(desk.page, 'the safety plan editor');

    // they write the other sections together; she saves and signs
    for (const [section, text] of Object.entries(written)) {
      const title = safetyPlanSectionLabels[section as keyof typeof safetyPlanSectionLabels].title;
      await editor.getByRole('button', { name: `Add to ${title}` }).click();
      await editor.getByRole('textbox', { name: `${title}: entry 1` }).fill(text);
    }
    await editor.getByRole('textbox', { name: 'Entry 1 phone' }).first().waitFor();
    await editor
      .getByRole('group', { name: '4. People I can ask for help' })
      .getByRole('textbox', { name: 'Entry 1 phone' })
      .fill('+1 312 555 0142');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await card.getByRole('status').filter({ hasText: 'Draft version 1 saved.' }).waitFor();
    await card.getByRole('button', { name: 'Sign as clinician' }).click();
    const confirm = desk.page.getByRole('dialog', { name: 'Sign version 1 of the safety plan' });
    await confirm.getByRole('button', { name: 'Sign', exact: true }).click();
    await card
      .getByRole('status')
      .filter({ hasText: 'You signed version 1. It takes effect once the participant signs it too.' })
      .waitFor();
    await card.getByText('Not yet signed by the participant', { exact: false }).waitFor();
    await expectAccessible(desk.page, 'the participant’s record with a signed draft safety plan');

    // on the phone: home, one tap, the plan in Stanley and Brown's order with 988 to call, then signed
    await phone.page.goto('/me');
    await phone.page
      .getByRole('navigation', { name: 'My plans' })
      .getByRole('link', { name: 'My safety plan' })
      .click();
    await phone.page.getByRole('heading', { name: 'Your safety plan, ready to sign', level: 2 }).waitFor();
    expect(await sectionHeadings(phone.page)).toEqual(sectionTitles);
    expect(await phone.page.getByRole('link', { name: 'call 988' }).first().getAttribute('href')).toBe(
      'tel:988',
    );
    await phone.page.getByText(written.help ?? '').waitFor();
    await expectAccessible(phone.page, 'the participant’s safety plan to sign, on a phone');
    await phone.page.getByRole('textbox', { name: 'Your full name' }).fill(`${given} ${family}`);
    await phone.page.getByRole('button', { name: 'Sign my plan' }).click();
    await phone.page.getByRole('heading', { name: 'My safety plan', level: 2 }).waitFor();
    await phone.page.getByText(/^Version 1, in effect since .*, signed by you and /).waitFor();
    expect(await sectionHeadings(phone.page)).toEqual(sectionTitles);
    expect(await pageWidth(phone.page)).toBeLessThanOrEqual(375);
    await expectAccessible(phone.page, 'the participant’s safety plan in effect, on a phone');

    // the server hands out the worker for the whole app, and the policy lets it run
    const worker = await phone.page.request.get('/sw.js');
    expect(worker.status()).toBe(200);
    expect(worker.headers()['content-type']).toMatch(/javascript/);
    expect(worker.headers()['cache-control']).toBe('no-cache');
    expect((await phone.page.request.get('/')).headers()['content-security-policy']).toMatch(
      /worker-src 'self'/,
    );
    await phone.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

    // no network: reloaded, the plan is still readable from the phone
    await phone.context.setOffline(true);
    await phone.page.reload();
    await phone.page.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    await phone.page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor();
    expect(await sectionHeadings(phone.page)).toEqual(sectionTitles);
    await phone.page.getByText(written.safe_environment ?? '').waitFor();
    expect(await phone.page.getByRole('link', { name: 'call 988' }).first().getAttribute('href')).toBe(
      'tel:988',
    );
    await expectAccessible(phone.page, 'the safety plan offline, on a phone');

    // closed and opened again, still offline: from the start page to the plan
    await phone.page.close();
    const reopened = await phone.context.newPage();
    await reopened.goto('/');
    await reopened.getByRole('heading', { name: 'Your plans, offline', level: 1 }).waitFor();
    await reopened.getByRole('link', { name: 'My safety plan' }).click();
    await reopened.getByRole('heading', { name: 'My safety plan', level: 1 }).waitFor();
    expect(await sectionHeadings(reopened)).toEqual(sectionTitles);

    // back online, signing out removes the copy: offline again, there is nothing left to show
    await phone.context.setOffline(false);
    await reopened.goto('/me');
    await reopened.getByRole('heading', { name: /^Welcome, /, level: 1 }).waitFor();
    await signOut(reopened);
    expect(await reopened.evaluate(() => window.localStorage.getItem('stepwise.my-plans.v1'))).toBeNull();
    await phone.context.setOffline(true);
    await reopened.goto('/me/safety-plan');
    await reopened.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    expect(await reopened.getByText(written.warning_signs ?? '').count()).toBe(0);
    await phone.context.close();

    // back at her desk: the relapse-prevention plan, a coping skill picked from the group curriculum
    const rp = desk.page.getByRole('region', { name: 'Relapse-prevention plan', exact: true });
    await rp.getByRole('button', { name: 'Start a relapse-prevention plan' }).click();
    const rpEditor = desk.page.getByRole('dialog', {
      name: 'Edit draft version 1 of the relapse-prevention plan',
    });
    await rpEditor.getByRole('button', { name: 'Add to Triggers and high-risk situations' }).click();
    await rpEditor
      .getByRole('textbox', { name: 'Triggers and high-risk situations: entry 1' })
      .fill('Payday Fridays (test)');
    await rpEditor.getByRole('button', { name: 'Add to Coping skills' }).click();
    await rpEditor
      .getByRole('textbox', { name: 'Coping skills: entry 1' })
      .fill('TIPP when it gets too much (test)');
    await rpEditor.getByRole('combobox', { name: 'Entry 1 taught in' }).click();
    await desk.page.getByRole('option', { name: 'Distress tolerance 1: STOP and TIPP' }).click();
    await expectAccessible(desk.page, 'the relapse-prevention plan editor');
    await rpEditor.getByRole('button', { name: 'Save draft' }).click();
    await rp.getByRole('status').filter({ hasText: 'Draft version 1 saved.' }).waitFor();
    await rp.getByText('(from the group “Distress tolerance 1: STOP and TIPP”)').waitFor();
    await desk.context.close();
  });
});
