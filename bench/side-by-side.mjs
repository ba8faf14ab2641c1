// Lytt and SurveyJS side by side, on the same questionnaire (the survey-format contract's
// example; for SurveyJS converted by bench/surveyjs/convert.mjs), served by one plain static
// server on 127.0.0.1 and alternated in one run of headless Chromium, a fresh context each time.
// For each: the bytes (gzip) of the page and every file it asked for before the survey's start
// screen was there, and by the time the second question was; the time from navigation to
// that screen's start button, without and with 4x CPU throttling; the time from pressing "next"
// on the first question to the second question on screen; the JS heap after garbage collection
// plus WebAssembly memory, on the start screen. Prints each figure for Lytt, SurveyJS and their
// ratio (Lytt / SurveyJS: below 1 is Lytt ahead).
//
// Run on a release build: `node bench/side-by-side.mjs` (ROUNDS=5 by default). SurveyJS is a dev
// dependency of this benchmark only (bench/surveyjs/package.json), installed here if missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServer, launch } from '../tests/e2e/helpers.mjs';
import { toSurveyJs } from './surveyjs/convert.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const HERE = new URL('.', import.meta.url).pathname;
const SURVEYJS = join(HERE, 'surveyjs');
if (!existsSync(join(SURVEYJS, 'node_modules/survey-core'))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: SURVEYJS, stdio: 'inherit' });
}
const example = JSON.parse(readFileSync(join(HERE, '../crates/lytt-core/tests/fixtures/survey-example.json'), 'utf8'));
const LANG = 'nb';
const first = example.questions[0];
const second = example.questions[1];

const surveyJsPage = `<!doctype html>
<html lang="${LANG}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${example.title[LANG]}</title>
<link rel="stylesheet" href="survey-core.min.css">
<script src="survey.core.min.js"></script>
<script src="survey-js-ui.min.js"></script>
</head>
<body>
<div id="survey"></div>
<script>
const survey = new Survey.Model(${JSON.stringify(toSurveyJs(example, LANG))});
survey.render(document.getElementById('survey'));
</script>
</body>
</html>
`;

const server = await startServer({
  extraFiles: {
    // The contract's example under its own id, in place of the starter survey of that id.
    'surveys/hva-er-viktig.json': JSON.stringify(example),
    'surveyjs/index.html': surveyJsPage,
    'surveyjs/survey.core.min.js': readFileSync(join(SURVEYJS, 'node_modules/survey-core/survey.core.min.js')),
    'surveyjs/survey-js-ui.min.js': readFileSync(join(SURVEYJS, 'node_modules/survey-js-ui/survey-js-ui.min.js')),
    'surveyjs/survey-core.min.css': readFileSync(join(SURVEYJS, 'node_modules/survey-core/survey-core.min.css')),
  },
});
const browser = await launch();

const CONTENDERS = {
  Lytt: {
    url: server.url(`#/s/hva-er-viktig?lang=${LANG}`),
    start: '.intro .nav button.primary',
    answerBox: 'textarea',
    next: 'form.question .nav button.primary',
    title: '#screen-heading',
  },
  SurveyJS: {
    url: `${server.origin}/lytt/surveyjs/index.html`,
    start: '.sd-navigation__start-btn',
    answerBox: 'textarea',
    next: '.sd-navigation__next-btn',
    title: '.sd-question__title',
  },
};

/** In the page before anything else: when a selector first matches, and every wasm memory. */
function watcher() {
  window.__seen = {};
  window.__watch = (name, test) => {
    const check = () => {
      if (window.__seen[name] === undefined && test()) window.__seen[name] = performance.now();
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
    check();
  };
  window.__memories = new Set();
  const keep = (result) => {
    const instance = result.instance ?? result;
    for (const value of Object.values(instance.exports ?? {})) {
      if (value instanceof WebAssembly.Memory) window.__memories.add(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
  }
}

async function run(name, throttle) {
  const c = CONTENDERS[name];
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addInitScript(watcher);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Registered before the page's own scripts run, so that the first change that shows the start
  // button is seen.
  await page.addInitScript((start) => window.__watch('start', () => document.querySelector(start)), c.start);
  await page.goto(c.url);
  await page.waitForFunction(() => window.__seen.start !== undefined, null, { timeout: 60_000 });
  // Files still arriving for the first screen (a stylesheet, a font) finish within this.
  await page.waitForTimeout(1000);
  const startScreen = await page.evaluate(() => window.__seen.start);
  const startBytes = gzipBytes(await requestedBy(page, startScreen));
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const wasm = await page.evaluate(() => [...window.__memories].reduce((sum, m) => sum + m.buffer.byteLength, 0));
  // Answer the first question and press "next": until the second question is on screen.
  await page.click(c.start);
  await page.waitForSelector(c.answerBox);
  await page.fill(c.answerBox, 'Et trygt sted å bo');
  await page.evaluate(({ title, text, next }) => {
    window.__watch('second', () => [...document.querySelectorAll(title)].some((e) => e.textContent.includes(text)));
    document.querySelector(next).addEventListener('pointerdown', () => { window.__pressed = performance.now(); }, { capture: true });
  }, { title: c.title, text: second.prompt[LANG], next: c.next });
  await page.click(c.next);
  await page.waitForFunction(() => window.__seen.second !== undefined, null, { timeout: 60_000 });
  const nextQuestion = await page.evaluate(() => window.__seen.second - window.__pressed);
  const allBytes = gzipBytes(await requestedBy(page, Infinity));
  await context.close();
  return { bytes: startBytes, allBytes, startScreen, nextQuestion, memory: usedSize + wasm };
}

/** The paths of the page and of every file it asked for by `moment` (ms since navigation). */
async function requestedBy(page, moment) {
  const asked = await page.evaluate((moment) => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= moment).map((e) => new URL(e.name).pathname), moment);
  return [new URL(page.url()).pathname, ...asked];
}

/** gzip -9 of each file of the build asked for (as it is on disk), summed. */
function gzipBytes(paths) {
  return [...new Set(paths)]
    .filter((path) => path.startsWith('/lytt/'))
    .reduce((sum, path) => {
      const file = join(server.root, decodeURIComponent(path.slice('/lytt/'.length)) || 'index.html');
      return existsSync(file) && !file.endsWith('/') ? sum + gzipSync(readFileSync(file), { level: 9 }).length : sum;
    }, 0);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

try {
  const results = { Lytt: { plain: [], slow: [] }, SurveyJS: { plain: [], slow: [] } };
  for (let round = 0; round < ROUNDS; round++) {
    for (const throttle of [false, true]) {
      for (const name of round % 2 ? ['SurveyJS', 'Lytt'] : ['Lytt', 'SurveyJS']) {
        results[name][throttle ? 'slow' : 'plain'].push(await run(name, throttle));
      }
    }
  }
  const figure = (name, set, key) => median(results[name][set].map((r) => r[key]));
  const rows = [
    ['transfer to the start screen, gzip bytes', 'plain', 'bytes', (v) => v.toFixed(0)],
    ['transfer to the second question, gzip bytes', 'plain', 'allBytes', (v) => v.toFixed(0)],
    ['start screen interactive, ms, no throttling', 'plain', 'startScreen', (v) => v.toFixed(0)],
    ['start screen interactive, ms, 4x CPU throttling', 'slow', 'startScreen', (v) => v.toFixed(0)],
    ['answer to next question, ms, no throttling', 'plain', 'nextQuestion', (v) => v.toFixed(1)],
    ['answer to next question, ms, 4x CPU throttling', 'slow', 'nextQuestion', (v) => v.toFixed(1)],
    ['JS heap after GC + wasm memory, bytes', 'plain', 'memory', (v) => v.toFixed(0)],
  ];
  console.log(`Lytt and SurveyJS on the contract's example (${example.id}, ${LANG}), 360 px, median of ${ROUNDS} rounds each`);
  console.log(`${'figure'.padEnd(50)} ${'Lytt'.padStart(10)} ${'SurveyJS'.padStart(10)} ${'ratio'.padStart(7)}`);
  for (const [label, set, key, format] of rows) {
    const lytt = figure('Lytt', set, key);
    const other = figure('SurveyJS', set, key);
    console.log(`${label.padEnd(50)} ${format(lytt).padStart(10)} ${format(other).padStart(10)} ${(lytt / other).toFixed(2).padStart(6)}x`);
  }
} finally {
  await browser.close();
  server.stop();
}
