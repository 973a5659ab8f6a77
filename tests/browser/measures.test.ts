/*
 * Measures on the chart. A clinician registers and admits a participant (through the API, as set-up)
 * who has answered the PHQ-9 three times: 20, 14, then 9. On the chart the PHQ-9 trend shows its five
 * bands behind the line, the labels "Response" and "Reliable improvement", and a table of the scores.
 * She records a urine screen positive for cannabis and sees it listed and in the trend; a wrong entry
 * is marked entered in error and stays listed, struck through. From her day she opens the outcomes of
 * the program the participant was admitted to, where the improvement counts.
 */
import { instantToZoned } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, signIn } from './support.js';

// Long enough that the clinician's session outlives the set-up through the API.
const app = journey({ idleMinutes: 5 });

/** Riverside Campus (demo), the organisation's first site. */
const today = instantToZoned(new Date(), 'America/Chicago').date;

/** PHQ-9 answers adding up to `total`, item 9 left at 0. */
function phq9(total: number): number[] {
  let left = total;
  return Array.from({ length: 9 }, (_, index) => {
    if (index === 8) return 0;
    const answer = Math.min(3, left);
    left -= answer;
    return answer;
  });
}

/** Calls the API as the signed-in user of the page (the session cookie, and its CSRF token). */
async function apiAs(page: Page) {
  const me = await page.request.get('/api/v1/me');
  const { user, csrfToken } = (await me.json()) as { user: { id: string }; csrfToken: string };
  const call = async (method: 'GET' | 'POST', path: string, data?: unknown) => {
    const response = await page.request.fetch(`/api/v1${path}`, {
      method,
      headers: { 'x-csrf-token': csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return response.json() as Promise<any>;
  };
  return { userId: user.id, call };
}

/** The clinician, signed in at her desk. */
async function clinicianAtDesk() {
  const opened = await app.open();
  await signIn(opened.page, 'clinician@demo.stepwise.test');
  return opened;
}

describe('measures on the chart', () => {
  let person: { id: string };

  it('charts PHQ-9 scores with their bands and the change labelled', async () => {
    const { page, context } = await clinicianAtDesk();
    const { userId, call } = await apiAs(page);
    person = await call('POST', '/participants', {
      givenName: 'Wren',
      familyName: 'Testchart',
      dateOfBirth: '1988-03-09',
      preferredLanguage: 'en',
    });
    // admitted today to the adult substance use program, so her scores count in its outcomes
    const programs = await call('GET', '/programs?limit=100');
    const program = programs.items.find((item: { name: string }) => item.name === 'Adult Substance Use IOP');
    const assessed = await call('POST', `/participants/${person.id}/level-of-care-assessments`, {
      programId: program.id,
      dimensions: { d1: 0, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1 },
    });
    await call('POST', `/level-of-care-assessments/${assessed.id}/decision`, { decision: 'confirm' });
    await call('POST', `/participants/${person.id}/episodes`, {
      programId: program.id,
      levelOfCareAssessmentId: assessed.id,
      startDate: today,
      expectedLengthDays: 56,
      primaryClinicianId: userId,
    });
    for (const total of [20, 14, 9]) {
      await call('POST', `/participants/${person.id}/instrument-responses`, {
        instrument: 'phq9',
        answers: phq9(total),
      });
    }

    // the PHQ-9 trend, its bands shaded and its change labelled
    await page.goto(`/participants/${person.id}`);
    const measures = page.getByRole('region', { name: 'Measures' });
    const phq = measures.getByRole('region', { name: 'PHQ-9' });
    await phq.getByText('Response', { exact: true }).waitFor();
    await phq.getByText('Reliable improvement', { exact: true }).waitFor();
    await phq.getByText('Baseline 20').waitFor();
    const chart = phq.getByRole('img', { name: /PHQ-9 trend/ });
    await chart.waitFor();
    expect(await chart.locator('[data-band]').count()).toBe(5);
    expect(await chart.locator('text').allTextContents()).toEqual(
      expect.arrayContaining(['Minimal', 'Severe', '20', '14', '9']),
    );
    await phq.getByRole('button', { name: 'Show PHQ-9 scores as a table' }).click();
    const table = phq.getByRole('table', { name: 'PHQ-9 scores' });
    expect(await table.getByRole('row').count()).toBe(4);
    await expectAccessible(page, 'the measures on the chart');
    await context.close();
  });

  it('records a positive screen, lists it, and strikes through one entered in error', async () => {
    const { page, context } = await clinicianAtDesk();
    const { call } = await apiAs(page);
    await page.goto(`/participants/${person.id}`);

    // a urine screen, positive for cannabis
    const screens = page.getByRole('region', { name: 'Drug screens', exact: true });
    await screens.getByText('No screens recorded.').waitFor();
    await screens.getByRole('button', { name: 'Record a screen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a screen' });
    await dialog.getByLabel('Collected on').fill(today);
    await dialog.getByRole('textbox', { name: 'Substance 1' }).fill('Cannabis');
    await dialog.getByRole('combobox', { name: 'Result for substance 1' }).selectOption('positive');
    await dialog.getByRole('button', { name: 'Add a substance' }).click();
    await dialog.getByRole('textbox', { name: 'Substance 2' }).fill('Alcohol');
    await dialog.getByRole('textbox', { name: 'Lab reference' }).fill('LAB-DEMO-0042');
    await expectAccessible(page, 'the screen form');
    await dialog.getByRole('button', { name: 'Record screen' }).click();
    await screens.getByRole('status').filter({ hasText: 'Screen recorded.' }).waitFor();
    const list = screens.getByRole('region', { name: 'All drug screens' });
    await list.getByText('Cannabis: positive, Alcohol: negative').waitFor();
    const trend = screens.getByRole('region', { name: 'Screen results over time' });
    await trend.getByRole('row', { name: /Cannabis Positive/ }).waitFor();
    await trend.getByRole('row', { name: /Alcohol Negative/ }).waitFor();
    await expectAccessible(page, 'the drug screens on the chart');

    // a second, wrong entry is marked entered in error: still listed, struck through, out of the trend
    await call('POST', `/participants/${person.id}/drug-screens`, {
      collectedOn: today,
      method: 'breath',
      results: [{ substance: 'Alcohol', result: 'positive' }],
      observed: true,
    });
    await page.reload();
    await list.getByText('Alcohol: positive').waitFor();
    await list
      .getByRole('button', { name: /entered in error/ })
      .first()
      .click();
    const marking = page.getByRole('dialog', { name: 'Mark a screen entered in error' });
    await marking.getByRole('textbox', { name: 'Reason' }).fill('Entered for the wrong participant');
    await marking.getByRole('button', { name: 'Mark entered in error' }).click();
    await screens.getByRole('status').filter({ hasText: 'Screen marked entered in error.' }).waitFor();
    await list.getByText('Entered in error', { exact: true }).waitFor();
    await list.locator('s', { hasText: 'Alcohol: positive' }).waitFor();
    expect(await trend.getByRole('columnheader').count()).toBe(2);
    await context.close();
  });

  it('shows the program’s outcomes, reached from the clinician’s day', async () => {
    const { page, context } = await clinicianAtDesk();

    // from her day, the program's outcomes
    await page.goto('/today');
    await page.getByRole('link', { name: 'Program outcomes' }).click();
    await page.getByRole('heading', { name: 'Program outcomes', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Program' }).selectOption({ label: 'Adult Substance Use IOP' });
    await page.getByText(/^Adult Substance Use IOP: \d+ episodes? of care counted/).waitFor();
    const outcome = page.getByRole('region', { name: 'PHQ-9' });
    await outcome.getByText(/^\d+ of \d+ participants? with scores measured twice or more/).waitFor();
    const improved = await outcome.getByRole('definition').first().textContent();
    expect(improved).toMatch(/^[1-9]\d* of \d+ \(\d+ %\)$/);
    await expectAccessible(page, 'program outcomes');
    await context.close();
  });
});
