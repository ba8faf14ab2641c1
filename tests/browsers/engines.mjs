// Debian's Firefox ESR (over WebDriver BiDi, with puppeteer-core) and WebKitGTK (its
// WebKitWebDriver driving MiniBrowser under Xvfb, over classic WebDriver), each behind the same
// small page interface, so that one test of a main path runs in both engines. Clicks and typing
// go through the driver, as a person's would; checks read the page with a script.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';

const FIREFOX = '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** The engines this machine has (scripts/setup.sh --test installs both). */
export const ENGINES = [
  ...(existsSync(FIREFOX) ? ['firefox'] : []),
  ...(existsSync(WEBKIT_DRIVER) && existsSync(MINIBROWSER) ? ['webkit'] : []),
];

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** An XPath that finds a button or link by its whole visible text (in Firefox). */
const byText = (text) => `//*[self::button or self::a][normalize-space()=${JSON.stringify(text)}]`;

/** A free port on 127.0.0.1. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

/** Waits until `check` returns something truthy, and returns it. */
export async function until(check, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Firefox ESR over WebDriver BiDi. */
async function firefox() {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e.message ?? e)));
  const element = async (xpath) => until(async () => (await page.$$(`xpath/${xpath}`))[0], xpath);
  return {
    name: 'Firefox ESR',
    errors,
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    run: (fn, ...args) => page.evaluate(`(${fn})(...${JSON.stringify(args)})`),
    clickText: async (text) => (await element(byText(text))).click(),
    click: async (css) => (await until(() => page.$(css), css)).click(),
    type: async (css, text) => (await until(() => page.$(css), css)).type(text),
    close: () => browser.close(),
  };
}

/** WebKitGTK's MiniBrowser through WebKitWebDriver, in its own Xvfb display. */
async function webkit() {
  const port = await freePort();
  const driver = spawn('xvfb-run', ['-a', WEBKIT_DRIVER, `--port=${port}`], { stdio: 'ignore', detached: true });
  const base = `http://127.0.0.1:${port}`;
  const call = async (method, path, body) => {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const { value } = await response.json();
    if (value && value.error) throw new Error(`${path}: ${value.error}: ${value.message}`);
    return value;
  };
  await until(() => fetch(`${base}/status`).then(() => true, () => false), 'WebKitWebDriver');
  const { sessionId } = await call('POST', '/session', {
    capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } } },
  });
  const s = `/session/${sessionId}`;
  const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
  const find = (using, value) =>
    until(async () => {
      const found = await call('POST', `${s}/elements`, { using, value });
      return found[0]?.[ELEMENT];
    }, value);
  const run = (fn, ...args) => call('POST', `${s}/execute/sync`, { script: `return (${fn})(...arguments)`, args });
  // Uncaught errors are collected in the page, as the Playwright tests see them.
  const errors = {
    async list() {
      return (await run(() => window.__errors ?? [])) ?? [];
    },
  };
  const watchErrors = () =>
    run(() => {
      if (window.__errors) return;
      window.__errors = [];
      window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
      window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
    });
  return {
    name: 'WebKitGTK',
    errors,
    goto: async (url) => {
      await call('POST', `${s}/url`, { url });
      await watchErrors();
    },
    reload: async () => {
      await call('POST', `${s}/refresh`, {});
      await watchErrors();
    },
    run,
    clickText: async (text) => {
      // Found by a script: WebKitWebDriver's XPath finds nothing in these pages.
      const id = await until(async () => {
        const found = await run((text) => [...document.querySelectorAll('button, a')].find((e) => e.textContent.trim() === text) ?? null, text);
        return found?.[ELEMENT];
      }, `the button "${text}"`);
      return call('POST', `${s}/element/${id}/click`, {});
    },
    click: async (css) => call('POST', `${s}/element/${await find('css selector', css)}/click`, {}),
    type: async (css, text) => call('POST', `${s}/element/${await find('css selector', css)}/value`, { text }),
    close: async () => {
      await call('DELETE', s).catch(() => {});
      try {
        process.kill(-driver.pid);
      } catch {
        // Already gone.
      }
    },
  };
}

/** Opens a page in `engine` ('firefox' or 'webkit'). */
export function open(engine) {
  return engine === 'firefox' ? firefox() : webkit();
}

/** The page's uncaught errors so far. */
export async function pageErrors(page) {
  return Array.isArray(page.errors) ? page.errors : page.errors.list();
}
