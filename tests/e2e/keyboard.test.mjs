// Each starter survey, completed with the keyboard alone, with axe on every screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  serverAndBrowser, newPage, expectNoAxeViolations, expectClean, readRecord, expectRecordShape, waitForHeading,
} from './helpers.mjs';

const shared = serverAndBrowser();

const surveyFile = (id) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../surveys/${id}.json`), 'utf8'));

/** Presses Tab until the focused element satisfies `predicate` (an in-page function body). */
async function tabTo(page, description, predicate, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(predicate)) return;
  }
  throw new Error(`Tab never reached ${description}`);
}

const focusedIs = (selector) => `document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`;

/** Answers the question on screen with the keyboard; returns the answer given, as recorded. */
async function answerByKeyboard(page, question) {
  switch (question.type) {
    case 'info':
      return undefined;
    case 'text': {
      await tabTo(page, 'the text box', focusedIs('textarea#answer'));
      const text = `Svar på ${question.id}: æøå`;
      await page.keyboard.type(text);
      return text;
    }
    case 'number': {
      await tabTo(page, 'the number box', focusedIs('input#answer'));
      const n = Math.min(question.max, question.min + 2);
      await page.keyboard.type(String(n));
      return n;
    }
    case 'single':
    case 'scale':
    case 'smiley': {
      await tabTo(page, 'the first choice', focusedIs('fieldset input[type=radio]'));
      // Arrow keys move through a radio group and choose as they go.
      await page.keyboard.press('ArrowDown');
      const value = await page.evaluate(() => document.activeElement.value);
      assert.equal(await page.evaluate(() => document.activeElement.checked), true);
      return question.type === 'single' ? value : Number(value);
    }
    case 'multi': {
      await tabTo(page, 'the first checkbox', focusedIs('fieldset input[type=checkbox]'));
      await page.keyboard.press('Space');
      const first = await page.evaluate(() => document.activeElement.value);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      const second = await page.evaluate(() => document.activeElement.value);
      return [first, second];
    }
    case 'ranking': {
      const chosen = [];
      for (let slot = 0; slot < question.pick; slot++) {
        await tabTo(page, `ranking place ${slot + 1}`, focusedIs(`select#rank-${slot}`));
        // Place n takes the n-th option: ArrowDown n times from "Choose ...".
        for (let k = 0; k <= slot; k++) await page.keyboard.press('ArrowDown');
        chosen.push(await page.evaluate(() => document.activeElement.value));
      }
      return chosen;
    }
    default:
      throw new Error(`unknown type ${question.type}`);
  }
}

async function pressButton(page, name) {
  await tabTo(page, `the "${name}" button`, `document.activeElement && document.activeElement.matches('button, a') && document.activeElement.textContent.trim() === ${JSON.stringify(name)}`);
  await page.keyboard.press('Enter');
}

for (const id of ['hva-er-viktig', 'bruker-spor-bruker', 'nyttesamtale', 'folkehelsedagen']) {
  test(`${id}: completed by keyboard only, axe clean on every screen`, async () => {
    const survey = surveyFile(id);
    const page = await newPage(shared.browser, shared.server);
    await page.goto(shared.server.url());
    await waitForHeading(page, 'Velg en undersøkelse');
    await expectNoAxeViolations(page, 'start page');
    // Choose English with the keyboard, then open the survey from the list.
    await tabTo(page, 'the language menu', focusedIs('select#language'));
    // Typing a name's first letter chooses it, as in any menu.
    await page.keyboard.press('E');
    await waitForHeading(page, 'Choose a survey');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    await tabTo(page, 'the survey link', `document.activeElement && document.activeElement.getAttribute('href') === '#/s/${id}'`);
    await page.keyboard.press('Enter');
    await waitForHeading(page, survey.title.en);
    await expectNoAxeViolations(page, `${id} intro`);
    await pressButton(page, 'Start');

    const given = {};
    for (let step = 0; step < 40; step++) {
      const hash = await page.evaluate(() => location.hash);
      const m = /\/q\/([a-z0-9_-]+)$/.exec(hash);
      if (!m) break;
      const question = survey.questions.find((q) => q.id === m[1]);
      await waitForHeading(page, question.prompt.en);
      // Focus moves once the screen is drawn (a task after the route changes), so wait for it.
      await page.waitForFunction(() => document.activeElement?.id === 'screen-heading', null, { timeout: 5000 })
        .catch(() => assert.fail(`focus did not move to the heading of ${question.id}`));
      await expectNoAxeViolations(page, `${id}/${question.id}`);
      const answer = await answerByKeyboard(page, question);
      if (answer !== undefined) given[question.id] = answer;
      await pressButton(page, 'Next');
      await page.waitForFunction((h) => location.hash !== h, hash);
    }
    await waitForHeading(page, 'Check your answers');
    assert.match(page.url(), /\/lytt\/#\/s\/[a-z-]+\/review$/);
    await expectNoAxeViolations(page, `${id} review`);
    await pressButton(page, 'Finish');
    await waitForHeading(page, 'Thank you for your answers!');
    await expectNoAxeViolations(page, `${id} done`);
    const record = await readRecord(page);
    expectRecordShape(record, { survey: id, language: 'en' });
    assert.equal(record.completed.includes('W'), (survey.privacy?.date_precision ?? 'week') === 'week');
    assert.deepEqual(record.answers, given);
    assert.equal(await page.evaluate(() => localStorage.getItem(`lytt.draft.${location.hash.split('/')[2]}`)), null, 'the draft is gone');
    expectClean(page);
    await page.close();
  });
}

/**
 * Answers every question on screen by keyboard where questions have no address of their own
 * (kiosk, interviews): the heading names the question; the last one's button says "Finish".
 */
async function answerInPlace(page, survey) {
  const given = {};
  for (let step = 0; step < 40; step++) {
    const heading = (await page.locator('#screen-heading').textContent()).trim();
    const question = survey.questions.find((q) => q.prompt.en === heading);
    assert.ok(question, `a question on screen, not "${heading}"`);
    await page.waitForFunction(() => document.activeElement?.id === 'screen-heading', null, { timeout: 5000 })
      .catch(() => assert.fail(`focus did not move to the heading of ${question.id}`));
    const answer = await answerByKeyboard(page, question);
    if (answer !== undefined) given[question.id] = answer;
    if (await page.getByRole('button', { name: 'Finish', exact: true }).count()) {
      await pressButton(page, 'Finish');
      return given;
    }
    await pressButton(page, 'Next');
    await page.waitForFunction((h) => document.getElementById('screen-heading')?.textContent.trim() !== h, heading);
  }
  throw new Error('never reached the last question');
}

test('a kiosk is set up, answered, and opened for staff by keyboard only', async () => {
  const survey = surveyFile('folkehelsedagen');
  const page = await newPage(shared.browser, shared.server, { width: 800, height: 1000 });
  await page.goto(shared.server.url('#/kiosk?lang=en'));
  await waitForHeading(page, 'Start a kiosk');
  await page.locator('input[name=kiosk-survey]').first().waitFor();
  await tabTo(page, 'the survey choice', focusedIs('input[name=kiosk-survey]'));
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement.value)) !== 'folkehelsedagen'; i++) {
    await page.keyboard.press('ArrowDown');
  }
  await tabTo(page, 'the PIN', focusedIs('#kiosk-pin'));
  await page.keyboard.type('471100');
  await page.keyboard.press('Tab');
  await page.keyboard.type('471100');
  await page.keyboard.press('Enter');
  await waitForHeading(page, survey.title.en);
  await pressButton(page, 'Start');
  const given = await answerInPlace(page, survey);
  await waitForHeading(page, 'Thank you!');
  await waitForHeading(page, survey.title.en);

  await pressButton(page, 'Staff');
  await page.waitForFunction(() => document.activeElement?.id === 'staff-pin');
  await page.keyboard.type('471100');
  await page.keyboard.press('Enter');
  await waitForHeading(page, 'For staff');
  const [download] = await Promise.all([page.waitForEvent('download'), pressButton(page, 'Save encrypted file')]);
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(bundle.records.length, 1);
  assert.ok(Object.keys(given).length >= 4, JSON.stringify(given));
  await pressButton(page, 'I have saved the file');
  await pressButton(page, 'Leave kiosk mode');
  await waitForHeading(page, 'Choose a survey');
  expectClean(page);
  await page.context().close();
});

test('an interview is run by keyboard only', async () => {
  const survey = surveyFile('bruker-spor-bruker');
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/interview/bruker-spor-bruker?lang=en'));
  await waitForHeading(page, 'Use this phone for peer interviews?');
  await pressButton(page, 'Yes, use it for interviews');
  await waitForHeading(page, 'Peer interviews');
  await pressButton(page, 'New interview');
  await waitForHeading(page, 'Before we start');
  await tabTo(page, 'the consent box', focusedIs('#consent-given'));
  await page.keyboard.press('Space');
  await pressButton(page, 'Start the questions');
  await waitForHeading(page, survey.questions[0].prompt.en);
  await answerInPlace(page, survey);
  await page.getByText('The interview is locked. Nobody on this phone can open it again.').waitFor();
  await page.getByText('1 sealed answer is waiting to be saved.').waitFor();
  await pressButton(page, 'Leave interviewer mode');
  await waitForHeading(page, 'Choose a survey');
  expectClean(page);
  await page.context().close();
});
