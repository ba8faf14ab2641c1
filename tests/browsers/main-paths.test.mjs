// The main paths in the engines many residents use besides Chromium: Firefox (ESR, from
// Debian) and WebKit (WebKitGTK's MiniBrowser, Safari's engine). Answering and finishing, a draft
// across a reload, sealing and saving the file (opened again with the reference `age` tool), the
// kiosk, the shared computer, and answering offline after a visit, against the release build on a
// plain static server.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, TEST_KEY } from '../e2e/helpers.mjs';
import { ENGINES, open, until, pageErrors } from './engines.mjs';

const heading = (page) => page.run(() => document.querySelector('#screen-heading')?.textContent.trim() ?? null);
const waitForHeading = (page, text) => until(async () => (await heading(page)) === text, `the heading "${text}"`);

/** The event survey in English, from its first question: a face, an option, and `words`. */
async function answerEvent(page, words) {
  await waitForHeading(page, 'How was today?');
  await page.click('input[type=radio][value="5"]');
  await page.clickText('Next');
  await waitForHeading(page, 'What did you like best?');
  await page.click('input[value=food]');
  await page.clickText('Next');
  await waitForHeading(page, 'Did you find useful information?');
  await page.clickText('Next');
  await waitForHeading(page, 'What would you like more of next year?');
  await page.clickText('Next');
  await waitForHeading(page, 'Anything else you would like to say?');
  await page.type('textarea', words);
}

/** Catches the file the app saves, instead of a download dialog (read from its Blob: the
 * page's Content-Security-Policy rightly lets nothing fetch a blob: address). */
function catchSavedFiles() {
  window.__saved = [];
  const blobs = [];
  const create = URL.createObjectURL;
  URL.createObjectURL = (blob) => {
    blobs.push(blob);
    return create.call(URL, blob);
  };
  HTMLAnchorElement.prototype.click = function () {
    const name = this.download;
    blobs.at(-1).text().then((text) => window.__saved.push({ name, text }));
  };
}

/** Opens each record of a saved bundle with the test identity and the reference `age` tool. */
function openBundle(text) {
  const bundle = JSON.parse(text);
  assert.equal(bundle.format, 'lytt-bundle/1');
  const dir = mkdtempSync(join(tmpdir(), 'lytt-browsers-'));
  return bundle.records.map((record, i) => {
    const file = join(dir, `${i}.age`);
    writeFileSync(file, record);
    return JSON.parse(execFileSync('age', ['-d', '-i', TEST_KEY, file], { encoding: 'utf8' }));
  });
}

test('both engines are here (scripts/setup.sh --test installs them)', () => {
  assert.deepEqual(ENGINES, ['firefox', 'webkit']);
});

for (const engine of ENGINES) {
  describe(engine, () => {
    let server;
    let page;
    before(async () => {
      server = await startServer();
      page = await open(engine);
    });
    after(async () => {
      await page?.close();
      server?.stop();
    });

    test('answer the event survey, finish, save the sealed file, and open it with age', async () => {
      await page.goto(server.url('#/s/folkehelsedagen?lang=en'));
      await waitForHeading(page, 'Tell us what you think!');
      await page.clickText('Start');
      await answerEvent(page, 'Fin dag i parken');
      await page.clickText('Next');
      await waitForHeading(page, 'Check your answers');
      await page.clickText('Finish');
      await waitForHeading(page, 'Thank you for your answers!');
      await page.run(catchSavedFiles);
      await page.clickText('Save encrypted file');
      const saved = await until(() => page.run(() => window.__saved[0]), 'the saved file');
      assert.match(saved.name, /^folkehelsedagen.*\.lytt\.json$/);
      const [record] = openBundle(saved.text);
      assert.equal(record.survey, 'folkehelsedagen');
      assert.deepEqual(record.answers, { today: 5, liked_best: 'food', anything_else: 'Fin dag i parken' });
      assert.ok(!saved.text.includes('Fin dag'), 'the file holds no readable answer');
      await page.clickText('I have saved the file');
      await until(
        () => page.run(() => document.body.textContent.includes('The file is saved, and the answers have been removed from this device.')),
        'the confirmation',
      );
      assert.deepEqual(await pageErrors(page), []);
    });

    test('an unfinished survey is there after a reload, answers and all', async () => {
      await page.goto(server.url('#/s/hva-er-viktig?lang=en'));
      await waitForHeading(page, 'What matters to you?');
      await page.clickText('Start');
      await waitForHeading(page, 'What matters most to you right now?');
      await page.type('textarea', 'Et sted å bo');
      await page.clickText('Next');
      await waitForHeading(page, 'Which parts of life does it concern?');
      await page.click('input[value=housing]');
      await page.reload();
      await waitForHeading(page, 'Which parts of life does it concern?');
      assert.equal(await page.run(() => document.querySelector('input[value=housing]').checked), true);
      await page.goto(server.url('#/s/hva-er-viktig'));
      await until(() => page.run(() => document.body.textContent.includes('You have answers saved on this device.')), 'the draft');
      await page.clickText('Continue where you were');
      await until(async () => (await heading(page)) !== 'What matters to you?', 'a question');
      await page.goto(server.url('#/s/hva-er-viktig/q/most_important'));
      await waitForHeading(page, 'What matters most to you right now?');
      assert.equal(await page.run(() => document.querySelector('textarea').value), 'Et sted å bo');
      assert.deepEqual(await pageErrors(page), []);
    });

    test('a shared computer keeps nothing readable in the browser, and a break gives a code', async () => {
      await page.goto(server.url('#/s/nyttesamtale?lang=en&device=shared'));
      await waitForHeading(page, 'Usefulness talk – after the help has ended');
      await until(() => page.run(() => document.body.textContent.includes('no answers are kept in the browser')), 'the shared notice');
      await page.clickText('Start');
      await until(() => page.run(() => !!document.querySelector('form.question')), 'the first question');
      const storage = () => page.run(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      await page.goto(server.url('#/s/nyttesamtale/q/what_helped'));
      await until(() => page.run(() => !!document.querySelector('textarea')), 'the free-text question');
      await page.type('textarea', 'Hemmelig hjelp');
      assert.ok(!(await storage()).includes('Hemmelig'), 'nothing typed is kept in the browser');
      await page.clickText('Take a break');
      await waitForHeading(page, 'Your answers are locked with a code');
      const code = await page.run(() => document.body.textContent.match(/[A-Z0-9]{5}-[A-Z0-9]{5}/)?.[0]);
      assert.ok(code, 'a resume code is shown');
      assert.ok(!(await storage()).includes('Hemmelig'), 'the break is sealed');
      assert.deepEqual(await pageErrors(page), []);
    });

    test('after a visit, a survey is answered and sealed with the server gone', async () => {
      await page.goto(server.url('#/s/folkehelsedagen?lang=en'));
      await waitForHeading(page, 'Tell us what you think!');
      await until(() => page.run(() => navigator.serviceWorker.controller !== null), 'the service worker', 30_000);
      // Every part the survey needs is fetched once while online.
      await page.clickText('Start');
      await waitForHeading(page, 'How was today?');
      server.stop();
      // A draft without answers is not kept: the reload shows the survey's start, from the
      // service worker's copies.
      await page.reload();
      await waitForHeading(page, 'Tell us what you think!');
      await page.clickText('Start');
      await answerEvent(page, 'Uten nett');
      await page.clickText('Next');
      await waitForHeading(page, 'Check your answers');
      await page.clickText('Finish');
      await waitForHeading(page, 'Thank you for your answers!');
      await until(() => page.run(() => document.body.textContent.includes('Save encrypted file')), 'the way to save it');
      assert.deepEqual(await pageErrors(page), []);
    });
    // Last: a kiosk holds the browser until staff leave it.
    test('the kiosk: a visitor answers and finishes, and the next one starts afresh', async () => {
      // The last test stopped its server: a new one, online.
      server = await startServer();
      await page.goto(server.url('#/kiosk/folkehelsedagen?lang=en'));
      await waitForHeading(page, 'Start a kiosk');
      await page.type('#kiosk-pin', '471100');
      await page.type('#kiosk-pin-again', '471100');
      await page.clickText('Start the kiosk');
      await waitForHeading(page, 'Tell us what you think!');
      await page.clickText('Start');
      await answerEvent(page, 'Kiosk i nettleseren');
      await page.clickText('Finish');
      await waitForHeading(page, 'Thank you!');
      // After the thank-you, the next visitor sees the start, and nothing of the last one.
      await waitForHeading(page, 'Tell us what you think!');
      assert.ok(!(await page.run(() => document.body.textContent.includes('Kiosk i nettleseren'))));
      assert.deepEqual(await pageErrors(page), []);
    });

  });
}
