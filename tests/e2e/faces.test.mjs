// Smiley faces: told apart by shape, each with its name visible, in one row on the narrowest
// phones, and chosen by keyboard like any radio button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations } from './helpers.mjs';

const shared = serverAndBrowser();

for (const [width, lang, names] of [
  [320, 'sv', ['Mycket ledsen', 'Ledsen', 'Neutral', 'Glad', 'Mycket glad']],
  [320, 'nb', ['Veldig lei meg', 'Lei meg', 'Nøytral', 'Glad', 'Veldig glad']],
  [360, 'en', ['Very sad', 'Sad', 'Neutral', 'Happy', 'Very happy']],
]) {
  test(`five faces at ${width} px in ${lang}: one row, every name whole, every face its own`, async () => {
    const page = await newPage(shared.browser, shared.server, { width, height: 700 });
    await page.goto(shared.server.url(`#/s/hva-er-viktig?lang=${lang}`));
    await page.locator('main button').first().click();
    await page.goto(shared.server.url('#/s/hva-er-viktig/q/helpers_know'));
    const faces = page.locator('.faces label');
    await faces.first().waitFor();
    const layout = await faces.evaluateAll((labels) => labels.map((label) => {
      const box = label.getBoundingClientRect();
      const name = label.querySelector('.name');
      const text = name.getBoundingClientRect();
      return {
        top: Math.round(box.top),
        name: name.textContent,
        whole: name.scrollWidth <= name.clientWidth + 1 && text.left >= box.left && text.right <= box.right,
        drawing: label.querySelector('svg').innerHTML,
      };
    }));
    assert.deepEqual(layout.map((f) => f.name), names);
    assert.equal(new Set(layout.map((f) => f.top)).size, 1, 'one row');
    assert.ok(layout.every((f) => f.whole), JSON.stringify(layout.map(({ name, whole }) => ({ name, whole }))));
    assert.equal(new Set(layout.map((f) => f.drawing)).size, 5, 'no two faces are drawn alike');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'no sideways scrolling');
    await expectNoAxeViolations(page, `smiley faces at ${width} px`);
    // By keyboard: the arrow keys move between the faces, as in any group of radio buttons.
    await faces.nth(2).locator('input').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await faces.nth(4).locator('input').isChecked(), true);
    expectClean(page);
    await page.context().close();
  });
}

test('three faces are the sad, neutral and happy ones of five', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
  await page.locator('main button').first().click();
  await page.locator('.faces label').first().waitFor();
  const five = await page.locator('.faces label').evaluateAll((ls) => ls.map((l) => l.querySelector('svg').innerHTML));
  await page.goto(shared.server.url('#/s/folkehelsedagen/q/useful_info'));
  await page.getByText('Neutral').waitFor();
  const faces = page.locator('.faces label');
  assert.deepEqual(await faces.locator('.name').allTextContents(), ['Sad', 'Neutral', 'Happy']);
  const three = await faces.evaluateAll((ls) => ls.map((l) => l.querySelector('svg').innerHTML));
  assert.equal(five.length, 5);
  assert.deepEqual(three, five.slice(1, 4));
  expectClean(page);
  await page.context().close();
});
