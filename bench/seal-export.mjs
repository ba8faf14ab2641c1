// Benchmark of sealing and exporting in the release build (dist/), in headless Chromium, with
// and without 4x CPU throttling:
//  1. sealing one finished response, from the app's own performance marks: the part done on
//     "Finish" (what the person waits for), and the X25519 part prepared while the review
//     screen is shown;
//  2. making the bundle file of 1,000 sealed records waiting in the outbox ("Save encrypted
//     file": shuffle, JSON, Blob and download).
// Run: scripts/bench.sh (builds first), or `node bench/seal-export.mjs` on an existing dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, launch, answerFolkehelsedagen } from '../tests/e2e/helpers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 7);
const RECORDS = 1000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(2)} ms (min ${Math.min(...xs).toFixed(2)}, max ${Math.max(...xs).toFixed(2)})`;

async function throttledPage(browser, rate) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return page;
}

const measure = (page, name) =>
  page.evaluate((name) => {
    const [start] = performance.getEntriesByName(`${name}-start`);
    const ends = performance.getEntriesByName(`${name}-end`);
    return ends[ends.length - 1].startTime - start.startTime;
  }, name);

// 1,000 sealed records, made by the bench tool with the same sealing code and padding.
const bundlePath = join(mkdtempSync(join(tmpdir(), 'lytt-bench-')), 'records.lytt.json');
execFileSync('cargo', ['run', '-q', '--release', '-p', 'lytt-cli', '--example', 'bench-records', '--', String(RECORDS), bundlePath], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const records = JSON.parse(readFileSync(bundlePath, 'utf8')).records;
const outbox = JSON.stringify(records.map((record, i) => ({ id: `bench${i}`, survey: 'nyttesamtale', record })));

const server = await startServer();
const browser = await launch();
try {
  for (const rate of [1, 4]) {
    const seal = [];
    const prepare = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await throttledPage(browser, rate);
      await answerFolkehelsedagen(page, server, `benchmark ${i}`);
      seal.push(await measure(page, 'lytt-seal'));
      prepare.push(await measure(page, 'lytt-prepare'));
      await page.context().close();
    }
    console.log(`seal one response on Finish, CPU x${rate}: ${fmt(seal)}  (target < 5 ms)`);
    console.log(`  prepared before, while the review screen shows, CPU x${rate}: ${fmt(prepare)}`);

    const exportTimes = [];
    const page = await throttledPage(browser, rate);
    await page.goto(server.url('#/?lang=en'));
    await page.locator('a.survey-link').first().waitFor();
    await page.evaluate((outbox) => localStorage.setItem('lytt.outbox', outbox), outbox);
    await page.reload();
    const save = page.getByRole('button', { name: 'Save encrypted file' });
    for (let i = 0; i < RUNS; i++) {
      const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
      const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
      if (file.records.length !== RECORDS) throw new Error(`exported ${file.records.length} records`);
      exportTimes.push(await measure(page, 'lytt-export'));
    }
    console.log(`export ${RECORDS} sealed records as one file, CPU x${rate}: ${fmt(exportTimes)}`);
    await page.context().close();
  }
} finally {
  await browser.close();
  server.stop();
}
