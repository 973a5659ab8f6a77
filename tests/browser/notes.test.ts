/*
 * A group's note, from attendance to the chart. On her phone, the clinician takes the attendance of
 * last week's Thursday evening group (two came, one was excused). The two who came each have a
 * treatment plan in effect, with a goal in their own words (put into effect through the API first: the
 * demo has no plans). She writes the group note: the shared part once, on the relapse-prevention
 * template, then each attendee's part. Signing is refused while the coping skills rehearsed are
 * unwritten, beside that field; then because her first go copied the same words into both parts,
 * naming both attendees on their cards. She individualizes them and signs for everyone; the note is
 * read-only now, coded 90853, and takes an addendum. At her desk, one attendee's chart lists the
 * signed group note with only their part. She writes an individual note there on the individual
 * therapy template, whose signature is refused until she says whether risk was reviewed, and a
 * case-management contact note.
 *
 * The demo schedule is seeded relative to today (in the demo site's zone), so last week's Thursday has
 * always taken place. The attendance journey uses Tuesday's group, so the two never meet.
 */
import { addDays, instantToZoned, isoWeekDates, isoWeekOf } from '@stepwise/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, journey, openLastWeeksSession, signIn, viewports } from './support.js';

const app = journey();

/** Riverside Campus (demo), where the adult substance use IOP meets. */
const siteZone = 'America/Chicago';
const today = instantToZoned(new Date(), siteZone).date;
const lastThursday = isoWeekDates(isoWeekOf(addDays(today, -7)))?.[3] ?? '';

/** How a participant's record names them ("Family, Given (Preferred)"), from a roster's "Given Family". */
function recordName(name: string): RegExp {
  const [first = '', family = ''] = name.split(' ');
  return new RegExp(`^${family}, .*\\b${first}\\b`);
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

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

/**
 * Puts a one-goal treatment plan into effect for the participant in their open episode of care, as the
 * clinician (what the treatment-plan journey does through the page).
 */
async function planWithGoal(page: Page, participantId: string, goal: string): Promise<void> {
  const { userId, call } = await apiAs(page);
  const episodes = await call('GET', `/participants/${participantId}/episodes`);
  const episode = episodes.items.find((item: { status: string }) => item.status === 'open');
  expect(episode, 'an open episode of care').toBeTruthy();
  const plan = await call('POST', `/participants/${participantId}/treatment-plans`, {
    episodeId: episode.id,
    problems: [
      {
        title: 'Lapses under stress (test)',
        goals: [
          {
            statement: goal,
            objectives: [{ text: 'Uses a coping plan after each craving', targetDate: addDays(today, 28) }],
          },
        ],
        interventions: [
          { kind: 'relapse_prevention', frequency: 'two groups a week', responsibleStaffId: userId },
        ],
      },
    ],
  });
  await call('POST', `/treatment-plans/${plan.id}/activate`);
}

describe('group notes', () => {
  it('takes a group’s attendance, refuses unwritten template fields and copied parts, signs and files the note', async () => {
    // on her phone, the clinician opens last week's Thursday evening group and takes its attendance
    const phone = await app.open(viewports.phone);
    const page = phone.page;
    await signIn(page, 'clinician@demo.stepwise.test');
    const sessionCard = await openLastWeeksSession(
      page,
      lastThursday,
      /^18:00–21:00 Relapse prevention/,
      'Relapse prevention: Coping with lapses',
    );
    await sessionCard.getByRole('link', { name: 'Group note' }).click();

    // before any attendance there is nothing to write a note for
    await page.getByRole('heading', { name: 'Group note', level: 1 }).waitFor();
    await page.getByText('Take the attendance first').waitFor();
    await page.getByRole('link', { name: 'Take attendance' }).click();
    await page.getByRole('heading', { name: 'Attendance', level: 1 }).waitFor();
    const sessionId = new URL(page.url()).pathname.split('/')[3] ?? '';

    // everyone present but one, excused
    const attendees = page.getByRole('list', { name: 'Attendees' });
    const groups = attendees.getByRole('radiogroup');
    await groups.first().waitFor();
    const names = await groups.evaluateAll((elements) =>
      elements.map(
        (element) =>
          document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent ?? '',
      ),
    );
    expect(names).toHaveLength(3);
    const [first = '', second = '', excused = ''] = names;
    await page.getByRole('button', { name: 'Everyone present' }).click();
    await attendees
      .getByRole('radiogroup', { name: excused })
      .getByRole('radio', { name: 'Absent (excused)' })
      .click();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByRole('status').filter({ hasText: 'Attendance saved for 3 people.' }).waitFor();

    // the two who came each have a plan in effect with a goal in their words
    const { call } = await apiAs(page);
    const taken = await call('GET', `/sessions/${sessionId}/attendance`);
    const idOf = (name: string) =>
      taken.attendees.find((attendee: { participantName: string }) => attendee.participantName === name)
        ?.participantId as string;
    const goals = {
      [first]: 'I want to call my sponsor before a craving wins (test)',
      [second]: 'I want to keep my evenings for my kids, not for drinking (test)',
    };
    await planWithGoal(page, idOf(first), goals[first] ?? '');
    await planWithGoal(page, idOf(second), goals[second] ?? '');

    // she writes the group note: a part for each who came, the excused absence kept without one
    await page.getByRole('link', { name: 'Group note' }).click();
    await page.getByRole('heading', { name: 'Group note', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Write the group note' }).click();
    const sharedPart = page.getByRole('region', { name: 'For the whole group' });
    expect(await sharedPart.getByRole('textbox', { name: 'Topic' }).inputValue()).toBe('Coping with lapses');
    expect(await sharedPart.getByRole('textbox', { name: 'Interventions' }).inputValue()).toBe(
      'Relapse prevention',
    );
    const template = sharedPart.getByRole('group', { name: 'Relapse prevention template' });
    await template.getByText('Fields marked * are needed to sign the note.').waitFor();
    const card = (name: string) => page.getByRole('region', { name, exact: true });
    await card(first).getByText(`“${goals[first]}”`).waitFor();
    await card(second).getByText(`“${goals[second]}”`).waitFor();
    expect(await card(excused).count()).toBe(0);
    await page.getByRole('list', { name: 'Absent' }).getByText(`${excused}: Absent (excused)`).waitFor();
    await expectAccessible(page, 'a new group note, on a phone');

    // the shared part with the template's fields but one, then the same words in both parts
    await sharedPart
      .getByRole('textbox', { name: 'Curriculum module' })
      .fill('Matrix Model relapse prevention 6');
    await sharedPart
      .getByRole('textbox', { name: 'Narrative' })
      .fill('The group mapped the hours before a lapse and rehearsed leaving early (test).');
    await template
      .getByRole('textbox', { name: 'High-risk situations and triggers discussed' })
      .fill('Payday, Friday nights, old friends who still drink (test).');
    await template
      .getByRole('textbox', { name: 'Homework given' })
      .fill('Write a three-step plan for Friday night');
    for (const name of [first, second]) {
      await card(name).getByRole('textbox', { name: 'Participation' }).fill('Participated well (test).');
      await card(name).getByRole('textbox', { name: 'Response' }).fill('Receptive (test).');
      await card(name).getByRole('textbox', { name: 'Progress on goal 1' }).fill('Some progress (test).');
    }
    await page.getByText('3 changes to save.').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Draft saved.' }).waitFor();
    await page.getByText('Nothing to save.').waitFor();
    await page.getByRole('button', { name: 'Sign note for everyone' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign the group note' });
    await confirm.getByText('the parts of all 2 attendees at once', { exact: false }).waitFor();
    await expectAccessible(page, 'confirming the signature of a group note, on a phone');
    await confirm.getByRole('button', { name: 'Sign for everyone' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const refusal = page.getByRole('alert').filter({ hasText: 'The note was not signed' });

    // the template's coping skills are still to write: refused, and said beside the field
    await refusal.getByText('Write Coping skills rehearsed before signing.').waitFor();
    const coping = template.getByRole('textbox', { name: 'Coping skills rehearsed' });
    expect(await coping.getAttribute('aria-invalid')).toBe('true');
    await template.getByText('Write this before signing.').waitFor();
    await expectAccessible(page, 'a group note refused for a template field, on a phone');
    await coping.fill('Refusal skills; leaving early; calling a sponsor (test).');
    expect(await template.getByText('Write this before signing.').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign note for everyone' }).click();
    await confirm.getByRole('button', { name: 'Sign for everyone' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await refusal.getByText('Individualize these parts before signing: ', { exact: false }).waitFor();
    const refused = (await refusal.textContent()) ?? '';
    expect(refused).toContain(`${first}: the same as ${second}`);
    expect(refused).toContain(`${second}: the same as ${first}`);
    await card(first).getByText(`The same as ${second}: write what this person did and said.`).waitFor();
    await card(second).getByText(`The same as ${first}: write what this person did and said.`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a group note refused for copied parts, on a phone');

    // she writes each person's own part and signs for everyone
    await card(first)
      .getByRole('textbox', { name: 'Participation' })
      .fill('Named Friday payday as her riskiest evening and offered a plan to the group (test).');
    await card(first)
      .getByRole('textbox', { name: 'Progress on goal 1' })
      .fill('Called her sponsor twice this week before cravings peaked (test).');
    expect(await card(first).getByText('The same as', { exact: false }).count()).toBe(0);
    await card(second)
      .getByRole('textbox', { name: 'Participation' })
      .fill('Quiet at first; described a lapse after a family argument when asked (test).');
    await card(second)
      .getByRole('textbox', { name: 'Progress on goal 1' })
      .fill('Three sober evenings with the children; one lapse on Sunday (test).');
    await page.getByRole('button', { name: 'Sign note for everyone' }).click();
    await confirm.getByText('Your unsaved changes are saved first.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Sign for everyone' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Signed for all 2 attendees. The note is filed in each one’s chart.' })
      .waitFor();

    // signed, the note reads back without a form: signed time, group service code, each part
    const signed = page.getByRole('region', { name: 'Signed note' });
    await signed.getByText('90853', { exact: true }).waitFor();
    await signed
      .getByRole('region', { name: 'Relapse prevention template' })
      .getByText('Refusal skills; leaving early; calling a sponsor (test).')
      .waitFor();
    await signed.getByText('Signed', { exact: true }).first().waitFor();
    expect(await signed.getByText('Not yet', { exact: true }).count()).toBe(0);
    await signed
      .getByRole('region', { name: `Part for ${first}` })
      .getByText('Called her sponsor twice this week before cravings peaked (test).')
      .waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sign note for everyone' }).count()).toBe(0);

    // a correction is an addendum, kept with her name
    await signed.getByRole('button', { name: 'Add an addendum' }).click();
    await signed
      .getByRole('textbox', { name: 'Addendum' })
      .fill('Homework handed out on paper as well (test).');
    await signed.getByRole('button', { name: 'Add addendum' }).click();
    const addenda = signed.getByRole('list', { name: 'Addenda' });
    await addenda.getByText('Homework handed out on paper as well (test).').waitFor();
    await addenda.getByText(/^Casey Clinwell \(demo\), /).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await expectAccessible(page, 'a signed group note with an addendum, on a phone');
    await phone.context.close();

    // at her desk, the first attendee's chart lists the signed group note, with their part only
    const desk = await app.open();
    await signIn(desk.page, 'clinician@demo.stepwise.test');
    await desk.page.goto(`/participants/${idOf(first)}`);
    await desk.page.getByRole('heading', { name: recordName(first), level: 1 }).waitFor();
    const notes = desk.page.getByRole('region', { name: 'Notes', exact: true });
    const row = notes.getByRole('row').filter({ hasText: 'Group session' });
    await row.getByText('Signed', { exact: true }).waitFor();
    await row.getByText('90853').waitFor();
    await row.getByText('Casey Clinwell (demo)').waitFor();
    await expectAccessible(desk.page, 'a participant’s chart of notes');
    await row.getByRole('button', { name: /^Open group session note of / }).click();
    const opened = desk.page.getByRole('dialog', { name: 'Group session note' });
    await opened.getByText('Called her sponsor twice this week before cravings peaked (test).').waitFor();
    await opened.getByText(`Progress on “${goals[first]}”`).waitFor();
    await opened.getByText('Homework handed out on paper as well (test).').waitFor();
    expect(await opened.getByText('Three sober evenings with the children', { exact: false }).count()).toBe(
      0,
    );
    await opened.getByRole('link', { name: 'Open the whole group note' }).waitFor();
    await expectAccessible(desk.page, 'a group note in a participant’s chart');
    await desk.page.keyboard.press('Escape');
    await opened.waitFor({ state: 'hidden' });

    // she writes an individual note for their last individual session, on its template
    await notes.getByRole('button', { name: 'Write a note' }).click();
    const writing = desk.page.getByRole('dialog', { name: 'Write a note' });
    await writing.getByRole('radio', { name: 'Individual session' }).check();
    await writing.getByRole('combobox', { name: 'Session' }).click();
    await desk.page.getByRole('option').first().click();
    const individualTemplate = writing.getByRole('group', { name: 'Individual therapy template' });
    await writing.getByRole('textbox', { name: 'Data' }).fill('Reports a calmer week; one craving (test).');
    await writing.getByRole('textbox', { name: 'Assessment' }).fill('Coping plan is working (test).');
    await writing.getByRole('textbox', { name: 'Plan', exact: true }).fill('Continue weekly (test).');
    await individualTemplate.getByRole('combobox', { name: 'Main approach' }).click();
    await desk.page.getByRole('option', { name: 'Relapse prevention', exact: true }).click();
    await individualTemplate
      .getByRole('textbox', { name: 'Skills taught' })
      .fill('Urge surfing, timed on a phone (test).');
    await expectAccessible(desk.page, 'writing an individual note on its template');
    await writing.getByRole('button', { name: 'Save draft' }).click();
    const individual = desk.page.getByRole('dialog', { name: 'Individual session note' });
    await individual.getByText('Urge surfing, timed on a phone (test).').waitFor();
    await individual.getByRole('button', { name: 'Sign note' }).click();
    await individual.getByRole('button', { name: 'Sign', exact: true }).click();

    // signing waits for whether risk was reviewed: the draft opens again, the field marked
    const refusedDraft = desk.page.getByRole('dialog', { name: 'Individual session note: edit draft' });
    await refusedDraft
      .getByRole('alert')
      .filter({ hasText: 'The note was not signed' })
      .getByText('Write Safety and risk before signing.')
      .waitFor();
    await refusedDraft.getByText('Choose one before signing.').waitFor();
    await expectAccessible(desk.page, 'an individual note refused for a template field');
    await refusedDraft.getByRole('combobox', { name: 'Safety and risk' }).click();
    await desk.page.getByRole('option', { name: 'Reviewed: no current concerns' }).click();
    await refusedDraft.getByRole('button', { name: 'Save draft' }).click();
    await individual.getByText('Reviewed: no current concerns').waitFor();
    await individual.getByRole('button', { name: 'Sign note' }).click();
    await individual.getByRole('button', { name: 'Sign', exact: true }).click();
    await individual.getByText('Signed', { exact: true }).first().waitFor();
    await desk.page.keyboard.press('Escape');
    await individual.waitFor({ state: 'hidden' });

    // and a case-management contact note, signed
    await notes.getByRole('button', { name: 'Write a note' }).click();
    await writing.getByRole('radio', { name: 'Case-management contact' }).check();
    await writing.getByRole('radio', { name: 'Phone' }).check();
    await writing
      .getByRole('textbox', { name: 'Summary' })
      .fill('Called about Friday’s plan; agreed to phone her sponsor at six (test).');
    expect(await writing.getByRole('checkbox', { name: 'Part 2 counseling note' }).count()).toBe(0);
    await expectAccessible(desk.page, 'writing a contact note');
    await writing.getByRole('button', { name: 'Save draft' }).click();
    const contact = desk.page.getByRole('dialog', { name: 'Case-management contact note' });
    await contact.getByText('Draft', { exact: true }).waitFor();
    await contact.getByRole('button', { name: 'Sign note' }).click();
    await contact.getByRole('button', { name: 'Sign', exact: true }).click();
    await contact.getByText('Signed', { exact: true }).first().waitFor();
    await contact.getByRole('button', { name: 'Add an addendum' }).waitFor();
    await desk.page.keyboard.press('Escape');
    await notes.getByRole('row').filter({ hasText: 'Case-management contact' }).getByText('Signed').waitFor();
    await desk.context.close();
  });
});
