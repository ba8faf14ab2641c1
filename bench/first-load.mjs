// Benchmark of the first page load of the release build (dist/), served by a plain static
// server on 127.0.0.1 and loaded in headless Chromium with an empty cache:
//  1. raw, gzip and brotli bytes of every file the start page fetches, and the total; the same
//     for the start page in English, for a survey's link, for a survey carried whole in its
//     link (#/l/...), and what the service worker caches afterwards;
//  2. time from navigation to the first question being interactive, with and without 4x CPU
//     throttling (median of several runs).
// Run: scripts/bench.sh (builds first), or `node bench/first-load.mjs` on an existing dist/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, deflateRawSync, constants } from 'node:zlib';
import { startServer, launch, DIST, SUB_PATH } from '../tests/e2e/helpers.mjs';

const RUNS = Number(process.env.RUNS ?? 7);
const server = await startServer();
const browser = await launch();

try {
  // 1. What a first visit fetches, by file: the start page (the target), the start page in
  // another language than bokmål (its text is a part of its own), and a survey's link (the
  // survey screens are a part of their own). Service worker requests are not the page's: what
  // the worker caches afterwards for offline use is counted separately below.
  const sizes = (name) => {
    const bytes = readFileSync(join(DIST, name));
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  // Every file the page fetched (after the network went quiet), or with `firstScreen`, a
  // selector, only those it asked for before that selector matched: a survey's start screen
  // fetches the part for its later screens once it is up, which is not part of getting there.
  async function firstVisit(hash, ready, firstScreen) {
    const context = await browser.newContext();
    if (firstScreen) {
      await context.addInitScript((selector) => {
        new MutationObserver((_, observer) => {
          if (document.querySelector(selector)) {
            window.__firstScreenAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, firstScreen);
    }
    const page = await context.newPage();
    const fetched = [];
    page.on('requestfinished', (r) => fetched.push(new URL(r.url())));
    await page.goto(server.url(hash));
    await ready(page).waitFor();
    await page.waitForLoadState('networkidle');
    const before = firstScreen
      ? new Set(await page.evaluate(() => performance.getEntriesByType('resource')
        .filter((e) => e.startTime <= window.__firstScreenAt).map((e) => e.name)))
      : null;
    await context.close();
    return fetched
      .filter((url) => url.pathname.startsWith(SUB_PATH))
      .filter((url) => !before || url.pathname === SUB_PATH || before.has(url.href))
      .map((url) => url.pathname.slice(SUB_PATH.length) || 'index.html')
      .map(sizes);
  }
  const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const pad = (s, n) => String(s).padStart(n);
  const line = (name, r) => console.log(`${name.padEnd(40)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.brotli, 10)}`);

  // A first visit's first screen is drawn before the app's screens, which follow it
  // (src/first.rs): each screen is counted up to its first screen, and the whole visit apart.
  const start = await firstVisit('', (page) => page.locator('a.survey-link').first(), 'a.survey-link');
  const total = sum(start);
  console.log('First page load (start page, up to its first screen), bytes:');
  console.log(`${'file'.padEnd(40)}${pad('raw', 10)}${pad('gzip', 10)}${pad('brotli', 10)}`);
  for (const r of start) line(r.name, r);
  line('TOTAL', total);
  console.log(`target: total gzip <= 150 KB (153600 B): ${total.gzip <= 153600 ? 'met' : 'NOT met'}`);

  const startNames = new Set(start.map((r) => r.name));
  const START = '.intro .nav button.primary';
  for (const [label, hash, ready, firstScreen] of [
    ['start page in English (?lang=en), up to its first screen', '#/?lang=en', (page) => page.getByRole('heading', { name: 'Choose a survey' }), 'a.survey-link'],
    ['a survey\'s link, up to its first screen', '#/s/hva-er-viktig', (page) => page.getByRole('button', { name: 'Start' }), START],
    // The same survey published as a link (under another id: a link may not take the place of a
    // survey of the site), which carries it instead of a file.
    ['the same survey carried in its link (#/l/...), up to its first screen', `#/l/${deflateRawSync(
      Buffer.from(JSON.stringify({ ...JSON.parse(readFileSync(join(DIST, 'surveys', 'hva-er-viktig.json'), 'utf8')), id: 'i-lenken' })),
    ).toString('base64url')}`, (page) => page.getByRole('button', { name: 'Start' }), START],
  ]) {
    const rows = await firstVisit(hash, ready, firstScreen);
    console.log(`First page load, ${label}: the start page's files and`);
    for (const r of rows.filter((r) => !startNames.has(r.name))) line(`  + ${r.name}`, r);
    line('  TOTAL', sum(rows));
  }

  for (const [label, hash, ready] of [
    ['start page', '', (page) => page.locator('a.survey-link').first()],
    ['a survey\'s link', '#/s/hva-er-viktig', (page) => page.getByRole('button', { name: 'Start' })],
  ]) {
    line(`The whole first visit, ${label} (until the network is quiet)`, sum(await firstVisit(hash, ready)));
  }

  // What the service worker caches after the first visit, so that the app works offline:
  // every file of the build (parts of the app included) the page did not fetch itself.
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const build = JSON.parse(/self\.LYTT_BUILD = (\{.*\});/.exec(worker)[1]);
  const rest = build.files.filter((f) => f !== './' && !startNames.has(f)).map(sizes);
  line('Cached afterwards for offline use (sw.js)', sum([...rest, sizes('sw.js')]));

  // 2. Navigation to the first question being interactive. A person resuming a draft opens
  // the first question's link; "interactive" is when its answer box exists and takes input.
  const draft = JSON.stringify({
    survey: 'hva-er-viktig', survey_version: '2026-11-22', language: 'nb', answers: {},
    place: 'q:most_important', updated_day: Math.floor(Date.now() / 86400000),
  });
  async function once(throttle) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript((draft) => {
      if (!localStorage.getItem('lytt.draft.hva-er-viktig')) localStorage.setItem('lytt.draft.hva-er-viktig', draft);
      new MutationObserver((_, observer) => {
        const box = document.querySelector('textarea#answer');
        if (box && !box.disabled) {
          window.__interactiveAt = performance.now();
          console.log('lytt-bench-interactive');
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, draft);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    // Waiting for a console message, not polling the page: polling would run Playwright's
    // own script in the page while it loads, and the page would be measured with that load.
    const interactive = page.waitForEvent('console', { predicate: (m) => m.text() === 'lytt-bench-interactive', timeout: 60_000 });
    await page.goto(server.url('#/s/hva-er-viktig/q/most_important'), { waitUntil: 'commit' });
    await interactive;
    // Check it really takes input.
    await page.locator('textarea#answer').fill('x');
    // The app sets the mark "lytt-mounted" once the main wasm is compiled, instantiated, the
    // app's text in the person's language is at hand and the app is mounted.
    const [ms, started, requested, loaded] = await page.evaluate(() => [
      window.__interactiveAt,
      ...['lytt-mounted', 'lytt-part-requested', 'lytt-part-loaded'].map((n) => performance.getEntriesByName(n)[0]?.startTime),
    ]);
    console.log(`  run: mounted ${started?.toFixed(0)}, part requested ${requested?.toFixed(0)}, part in ${loaded?.toFixed(0)}, interactive ${ms.toFixed(0)}`);
    await context.close();
    starts.push(started);
    return ms;
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  let starts = [];
  for (const throttle of [1, 4]) {
    await once(throttle); // warm the server and the machine's file cache, not the browser's
    starts = [];
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push(await once(throttle));
    const label = throttle === 1 ? 'no throttling' : `${throttle}x CPU throttling`;
    console.log(`navigation -> first question interactive, ${label}: median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, ${RUNS} runs, empty cache each); ` +
      `of which wasm loaded, compiled and mounted: median ${median(starts.filter((x) => x !== undefined)).toFixed(0)} ms`);
  }
  console.log('target: under 1000 ms with 4x CPU throttling');
} finally {
  await browser.close();
  server.stop();
}
