// Drafts: every answer survives a reload, a closed tab and a new browser page; the place is
// kept; "discard my answers" removes the draft.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, expectClean, waitForHeading, readRecord, expectRecordShape, storageDump, appUp } from './helpers.mjs';

const shared = serverAndBrowser();

async function answerFirstHalf(page) {
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForHeading(page, 'Hva er viktigst for deg akkurat nå?');
  await page.getByLabel('Hva er viktigst for deg akkurat nå?').fill('Et trygt sted å bo');
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Bolig').check();
  await page.getByLabel('Økonomi').check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Delvis').check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Nummer 1').selectOption('decide');
  await page.getByLabel('Nummer 2').selectOption('respect');
  await page.getByLabel('Nummer 3').selectOption('contact');
  await page.getByRole('button', { name: 'Neste' }).click();
  await waitForHeading(page, 'Hvor godt går det med det som er viktigst for deg?');
  await page.getByRole('radio', { name: '7', exact: true }).check();
}

async function expectFirstHalf(page) {
  // The place is kept: still on the scale question, with its answer.
  await waitForHeading(page, 'Hvor godt går det med det som er viktigst for deg?');
  assert.match(page.url(), /#\/s\/hva-er-viktig\/q\/going$/);
  assert.equal(await page.getByRole('radio', { name: '7', exact: true }).isChecked(), true);
  await page.getByRole('button', { name: 'Tilbake' }).click();
  assert.deepEqual(
    await Promise.all([1, 2, 3].map((n) => page.getByLabel(`Nummer ${n}`).inputValue())),
    ['decide', 'respect', 'contact'],
  );
  await page.getByRole('button', { name: 'Tilbake' }).click();
  assert.equal(await page.getByLabel('Delvis').isChecked(), true);
  await page.getByRole('button', { name: 'Tilbake' }).click();
  assert.equal(await page.getByLabel('Bolig').isChecked(), true);
  assert.equal(await page.getByLabel('Økonomi').isChecked(), true);
  assert.equal(await page.getByLabel('Helse').isChecked(), false);
  await page.getByRole('button', { name: 'Tilbake' }).click();
  assert.equal(await page.getByLabel('Hva er viktigst for deg akkurat nå?').inputValue(), 'Et trygt sted å bo');
}

test('a reload in the middle keeps every answer and the place', async () => {
  const page = await newPage(shared.browser, shared.server);
  await answerFirstHalf(page);
  await page.reload();
  await expectFirstHalf(page);
  expectClean(page);
  await page.context().close();
});

test('a closed tab and a new page continue where the person was', async () => {
  const page = await newPage(shared.browser, shared.server);
  const context = page.context();
  await answerFirstHalf(page);
  await page.close();
  const again = await newPage(context, shared.server);
  await again.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(again, 'Hva er viktig for deg?');
  await again.getByText('Du har svar som er lagret på denne enheten.').waitFor();
  await again.getByRole('button', { name: 'Fortsett der du var' }).click();
  await expectFirstHalf(again);
  expectClean(again);
  await context.close();
});

test('a browser restart (storage kept on disk) continues with every answer', async () => {
  const page = await newPage(shared.browser, shared.server);
  const context = page.context();
  await answerFirstHalf(page);
  const state = await context.storageState();
  await context.close();
  const fresh = await shared.browser.newContext({ viewport: { width: 360, height: 740 }, storageState: state });
  const again = await newPage(fresh, shared.server);
  await again.goto(shared.server.url('#/s/hva-er-viktig/q/going'));
  await expectFirstHalf(again);
  await fresh.close();
});

test('discarding removes the draft from the device', async () => {
  const page = await newPage(shared.browser, shared.server);
  await answerFirstHalf(page);
  assert.match(await storageDump(page), /Et trygt sted å bo/);
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await page.getByRole('button', { name: 'Slett svarene mine' }).click();
  await page.getByText('Vil du slette alle svarene dine i denne undersøkelsen?').waitFor();
  await page.getByRole('button', { name: 'Ja, slett dem' }).click();
  await page.getByText('Svarene dine er slettet.').waitFor();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  assert.doesNotMatch(await storageDump(page), /Et trygt sted å bo/);
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.draft.hva-er-viktig')), null);
  // A link into the middle of a discarded survey goes back to its start.
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/going'));
  await page.getByRole('button', { name: 'Start' }).waitFor();
  assert.match(page.url(), /#\/s\/hva-er-viktig$/);
  expectClean(page);
  await page.context().close();
});

test('drafts older than 14 days are removed on start', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url());
  // The app must be up (its start-up sweep done) before the old drafts are written, or that
  // sweep, not the one after the reload, would remove them.
  await waitForHeading(page, 'Velg en undersøkelse');
  await appUp(page);
  const today = Math.floor((Date.now() - new Date().getTimezoneOffset() * 60000) / 86400000);
  await page.evaluate((day) => {
    const draft = (survey, updated) => JSON.stringify({
      survey, survey_version: '2026-11-22', language: 'nb', answers: { most_important: 'gammelt svar' },
      place: 'q:areas', updated_day: updated,
    });
    localStorage.setItem('lytt.draft.hva-er-viktig', draft('hva-er-viktig', day - 15));
    localStorage.setItem('lytt.draft.nyttesamtale', draft('nyttesamtale', day - 2));
  }, today);
  await page.reload();
  await page.getByText('1 utkast som var eldre enn 14 dager, er slettet.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.draft.hva-er-viktig')), null);
  assert.notEqual(await page.evaluate(() => localStorage.getItem('lytt.draft.nyttesamtale')), null);
  await page.context().close();
});

test('the finished record holds exactly the answers given, and the draft is gone', async () => {
  const page = await newPage(shared.browser, shared.server);
  await answerFirstHalf(page);
  await page.getByRole('button', { name: 'Neste' }).click();
  // going = 7 and money chosen: more_help stays hidden.
  await waitForHeading(page, 'Vet de som hjelper deg hva som er viktig for deg?');
  await page.getByRole('radio', { name: 'Glad', exact: true }).check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Helt enig').check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Omtrent hvor mange ganger har du møtt tjenesten den siste måneden?').fill('4');
  await page.getByRole('button', { name: 'Neste' }).click();
  await waitForHeading(page, 'Takk! Ett spørsmål igjen.');
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Jeg vil helst ikke svare').check();
  await page.getByRole('button', { name: 'Neste' }).click();
  await waitForHeading(page, 'Se over svarene dine');
  await page.getByRole('button', { name: 'Fullfør' }).click();
  await waitForHeading(page, 'Takk for svarene dine!');
  const record = await readRecord(page);
  expectRecordShape(record, { survey: 'hva-er-viktig', language: 'nb' });
  assert.deepEqual(record.answers, {
    most_important: 'Et trygt sted å bo',
    areas: ['housing', 'money'],
    housing_safe: 'partly',
    top3: ['decide', 'respect', 'contact'],
    going: 7,
    helpers_know: 4,
    help_with_it: 'strongly_agree',
    visits: 4,
    listened_today: { declined: true },
  });
  assert.doesNotMatch(await storageDump(page), /Et trygt sted å bo/);
  // Back and reload cannot bring the finished answers back as a draft.
  await page.goBack();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  expectClean(page);
  await page.context().close();
});
