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
