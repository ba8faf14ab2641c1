// Benchmark of the kiosk's staff PIN in the release build (dist/), in headless Chromium, with and
// without 4x CPU throttling, from the app's own performance marks: hashing a new PIN when staff
// start the kiosk, and checking a PIN at the staff door (both PBKDF2-HMAC-SHA-256, 100,000
// rounds). This is how long staff wait after pressing the button; visitors never wait for it.
// Run: scripts/bench.sh (builds first), or `node bench/kiosk-pin.mjs` on an existing dist/.
import { startServer, launch } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
const measure = (page, name) =>
  page.evaluate((name) => {
    const [start] = performance.getEntriesByName(`${name}-start`);
    const [end] = performance.getEntriesByName(`${name}-end`);
    return end.startTime - start.startTime;
  }, name);

const server = await startServer();
const browser = await launch();
try {
  for (const rate of [1, 4]) {
    const hash = [];
    const check = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 800, height: 1000 } });
      const page = await context.newPage();
      await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
      await page.goto(server.url('#/kiosk/folkehelsedagen?lang=en'));
      await page.getByLabel('Staff PIN (at least 6 digits)').fill('471100');
      await page.getByLabel('The same PIN again').fill('471100');
      await page.getByRole('button', { name: 'Start the kiosk' }).click();
      await page.getByRole('button', { name: 'Staff' }).waitFor();
      hash.push(await measure(page, 'lytt-pin-hash'));
      await page.getByRole('button', { name: 'Staff' }).click();
      await page.getByLabel('PIN').fill('471100');
      await page.getByRole('button', { name: 'Open' }).click();
      await page.getByRole('button', { name: 'Leave kiosk mode' }).waitFor();
      check.push(await measure(page, 'lytt-pin-check'));
      await context.close();
    }
    console.log(`kiosk PIN, hash a new one on "Start the kiosk", CPU x${rate}: ${fmt(hash)}`);
    console.log(`kiosk PIN, check one at the staff door, CPU x${rate}: ${fmt(check)}`);
  }
} finally {
  await browser.close();
  server.stop();
}
