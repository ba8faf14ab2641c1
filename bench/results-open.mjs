// Benchmark of the owner's results screen against `lytt report` on the same machine: N sealed
// records (default 10,000) of the nyttesamtale survey in one bundle, made by the bench tool.
//  - `lytt report` (release build) with --format csv and --format xlsx, wall time;
//  - the results screen of the release build (dist/) in headless Chromium, a fresh context each
//    run: from pressing "Open the answers" (the app's mark "lytt-results-opening") to the
//    results being on screen (the summary line appears), workers on every core.
// Target (issue 13): the browser in at most 3 times the time of `lytt report`.
// Run: scripts/bench.sh (builds first), or `node bench/results-open.mjs` on an existing dist/
// and release CLI (cargo build --release -p lytt-cli --bin lytt --example bench-records).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, launch, TEST_KEY } from '../tests/e2e/helpers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const N = Number(process.env.N ?? 10000);
const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;

const work = mkdtempSync(join(tmpdir(), 'lytt-bench-results-'));
const bundle = join(work, 'records.lytt.json');
execFileSync(join(ROOT, 'target', 'release', 'examples', 'bench-records'), [String(N), bundle], { stdio: 'ignore' });
console.log(`${N} sealed records, ${cpus().length} cores`);

const cli = {};
for (const format of ['csv', 'xlsx']) {
  cli[format] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    execFileSync(join(ROOT, 'target', 'release', 'lytt'), ['report', '-i', TEST_KEY, '-s', join(ROOT, 'surveys', 'nyttesamtale.json'),
      '--format', format, '-o', join(work, `report.${format}`), bundle], { stdio: 'ignore' });
    cli[format].push(performance.now() - start);
  }
  console.log(`lytt report --format ${format}: ${fmt(cli[format])}`);
}

const server = await startServer();
const browser = await launch();
const times = [];
try {
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.read-summary')) {
          window.__shownAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    await page.goto(server.url('#/owner/results?lang=en'));
    await page.getByLabel('A survey on this site').selectOption('nyttesamtale');
    await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
    await page.getByLabel(/Answer files/).setInputFiles([bundle]);
    await page.getByRole('button', { name: 'Open the answers' }).click();
    await page.getByText(`${N} answers read`).waitFor({ timeout: 300_000 });
    const [ms, phases] = await page.evaluate(() => {
      const at = (name) => performance.getEntriesByName(name)[0].startTime;
      const start = at('lytt-results-opening');
      return [window.__shownAt - start, `bundles read by every worker ${(at('lytt-results-loaded') - start).toFixed(0)} ms, `
        + `decrypted ${(at('lytt-results-decrypted') - start).toFixed(0)} ms, gathered ${(at('lytt-results-shown') - start).toFixed(0)} ms, `
        + `on screen ${(window.__shownAt - start).toFixed(0)} ms`];
    });
    console.log(`  run ${run + 1}: ${phases}`);
    times.push(ms);
    await context.close();
  }
} finally {
  await browser.close();
  server.stop();
}
console.log(`results screen, open and summarise: ${fmt(times)}`);
console.log(`ratio to lytt report --format csv: ${(median(times) / median(cli.csv)).toFixed(2)}x, to --format xlsx: ${(median(times) / median(cli.xlsx)).toFixed(2)}x (target: at most 3x)`);
