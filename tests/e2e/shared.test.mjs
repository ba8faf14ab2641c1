// A shared or public computer: no plaintext answer is ever stored; "Take a break" locks the
// answers under a code shown once; the code (and only the code) brings them back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serverAndBrowser, answerEventUpToText, newPage, waitForHeading, storageDump, saveBundle, openWithAge, expectClean, expectNoAxeViolations } from './helpers.mjs';

// The event survey with short shared-computer timings, for the idle test.
const idleSurvey = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../surveys/folkehelsedagen.json'), 'utf8'));
idleSurvey.id = 'idle-test';
idleSurvey.shared = { idle_seconds: 2, warning_seconds: 3 };
const shared = serverAndBrowser({ extraFiles: { 'surveys/idle-test.json': JSON.stringify(idleSurvey) } });
const SECRET = 'Hemmelig pausesvar';

test('on a shared computer answers are never stored in plaintext, and a break is resumed only with its code', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en&device=shared'));
  await waitForHeading(page, 'Tell us what you think!');
  await page.getByText('This computer is set up as shared or public: no answers are kept in the browser.').waitFor();
  await expectNoAxeViolations(page, 'survey start on a shared computer');
  await page.getByRole('button', { name: 'Start' }).click();
  await answerEventUpToText(page, SECRET);

  let dump = await storageDump(page);
  assert.doesNotMatch(dump, /Hemmelig|food|lytt\.draft/);

  // The break: a code shown once, the answers sealed under it.
  await page.getByRole('button', { name: 'Take a break' }).click();
  await waitForHeading(page, 'Your answers are locked with a code');
  const code = (await page.locator('#resume-code').textContent()).trim();
  assert.match(code, /^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  await expectNoAxeViolations(page, 'break screen with the code');
  dump = await storageDump(page);
  assert.match(dump, /lytt\.paused\.folkehelsedagen\./);
  assert.doesNotMatch(dump, /Hemmelig|food|Very|lytt\.draft/);
  assert.ok(!dump.includes(code.replace('-', '')) && !dump.includes(code), 'the code is never stored');
  await page.getByRole('button', { name: 'I have written the code down' }).click();
  await waitForHeading(page, 'Tell us what you think!');

  // The next person sees nothing: not by the address, not after a reload.
  await page.goto(shared.server.url('#/s/folkehelsedagen/q/anything_else?lang=en'));
  await waitForHeading(page, 'Tell us what you think!');
  await page.reload();
  await waitForHeading(page, 'Tell us what you think!');
  assert.equal(await page.getByText(SECRET).count(), 0);

  // A wrong code, a malformed one, then the right one typed carelessly.
  const input = page.getByLabel('The code you got when you took a break');
  await input.fill('ABCDE-FGHJK');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('The code does not fit any answers on this computer.').waitFor();
  await expectNoAxeViolations(page, 'wrong resume code');
  await input.fill('abc');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('A code has 10 characters').waitFor();
  await input.fill(code.toLowerCase().replace('-', ' '));
  await input.press('Enter');
  await waitForHeading(page, 'Anything else you would like to say?');
  assert.equal(await page.getByLabel('Anything else you would like to say?').inputValue(), SECRET);
  // Resumed: the sealed copy is gone, and still nothing readable is stored.
  dump = await storageDump(page);
  assert.doesNotMatch(dump, /Hemmelig|lytt\.paused|lytt\.draft/);

  await page.goto(shared.server.url('#/s/folkehelsedagen/review'));
  await page.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(page, 'Thank you for your answers!');
  await page.getByText('Nothing readable is left on this computer.').waitFor();
  // The thank-you screen shows nothing of the answers: the next person may walk up to it.
  assert.equal(await page.locator('#record').count(), 0, 'no record on the thank-you screen');
  assert.doesNotMatch(await page.content(), /Hemmelig|"anything_else"/);
  dump = await storageDump(page);
  assert.doesNotMatch(dump, /Hemmelig|lytt\.paused|lytt\.draft/);
  assert.match(dump, /BEGIN AGE ENCRYPTED FILE/);
  const [record] = (await saveBundle(page, 'folkehelsedagen')).records.map(openWithAge);
  assert.equal(record.mode, 'shared');
  assert.deepEqual(record.answers, { today: 5, liked_best: 'food', anything_else: SECRET });
  // Back and forward lead to nothing of it either.
  for (const move of ['goBack', 'goForward', 'goBack']) {
    await page[move]();
    await page.locator('#screen-heading').waitFor();
    assert.doesNotMatch(await page.content(), /Hemmelig|"anything_else"/, move);
  }
  expectClean(page);
  await page.context().close();
});

test('the kind of device is remembered, and a personal device keeps its draft as before', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
  await waitForHeading(page, 'Tell us what you think!');
  const sharedBox = page.getByLabel('This is a shared or public computer');
  assert.equal(await sharedBox.isChecked(), false);
  await sharedBox.click();
  await page.reload();
  await waitForHeading(page, 'Tell us what you think!');
  const sharedNow = page.getByText('This computer is set up as shared or public: no answers are kept in the browser.');
  await sharedNow.waitFor();
  // A link cannot turn the protection off, not even one that says it is for a personal device.
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en&device=own'));
  await page.reload();
  await waitForHeading(page, 'Tell us what you think!');
  await sharedNow.waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.device')), '"shared"');
  // Leaving it is a choice on this screen, which says what changes.
  const leave = page.getByRole('button', { name: 'This is my own device' });
  await page.getByText('Your answers are then kept in the browser while you answer, and whoever uses it after you can read them.', { exact: false }).waitFor();
  await expectNoAxeViolations(page, 'leaving shared mode');
  await leave.click();
  await page.getByLabel('This is a shared or public computer').waitFor();
  assert.equal(await page.getByLabel('This is a shared or public computer').isChecked(), false);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  assert.match(await storageDump(page), /lytt\.draft\.folkehelsedagen/);
  assert.equal(await page.getByRole('button', { name: 'Take a break' }).count(), 0);
  await page.context().close();
});

test('on a shared computer, a while without input warns and then clears the screen', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/idle-test?lang=en&device=shared'));
  await waitForHeading(page, 'Tell us what you think!');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();

  // Warned after 2 s without input; "Continue" keeps everything.
  const warning = page.getByRole('alertdialog', { name: 'Are you still there?' });
  await warning.waitFor({ timeout: 10_000 });
  await page.getByText(/The screen will be cleared in \d seconds/).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'idle-continue', 'focus goes to Continue');
  await expectNoAxeViolations(page, 'idle warning');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await warning.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('radio', { name: 'Very happy', exact: true }).isChecked(), true);

  // Nobody answers the warning: the screen is cleared and the answers are gone.
  await warning.waitFor({ timeout: 10_000 });
  await page.getByText('The screen was cleared after a while without use.').waitFor({ timeout: 10_000 });
  await waitForHeading(page, 'Tell us what you think!');
  await page.goto(shared.server.url('#/s/idle-test/q/today?lang=en'));
  await waitForHeading(page, 'Tell us what you think!');
  assert.equal(await page.getByRole('button', { name: 'Start' }).count(), 1);
  assert.doesNotMatch(await storageDump(page), /lytt\.draft|lytt\.paused/);
  expectClean(page);
  await page.context().close();
});

test('on a shared computer the thank-you screen has the idle clock too, and clears itself to the start', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/idle-test?lang=en&device=shared'));
  await waitForHeading(page, 'Tell us what you think!');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  await page.goto(shared.server.url('#/s/idle-test/q/anything_else?lang=en'));
  await page.getByLabel('Anything else you would like to say?').fill(SECRET);
  await page.goto(shared.server.url('#/s/idle-test/review'));
  await page.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(page, 'Thank you for your answers!');
  await page.getByRole('alertdialog', { name: 'Are you still there?' }).waitFor({ timeout: 10_000 });
  await page.getByText('The screen was cleared after a while without use.').waitFor({ timeout: 10_000 });
  await waitForHeading(page, 'Tell us what you think!');
  for (const move of ['goBack', 'goForward', 'goForward']) {
    await page[move]();
    await page.locator('#screen-heading').waitFor();
    assert.doesNotMatch(await page.content(), /Hemmelig|"anything_else"|Your answers are locked/, move);
  }
  expectClean(page);
  await page.context().close();
});

test('paused answers come before Start, and a resume code brings back the language the link chose', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=sv&device=shared'));
  await waitForHeading(page, 'Tyck till!');
  await page.getByRole('button', { name: 'Börja' }).click();
  await page.getByRole('radio', { name: 'Mycket glad', exact: true }).check();
  await page.getByRole('button', { name: 'Ta en paus' }).click();
  const code = (await page.locator('#resume-code').textContent()).trim();
  await page.getByRole('button', { name: 'Jag har skrivit ner koden' }).click();

  // Later, from a plain address: the app is in its own default language.
  await page.goto(shared.server.url('#/s/folkehelsedagen'));
  await page.reload();
  await waitForHeading(page, 'Si din mening!');
  const [formFirst] = await page.evaluate(() => {
    const form = document.querySelector('form.resume');
    const start = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Start');
    return [Boolean(form && start && form.compareDocumentPosition(start) & Node.DOCUMENT_POSITION_FOLLOWING)];
  });
  assert.ok(formFirst, '"Continue with a code" comes before Start');
  await expectNoAxeViolations(page, 'survey start with paused answers');
  await page.getByLabel('Koden du fikk da du tok pause').fill(code);
  await page.getByRole('button', { name: 'Fortsett' }).click();
  await waitForHeading(page, 'Hur var dagen?');
  assert.equal(await page.getByRole('radio', { name: 'Mycket glad', exact: true }).isChecked(), true);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  await page.getByRole('button', { name: 'Nästa' }).waitFor();
  expectClean(page);
  await page.context().close();
});

test('what a paused draft stores in clear cannot be changed: its hour is bound in, and an impossible one is swept away', async () => {
  const page = await newPage(shared.browser, shared.server);
  const pause = async () => {
    await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en&device=shared'));
    await waitForHeading(page, 'Tell us what you think!');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
    await page.getByRole('button', { name: 'Take a break' }).click();
    const code = (await page.locator('#resume-code').textContent()).trim();
    await page.getByRole('button', { name: 'I have written the code down' }).click();
    await waitForHeading(page, 'Tell us what you think!');
    const key = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('lytt.paused.')));
    return { code, key };
  };
  // A fresh start of the page, as the next person would have it.
  const reopen = async () => {
    await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
    await page.reload();
    await waitForHeading(page, 'Tell us what you think!');
  };
  const rewrite = (key, from, to) => page.evaluate(([key, from, to]) => {
    localStorage.setItem(key, localStorage.getItem(key).replace(new RegExp(from), to));
  }, [key, from, to]);

  // An hour earlier: still within its 72 hours, but no longer what was sealed.
  let { code, key } = await pause();
  const hour = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)).paused_hour, key);
  await rewrite(key, `"paused_hour":${hour}`, `"paused_hour":${hour - 1}`);
  await reopen();
  await page.getByLabel('The code you got when you took a break').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('The code does not fit any answers on this computer.').waitFor();
  await page.evaluate((key) => localStorage.removeItem(key), key);

  // An hour that no clock arithmetic can take: counted as expired and removed at start.
  ({ key } = await pause());
  await rewrite(key, '"paused_hour":\\d+', '"paused_hour":-9223372036854775808');
  await reopen();
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), key), null, 'swept away');
  assert.equal(await page.getByLabel('The code you got when you took a break').count(), 0);
  expectClean(page);
  await page.context().close();
});
