// Peer interviews on the interviewer's phone: a list with "new interview", what waits, and
// "deliver all"; a consent screen read aloud and confirmed; an interview in progress survives a
// reload; "stop interview" keeps the answers as partial; each interview is sealed at once and
// the bundle of all of them is read by the reference age tool, with nothing about the
// interviewer in any record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, saveBundle, openWithAge, newPage, waitForHeading, storageDump, expectRecordShape, expectClean, expectNoAxeViolations } from './helpers.mjs';

// A survey file with an error in it, to see that an interviewer is told what is wrong.
const shared = serverAndBrowser({ extraFiles: { 'surveys/broken-interview.json': '{"format":"lytt-survey/1","id":"broken-interview"}' } });
const SURVEY = 'bruker-spor-bruker';
const TITLE = 'User asks user – experiences of the service';

/** From the list: a new interview, consent confirmed, at the first question. */
async function beginInterview(page) {
  await page.getByRole('button', { name: 'New interview' }).click();
  await waitForHeading(page, 'Before we start');
  await page.getByLabel('The person has said yes to taking part').check();
  await page.getByRole('button', { name: 'Start the questions' }).click();
  await waitForHeading(page, 'Which service are we talking about?');
}

/** Answers the two first questions. */
async function answerFirstTwo(page, service) {
  await page.getByRole('radio', { name: service, exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await waitForHeading(page, 'I am treated with respect.');
  await page.getByRole('radio', { name: 'Agree', exact: true }).check();
}

/** Goes on with "Next" to the last question, writes `words` there and finishes. */
async function finishWith(page, words) {
  const last = 'What should be better?';
  while ((await page.locator('#screen-heading').textContent()) !== last) {
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByLabel(last).fill(words);
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByText('The interview is locked. Nobody on this phone can open it again.').waitFor();
}

test('a link to the interviews asks first, and "No" leaves the phone as it was', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url(`#/interview/${SURVEY}?lang=en`));
  await waitForHeading(page, 'Use this phone for peer interviews?');
  await page.getByRole('link', { name: 'To the start page' }).click();
  await waitForHeading(page, 'Choose a survey');
  // Reloaded (in the app's default language now): still the ordinary start page.
  await page.reload();
  await waitForHeading(page, 'Velg en undersøkelse');
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.mode')), null);
  expectClean(page);
  await page.context().close();
});

test('an interviewer runs three interviews, one stopped as partial, and delivers them all as one bundle', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/?lang=en'));
  await page.getByRole('link', { name: 'Peer interviews (Bruker Spør Bruker)' }).click();
  await waitForHeading(page, 'Peer interviews');
  await page.getByRole('link', { name: TITLE }).click();
  // A link alone does not turn the phone into an interviewer's: it asks first.
  await waitForHeading(page, 'Use this phone for peer interviews?');
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.mode')), null, 'nothing chosen yet');
  await expectNoAxeViolations(page, 'use this phone for interviews?');
  await page.getByRole('button', { name: 'Yes, use it for interviews' }).click();
  await waitForHeading(page, 'Peer interviews');
  assert.match(await page.evaluate(() => localStorage.getItem('lytt.mode')), /"interview"/);
  // Nothing waits yet: no "Deliver all" to press.
  assert.equal(await page.getByRole('heading', { name: 'Deliver all' }).count(), 0);
  assert.equal(await page.getByText('No answers are waiting on this device.').isVisible(), false);
  await expectNoAxeViolations(page, 'interviewer list');

  // Consent comes first and must be confirmed.
  await page.getByRole('button', { name: 'New interview' }).click();
  await waitForHeading(page, 'Before we start');
  await page.getByText('Taking part is voluntary.').waitFor();
  await page.getByRole('button', { name: 'Start the questions' }).click();
  await page.getByText('Tick the box when the person has said yes.').waitFor();
  await expectNoAxeViolations(page, 'consent screen');
  await page.getByLabel('The person has said yes to taking part').check();
  await page.getByRole('button', { name: 'Start the questions' }).click();
  await waitForHeading(page, 'Which service are we talking about?');
  await expectNoAxeViolations(page, 'interview question');

  // 1: a whole interview.
  await answerFirstTwo(page, 'Housing');
  await finishWith(page, 'Første intervju');
  await page.getByText('1 sealed answer is waiting to be saved.').waitFor();
  assert.doesNotMatch(await storageDump(page), /Første|lytt\.interview/, 'a finished interview cannot be opened again');

  // 2: a reload in the middle (a flat battery) loses nothing; the phone stays in interviewer mode.
  await beginInterview(page);
  await answerFirstTwo(page, 'Mental health');
  await page.reload();
  await waitForHeading(page, 'I am treated with respect.');
  assert.equal(await page.getByRole('radio', { name: 'Agree', exact: true }).isChecked(), true);
  await page.getByRole('button', { name: 'Back' }).click();
  await waitForHeading(page, 'Which service are we talking about?');
  assert.equal(await page.getByRole('radio', { name: 'Mental health', exact: true }).isChecked(), true);
  await finishWith(page, 'Andre intervju');

  // 3: stopped half-way and kept as partial.
  await beginInterview(page);
  await answerFirstTwo(page, 'Substance use');
  await page.getByRole('button', { name: 'Stop interview' }).click();
  await page.getByText('What should happen to the answers given so far?').waitFor();
  await expectNoAxeViolations(page, 'stop interview');
  await page.getByRole('button', { name: 'Keep them (locked as unfinished)' }).click();
  await page.getByText('The interview was stopped, and its answers are locked as unfinished.').waitFor();

  // A fourth, stopped and deleted: nothing of it is kept.
  await beginInterview(page);
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  await page.getByRole('button', { name: 'Stop interview' }).click();
  await page.getByRole('button', { name: 'Delete them' }).click();
  await page.getByText('The interview was stopped, and its answers were deleted.').waitFor();

  // The start page opens on the interviews while the phone is in interviewer mode.
  await page.goto(shared.server.url('#/'));
  await waitForHeading(page, 'Peer interviews');
  await page.getByText('3 sealed answers are waiting to be saved.').waitFor();
  const dump = await storageDump(page);
  assert.doesNotMatch(dump, /intervju|housing|mental|substance|lytt\.interview\./i);

  // Deliver all: one file; the list empties only once it is confirmed.
  const bundle = await saveBundle(page, SURVEY);
  const records = bundle.records.map(openWithAge);
  assert.equal(records.length, 3);
  for (const record of records) {
    expectRecordShape(record, { survey: SURVEY, language: 'en', mode: 'interview', status: record.status });
  }
  const byService = Object.fromEntries(records.map((r) => [r.answers.service, r]));
  assert.deepEqual(Object.keys(byService).sort(), ['housing', 'mental_health', 'substance_use']);
  assert.equal(byService.housing.status, 'complete');
  assert.equal(byService.housing.answers.improve, 'Første intervju');
  assert.equal(byService.mental_health.status, 'complete');
  assert.equal(byService.mental_health.answers.respect, 'agree');
  assert.equal(byService.substance_use.status, 'partial');
  assert.deepEqual(Object.keys(byService.substance_use.answers).sort(), ['respect', 'service']);
  await page.getByRole('button', { name: 'I have saved the file' }).click();
  await page.getByText('The file is saved, and the answers have been removed from this device.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.outbox')), null);

  // Leaving interviewer mode gives back the ordinary start page.
  await page.getByRole('button', { name: 'Leave interviewer mode' }).click();
  await waitForHeading(page, 'Choose a survey');
  await page.reload();
  await waitForHeading(page, 'Choose a survey');
  expectClean(page);
  await page.context().close();
});

test('an interview survey that cannot be opened says why, with a way to try again and to leave', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/interview/broken-interview?lang=en'));
  await page.getByRole('button', { name: 'Yes, use it for interviews' }).click();
  await waitForHeading(page, 'This survey cannot be opened');
  // The file's own errors, not "not found".
  await page.getByText('The survey file has errors. Please tell the owner of the survey.', { exact: false }).waitFor();
  assert.equal(await page.getByText('The survey was not found.', { exact: false }).count(), 0);
  assert.ok(await page.locator('ul.problems li').count() > 0, 'the errors are listed');
  await expectNoAxeViolations(page, 'interview survey with errors');
  await page.getByRole('button', { name: 'Leave interviewer mode' }).click();
  await waitForHeading(page, 'Choose a survey');
  expectClean(page);
  await page.context().close();
});
