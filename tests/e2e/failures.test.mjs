// Failures a person can meet: a bad survey file, a missing one, no network, corrupt,
// unavailable or full storage. Each gets a clear message and nothing is lost or thrown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { serverAndBrowser, newPage, expectClean, waitForHeading, expectNoAxeViolations, appUp } from './helpers.mjs';

const example = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../crates/lytt-core/tests/fixtures/survey-example.json'), 'utf8'));
const broken = structuredClone(example);
broken.id = 'broken';
broken.questions[5].show_if = { question: 'listened_today', at_least: 2 };
broken.questions[1].options[0].label = { nb: 'Bolig' };
broken.recipient = 'age1qqqq';
// A right-to-left survey: Arabic content, with English app text (the app has no Arabic).
const rtl = structuredClone(example);
rtl.id = 'rtl-check';
rtl.languages = ['ar', 'en'];
rtl.default_language = 'ar';
const toArabic = (node) => {
  if (Array.isArray(node)) return node.forEach(toArabic);
  if (node && typeof node === 'object') {
    if (typeof node.en === 'string' && typeof node.nb === 'string') {
      const en = node.en;
      for (const key of Object.keys(node)) delete node[key];
      node.ar = `ع ${en}`;
      node.en = en;
      return;
    }
    Object.values(node).forEach(toArabic);
  }
};
toArabic(rtl);

const shared = serverAndBrowser({
  extraFiles: {
    'surveys/broken.json': JSON.stringify(broken),
    'surveys/notjson.json': '{"format": "lytt-survey/1", ',
    'surveys/future.json': JSON.stringify({ ...example, id: 'future', format: 'lytt-survey/9' }),
    'surveys/rtl-check.json': JSON.stringify(rtl),
    // Nested 100,000 deep: read with a small stack, this must stay an error on the page.
    'surveys/deep.json': `{"format": "lytt-survey/1", "id": "deep", "intro": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  },
});

test('a survey file with errors shows every problem on a clear page', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/broken'));
  await waitForHeading(page, 'Denne undersøkelsen kan ikke åpnes');
  await page.getByText('Filen for undersøkelsen har feil. Gi beskjed til den som eier undersøkelsen.').waitFor();
  const problems = await page.locator('ul.problems li').allTextContents();
  assert.deepEqual(problems, [
    'recipient: "age1qqqq" is not an age X25519 recipient: it has the wrong length',
    'questions[1].options[0].label: has no text in "en"',
    'questions[1].options[0].label: has no text in "sv"',
    'questions[5].show_if: names "listened_today", which is not an earlier question',
  ]);
  await expectNoAxeViolations(page, 'survey error page');
  // The page follows the language too.
  await page.goto(shared.server.url('#/s/broken?lang=sv'));
  await waitForHeading(page, 'Den här enkäten kan inte öppnas');
  await page.goto(shared.server.url('#/s/notjson'));
  await page.locator('ul.problems li').filter({ hasText: 'the file is not valid JSON' }).waitFor();
  await page.goto(shared.server.url('#/s/future'));
  await page.locator('ul.problems li').filter({ hasText: 'format: "lytt-survey/9" is not a survey format this app reads' }).waitFor();
  await page.goto(shared.server.url('#/s/deep'));
  await page.locator('ul.problems li').filter({ hasText: 'recursion limit exceeded' }).waitFor();
  await waitForHeading(page, 'Den här enkäten kan inte öppnas');
  expectClean(page);
  await page.context().close();
});

test('a survey that does not exist, and an address that names no screen', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/no-such-survey?lang=en'));
  await page.getByText('The survey was not found. Check the link, or go to the start page.').waitFor();
  await page.goto(shared.server.url('#/nowhere/at/all'));
  await waitForHeading(page, 'This page does not exist.');
  await page.getByRole('link', { name: 'To the start page' }).click();
  await waitForHeading(page, 'Choose a survey');
  await page.context().close();
});

test('without network and nothing cached, a survey that cannot be fetched says so and can be retried', async () => {
  // No service worker: as in a browser without one, or before it has cached anything.
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  // Another survey opened first: the survey screens' part of the app is then loaded, and only
  // the survey file is missing.
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await page.goto(shared.server.url('#/?lang=en'));
  await waitForHeading(page, 'Choose a survey');
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Tell us what you think!' }).click();
  await page.getByText('Could not fetch the survey. Check the network and try again.').waitFor();
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForHeading(page, 'Tell us what you think!');
  expectClean(page);
  await page.context().close();
});

test('without network on a first visit, a part of the app not yet downloaded says so and comes on retry', async () => {
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname.split('/').pop()));
  await page.goto(shared.server.url('#/'));
  await waitForHeading(page, 'Velg en undersøkelse');
  // The start page in bokmål needs none of the parts (the app's screens, `split_app`, follow
  // it); in English only the English text.
  const parts = () => fetched.filter((name) => /^split_/.test(name)).map((name) => name.split('-')[0]).filter((name) => name !== 'split_app');
  assert.deepEqual(parts(), []);
  await page.getByLabel('Språk').selectOption('en');
  await waitForHeading(page, 'Choose a survey');
  assert.deepEqual(parts(), ['split_texts_en']);
  // The app's screens have taken over from the first screen (src/first.rs).
  await appUp(page);
  await page.context().setOffline(true);
  await page.getByRole('link', { name: 'Tell us what you think!' }).click();
  await waitForHeading(page, 'This part of Lytt could not be loaded');
  await page.getByText('Check that you are online and try again. Nothing you have answered is lost.').waitFor();
  await expectNoAxeViolations(page, 'part of the app missing');
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await waitForHeading(page, 'Tell us what you think!');
  assert.ok(fetched.some((name) => name.startsWith('split_opening-')), fetched.join());
  // The question screens' part follows the start screen.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_answering-/.test(e.name)));
  // Not the owner page, and no other language's text.
  assert.deepEqual(fetched.filter((name) => /^split_(owner|texts_nn|texts_sv)-/.test(name)), []);
  expectClean(page);
  await page.context().close();
});

test('a survey\'s start screen comes without the app\'s parts, which follow it; if the question screens\' fails, Start says so and retries', async () => {
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  // When each part was asked for, against when the start screen's Start button was there.
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (!globalThis.startShownAt && [...document.querySelectorAll('button')].some((b) => b.textContent === 'Start')) {
        globalThis.startShownAt = performance.now();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  let failing = true;
  await page.route(/split_answering-[0-9a-f]+\.wasm$/, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(page, 'Hva er viktig for deg?');
  const asked = () => page.evaluate(() => ({
    start: globalThis.startShownAt,
    parts: performance.getEntriesByType('resource').filter((e) => /\/(split|chunk)_/.test(e.name))
      .map((e) => ({ name: e.name.split('/').pop().split('-')[0], at: e.startTime })),
  }));
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_answering-/.test(e.name)));
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /split_opening-/.test(e.name)));
  const { start, parts } = await asked();
  assert.ok(start > 0, 'the Start button was seen');
  // On a first visit the start screen needs no part (src/first.rs): the app's screens and the
  // question screens' part follow it.
  for (const name of ['split_app', 'split_opening', 'split_answering']) {
    const part = parts.find((p) => p.name === name);
    assert.ok(part && part.at > start, `${name} was asked for before the start screen at ${start} ms: ${JSON.stringify(parts)}`);
  }
  // Its file did not come: Start says so, and nothing is lost.
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForHeading(page, 'Denne delen av Lytt kunne ikke lastes');
  await expectNoAxeViolations(page, 'the question screens\' part missing');
  failing = false;
  await page.getByRole('button', { name: 'Prøv igjen' }).click();
  await waitForHeading(page, 'Hva er viktigst for deg akkurat nå?');
  await page.context().close();
});

test('corrupt stored data is set aside and reported, and the app still starts', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url());
  // Written only once the app is up, so that the sweep after the reload is the one that finds it.
  await waitForHeading(page, 'Velg en undersøkelse');
  await appUp(page);
  await page.evaluate(() => {
    localStorage.setItem('lytt.draft.hva-er-viktig', '{"survey":"hva-er-viktig","answers":{"areas":');
    localStorage.setItem('lytt.draft.nyttesamtale', '"just a string"');
  });
  await page.reload();
  const notice = page.getByText('Noen lagrede data på denne enheten kunne ikke leses.');
  await notice.waitFor();
  await waitForHeading(page, 'Velg en undersøkelse');
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.equal(keys.length, 2);
  assert.ok(keys.every((k) => /^lytt\.set-aside\.\d+\.lytt\.draft\./.test(k)), keys.join());
  await page.getByRole('button', { name: 'Lukk' }).click();
  assert.equal(await notice.count(), 0);
  // The survey starts fresh.
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await page.getByRole('button', { name: 'Start' }).waitFor();
  expectClean(page);
  await page.context().close();
});

test('a draft from an older version of a survey keeps what still fits', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url());
  await waitForHeading(page, 'Velg en undersøkelse');
  await page.evaluate(() => {
    localStorage.setItem('lytt.draft.hva-er-viktig', JSON.stringify({
      survey: 'hva-er-viktig', survey_version: '2026-01-01', language: 'nb',
      answers: { most_important: 'Bolig', removed_question: 'x', going: 42, areas: ['health'] },
      place: 'q:areas', updated_day: Math.floor(Date.now() / 86400000),
    }));
  });
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await page.getByText('Undersøkelsen er endret siden du svarte, så 2 svar måtte fjernes.').waitFor();
  await page.getByRole('button', { name: 'Fortsett der du var' }).click();
  await waitForHeading(page, 'Hvilke deler av livet gjelder det?');
  assert.equal(await page.getByLabel('Helse').isChecked(), true);
  await page.context().close();
});

test('when storage is unavailable the person is told once and the survey goes on in memory', async () => {
  const context = await shared.browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await newPage(context, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
  const told = page.getByText('This browser does not let us save your answers on the device.');
  await told.waitFor();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Happy', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('The food').check();
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await page.getByRole('radio', { name: 'Happy', exact: true }).isChecked(), true);
  assert.equal(await told.count(), 1, 'told once, not once per answer');
  await page.goto(shared.server.url('#/s/folkehelsedagen/review'));
  await page.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(page, 'Thank you for your answers!');
  const record = JSON.parse(await page.locator('#record').textContent());
  assert.deepEqual(record.answers, { today: 4, liked_best: 'food' });
  expectClean(page);
  await context.close();
});

test('when storage is full the person is told once and nothing already answered is lost', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Sad', exact: true }).check();
  await page.evaluate(() => {
    const big = 'x'.repeat(1 << 20);
    for (let i = 0; i < 100; i++) {
      try { localStorage.setItem(`filler-${i}`, big); } catch { break; }
    }
    for (const size of [1 << 10, 16]) {
      const small = 'x'.repeat(size);
      for (let i = 0; i < 100000; i++) {
        try { localStorage.setItem(`small-${size}-${i}`, small); } catch { break; }
      }
    }
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('The talks').check();
  const told = page.getByText('The storage on this device is full.');
  await told.waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: 'Neutral', exact: true }).check();
  assert.equal(await told.count(), 1);
  await page.goto(shared.server.url('#/s/folkehelsedagen/review'));
  await page.getByRole('button', { name: 'Finish' }).click();
  const record = JSON.parse(await page.locator('#record').textContent());
  assert.deepEqual(record.answers, { today: 2, liked_best: 'talks', useful_info: 2 });
  await page.evaluate(() => localStorage.clear());
  expectClean(page);
  await page.context().close();
});

test('a broken list of surveys says so and offers a retry', async () => {
  // Routing stands in for the server here, and it does not see a service worker's requests.
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  await page.route('**/surveys/index.json', (route) => route.fulfill({ status: 200, body: '{"format":"other"}' }));
  await page.goto(shared.server.url('?lang=en'));
  await page.goto(shared.server.url('#/?lang=en'));
  await page.getByText('Could not fetch the list of surveys.').waitFor();
  await page.getByText('surveys/index.json: format "other" is not "lytt-survey-index/1"').waitFor();
  await page.unroute('**/surveys/index.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('link', { name: 'What matters to you?' }).waitFor();
  await page.context().close();
});

test('a right-to-left survey sets dir="rtl" and the language, and back to ltr in English', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/rtl-check?lang=ar'));
  await waitForHeading(page, 'ع What matters to you?');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
  // The app's own words are in Arabic too.
  await page.getByRole('button', { name: 'ابدأ', exact: true }).click();
  await waitForHeading(page, 'ع What matters most to you right now?');
  await page.getByLabel('ع What matters most to you right now?').fill('نص');
  await expectNoAxeViolations(page, 'right-to-left question');
  await page.getByLabel('اللغة').selectOption('en');
  await waitForHeading(page, 'What matters most to you right now?');
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['en', 'ltr']);
  assert.equal(await page.getByLabel('What matters most to you right now?').inputValue(), 'نص');
  expectClean(page);
  await page.context().close();
});

test('a language whose text cannot be fetched says so, and the app stays in its language', async () => {
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  await page.route(/split_texts_sv-[0-9a-f]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(shared.server.url('#/'));
  await waitForHeading(page, 'Velg en undersøkelse');
  await page.getByLabel('Språk').selectOption('sv');
  await page.getByText('Språket kunne ikke lastes. Sjekk at du er på nett, og prøv igjen.').waitFor();
  await waitForHeading(page, 'Velg en undersøkelse');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nb');
  assert.equal(await page.getByLabel('Språk').inputValue(), 'nb');
  // Once the network is back, choosing it again works.
  await page.unroute(/split_texts_sv-[0-9a-f]+\.wasm$/);
  await page.getByLabel('Språk').selectOption('en');
  await waitForHeading(page, 'Choose a survey');
  await page.getByLabel('Language').selectOption('sv');
  await waitForHeading(page, 'Välj en enkät');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'sv');
  expectClean(page);
  await page.context().close();
});
