// The language menu always shows the language in use: a survey without the chosen language is
// shown in its default language, and the menu says so rather than naming the first it offers.
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

const shared = serverAndBrowser({ extraFiles: { 'surveys/to-sprak.json': JSON.stringify(survey) } });

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
