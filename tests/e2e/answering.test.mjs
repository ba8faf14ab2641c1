// Answering: language changes mid-way, skip logic, declining, required questions, and
// screens reachable by their own links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, expectClean, waitForHeading, readRecord, expectRecordShape, expectNoAxeViolations } from './helpers.mjs';

const shared = serverAndBrowser();

const next = (page, name = 'Neste') => page.getByRole('button', { name, exact: true }).click();

test('switching language mid-survey keeps every answer and sets <html lang>', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByLabel('Hva er viktigst for deg akkurat nå?').fill('Å ha noen å snakke med');
  await next(page);
  await page.getByLabel('Helse').check();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb');

  await page.getByLabel('Språk').selectOption('sv');
  await waitForHeading(page, 'Vilka delar av livet gäller det?');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  assert.equal(await page.getByLabel('Hälsa').isChecked(), true);
  await page.getByRole('button', { name: 'Tillbaka' }).click();
  assert.equal(await page.getByLabel('Vad är viktigast för dig just nu?').inputValue(), 'Å ha noen å snakke med');

  await page.getByLabel('Språk').selectOption('nn');
  await waitForHeading(page, 'Kva er viktigast for deg akkurat no?');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nn');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  await page.getByRole('button', { name: 'Neste' }).click();
  await page.getByLabel('Språk').selectOption('en');
  await waitForHeading(page, 'Which parts of life does it concern?');
  assert.equal(await page.getByLabel('Health').isChecked(), true);
  // The choice survives a reload, and the record says which language was used.
  await page.reload();
  await waitForHeading(page, 'Which parts of life does it concern?');
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/help_with_it'));
  await page.getByLabel('Agree', { exact: true }).check();
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await waitForHeading(page, 'Check your answers');
  await page.getByRole('button', { name: 'Finish' }).click();
  const record = await readRecord(page);
  expectRecordShape(record, { survey: 'hva-er-viktig', language: 'en' });
  assert.deepEqual(record.answers, { most_important: 'Å ha noen å snakke med', areas: ['health'], help_with_it: 'agree' });
  expectClean(page);
  await page.context().close();
});

test('a link can choose the language', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=sv'));
  await waitForHeading(page, 'Tyck till!');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  await page.getByRole('button', { name: 'Börja' }).waitFor();
  await page.context().close();
});

test('skip logic shows and hides questions, and hidden answers are dropped', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  await next(page, 'Next');
  await page.getByLabel('Housing').check();
  await next(page, 'Next');
  await waitForHeading(page, 'Do you feel safe where you live?');
  await page.getByLabel('No', { exact: true }).check();
  await next(page, 'Next');
  await waitForHeading(page, 'Choose the three that matter most to you, in order.');
  await next(page, 'Next');
  await waitForHeading(page, 'How well is it going with what matters most to you?');
  await page.getByRole('radio', { name: '2', exact: true }).check();
  await next(page, 'Next');
  // going <= 4 and money not chosen: "more_help" is shown.
  await waitForHeading(page, 'What could make it better?');
  await page.getByLabel('What could make it better?').fill('Mer tid');
  await next(page, 'Next');
  await waitForHeading(page, 'Do the people who help you know what matters to you?');
  // Go back and change the answers that "housing_safe" and "more_help" depend on.
  for (let i = 0; i < 5; i++) await page.getByRole('button', { name: 'Back' }).click();
  await waitForHeading(page, 'Which parts of life does it concern?');
  await page.getByLabel('Housing').uncheck();
  await page.getByLabel('Money').check();
  await next(page, 'Next');
  await waitForHeading(page, 'Choose the three that matter most to you, in order.');
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/housing_safe'));
  // A hidden question's link leads to a question that is shown.
  await waitForHeading(page, 'What matters most to you right now?');
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/help_with_it'));
  await page.getByLabel('Neither', { exact: true }).check();
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await waitForHeading(page, 'Check your answers');
  const reviewText = await page.locator('dl.answers').textContent();
  assert.doesNotMatch(reviewText, /Do you feel safe where you live/);
  assert.doesNotMatch(reviewText, /What could make it better/);
  await page.getByRole('button', { name: 'Finish' }).click();
  const record = await readRecord(page);
  assert.deepEqual(record.answers, { areas: ['money'], going: 2, help_with_it: 'neutral' });
  expectClean(page);
  await page.context().close();
});

test('a message on a question screen follows a change of language', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/help_with_it'));
  await waitForHeading(page, 'I get help with what matters to me.');
  await next(page, 'Next');
  await page.getByRole('alert').filter({ hasText: 'Answer the question, or choose “I prefer not to answer”.' }).waitFor();
  await page.getByLabel('Language').selectOption('sv');
  await page.getByRole('alert').filter({ hasText: 'Svara på frågan, eller välj ”Jag vill helst inte svara”.' }).waitFor();
  assert.equal(await page.getByText('Answer the question', { exact: false }).count(), 0, 'no English left');
  expectClean(page);
  await page.context().close();
});

test('declining is recorded, and a required question needs an answer or a decline', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/help_with_it?lang=en'));
  // No draft yet: the link leads to the survey's start.
  await page.getByRole('button', { name: 'Start' }).click();
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/help_with_it'));
  await waitForHeading(page, 'I get help with what matters to me.');
  await page.getByText('This question needs an answer').waitFor();
  await next(page, 'Next');
  const alert = page.getByRole('alert').filter({ hasText: 'Answer the question, or choose “I prefer not to answer”.' });
  await alert.waitFor();
  await expectNoAxeViolations(page, 'required question with its error');
  assert.match(page.url(), /q\/help_with_it$/);
  await page.getByLabel('I prefer not to answer').check();
  assert.equal(await alert.count(), 0, 'the error goes once the question is declined');
  await next(page, 'Next');
  await waitForHeading(page, 'Thank you! One question left.');
  // Declining and then answering replaces the decline.
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/going'));
  await page.getByLabel('I prefer not to answer').check();
  await page.getByRole('radio', { name: '5', exact: true }).check();
  assert.equal(await page.getByLabel('I prefer not to answer').isChecked(), false);
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/areas'));
  await page.getByLabel('I prefer not to answer').check();
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await waitForHeading(page, 'Check your answers');
  assert.match(await page.locator('dl.answers').textContent(), /Prefers not to answer/);
  await page.getByRole('button', { name: 'Finish' }).click();
  const record = await readRecord(page);
  assert.deepEqual(record.answers, { areas: { declined: true }, going: 5, help_with_it: { declined: true } });
  expectClean(page);
  await page.context().close();
});

test('the review screen lists a skipped required question and its link fixes it', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await waitForHeading(page, 'Check your answers');
  const missing = page.getByRole('alert').filter({ hasText: 'These questions need an answer first:' });
  await missing.getByRole('link', { name: 'I get help with what matters to me.' }).click();
  await waitForHeading(page, 'I get help with what matters to me.');
  await page.getByLabel('Agree', { exact: true }).check();
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await waitForHeading(page, 'Check your answers');
  assert.equal(await missing.count(), 0);
  // Each answer has a "Change" link to its question.
  await page.getByRole('link', { name: /^Change\W+I get help with what matters to me\.$/ }).click();
  await waitForHeading(page, 'I get help with what matters to me.');
  assert.equal(await page.getByLabel('Agree', { exact: true }).isChecked(), true);
  await page.context().close();
});

test('numbers and ranking: wrong input is explained and not recorded', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.goto(shared.server.url('#/s/hva-er-viktig/q/top3'));
  await waitForHeading(page, 'Choose the three that matter most to you, in order.');
  await page.getByLabel('Number 1').selectOption('respect');
  await page.getByLabel('Number 2').selectOption('respect');
  await page.getByLabel('Number 3').selectOption('skilled');
  await next(page, 'Next');
  await page.getByRole('alert').filter({ hasText: 'Choose 3 different options.' }).waitFor();
  assert.match(page.url(), /q\/top3$/);
  await page.getByLabel('Number 2').selectOption('contact');
  await next(page, 'Next');
  await waitForHeading(page, 'How well is it going with what matters most to you?');
  await page.getByRole('radio', { name: '9', exact: true }).check();
  await page.getByLabel('Do the people who help you know').waitFor({ state: 'detached' }).catch(() => {});
  await next(page, 'Next');
  await page.getByRole('radio', { name: 'Happy', exact: true }).check();
  await next(page, 'Next');
  await page.getByLabel('Disagree', { exact: true }).check();
  await next(page, 'Next');
  await waitForHeading(page, 'About how many times have you met the service in the last month?');
  const box = page.getByLabel('About how many times have you met the service in the last month?');
  await box.fill('100');
  await next(page, 'Next');
  await page.getByRole('alert').filter({ hasText: 'Enter a whole number from 0 to 99.' }).waitFor();
  await box.fill('twelve');
  await next(page, 'Next');
  await page.getByRole('alert').filter({ hasText: 'Enter a whole number from 0 to 99.' }).waitFor();
  await box.fill('12');
  await next(page, 'Next');
  await waitForHeading(page, 'Thank you! One question left.');
  await page.goto(shared.server.url('#/s/hva-er-viktig/review'));
  await page.getByRole('button', { name: 'Finish' }).click();
  const record = await readRecord(page);
  assert.deepEqual(record.answers, { top3: ['respect', 'contact', 'skilled'], going: 9, helpers_know: 4, help_with_it: 'disagree', visits: 12 });
  expectClean(page);
  await page.context().close();
});

test('at 320 px and at 200 % zoom nothing needs sideways scrolling', async () => {
  for (const [width, scale] of [[320, 1], [640, 2]]) {
    const context = await shared.browser.newContext({ viewport: { width: width / scale, height: 700 }, deviceScaleFactor: scale });
    const page = await newPage(context, shared.server);
    // 200 % zoom of a 640 px window is a 320 CSS-pixel layout.
    for (const hash of ['#/', '#/s/bruker-spor-bruker']) {
      await page.goto(shared.server.url(hash));
      await waitForHeading(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${hash} at ${width}px/${scale}x overflows by ${overflow}px`);
    }
    await page.getByRole('button', { name: 'Start' }).click();
    for (const id of ['overall', 'top3', 'respect']) {
      await page.goto(shared.server.url(`#/s/bruker-spor-bruker/q/${id}`));
      await waitForHeading(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${id} overflows by ${overflow}px`);
      // Every control a finger presses is at least 44 px high.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll('button, select, label.choice, label.step, label.face, textarea, input[type=text]')]
          .filter((e) => e.getBoundingClientRect().height < 44)
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(small, []);
    }
    await context.close();
  }
});

test("a survey's link fetches its file once, before the app starts, and the service worker waits for the first screen", async () => {
  const page = await newPage(shared.browser, shared.server);
  // When the page first starts a wasm module (its compiling may begin earlier), and whether a
  // screen heading was on the page when the service worker was registered.
  await page.addInitScript(() => {
    for (const name of ['instantiate', 'instantiateStreaming']) {
      const instantiate = WebAssembly[name];
      WebAssembly[name] = function (...args) {
        window.firstWasmStart ??= performance.now();
        return instantiate.apply(this, args);
      };
    }
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.headingAtRegister = document.getElementById('screen-heading')?.textContent ?? null;
      return register.apply(this, args);
    };
  });
  const surveyFiles = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/surveys/hva-er-viktig.json')) surveyFiles.push(request.url());
  });
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(page, 'Hva er viktig for deg?');
  await page.waitForFunction(() => window.headingAtRegister !== undefined);
  assert.equal(surveyFiles.length, 1, surveyFiles.join());
  const [fileStart, wasmStart, headingAtRegister] = await page.evaluate(() => [
    performance.getEntriesByType('resource').find((e) => e.name.endsWith('/surveys/hva-er-viktig.json'))?.startTime,
    window.firstWasmStart,
    window.headingAtRegister,
  ]);
  assert.ok(fileStart < wasmStart, `survey file asked for at ${fileStart} ms, first wasm started at ${wasmStart} ms`);
  assert.equal(headingAtRegister, 'Hva er viktig for deg?');
  expectClean(page);
  await page.context().close();
});
