// The event kiosk: staff start it with a PIN; each visitor gets a fresh survey; nothing of one
// visitor reaches the next (back, history, reload, autofill, storage); a visitor who walks away
// is asked, then the kiosk starts fresh; only the PIN opens export and the way out, and too
// many wrong PINs lock it; the exported file is read by the reference age tool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serverAndBrowser, answerEventUpToText, saveBundle, openWithAge, newPage, waitForHeading, storageDump, expectRecordShape, expectClean, expectNoAxeViolations } from './helpers.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

// The event survey with short kiosk timings: one for visitors, one for walking away.
const event = JSON.parse(readFileSync(join(ROOT, 'surveys/folkehelsedagen.json'), 'utf8'));
const withKiosk = (id, kiosk) => JSON.stringify({ ...event, id, kiosk });
const shared = serverAndBrowser({
  extraFiles: {
    'surveys/kiosk-test.json': withKiosk('kiosk-test', { idle_seconds: 60, warning_seconds: 10, thank_you_seconds: 2, on_idle: 'discard' }),
    'surveys/kiosk-idle.json': withKiosk('kiosk-idle', { idle_seconds: 2, warning_seconds: 3, thank_you_seconds: 2, on_idle: 'keep' }),
    'surveys/kiosk-gone.json': withKiosk('kiosk-gone', { idle_seconds: 1, warning_seconds: 3, thank_you_seconds: 2, on_idle: 'discard' }),
  },
});
const TITLE = 'Tell us what you think!';
const PIN = '471100';

/** Sets up a kiosk for `survey` from its link, and waits for the first visitor's screen. */
async function startKiosk(page, survey) {
  await page.goto(shared.server.url(`#/kiosk/${survey}?lang=en`));
  await waitForHeading(page, 'Start a kiosk');
  await page.getByLabel('Staff PIN (at least 6 digits)').fill(PIN);
  await page.getByLabel('The same PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await waitForHeading(page, TITLE);
}

/** One visitor answers the event survey with `words` as the free text and finishes. */
async function visitor(page, words) {
  await page.getByRole('button', { name: 'Start' }).click();
  await answerEventUpToText(page, words);
  await page.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(page, 'Thank you!');
}

/** Opens the staff screen with the PIN. */
async function openStaff(page, pin = PIN) {
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByLabel('PIN').fill(pin);
  await page.getByRole('button', { name: 'Open' }).click();
}

/** Saves the waiting answers as one file and decrypts every record in it with age. */
async function exportRecords(page, survey) {
  const bundle = await saveBundle(page, survey);
  await page.getByRole('button', { name: 'I have saved the file' }).click();
  await page.getByText('The file is saved, and the answers have been removed from this device.').waitFor();
  return bundle.records.map(openWithAge);
}

test('a kiosk serves visitors one after another, and the next can reach nothing of the last', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 800, height: 1000 });
  await page.goto(shared.server.url('#/kiosk/kiosk-test?lang=en'));
  await waitForHeading(page, 'Start a kiosk');
  assert.equal(await page.getByRole('radio', { name: 'kiosk-test' }).isChecked(), true, 'the link chose the survey');
  await expectNoAxeViolations(page, 'kiosk set-up');
  // A PIN must be 6 to 12 digits (four are refused) and typed the same twice.
  await page.getByLabel('Staff PIN (at least 6 digits)').fill('1234');
  await page.getByLabel('The same PIN again').fill('1234');
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await page.getByText('The PIN must have at least 6 and at most 12 digits, and digits only.').waitFor();
  await page.getByLabel('Staff PIN (at least 6 digits)').fill(PIN);
  await page.getByLabel('The same PIN again').fill('471200');
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await page.getByText('The two PINs are not the same.').waitFor();
  await page.getByLabel('The same PIN again').fill(PIN);
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await waitForHeading(page, TITLE);
  assert.ok(page.url().endsWith('#/kiosk'), page.url());
  await expectNoAxeViolations(page, 'kiosk welcome');
  let dump = await storageDump(page);
  assert.match(dump, /"mode\\":\\"kiosk\\"/);
  assert.ok(!dump.includes(PIN), 'the PIN is stored only as a hash');
  assert.equal(await page.getByRole('link', { name: 'Lytt' }).count(), 0, 'no link leads out of the kiosk');

  // Each heading the page shows, with when it came up, to time the thank-you screen.
  await page.evaluate(() => {
    window.headingsShown = [];
    new MutationObserver(() => {
      const text = document.getElementById('screen-heading')?.textContent;
      if (text && text !== window.headingsShown.at(-1)?.text) window.headingsShown.push({ text, at: performance.now() });
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await visitor(page, 'Første besøkende sitt svar');
  await expectNoAxeViolations(page, 'kiosk thank-you');
  await page.getByText('Your answers are locked so that only the survey\'s owner can read them.').waitFor();
  dump = await storageDump(page);
  assert.doesNotMatch(dump, /Første|food|lytt\.draft/);
  // The thank-you screen gives way to a fresh start by itself, after its two seconds.
  await waitForHeading(page, TITLE);
  const shown = await page.evaluate(() => window.headingsShown);
  const thanks = shown.findIndex((h) => h.text === 'Thank you!');
  assert.ok(thanks >= 0 && shown[thanks + 1]?.text === TITLE, JSON.stringify(shown));
  const thanksMs = shown[thanks + 1].at - shown[thanks].at;
  assert.ok(thanksMs >= 1950 && thanksMs < 4000, `the thank-you screen stayed ${thanksMs} ms`);

  // The next visitor tries every way back to the last one's answers.
  await page.goBack();
  await waitForHeading(page, TITLE);
  await page.goto(shared.server.url('#/s/kiosk-test/q/anything_else?lang=en'));
  await waitForHeading(page, TITLE);
  assert.ok(page.url().endsWith('#/kiosk'), 'the address is put back to the kiosk');
  await page.reload();
  await waitForHeading(page, TITLE);
  assert.equal(await page.getByText('Første').count(), 0);
  await page.getByRole('button', { name: 'Start' }).click();
  assert.equal(await page.getByRole('radio', { name: 'Very happy', exact: true }).isChecked(), false, 'a fresh survey');
  await expectNoAxeViolations(page, 'kiosk question');
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next' }).click();
  const text = page.getByLabel('Anything else you would like to say?');
  assert.equal(await text.inputValue(), '');
  assert.equal(await text.getAttribute('autocomplete'), 'off');
  // Back from the first question gives up the visit; nothing of it stays, and the next
  // person starts in the kiosk's own language again.
  await page.getByLabel('Language').selectOption('nb');
  await page.getByRole('button', { name: 'Tilbake' }).waitFor();
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Tilbake' }).click();
  await waitForHeading(page, TITLE);

  await visitor(page, 'Andre besøkende sitt svar');
  await waitForHeading(page, TITLE);

  // Staff: a wrong PIN, then the right one; two sealed answers wait; staff cannot read them.
  await openStaff(page, '000000');
  await page.getByText('Wrong PIN. 4 tries left before it locks.').waitFor();
  await expectNoAxeViolations(page, 'kiosk staff PIN');
  await page.getByLabel('PIN').fill(PIN);
  await page.getByRole('button', { name: 'Open' }).click();
  await waitForHeading(page, 'For staff');
  await page.getByText('2 sealed answers are waiting to be saved.').waitFor();
  assert.equal(await page.getByText('Første').count(), 0);
  await expectNoAxeViolations(page, 'kiosk staff screen');
  const records = await exportRecords(page, 'kiosk-test');
  assert.equal(records.length, 2);
  for (const record of records) expectRecordShape(record, { survey: 'kiosk-test', language: 'en', mode: 'kiosk' });
  assert.deepEqual(records.map((r) => r.answers.anything_else).sort(), ['Andre besøkende sitt svar', 'Første besøkende sitt svar']);

  // Back to the kiosk, then leaving it takes the PIN again.
  await page.getByRole('button', { name: 'Back to the kiosk' }).click();
  await waitForHeading(page, TITLE);
  await openStaff(page);
  await waitForHeading(page, 'For staff');
  await page.getByRole('button', { name: 'Leave kiosk mode' }).click();
  await waitForHeading(page, 'Choose a survey');
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.mode')), null);
  expectClean(page);
  await page.context().close();
});

test('too many wrong PINs lock the staff door, also after a reload', async () => {
  const page = await newPage(shared.browser, shared.server);
  await startKiosk(page, 'kiosk-test');
  await page.getByRole('button', { name: 'Staff' }).click();
  for (let i = 0; i < 4; i++) {
    await page.getByLabel('PIN').fill('999999');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText(`Wrong PIN. ${4 - i} ${4 - i === 1 ? 'try' : 'tries'} left before it locks.`).waitFor();
  }
  await page.getByLabel('PIN').fill('999999');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByText('Too many wrong PINs. Try again in 1 minute.').waitFor();
  await page.reload();
  await waitForHeading(page, TITLE);
  await openStaff(page);
  await page.getByText('Too many wrong PINs. Try again in 1 minute.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Leave kiosk mode' }).count(), 0, 'even the right PIN waits');

  // Setting the tablet's clock two hours forward (the page sees Date move; its own clock does
  // not) does not shorten the lock, before or after a reload.
  const forward = () => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() + 2 * 3600 * 1000;
  };
  await page.evaluate(forward);
  await page.getByRole('button', { name: 'Back to the kiosk' }).click();
  await openStaff(page);
  await page.getByText('Too many wrong PINs. Try again in 1 minute.').waitFor();
  await page.context().addInitScript(forward);
  await page.reload();
  await waitForHeading(page, TITLE);
  assert.ok(await page.evaluate(() => Date.now() - performance.timeOrigin > 3600 * 1000), 'the clock is ahead');
  await openStaff(page);
  await page.getByText('Too many wrong PINs. Try again in 1 minute.').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Leave kiosk mode' }).count(), 0);
  expectClean(page);
  await page.context().close();
});

test('a PIN try whose lock state cannot be stored says so', async () => {
  const page = await newPage(shared.browser, shared.server);
  await startKiosk(page, 'kiosk-test');
  // The tablet's storage fails from now on (full, or taken away).
  await page.evaluate(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByRole('button', { name: 'Staff' }).click();
  await page.getByLabel('PIN').fill('999999');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByText('Wrong PIN. 4 tries left before it locks. This try could not be saved on the tablet. Wrong PINs are not counted after the page is reloaded.').waitFor();
  // In memory the tries still count.
  await page.getByLabel('PIN').fill('999999');
  await page.getByRole('button', { name: 'Open' }).click();
  await page.getByText('Wrong PIN. 3 tries left before it locks.', { exact: false }).waitFor();
  expectClean(page);
  await page.context().close();
});

test('the kiosk\'s idle warning says what becomes of unfinished answers', async () => {
  const page = await newPage(shared.browser, shared.server);
  await startKiosk(page, 'kiosk-gone');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByText('so that the next person cannot see your answers. The answers you have given will be thrown away.').waitFor();
  await waitForHeading(page, TITLE);
  await openStaff(page);
  await page.getByText('No answers are waiting on this device.').waitFor();
  expectClean(page);
  await page.context().close();
});

test('a visitor who walks away is asked, then the kiosk starts fresh and keeps a partial record', async () => {
  const page = await newPage(shared.browser, shared.server);
  await startKiosk(page, 'kiosk-idle');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  // Still there: "Continue" keeps the answers.
  const dialog = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await dialog.waitFor({ timeout: 10_000 });
  await dialog.getByText('The answers you have given will be sealed and sent to the survey\'s owner.').waitFor();
  await expectNoAxeViolations(page, 'kiosk idle warning');
  await page.getByRole('button', { name: 'Continue' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByLabel('The food').check();
  // Walked away: after the warning, a fresh start; the answers so far are sealed as partial.
  await dialog.waitFor({ timeout: 10_000 });
  await waitForHeading(page, TITLE);
  assert.doesNotMatch(await storageDump(page), /food|lytt\.draft/);
  await openStaff(page);
  await page.getByText('1 sealed answer is waiting to be saved.').waitFor();
  const [record] = await exportRecords(page, 'kiosk-idle');
  expectRecordShape(record, { survey: 'kiosk-idle', language: 'en', mode: 'kiosk', status: 'partial' });
  assert.deepEqual(record.answers, { today: 5, liked_best: 'food' });

  // A visitor who switches to Swedish, opens the staff door and walks away leaves nothing there
  // for the next one; the record says the language it was answered in.
  await page.getByRole('button', { name: 'Back to the kiosk' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Language').selectOption('sv');
  await page.getByRole('radio', { name: 'Mycket ledsen', exact: true }).check();
  await page.getByRole('button', { name: 'Personal' }).click();
  await page.getByRole('alertdialog', { name: 'Är du kvar?' }).waitFor({ timeout: 10_000 });
  await waitForHeading(page, TITLE);
  await page.getByRole('button', { name: 'Start' }).click();
  assert.equal(await page.getByRole('radio', { name: 'Very sad', exact: true }).isChecked(), false);
  await openStaff(page);
  await page.getByText('1 sealed answer is waiting to be saved.').waitFor();
  const [left] = await exportRecords(page, 'kiosk-idle');
  assert.deepEqual([left.status, left.language, left.answers], ['partial', 'sv', { today: 1 }]);
  expectClean(page);
  await page.context().close();
});
