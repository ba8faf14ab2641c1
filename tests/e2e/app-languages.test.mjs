// The app's own words in the languages of the people the services meet: each is a part fetched
// the first time it is chosen; an Arabic survey has Arabic app text, laid out right to left; the
// words come from i18n/<lang>.toml, the file a translator edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations, waitForHeading } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

/** A text of the [texts] section of a language's file. */
function text(lang, key) {
  const file = readFileSync(`${ROOT}i18n/${lang}.toml`, 'utf8');
  const section = file.slice(file.indexOf('[texts]'));
  const line = section.split('\n').find((l) => l.startsWith(`${key} = `));
  return JSON.parse(line.slice(key.length + 3));
}

const original = JSON.parse(readFileSync(`${ROOT}surveys/hva-er-viktig.json`, 'utf8'));
/** The survey with its English text under "ar" as well: a survey in Arabic and English. */
const withArabic = (value) => {
  if (Array.isArray(value)) return value.map(withArabic);
  if (value && typeof value === 'object') {
    if (typeof value.en === 'string') return { ar: `[ar] ${value.en}`, en: value.en };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withArabic(v)]));
  }
  return value;
};
const arabic = { ...withArabic(original), id: 'arabisk', languages: ['ar', 'en'], default_language: 'ar' };

const shared = serverAndBrowser({ extraFiles: { 'surveys/arabisk.json': JSON.stringify(arabic) } });

const NEW = { ar: 'rtl', fa: 'rtl', pl: 'ltr', se: 'ltr', so: 'ltr', ti: 'ltr', uk: 'ltr' };

test('the language menu offers every language, each named in itself, and each is fetched when chosen', async () => {
  const page = await newPage(shared.browser, shared.server);
  const fetched = [];
  page.on('request', (r) => {
    const m = /split_texts_([a-z]+)-[0-9a-f]+\.wasm$/.exec(r.url());
    if (m) fetched.push(m[1]);
  });
  await page.goto(shared.server.url('#/'));
  await waitForHeading(page, text('nb', 'start_heading'));
  const options = await page.locator('#language option').evaluateAll((os) => os.map((o) => [o.value, o.lang, o.textContent]));
  assert.deepEqual(options.map(([value]) => value), ['nb', 'nn', 'se', 'sv', 'en', 'ar', 'fa', 'pl', 'so', 'ti', 'uk']);
  assert.ok(options.every(([value, lang]) => value === lang), 'each name is marked with its language');
  assert.deepEqual(options.slice(5).map(([, , name]) => name), ['العربية', 'فارسی', 'Polski', 'Soomaali', 'ትግርኛ', 'Українська']);
  assert.deepEqual(fetched, [], 'bokmål is in the main module');
  for (const [lang, dir] of Object.entries(NEW)) {
    await page.locator('#language').selectOption(lang);
    await waitForHeading(page, text(lang, 'start_heading'));
    assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), [lang, dir]);
    assert.equal(await page.locator('#language').inputValue(), lang, 'the menu shows the language in use');
    const statement = await page.locator('.anonymous').textContent();
    assert.ok(statement.includes(text(lang, 'anonymous_statement')) && statement.includes(text(lang, 'kept_on_device')), statement);
  }
  assert.deepEqual(fetched, Object.keys(NEW), 'each language once, when chosen');
  await page.locator('#language').selectOption('ar');
  await expectNoAxeViolations(page, 'the start page in Arabic');
  // A survey's title in another language keeps its own direction in an Arabic page.
  const title = page.locator('a.survey-link').first();
  assert.deepEqual([await title.getAttribute('lang'), await title.getAttribute('dir')], ['nb', 'ltr']);
  expectClean(page);
  await page.context().close();
});

test('an Arabic survey has the app text in Arabic, right to left, without marks of another language', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/arabisk?lang=ar'));
  const start = page.getByRole('button', { name: text('ar', 'start_survey'), exact: true });
  await start.click();
  await page.locator('form.question').waitFor();
  assert.deepEqual(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]), ['ar', 'rtl']);
  assert.equal(await page.locator('.nav button.primary').textContent(), text('ar', 'next'));
  assert.equal(await page.locator('.nav button.secondary').textContent(), text('ar', 'back'));
  assert.equal(await page.locator('.progress span').textContent(), 'السؤال 1 من 11');
  assert.equal(await page.locator('.decline span').textContent(), text('ar', 'decline'));
  // The same language as the survey: no marks of their own.
  for (const selector of ['.progress span', '.nav button.primary', '.decline span']) {
    assert.equal(await page.locator(selector).getAttribute('lang'), null, selector);
  }
  // Back is on the right, as a right-to-left reader expects.
  const back = await page.locator('.nav button.secondary').boundingBox();
  const next = await page.locator('.nav button.primary').boundingBox();
  assert.ok(back.x > next.x, `back at ${back.x}, next at ${next.x}`);
  await expectNoAxeViolations(page, 'a question of an Arabic survey');
  // A required question left unanswered: the problem in Arabic.
  await page.goto(shared.server.url('#/s/arabisk/review'));
  await page.locator('.review h1').waitFor();
  assert.equal(await page.locator('.review h1').textContent(), text('ar', 'review_heading'));
  expectClean(page);
  await page.context().close();
});
