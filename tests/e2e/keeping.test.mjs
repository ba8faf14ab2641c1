// How long an unfinished survey stays on this device, said truthfully on the survey's start
// screen: the app asks the browser to keep its storage, and WebKit's seven days without a
// visit (Safari, every browser on an iPhone) are named where they apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations } from './helpers.mjs';

const shared = serverAndBrowser();

const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

/** A page whose `navigator.storage` answers `granted` to persisted() and persist(); records calls. */
async function pageWith(granted, userAgent) {
  const context = await shared.browser.newContext({ viewport: { width: 360, height: 740 }, ...(userAgent ? { userAgent } : {}) });
  await context.addInitScript((granted) => {
    window.persistCalls = [];
    const answer = (name) => () => { window.persistCalls.push(name); return Promise.resolve(granted); };
    Object.defineProperty(navigator, 'storage', {
      value: { persisted: answer('persisted'), persist: answer('persist'), estimate: () => Promise.resolve({}) },
    });
  }, granted);
  return newPage(context, shared.server);
}

const keptText = (page) => page.locator('.kept-days').textContent();

test('a browser that agrees to keep the storage: fourteen days', async () => {
  const page = await pageWith(true);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.locator('.kept-days').waitFor();
  assert.equal(await keptText(page), 'An unfinished survey is kept on this device for 14 days.');
  assert.deepEqual(await page.evaluate(() => window.persistCalls), ['persisted']);
  await expectNoAxeViolations(page, 'start screen saying how long a draft is kept');
  expectClean(page);
  await page.context().close();
});

test('a browser that does not: fourteen days unless space runs out, and it was asked', async () => {
  const page = await pageWith(false);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=nb'));
  await page.locator('.kept-days').waitFor();
  assert.equal(await keptText(page), 'En påbegynt undersøkelse lagres på denne enheten i 14 dager, med mindre enheten får for lite lagringsplass.');
  assert.deepEqual(await page.evaluate(() => window.persistCalls), ['persisted', 'persist']);
  expectClean(page);
  await page.context().close();
});

test('Safari outside the home screen: seven days without a visit, said plainly', async () => {
  const page = await pageWith(false, SAFARI);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.locator('.kept-days').waitFor();
  assert.equal(
    await keptText(page),
    'This browser deletes an unfinished survey after 7 days without a visit. Add Lytt to your home screen to keep it for 14 days.',
  );
  expectClean(page);
  await page.context().close();
});

test('on a shared computer nothing is kept for days, so nothing is said about days', async () => {
  const page = await pageWith(true);
  await page.goto(shared.server.url('#/s/hva-er-viktig?lang=en'));
  await page.locator('.kept-days').waitFor();
  await page.getByLabel('This is a shared or public computer (library, service centre, shelter)').click();
  await page.locator('.kept-days').waitFor({ state: 'detached' });
  assert.equal(await page.locator('.kept-days').count(), 0);
  expectClean(page);
  await page.context().close();
});
