// The owner's results screen (#/owner/results): answers opened in the browser with the owner's
// identity file give the same figures and the same report files as `lytt report` on the same
// files; records that cannot be read or do not fit are listed, never counted; and the key is
// gone when the owner closes the results.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations, saveBundle, storageDump, waitForHeading, TEST_KEY } from './helpers.mjs';

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
function lyttReport(format, bundles, out, survey = 'nyttesamtale') {
  try {
    execFileSync(LYTT, ['report', '-i', TEST_KEY, '-s', join(ROOT, 'surveys', `${survey}.json`), '--format', format, '--language', 'en', '-o', out, ...bundles], { stdio: 'ignore' });
  } catch (error) {
    if (error.status !== 1) throw error;
  }
}

/** Opens the results screen in English and opens `bundles` of `survey`. */
async function openResults(page, bundles, { identity = TEST_KEY, survey = 'nyttesamtale' } = {}) {
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByRole('heading', { name: 'Read the answers', level: 1 }).waitFor();
  await page.getByLabel('A survey on this site').selectOption(survey);
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
  assert.doesNotMatch(await storageDump(page), /AGE-SECRET-KEY|møtt med respekt|"answers"/i, 'nothing of the key or the answers is stored');

  // Printed: the figures without the form and the buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Open the answers' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Download the table (CSV)' }).isVisible(), false);
  assert.equal(await page.getByRole('heading', { name: 'Usefulness talk – after the help has ended' }).isVisible(), true);
  assert.equal(await page.getByRole('table', { name: 'Was the help useful to you?', exact: true }).isVisible(), true);
  await page.getByText(/Groups of fewer than 5 are shown as/).waitFor();
  await page.emulateMedia({ media: 'screen' });

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

/** The entries of a zip file (an XLSX workbook) by name, inflated. */
function unzip(path) {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = {};
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries[name] = (method === 8 ? inflateRawSync(data) : data).toString();
    at += 46 + skip;
  }
  return entries;
}

test('answers made by the app on a phone, a kiosk and in interviews open together, as lytt report reads them, CSV and XLSX alike', async () => {
  const survey = 'bruker-spor-bruker';
  const bundles = [];
  const save = async (page, name) => {
    const bundle = await saveBundle(page, survey);
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(bundle));
    bundles.push(path);
  };
  const lastQuestion = 'What should be better?';
  const toTheLast = async (page, words) => {
    await page.getByRole('radio', { name: 'Housing', exact: true }).check();
    while ((await page.locator('#screen-heading').textContent()) !== lastQuestion) {
      await page.getByRole('button', { name: 'Next' }).click();
      await page.locator('#screen-heading').waitFor();
    }
    await page.getByLabel(lastQuestion).fill(words);
  };

  // On one's own phone.
  const phone = await newPage(shared.browser, shared.server);
  await phone.goto(shared.server.url(`#/s/${survey}?lang=en`));
  await phone.getByRole('button', { name: 'Start' }).click();
  await toTheLast(phone, 'Fra telefonen');
  await phone.goto(shared.server.url(`#/s/${survey}/review`));
  await phone.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(phone, 'Thank you for your answers!');
  await save(phone, 'phone.lytt.json');
  await phone.context().close();

  // In interviews.
  const interviewer = await newPage(shared.browser, shared.server);
  await interviewer.goto(shared.server.url(`#/interview/${survey}?lang=en`));
  await interviewer.getByRole('button', { name: 'Yes, use it for interviews' }).click();
  for (const words of ['Intervju en', 'Intervju to']) {
    await interviewer.getByRole('button', { name: 'New interview' }).click();
    await interviewer.getByLabel('The person has said yes to taking part').check();
    await interviewer.getByRole('button', { name: 'Start the questions' }).click();
    await toTheLast(interviewer, words);
    await interviewer.getByRole('button', { name: 'Finish' }).click();
    await interviewer.getByText('The interview is locked. Nobody on this phone can open it again.').waitFor();
  }
  await interviewer.goto(shared.server.url('#/'));
  await save(interviewer, 'interviews.lytt.json');
  await interviewer.context().close();

  // At a kiosk.
  const kiosk = await newPage(shared.browser, shared.server);
  await kiosk.goto(shared.server.url(`#/kiosk/${survey}?lang=en`));
  await kiosk.getByLabel('Staff PIN (at least 6 digits)').fill('471100');
  await kiosk.getByLabel('The same PIN again').fill('471100');
  await kiosk.getByRole('button', { name: 'Start the kiosk' }).click();
  await kiosk.getByRole('button', { name: 'Start' }).click();
  await toTheLast(kiosk, 'Fra kiosken');
  await kiosk.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(kiosk, 'Thank you!');
  await kiosk.getByRole('button', { name: 'Staff' }).click();
  await kiosk.getByLabel('PIN').fill('471100');
  await kiosk.getByRole('button', { name: 'Open' }).click();
  await save(kiosk, 'kiosk.lytt.json');
  await kiosk.context().close();

  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await openResults(page, bundles, { survey });
  await page.getByText('4 answers read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();
  // Four responses are fewer than the survey's smallest group: nothing is counted.
  await page.getByText('Responses: fewer than 5').waitFor();

  const csv = join(work, 'modes.csv');
  lyttReport('csv', bundles, csv, survey);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the table (CSV)' }).click()]);
  const table = readFileSync(await download.path(), 'utf8');
  assert.equal(table, readFileSync(csv, 'utf8'), 'the same table as lytt report');
  for (const mode of ['personal', 'kiosk', 'interview']) assert.match(table, new RegExp(`,${mode},`), mode);

  const xlsx = join(work, 'modes.xlsx');
  lyttReport('xlsx', bundles, xlsx, survey);
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the workbook (XLSX)' }).click()]);
  const ours = unzip(await workbook.path());
  const theirs = unzip(xlsx);
  const sheets = Object.keys(theirs).filter((name) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(name)).sort();
  assert.ok(sheets.length >= 2, 'a Summary sheet and the table');
  for (const name of sheets) assert.equal(ours[name], theirs[name], name);
  expectClean(page);
  await page.context().close();
});

test('keyboard only, at phone width: a survey file, the key and a dropped bundle, then the results and a breakdown', async () => {
  const page = await newPage(shared.browser, shared.server);
  const bundle = benchBundle(40, 'keys.lytt.json');
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByRole('heading', { name: 'Read the answers', level: 1 }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.tagName);
  const tabTo = async (id) => {
    for (let i = 0; i < 30 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), id);
  };
  // A file input's chooser opens on Space. Chromium sometimes drops a chooser asked for soon
  // after another, so the key is pressed again if none came.
  const choose = async (files) => {
    for (let tries = 0; ; tries++) {
      try {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 3000 }), page.keyboard.press('Space')]);
        return chooser.setFiles(files);
      } catch (error) {
        if (tries === 3) throw error;
      }
    }
  };
  // The survey as a file, chosen from the keyboard.
  await tabTo('results-survey-file');
  await choose(join(ROOT, 'surveys', 'nyttesamtale.json'));
  // The bundle dropped on its field.
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.lytt.json', { type: 'application/json' }));
    return transfer;
  }, readFileSync(bundle, 'utf8'));
  await page.locator('.drop-zone').dispatchEvent('drop', { dataTransfer: dropped });
  await page.getByText('1 answer file chosen').waitFor();
  await tabTo('results-identity');
  await choose(TEST_KEY);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Open the answers');
  await page.keyboard.press('Enter');
  await page.getByText('40 answers read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'results-title');

  await tabTo('results-break');
  await page.keyboard.press('ArrowDown');
  await page.getByRole('heading', { name: 'Breakdown' }).waitFor();
  await expectNoAxeViolations(page, 'results at phone width');
  // Nothing wider than the screen but the tables that scroll on their own.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  assert.equal(wide, false, 'the page does not scroll sideways');
  expectClean(page);
  await page.context().close();
});
