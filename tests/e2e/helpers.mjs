// Shared helpers for the end-to-end tests: a plain static server over the release build
// under a sub-path, Debian's Chromium driven by Playwright, axe-core checks, and a guard
// that fails a test if the page asks any other origin for anything.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, cpSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import assert from 'node:assert/strict';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const DIST = resolve(import.meta.dirname, '../../dist');
/** The public test identity the starter surveys are sealed to. */
export const TEST_KEY = resolve(import.meta.dirname, '../../keys/test-owner.key');
export const SUB_PATH = '/lytt/';

/** Serves `root` with `python3 -m http.server` on a free port of 127.0.0.1. */
export async function startServer({ extraFiles = {} } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'lytt-e2e-'));
  if (Object.keys(extraFiles).length === 0) {
    symlinkSync(DIST, join(root, 'lytt'));
  } else {
    cpSync(DIST, join(root, 'lytt'), { recursive: true });
    for (const [name, body] of Object.entries(extraFiles)) {
      const path = join(root, 'lytt', name);
      mkdirSync(resolve(path, '..'), { recursive: true });
      writeFileSync(path, body);
    }
  }
  const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('static server did not start')), 10_000);
    child.stdout.on('data', (chunk) => {
      const m = /port (\d+)/.exec(chunk.toString());
      if (m) {
        clearTimeout(timer);
        ok(Number(m[1]));
      }
    });
    child.on('exit', (code) => fail(new Error(`static server exited with ${code}`)));
  });
  child.stderr.resume();
  return {
    root: join(root, 'lytt'),
    origin: `http://127.0.0.1:${port}`,
    url: (hash = '') => `http://127.0.0.1:${port}${SUB_PATH}${hash}`,
    stop: () => child.kill(),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Content-Security-Policy violations seen in any page of any browser that `launch` started, as
 * "directive: blocked URI" lines. Every test fails if one happened during it (afterEach below).
 */
const cspViolations = [];

/** Reports each violation of the page's policy on the console, where the test sees it. */
function reportViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    console.error(`lytt-csp-violation ${event.effectiveDirective}: ${event.blockedURI || '(inline)'}`);
  });
}

export async function launch() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // Every page of every context listens, whichever way a test made it.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    await context.addInitScript(reportViolations);
    context.on('page', (page) => {
      page.on('console', (message) => {
        const text = message.text();
        if (text.startsWith('lytt-csp-violation ')) cspViolations.push(text.slice('lytt-csp-violation '.length));
      });
    });
    return context;
  };
  return browser;
}

/** The violations seen so far, taken (a test that provokes one on purpose checks it here). */
export function takeCspViolations() {
  return cspViolations.splice(0);
}

afterEach(() => {
  const seen = cspViolations.splice(0);
  assert.deepEqual(seen, [], 'Content-Security-Policy violations');
});

/**
 * A new page at phone width that records every request; `page.foreignRequests` lists any
 * that went to another origin (data: URLs are the page's own).
 */
export async function newPage(
  browserOrContext,
  server,
  { width = 360, height = 740, alsoAllowed = [], serviceWorkers = 'allow' } = {},
) {
  // axe needs pages of an explicit context; a context passed in is shared (same storage).
  const context = browserOrContext.newContext
    ? await browserOrContext.newContext({ viewport: { width, height }, serviceWorkers })
    : browserOrContext;
  const page = await context.newPage();
  page.foreignRequests = [];
  page.pageErrors = [];
  page.on('request', (request) => {
    const url = request.url();
    const allowed = [server.origin, ...alsoAllowed].some((origin) => url.startsWith(origin + '/'));
    if (!allowed && !url.startsWith('data:')) page.foreignRequests.push(url);
  });
  page.on('pageerror', (error) => page.pageErrors.push(error.message));
  return page;
}

/** Fails with a readable list when axe finds any WCAG 2.2 A/AA violation. */
export async function expectNoAxeViolations(page, screen) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  assert.deepEqual(summary, [], `axe violations on ${screen}`);
}

/** The page made no request to another origin and threw nothing. */
export function expectClean(page) {
  assert.deepEqual(page.foreignRequests, [], 'requests to other origins');
  assert.deepEqual(page.pageErrors, [], 'uncaught errors in the page');
}

/** Waits until the screen's heading has focus (each screen moves focus there). */
export async function waitForHeading(page, text) {
  const heading = page.locator('#screen-heading');
  if (text !== undefined) await heading.filter({ hasText: text }).waitFor();
  else await heading.waitFor();
  return heading;
}

/**
 * Waits until the app's screens are up: a first visit's first screen is drawn before them
 * (src/first.rs), and they take over from it.
 */
export async function appUp(page) {
  await page.locator('body > main').waitFor({ state: 'attached' });
  await page.locator('.first-screen').waitFor({ state: 'detached' });
}

/** The record shown on the done screen, parsed. */
export async function readRecord(page) {
  const text = await page.locator('#record').textContent();
  return JSON.parse(text);
}

/** The contract's record shape (shared/formats/README.md). */
export function expectRecordShape(record, { survey, language, mode = 'personal', status = 'complete' }) {
  assert.deepEqual(Object.keys(record).sort(), [
    'answers', 'completed', 'format', 'language', 'mode', 'response', 'status', 'survey', 'survey_version',
  ]);
  assert.equal(record.format, 'lytt-response/1');
  assert.equal(record.survey, survey);
  assert.equal(record.survey_version, '2026-11-22');
  assert.match(record.response, /^[0-9a-f]{32}$/);
  assert.equal(record.language, language);
  assert.equal(record.mode, mode);
  assert.equal(record.status, status);
  assert.match(record.completed, /^\d{4}-W\d{2}$|^\d{4}-\d{2}-\d{2}$/);
}

/** Everything in local and session storage, as one string (for scans). */
export async function storageDump(page) {
  return page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
}

/**
 * Starts one static server and one browser for a test file and stops both after it. The returned
 * object's `server` and `browser` are set once the file's tests start.
 */
export function serverAndBrowser(serverOptions) {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await startServer(serverOptions);
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    shared.server?.stop();
  });
  return shared;
}

/**
 * From the event survey's first question (in English), by its buttons: "Very happy", "The food",
 * on past the two optional questions, and `words` typed as the free text (not finished).
 */
export async function answerEventUpToText(page, words) {
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('The food').check();
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Anything else you would like to say?').fill(words);
}

/**
 * Answers the short event survey in English with `words` as the free text, and finishes it
 * (after `beforeFinish`, if given, has run on the review screen).
 */
export async function answerFolkehelsedagen(page, server, words, { beforeFinish = async () => {} } = {}) {
  await page.goto(server.url('#/s/folkehelsedagen?lang=en'));
  await page.getByText('Test key – not for real answers.').waitFor();
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('The food').check();
  await page.goto(server.url('#/s/folkehelsedagen/q/anything_else'));
  await page.getByLabel('Anything else you would like to say?').fill(words);
  await page.goto(server.url('#/s/folkehelsedagen/review'));
  await beforeFinish();
  await page.getByRole('button', { name: 'Finish' }).click();
  await waitForHeading(page, 'Thank you for your answers!');
}

/** Decrypts one armored record with the reference `age` and the test identity, and parses it. */
export const openWithAge = (armored) =>
  JSON.parse(execFileSync('age', ['-d', '-i', TEST_KEY], { input: armored }).toString());

/**
 * Presses "Save encrypted file" and returns the downloaded bundle of `survey`, checked to be named
 * after it and to hold nothing in clear but its three fields.
 */
export async function saveBundle(page, survey) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save encrypted file' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${survey}.lytt.json`);
  const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.deepEqual(Object.keys(bundle).sort(), ['format', 'records', 'survey']);
  assert.equal(bundle.survey, survey);
  return bundle;
}
