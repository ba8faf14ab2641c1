// Two builds of the app, side by side: the time from navigation to a survey's start button (its
// first appearance, in the page), without and with 4x CPU throttling, alternated in one
// headless Chromium, a fresh context each run. For telling whether a change made the start
// screen faster on this noisy machine, where runs apart in time differ more than builds do.
//
// Build each into its own folder (e.g. `git worktree add ../before REV` and `trunk build
// --release --offline` there), then: `node bench/start-ab.mjs ../before/dist dist` (N=15 runs
// each by default). Each folder is served by `python3 -m http.server` on 127.0.0.1.
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';

const folders = process.argv.slice(2);
if (folders.length !== 2) {
  console.error('usage: node bench/start-ab.mjs BEFORE/dist AFTER/dist');
  process.exit(2);
}
const N = Number(process.env.N ?? 15);
const PORT = 18700 + Math.floor(Math.random() * 1000);
const servers = folders.map((folder, i) =>
  spawn('python3', ['-m', 'http.server', String(PORT + i), '--bind', '127.0.0.1', '-d', folder], { stdio: 'ignore' }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const times = folders.map(() => ({ plain: [], slow: [] }));
  for (let round = 0; round < N; round++) {
    for (const rate of [1, 4]) {
      for (const i of round % 2 ? [1, 0] : [0, 1]) {
        const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
        await context.addInitScript(() => {
          new MutationObserver(() => {
            if (!globalThis.startShownAt && document.querySelector('.intro .nav button.primary')) {
              globalThis.startShownAt = performance.now();
            }
          }).observe(document, { childList: true, subtree: true });
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        if (rate > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate });
        await page.goto(`http://127.0.0.1:${PORT + i}/#/s/hva-er-viktig`);
        await page.waitForFunction(() => globalThis.startShownAt, null, { timeout: 60_000 });
        times[i][rate > 1 ? 'slow' : 'plain'].push(await page.evaluate(() => globalThis.startShownAt));
        await context.close();
      }
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`start screen, median of ${N} alternated runs each (ms): no throttling, 4x CPU throttling`);
  folders.forEach((folder, i) => {
    console.log(`${folder.padEnd(40)} ${median(times[i].plain).toFixed(0).padStart(6)} ${median(times[i].slow).toFixed(0).padStart(6)}`);
  });
} finally {
  await browser.close();
  servers.forEach((server) => server.kill());
}
