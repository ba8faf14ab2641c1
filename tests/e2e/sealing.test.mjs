// Finishing seals the answers at once: the downloaded bundle is read by the reference age tool,
// nothing readable is left in storage, and the outbox empties only when the person confirms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAndBrowser, saveBundle, openWithAge, answerFolkehelsedagen, newPage, expectClean, waitForHeading, storageDump, expectRecordShape, expectNoAxeViolations } from './helpers.mjs';

const shared = serverAndBrowser();
const ROOT = resolve(import.meta.dirname, '../..');
const KEY = join(ROOT, 'keys/test-owner.key');
const SURVEY = join(ROOT, 'surveys/folkehelsedagen.json');


/** After "saved" or "shared" is confirmed: the screen says so and the outbox is gone. */
async function expectOutboxEmptied(page) {
  await page.getByText('The file is saved, and the answers have been removed from this device.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.outbox')), null);
}

const saveFile = (page) => saveBundle(page, 'folkehelsedagen');

test('a finished survey is sealed at once and its file is read by the reference age tool', async () => {
  const page = await newPage(shared.browser, shared.server);
  const words = 'Flott stand ved biblioteket, takk';
  await answerFolkehelsedagen(page, shared.server, words);
  await page.getByText('Your answers are sealed: only the owner of the survey can read them.').waitFor();
  await page.getByText('1 sealed answer is waiting to be saved.').waitFor();
  await expectNoAxeViolations(page, 'done screen with delivery');

  // Nothing readable is left: no answer text in any storage, only the sealed record.
  const dump = await storageDump(page);
  assert.doesNotMatch(dump, /Flott stand/);
  assert.doesNotMatch(dump, /"liked_best"|food/);
  assert.match(dump, /BEGIN AGE ENCRYPTED FILE/);

  const bundle = await saveFile(page);
  assert.deepEqual(Object.keys(bundle).sort(), ['format', 'records', 'survey']);
  assert.equal(bundle.format, 'lytt-bundle/1');
  assert.equal(bundle.survey, 'folkehelsedagen');
  assert.equal(bundle.records.length, 1);
  const record = openWithAge(bundle.records[0]);
  expectRecordShape(record, { survey: 'folkehelsedagen', language: 'en' });
  assert.match(record.completed, /^\d{4}-\d{2}-\d{2}$/, 'this survey records the day');
  assert.deepEqual(record.answers, { today: 5, liked_best: 'food', anything_else: words });
  // The record shown on screen is the one that was sealed.
  assert.deepEqual(JSON.parse(await page.locator('#record').textContent()), record);

  // The owner's tool reads the same file into a report.
  const bundlePath = join(mkdtempSync(join(tmpdir(), 'lytt-bundle-')), 'folkehelsedagen.lytt.json');
  writeFileSync(bundlePath, JSON.stringify(bundle));
  const report = JSON.parse(execFileSync('cargo', [
    'run', '-q', '-p', 'lytt-cli', '--', 'report', '-i', KEY, '-s', SURVEY, '--format', 'json', '--language', 'en', bundlePath,
  ], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  assert.equal(report.length, 1);
  assert.equal(report[0].response, record.response);
  assert.equal(report[0].today, '5');
  assert.equal(report[0].liked_best, 'The food');
  assert.equal(report[0].anything_else, words);

  await page.getByRole('button', { name: 'I have saved the file' }).click();
  await expectOutboxEmptied(page);
  expectClean(page);
  await page.context().close();
});

test('sealed answers wait in the outbox across a reload until the file is saved and confirmed', async () => {
  const page = await newPage(shared.browser, shared.server);
  await answerFolkehelsedagen(page, shared.server, 'første');
  await answerFolkehelsedagen(page, shared.server, 'andre');
  await page.reload();
  await waitForHeading(page, 'Thank you for your answers!');
  await page.getByText('2 sealed answers are waiting to be saved.').waitFor();
  // Saving without confirming keeps them; a second save holds both again.
  await saveFile(page);
  await page.reload();
  await page.getByText('2 sealed answers are waiting to be saved.').waitFor();
  const bundle = await saveFile(page);
  const texts = bundle.records.map(openWithAge).map((r) => r.answers.anything_else).sort();
  assert.deepEqual(texts, ['andre', 'første']);
  const ids = new Set(bundle.records.map(openWithAge).map((r) => r.response));
  assert.equal(ids.size, 2, 'each response has its own random id');
  await page.getByRole('button', { name: 'I have saved the file' }).click();
  await page.getByText('The file is saved').waitFor();
  await page.reload();
  await page.getByText('No answers are waiting on this device.').waitFor();
  assert.doesNotMatch(await storageDump(page), /første|andre|BEGIN AGE/);
  await page.context().close();
});

test('where the device can share files, the bundle goes to the share sheet and is removed only after confirming', async () => {
  const page = await newPage(shared.browser, shared.server);
  // Desktop Chromium has no file sharing; this stands in for a phone's share sheet and keeps
  // the file it was handed, so the test can read what would have been shared.
  await page.addInitScript(() => {
    window.sharedFiles = [];
    navigator.canShare = (data) => Array.isArray(data?.files) && data.files.length > 0;
    navigator.share = async (data) => {
      for (const file of data.files) window.sharedFiles.push({ name: file.name, type: file.type, text: await file.text() });
    };
  });
  await answerFolkehelsedagen(page, shared.server, 'Delt fra telefonen');
  await page.getByRole('button', { name: 'Share encrypted file' }).click();
  const confirm = page.getByRole('button', { name: 'I have shared the file' });
  await confirm.waitFor();
  assert.equal(await confirm.evaluate((el) => el === document.activeElement), true, 'focus moves to the confirmation');
  const [file] = await page.evaluate(() => window.sharedFiles);
  assert.equal(file.name, 'folkehelsedagen.lytt.json');
  assert.equal(file.type, 'application/json');
  const bundle = JSON.parse(file.text);
  assert.equal(bundle.records.length, 1);
  assert.equal(openWithAge(bundle.records[0]).answers.anything_else, 'Delt fra telefonen');
  // Shared but not yet confirmed: still waiting.
  assert.match(await storageDump(page), /BEGIN AGE ENCRYPTED FILE/);
  await confirm.click();
  await expectOutboxEmptied(page);
  expectClean(page);
  await page.context().close();
});

test('without file sharing no Share button is offered', async () => {
  const page = await newPage(shared.browser, shared.server);
  await answerFolkehelsedagen(page, shared.server, 'Ingen deling');
  await page.getByRole('button', { name: 'Save encrypted file' }).waitFor();
  const canShareFiles = await page.evaluate(() => typeof navigator.canShare === 'function'
    && navigator.canShare({ files: [new File(['{}'], 'x.json', { type: 'application/json' })] }));
  assert.equal(await page.getByRole('button', { name: 'Share encrypted file' }).count(), canShareFiles ? 1 : 0);
  await page.context().close();
});
