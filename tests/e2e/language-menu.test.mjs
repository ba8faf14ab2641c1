// The language menu always shows the language in use: a survey without the chosen language is
// shown in its default language, and the menu says so rather than naming the first it offers.
// And where the app's own words are in another language than the survey's (a survey in a
// language the app does not have), each carries its own `lang` and `dir`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, newPage, expectClean, waitForHeading } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const original = JSON.parse(readFileSync(`${ROOT}surveys/hva-er-viktig.json`, 'utf8'));
const KEEP = ['en', 'sv'];
/** The survey with only English and Swedish text. */
const only = (value) => {
  if (Array.isArray(value)) return value.map(only);
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const localized = keys.length > 0 && keys.every((k) => ['nb', 'nn', 'sv', 'en'].includes(k));
    return Object.fromEntries(
      Object.entries(value).filter(([k]) => !localized || KEEP.includes(k)).map(([k, v]) => [k, only(v)]),
    );
  }
  return value;
};
const survey = { ...only(original), id: 'to-sprak', languages: ['en', 'sv'], default_language: 'sv' };

/** The English text under "he": a survey in a language the app's own words are not in. */
const relabel = (value) => {
  if (Array.isArray(value)) return value.map(relabel);
  if (value && typeof value === 'object') {
    if (typeof value.en === 'string') return { he: value.en };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relabel(v)]));
  }
  return value;
};
const hebrew = { ...relabel(only(original)), id: 'hebraisk', languages: ['he'], default_language: 'he' };

const shared = serverAndBrowser({
  extraFiles: { 'surveys/to-sprak.json': JSON.stringify(survey), 'surveys/hebraisk.json': JSON.stringify(hebrew) },
});

test('a survey without the chosen language shows, and names, its default language', async () => {
  const page = await newPage(shared.browser, shared.server);
  // The person chose bokmål; this survey has English and Swedish, Swedish first in its default.
  await page.goto(shared.server.url('#/s/to-sprak?lang=nb'));
  await waitForHeading(page, 'Vad är viktigt för dig?');
  assert.equal(await page.locator('#language').inputValue(), 'sv');
  assert.equal(await page.locator('#language option:checked').textContent(), 'Svenska');
  // Choosing English from the menu switches the survey's text.
  await page.locator('#language').selectOption('en');
  await waitForHeading(page, 'What matters to you?');
  assert.equal(await page.locator('#language').inputValue(), 'en');
  expectClean(page);
  await page.context().close();
});

test("the app's own words in a right-to-left survey carry their own language and direction", async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/hebraisk?lang=he'));
  const start = page.locator('.intro .nav button.primary');
  await start.waitFor();
  const marksOf = (selectors) => page.evaluate((selectors) => selectors.map((selector) => {
    const element = document.querySelector(selector);
    return element && [element.getAttribute('lang'), element.getAttribute('dir')];
  }), selectors);
  const onIntro = await marksOf(['.anonymous', '.intro .nav button.primary', '.intro h1']);
  await start.click();
  await page.locator('form.question').waitFor();
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['he', 'rtl']);
  const marks = await page.evaluate(() => [
    '.progress span', '.nav button.primary', '.nav button.secondary', '.decline span',
    '.test-key', '.fingerprint', 'label[for=language]',
  ].map((selector) => {
    const element = document.querySelector(selector);
    return element && [element.getAttribute('lang'), element.getAttribute('dir')];
  }));
  const appLang = marks[0][0];
  assert.ok(['en', 'nb', 'nn', 'sv'].includes(appLang), String(appLang));
  assert.deepEqual(marks, Array(7).fill([appLang, 'ltr']));
  // The start screen's own words too, but not the survey's title.
  assert.deepEqual(onIntro, [[appLang, 'ltr'], [appLang, 'ltr'], [null, null]]);
  // And the review screen's.
  await page.goto(shared.server.url('#/s/hebraisk/review'));
  await page.locator('.review h1').waitFor();
  assert.deepEqual(await marksOf(['.review h1', '.review .nav button.primary', '.review dt']), [[appLang, 'ltr'], [appLang, 'ltr'], [null, null]]);
  await page.goBack();
  await page.locator('form.question').waitFor();
  // Laid out right to left all the same: "Back" is to the right of "Next".
  const back = await page.locator('.nav button.secondary').boundingBox();
  const next = await page.locator('.nav button.primary').boundingBox();
  assert.ok(back.x > next.x, `back at ${back.x}, next at ${next.x}`);
  // In a survey in the app's own language, no marks.
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.locator('.intro .nav button.primary').click();
  await page.locator('form.question').waitFor();
  assert.equal(await page.locator('.nav button.primary').getAttribute('lang'), null);
  assert.equal(await page.locator('.progress span').getAttribute('lang'), null);
  expectClean(page);
  await page.context().close();
});
