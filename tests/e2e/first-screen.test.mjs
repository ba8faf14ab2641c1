// A survey's start screen on a first visit is drawn before the app's screens are in
// (src/first.rs), and the app's screens take over from it: the same screen, what the person
// chose on it carried over, keyboard focus kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { serverAndBrowser, newPage, expectClean, waitForHeading, expectNoAxeViolations, DIST } from './helpers.mjs';

// The starter survey published as a link, under an id of its own (a link may not take the
// place of a survey of the site).
const linked = deflateRawSync(Buffer.from(JSON.stringify({
  ...JSON.parse(readFileSync(join(DIST, 'surveys', 'hva-er-viktig.json'), 'utf8')), id: 'i-lenken',
}))).toString('base64url');

// A link made by anyone: its title and introduction are text however they are written.
const HOSTILE = '<img src=x onerror="globalThis.injected=1"> & "<b>';
const starter = JSON.parse(readFileSync(join(DIST, 'surveys', 'hva-er-viktig.json'), 'utf8'));
const hostile = deflateRawSync(Buffer.from(JSON.stringify({
  ...starter, id: 'fra-hvem-som-helst', title: { ...starter.title, nb: HOSTILE }, intro: { ...starter.intro, nb: `${HOSTILE} 'x'` },
}))).toString('base64url');

const shared = serverAndBrowser();

/** A page whose app part (split_app-*.wasm) is held back until `release()` is called. */
async function heldPage() {
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  // When the first screen was up, and when each file was asked for.
  await page.addInitScript(() => {
    globalThis.canonical = (selector) => {
      const root = document.querySelector(selector).cloneNode(true);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
      const comments = [];
      while (walker.nextNode()) comments.push(walker.currentNode);
      comments.forEach((c) => c.remove());
      root.normalize();
      const walk = (node) => (node.nodeType === Node.TEXT_NODE ? JSON.stringify(node.data)
        : `<${node.localName}${[...node.attributes].map((a) => ` ${a.name}=${JSON.stringify(a.value)}`).sort().join('')}>${[...node.childNodes].map(walk).join('')}</${node.localName}>`);
      return walk(root);
    };
    globalThis.asked = [];
    new MutationObserver(() => {
      if (!globalThis.firstShownAt && document.querySelector('.first-screen h1')) globalThis.firstShownAt = performance.now();
      // The app's screen as it is when the first screen goes, before anything else runs.
      if (globalThis.firstShownAt && !document.querySelector('.first-screen') && globalThis.tookOver === undefined) {
        globalThis.tookOver = globalThis.canonical('body > main');
      }
    }).observe(document, { childList: true, subtree: true });
  });
  page.on('request', (request) => page.evaluate((name) => globalThis.asked.push([name, performance.now()]), request.url().split('/').pop().split('-')[0]).catch(() => {}));
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(/split_app-[0-9a-f]+\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return { page, release };
}

/** The elements and text under `selector`, attributes sorted, without comments. */
function canonical(page, selector) {
  return page.evaluate((selector) => globalThis.canonical(selector), selector);
}

/** Until the survey start screen's answers from the browser are in: how long drafts are kept, the key. */
async function settled(page, within) {
  await page.locator(`${within} .fingerprint`).waitFor();
  await page.locator(`${within} .kept-days, ${within} .device button`).first().waitFor();
}

for (const [name, hash, settle = settled] of [
  ['bokmål', '#/s/hva-er-viktig'],
  ['Swedish, from the link', '#/s/hva-er-viktig?lang=sv'],
  ['a shared computer, from the link', '#/s/hva-er-viktig?device=shared'],
  ['a survey carried in its link, kept on the device', `#/l/${linked}`],
  ['a link whose title and introduction are written as markup', `#/l/${hostile}`, async (page, within) => {
    await settled(page, within);
    assert.equal(await page.locator(`${within} h1`).textContent(), HOSTILE);
    assert.equal(await page.locator(`${within} img, ${within} b`).count(), 0);
    assert.equal(await page.evaluate(() => globalThis.injected), undefined);
  }],
  ['the start page', '#/', (page, within) => page.locator(`${within} .surveys`).waitFor()],
  ['the start page in English', '#/?lang=en', (page, within) => page.locator(`${within} .surveys`).waitFor()],
]) {
  test(`a first visit shows its first screen before the app's screens, and theirs is the same (${name})`, async () => {
    const { page, release } = await heldPage();
    await page.goto(shared.server.url(hash));
    await settle(page, '.first-screen');
    const first = await canonical(page, '.first-screen main');
    // The app's screens were asked for only once this screen was up.
    await page.waitForFunction(() => globalThis.asked.some(([name]) => name === 'split_app'));
    const { asked, shownAt } = await page.evaluate(() => ({ asked: globalThis.asked, shownAt: globalThis.firstShownAt }));
    const parts = asked.filter(([name]) => /^split_(app|opening|answering)$/.test(name));
    assert.ok(shownAt > 0 && parts.length > 0 && parts.every(([, at]) => at > shownAt), JSON.stringify({ shownAt, parts }));
    await expectNoAxeViolations(page, `the first screen (${name})`);
    release();
    await page.locator('.first-screen').waitFor({ state: 'detached' });
    // Theirs is the same the moment it takes over (nothing moves on the screen), and after.
    assert.equal(await page.evaluate(() => globalThis.tookOver), first);
    await settle(page, 'body > main');
    assert.equal(await canonical(page, 'body > main'), first);
    expectClean(page);
    await page.context().close();
  });
}

test('what is chosen on the first screen carries over to the app\'s screens, and Start goes on', async () => {
  const { page, release } = await heldPage();
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(page, 'Hva er viktig for deg?');
  await page.locator('.first-screen select#language').selectOption('sv');
  await waitForHeading(page, 'Vad är viktigt för dig?');
  await page.getByLabel('Det här är en delad eller offentlig dator', { exact: false }).click();
  await page.getByRole('button', { name: 'Det här är min egen enhet' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('lytt.language')), '"sv"');
  await page.getByRole('button', { name: 'Börja' }).click();
  await page.locator('.first-screen [aria-busy="true"]').waitFor();
  release();
  await page.locator('.first-screen').waitFor({ state: 'detached' });
  // At once: not after a start screen that is never drawn (which the app waits for about ten
  // seconds before fetching the question screens).
  await page.locator('#screen-heading', { hasText: 'Vad är viktigast för dig just nu?' }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator('select#language').inputValue(), 'sv');
  // A shared computer keeps no answers in the browser.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lytt.draft.')).length), 0);
  expectClean(page);
  await page.context().close();
});

test('keyboard focus on the first screen stays where it was when the app\'s screens take over', async () => {
  const { page, release } = await heldPage();
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(page, 'Hva er viktig for deg?');
  const start = page.getByRole('button', { name: 'Start' });
  while (!(await start.evaluate((button) => button === document.activeElement))) await page.keyboard.press('Tab');
  release();
  await page.locator('.first-screen').waitFor({ state: 'detached' });
  assert.ok(await page.locator('body > main button.primary').evaluate((button) => button === document.activeElement));
  await page.keyboard.press('Enter');
  await waitForHeading(page, 'Hva er viktigst for deg akkurat nå?');
  expectClean(page);
  await page.context().close();
});

test('without the app\'s part, the first screen gives way to a message and "Try again"', async () => {
  const page = await newPage(shared.browser, shared.server, { serviceWorkers: 'block' });
  let failing = true;
  await page.route(/split_app-[0-9a-f]+\.wasm$/, (route) => (failing ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(shared.server.url('#/s/hva-er-viktig'));
  await waitForHeading(page, 'Denne delen av Lytt kunne ikke lastes');
  assert.equal(await page.locator('.first-screen').count(), 0);
  await expectNoAxeViolations(page, 'the app\'s part missing');
  failing = false;
  await page.getByRole('button', { name: 'Prøv igjen' }).click();
  await waitForHeading(page, 'Hva er viktig for deg?');
  await page.getByRole('button', { name: 'Start' }).click();
  await waitForHeading(page, 'Hva er viktigst for deg akkurat nå?');
  await page.context().close();
});
