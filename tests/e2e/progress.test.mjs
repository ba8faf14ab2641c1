// Progress on a survey with a long chain of conditions: each question after the first is shown
// only when the one before was answered "Yes". The count says how many questions can still
// come, so it never grows as the person goes on; a "No" ends the survey sooner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serverAndBrowser, newPage, expectClean, waitForHeading, expectNoAxeViolations } from './helpers.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const example = JSON.parse(readFileSync(`${ROOT}surveys/hva-er-viktig.json`, 'utf8'));
const text = (words) => Object.fromEntries(example.languages.map((l) => [l, words]));
const LENGTH = 12;
const chain = {
  ...example,
  id: 'kjede',
  title: text('A chain of questions'),
  indicator: undefined,
  questions: [...Array(LENGTH)].map((_, i) => ({
    id: `q${i}`,
    type: 'single',
    prompt: text(`Chain question ${i + 1}?`),
    options: [{ id: 'yes', label: text('Yes') }, { id: 'no', label: text('No') }],
    ...(i > 0 ? { show_if: { question: `q${i - 1}`, equals: 'yes' } } : {}),
  })),
};

const shared = serverAndBrowser({ extraFiles: { 'surveys/kjede.json': JSON.stringify(chain) } });

const progressText = (page) => page.getByText(/^Question \d+ of \d+$/).textContent();

test('on a long chain of conditions the count goes up by one and the total never grows', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/kjede?lang=en'));
  await page.getByRole('button', { name: 'Start' }).click();
  const seen = [];
  for (let i = 0; i < 4; i++) {
    await waitForHeading(page, `Chain question ${i + 1}?`);
    seen.push(await progressText(page));
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await waitForHeading(page, 'Chain question 5?');
  seen.push(await progressText(page));
  await expectNoAxeViolations(page, 'a question of a long chain');
  // Every question so far could have been followed by the whole rest of the chain.
  assert.deepEqual(seen, [1, 2, 3, 4, 5].map((n) => `Question ${n} of ${LENGTH}`));
  // Going back keeps the count and the total.
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForHeading(page, 'Chain question 4?');
  assert.equal(await progressText(page), `Question 4 of ${LENGTH}`);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // "No" ends the chain: the survey ends here, sooner than the total said, never later.
  await waitForHeading(page, 'Chain question 5?');
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await waitForHeading(page, 'Check your answers');
  // Back on question 2 with a "No" instead: the total shrinks to what can still be shown.
  await page.goto(shared.server.url('#/s/kjede/q/q1'));
  await waitForHeading(page, 'Chain question 2?');
  await page.getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForHeading(page, 'Chain question 1?');
  assert.equal(await progressText(page), 'Question 1 of 2');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await waitForHeading(page, 'Chain question 2?');
  assert.equal(await progressText(page), 'Question 2 of 2');
  expectClean(page);
  await page.context().close();
});
