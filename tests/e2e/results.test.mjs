// The owner's results screen (#/owner/results): answers opened in the browser with the owner's
// identity file give the same figures and the same report files as `lytt report` on the same
// files; records that cannot be read or do not fit are listed, never counted; and the key is
// gone when the owner closes the results.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations, TEST_KEY } from './helpers.mjs';

const shared = serverAndBrowser();
const ROOT = resolve(import.meta.dirname, '../..');
const LYTT = join(ROOT, 'target', 'debug', 'lytt');
const work = mkdtempSync(join(tmpdir(), 'lytt-results-'));

before(() => {
  execFileSync('cargo', ['build', '-q', '-p', 'lytt-cli', '--bin', 'lytt', '--example', 'bench-records'], { cwd: ROOT, stdio: 'inherit' });
});

/** A bundle of `n` records of the nyttesamtale survey, sealed by the bench tool to the test key. */
function benchBundle(n, name) {
  const path = join(work, name);
  execFileSync(join(ROOT, 'target', 'debug', 'examples', 'bench-records'), [String(n), path], { stdio: 'ignore' });
  return path;
}

/** `lytt report` on the same files; its exit code is 1 when some record was not counted. */
function lyttReport(format, bundles, out) {
  try {
    execFileSync(LYTT, ['report', '-i', TEST_KEY, '-s', join(ROOT, 'surveys', 'nyttesamtale.json'), '--format', format, '--language', 'en', '-o', out, ...bundles], { stdio: 'ignore' });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
}

/** Opens the results screen in English and opens `bundles` of the nyttesamtale survey. */
async function openResults(page, bundles, { identity = TEST_KEY } = {}) {
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByRole('heading', { name: 'Read the answers', level: 1 }).waitFor();
  await page.getByLabel('A survey on this site').selectOption('nyttesamtale');
  await page.getByLabel(/Your identity file/).setInputFiles(identity);
  await page.getByLabel(/Answer files/).setInputFiles(bundles);
  await page.getByRole('button', { name: 'Open the answers' }).click();
}

test('answers open on the results screen with the figures and the CSV of lytt report', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  const bundle = benchBundle(300, 'round.lytt.json');
  await openResults(page, [bundle, bundle]);
  await page.getByRole('heading', { name: 'Usefulness talk – after the help has ended', level: 2 }).waitFor();
  assert.match(page.url(), /\/owner\.html#\/owner\/results\?lang=en$/, 'the owner\'s build');
  await page.getByText('300 answers read, 300 duplicates, 0 could not be read, 0 set apart.').waitFor();
  await page.screenshot({ path: join(work, 'results.png'), fullPage: true });

  const csv = join(work, 'cli.csv');
  lyttReport('csv', [bundle], csv);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the table (CSV)' }).click()]);
  assert.equal(download.suggestedFilename(), 'nyttesamtale-report.csv');
  assert.equal(readFileSync(await download.path(), 'utf8'), readFileSync(csv, 'utf8'), 'the same table as lytt report');
  expectClean(page);
  await page.context().close();
});

/** A nyttesamtale record as the app makes it, with `answers`. */
function record(id, answers, { survey = 'nyttesamtale' } = {}) {
  return JSON.stringify({
    format: 'lytt-response/1', survey, survey_version: '2026-11-22', response: id.padStart(32, '0'),
    language: 'nb', mode: 'kiosk', completed: '2026-W47', status: 'complete', answers,
  });
}

/** Seals `plaintext` with the reference Go `age` to the test key, armored. */
const sealWithAge = (plaintext) =>
  execFileSync('age', ['-r', 'age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq', '-a'], { input: plaintext }).toString();

test('a record sealed by the reference age opens; changed, foreign and forged records are listed, not counted', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  const good = sealWithAge(record('a1', { useful: 'yes_much', confidence: 7 }));
  const changed = good.replace(/\n([A-Za-z0-9+/]{20})/, (_, line) => `\n${line.slice(0, 10)}${line[10] === 'A' ? 'B' : 'A'}${line.slice(11)}`);
  const foreign = sealWithAge(record('b2', { useful: 'yes_much' }, { survey: 'folkehelsedagen' }));
  const forged = sealWithAge(record('c3', { useful: 'an_option_no_survey_has' }));
  const path = join(work, 'mixed.lytt.json');
  writeFileSync(path, JSON.stringify({ format: 'lytt-bundle/1', survey: 'nyttesamtale', records: [good, changed, foreign, forged, 'not a record'] }));
  await openResults(page, [path]);
  await page.getByText('1 answer read, 0 duplicates, 3 could not be read, 1 set apart.').waitFor();
  const failures = await page.locator('ul.failures li').allTextContents();
  assert.deepEqual(failures.sort(), [
    'mixed.lytt.json, answer 2: changed or damaged',
    'mixed.lytt.json, answer 3: belongs to another survey',
    'mixed.lytt.json, answer 5: not an encrypted answer',
  ]);
  assert.match(await page.locator('ul.misfits').textContent(), /0{30}c3: .*an_option_no_survey_has/);
  // One response is a small group: nothing is counted on the screen.
  await page.getByText('Responses: fewer than 5').waitFor();
  assert.equal(await page.getByRole('cell', { name: 'Yes, very much' }).count(), 0);
  expectClean(page);
  await page.context().close();
});

test('the screen\'s counts are those of lytt report, a breakdown and a comparison hide small groups, and all of it is accessible', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  const bundle = benchBundle(200, 'this.lytt.json');
  const earlier = benchBundle(120, 'earlier.lytt.json');
  await openResults(page, [bundle]);
  await page.getByText('200 answers read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();

  // The counts of "Was the help useful to you?" as lytt report's table has them.
  const csv = join(work, 'counts.csv');
  lyttReport('csv', [bundle], csv);
  const lines = readFileSync(csv, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  const column = lines[0].split(',').indexOf('useful');
  const expected = {};
  for (const line of lines.slice(1)) {
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    expected[cells[column]] = (expected[cells[column]] ?? 0) + 1;
  }
  const table = page.getByRole('table', { name: 'Was the help useful to you?', exact: true });
  for (const [label, count] of Object.entries(expected)) {
    const row = table.getByRole('row', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `) });
    assert.equal(await row.getByRole('cell').first().textContent(), String(count), label);
  }
  await expectNoAxeViolations(page, 'results');

  await page.getByLabel('Break down by').selectOption({ label: 'How people answered (own device, shared computer, kiosk, interview)' });
  const byDevice = page.getByRole('table', { name: 'Was the help useful to you?' }).first();
  await page.getByRole('heading', { name: 'Breakdown' }).waitFor();
  assert.match(await byDevice.textContent(), /Own device/);
  assert.match(await page.locator('.breakdown').textContent(), /Kiosk.*n = 0/s, 'no kiosk answers: an empty group');

  await page.locator('#earlier-survey').selectOption('nyttesamtale');
  await page.locator('#earlier-bundles').setInputFiles([earlier]);
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('heading', { name: 'Compared with an earlier round' }).waitFor();
  assert.match(await page.locator('.compared').textContent(), /points/);
  await expectNoAxeViolations(page, 'results with a breakdown and a comparison');
  expectClean(page);
  await page.context().close();
});

/** Whether the page's JavaScript heap holds `text` anywhere (after a garbage collection). */
async function heapHolds(page, text) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  let snapshot = '';
  cdp.on('HeapProfiler.addHeapSnapshotChunk', ({ chunk }) => { snapshot += chunk; });
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  return snapshot.includes(text);
}

test('the key is gone after Close and after 15 minutes without input: the workers end, and the page holds none of it', async () => {
  const key = readFileSync(TEST_KEY, 'utf8').match(/AGE-SECRET-KEY-1\S+/)[0];
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.clock.install();
  const bundle = benchBundle(20, 'small.lytt.json');
  await openResults(page, [bundle]);
  await page.getByText('20 answers read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();
  let holding = page.workers();
  assert.ok(holding.length > 0, 'the workers hold the key while the answers are open');
  assert.ok(await heapHolds(page, 'Usefulness talk'), 'the heap snapshot sees the page\'s strings');
  assert.equal(await heapHolds(page, key), false, 'the key never stays in the page');

  await page.getByRole('button', { name: 'Close and forget the key' }).click();
  await page.getByText('The key and the answers were forgotten.').waitFor();
  await expectEnded(page, holding);
  assert.equal(await page.locator('.results-outcome').count(), 0);
  assert.equal(await heapHolds(page, key), false);

  // Opened again, then left alone for 15 minutes.
  await page.getByLabel('A survey on this site').selectOption('nyttesamtale');
  await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await page.getByLabel(/Answer files/).setInputFiles([bundle]);
  await page.getByRole('button', { name: 'Open the answers' }).click();
  await page.getByText('20 answers read').waitFor();
  holding = page.workers();
  await page.clock.fastForward('14:00');
  assert.ok(holding.every((w) => page.workers().includes(w)), 'still open after 14 minutes');
  await page.clock.fastForward('02:00');
  await page.getByText('The key and the answers were forgotten.').waitFor();
  await expectEnded(page, holding);
  assert.equal(await heapHolds(page, key), false);
  expectClean(page);
  await page.context().close();
});

/** Every one of `workers` has ended (new ones, holding nothing, may be waiting for the next time). */
async function expectEnded(page, workers) {
  const running = () => workers.filter((w) => page.workers().includes(w));
  for (let i = 0; i < 50 && running().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(running().length, 0, 'every worker that held the key has ended');
}

test('a wrong identity file and a file that is not a bundle are said plainly, and nothing is lost', async () => {
  const page = await newPage(shared.browser, shared.server);
  const notKey = join(work, 'notes.txt');
  writeFileSync(notKey, 'just some notes\n');
  const bundle = benchBundle(5, 'five.lytt.json');
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByRole('heading', { name: 'Read the answers', level: 1 }).waitFor();
  for (let i = 0; i < 50 && page.workers().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  const spare = page.workers();
  assert.ok(spare.length > 0, 'workers are started ahead, holding nothing');
  await openResults(page, [bundle], { identity: notKey });
  await page.getByRole('alert').filter({ hasText: 'This is not an identity file' }).waitFor();
  await expectEnded(page, spare);
  await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await page.getByLabel(/Answer files/).setInputFiles([notKey]);
  await page.getByRole('button', { name: 'Open the answers' }).click();
  await page.getByRole('alert').filter({ hasText: 'notes.txt is not a Lytt answer file.' }).waitFor();
  expectClean(page);
  await page.context().close();
});
