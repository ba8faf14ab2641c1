// The page's own protection: a strict Content-Security-Policy written into index.html at build
// time (scripts only from the app's origin and the loader's hashes), and a survey whose owner
// changed its key is never answered with the old key by a device that is online.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serverAndBrowser, newPage, waitForHeading, saveBundle, answerEventUpToText, takeCspViolations, TEST_KEY, expectClean } from './helpers.mjs';

const event = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../surveys/folkehelsedagen.json'), 'utf8'));
const rotating = (recipient, id = 'rotating') =>
  JSON.stringify({ ...event, id, recipient, kiosk: { ...event.kiosk, thank_you_seconds: 1 } });
const shared = serverAndBrowser({
  extraFiles: {
    'surveys/rotating.json': rotating(event.recipient),
    'surveys/rotating-kiosk.json': rotating(event.recipient, 'rotating-kiosk'),
  },
});

/** A new owner key made by the reference age-keygen: its file and its recipient. */
function newOwnerKey(dir) {
  const file = join(dir, 'new-owner.key');
  execFileSync('age-keygen', ['-o', file], { stdio: 'ignore' });
  return { file, recipient: /# public key: (age1\S+)/.exec(readFileSync(file, 'utf8'))[1] };
}

/** Publishes a survey file anew, with a later time as any new upload has. */
function publish(path, body) {
  writeFileSync(path, body);
  const later = new Date(Date.now() + 60_000);
  utimesSync(path, later, later);
}

/** Which of the two keys opens an armored record: 'new', 'test', or neither. */
function openedBy(armored, newKey) {
  for (const [name, key] of [['new', newKey], ['test', TEST_KEY]]) {
    try {
      execFileSync('age', ['-d', '-i', key], { input: armored, stdio: 'pipe' });
      return name;
    } catch {}
  }
  return 'neither';
}

/** The policy the page carries, as a map of directive to its sources. */
async function policyOf(page) {
  const content = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

test('the page carries a strict Content-Security-Policy that blocks injected scripts', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/folkehelsedagen?lang=en'));
  await waitForHeading(page, 'Tell us what you think!');
  // The policy comes before anything it governs.
  assert.equal(await page.evaluate(() => document.head.firstElementChild.nextElementSibling.getAttribute('http-equiv')), 'Content-Security-Policy');
  const policy = await policyOf(page);
  assert.deepEqual(policy.get('default-src'), ["'self'"]);
  const scripts = policy.get('script-src');
  assert.deepEqual(scripts.slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(scripts.slice(2).length >= 1 && scripts.slice(2).every((s) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(s)), scripts.join(' '));
  assert.deepEqual(policy.get('connect-src'), ["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*']);
  for (const name of ['object-src', 'base-uri', 'form-action']) assert.deepEqual(policy.get(name), ["'none'"], name);
  const everySource = [...policy.values()].flat();
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:']) assert.ok(!everySource.includes(unsafe), unsafe);

  // Script that finds its way into the page is refused, and the refusal is seen by the tests.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.lyttInjected = true;';
    document.head.append(script);
    return window.lyttInjected === true;
  });
  assert.equal(ran, false, 'an injected inline script does not run');
  await page.evaluate(() => fetch('http://example.invalid/collect').catch(() => {}));
  await page.waitForTimeout(200);
  const seen = takeCspViolations();
  assert.ok(seen.some((v) => v.startsWith('script-src-elem')), seen.join(', '));
  assert.ok(seen.some((v) => v.startsWith('connect-src: http://example.invalid')), seen.join(', '));
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});

test('after an owner changes a survey\'s key, an online device seals to the new key, also with the old one cached', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lytt-rotate-'));
  const { file: newKey, recipient: newRecipient } = newOwnerKey(dir);
  const file = join(shared.server.root, 'surveys/rotating.json');
  try {
    const page = await newPage(shared.browser, shared.server);
    await page.goto(shared.server.url('#/?lang=en'));
    await page.locator('a.survey-link').first().waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Opened once with the old key: the service worker keeps it for offline use.
    await page.goto(shared.server.url('#/s/rotating?lang=en'));
    await waitForHeading(page, 'Tell us what you think!');
    const cached = () => page.evaluate(async () => {
      for (const name of await caches.keys()) {
        const hit = await (await caches.open(name)).match(new URL('surveys/rotating.json', document.baseURI).href);
        if (hit) return (await hit.json()).recipient;
      }
      return null;
    });
    assert.equal(await cached(), event.recipient);

    // The owner publishes the survey with a new key.
    publish(file, rotating(newRecipient));

    await page.goto(shared.server.url('#/?lang=en'));
    await page.goto(shared.server.url('#/s/rotating?lang=en'));
    await waitForHeading(page, 'Tell us what you think!');
    assert.equal(await page.getByText('Test key – not for real answers.').count(), 0, 'the new survey is shown');
    assert.equal(await cached(), newRecipient, 'the cached copy is the new one too');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
    await page.goto(shared.server.url('#/s/rotating/review'));
    await page.getByRole('button', { name: 'Finish' }).click();
    await waitForHeading(page, 'Thank you for your answers!');
    const [armored] = (await saveBundle(page, 'rotating')).records;
    assert.equal(openedBy(armored, newKey), 'new', 'only the new key reads it');
    expectClean(page);
    await page.context().close();
  } finally {
    writeFileSync(file, rotating(event.recipient));
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a kiosk running all day takes its owner\'s new key for the next visitor', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lytt-rotate-kiosk-'));
  const { file: newKey, recipient: newRecipient } = newOwnerKey(dir);
  const file = join(shared.server.root, 'surveys/rotating-kiosk.json');
  try {
    const page = await newPage(shared.browser, shared.server);
    await page.goto(shared.server.url('#/kiosk/rotating-kiosk?lang=en'));
    await waitForHeading(page, 'Start a kiosk');
    await page.getByLabel('Staff PIN (at least 6 digits)').fill('471100');
    await page.getByLabel('The same PIN again').fill('471100');
    await page.getByRole('button', { name: 'Start the kiosk' }).click();
    await waitForHeading(page, 'Tell us what you think!');
    // The kiosk is running when the owner publishes the new key; this visitor's survey was
    // loaded before that, the next one's is fetched when they come.
    publish(file, rotating(newRecipient, 'rotating-kiosk'));
    for (const words of ['Før nøkkelbytte', 'Etter nøkkelbytte']) {
      await page.getByRole('button', { name: 'Start' }).click();
      await answerEventUpToText(page, words);
      await page.getByRole('button', { name: 'Finish' }).click();
      await waitForHeading(page, 'Thank you!');
      await waitForHeading(page, 'Tell us what you think!');
    }
    await page.getByRole('button', { name: 'Staff' }).click();
    await page.getByLabel('PIN').fill('471100');
    await page.getByRole('button', { name: 'Open' }).click();
    const { records } = await saveBundle(page, 'rotating-kiosk');
    assert.deepEqual(records.map((r) => openedBy(r, newKey)).sort(), ['new', 'test']);
    expectClean(page);
    await page.context().close();
  } finally {
    writeFileSync(file, rotating(event.recipient, 'rotating-kiosk'));
    rmSync(dir, { recursive: true, force: true });
  }
});
