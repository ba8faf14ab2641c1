// Delivery to an inbox: a survey whose submit_url points at `lytt inbox` on 127.0.0.1. The app
// sends each sealed record at once; when it cannot, the record waits in the outbox (across a
// reload) and is sent when the connection or the inbox comes back. The owner's report reads
// what the inbox stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, launch, newPage, answerFolkehelsedagen, storageDump, expectClean, expectNoAxeViolations } from './helpers.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const KEY = join(ROOT, 'keys/test-owner.key');
const SURVEY_PATH = join(ROOT, 'surveys/folkehelsedagen.json');
const LYTT = join(ROOT, 'target/debug/lytt');

/** Starts `lytt inbox` storing into `dir`; resolves once it listens. Port 0 picks a free one. */
function startInbox(dir, port, origin) {
  const child = spawn(LYTT, ['inbox', '--dir', dir, '--listen', `127.0.0.1:${port}`, '--origin', origin, '--allow-test-key', '--batch', '1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log = [];
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`inbox did not start: ${log.join(' | ')}`));
    }, 20_000);
    let text = '';
    child.stderr.on('data', (chunk) => {
      // Lines can arrive split across chunks: match on everything so far.
      text += chunk.toString();
      log.splice(0, log.length, ...text.split('\n').filter(Boolean));
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (m) {
        clearTimeout(timer);
        ok({ port: Number(m[1]), log, stop: () => new Promise((done) => {
          if (child.exitCode !== null || child.signalCode !== null) return done();
          child.once('exit', done);
          child.kill();
        }) });
      }
    });
    child.on('exit', (code) => fail(new Error(`inbox exited with ${code}: ${log.join(' | ')}`)));
  });
}

const bundlesIn = (dir) => readdirSync(dir).filter((name) => name.endsWith('.lytt.json')).map((name) => join(dir, name));

/** The bundles in `dir` once `count` are there: the inbox publishes a batch just after its 201. */
async function publishedIn(dir, count) {
  for (let waited = 0; bundlesIn(dir).length < count && waited < 10_000; waited += 50) {
    await new Promise((done) => setTimeout(done, 50));
  }
  const files = bundlesIn(dir);
  assert.equal(files.length, count, 'bundles published');
  return files;
}

/** Every record stored in `dir`, decrypted by the owner's CLI. */
const decryptStored = (dir) =>
  execFileSync(LYTT, ['decrypt', '-i', KEY, ...bundlesIn(dir)]).toString().trim().split('\n').map((l) => JSON.parse(l));

let server;
let browser;
let inboxPort;
let inboxOrigin;

before(async () => {
  execFileSync('cargo', ['build', '-q', '-p', 'lytt-cli'], { cwd: ROOT, stdio: 'inherit' });
  // A free port for the inbox, fixed for the file so the survey can name it.
  const probe = await startInbox(mkdtempSync(join(tmpdir(), 'lytt-probe-')), 0, 'http://127.0.0.1');
  inboxPort = probe.port;
  await probe.stop();
  const survey = JSON.parse(readFileSync(SURVEY_PATH, 'utf8'));
  survey.submit_url = `http://127.0.0.1:${inboxPort}/inbox`;
  // A survey that is not part of the build: cached only once it has been opened.
  const extra = { ...survey, id: 'innsjekk', title: Object.fromEntries(survey.languages.map((l) => [l, 'Innsjekk'])) };
  server = await startServer({
    extraFiles: {
      'surveys/folkehelsedagen.json': JSON.stringify(survey),
      'surveys/innsjekk.json': JSON.stringify(extra),
    },
  });
  inboxOrigin = server.origin;
  browser = await launch();
});

/** A fresh folder with a running inbox at the address the survey names. */
async function freshInbox() {
  const dir = mkdtempSync(join(tmpdir(), 'lytt-inbox-'));
  return { dir, inbox: await startInbox(dir, inboxPort, inboxOrigin) };
}

/** A page that may talk to the inbox (its only other origin). */
const inboxPage = () => newPage(browser, server, { alsoAllowed: [`http://127.0.0.1:${inboxPort}`] });

after(async () => {
  await browser?.close();
  server?.stop();
});

test('a finished survey is sent to the inbox at once, and the report reads it back', async () => {
  const { dir, inbox } = await freshInbox();
  try {
    const page = await inboxPage();
    await answerFolkehelsedagen(page, server, 'Sendt rett til eieren');
    await page.getByText('Sent. The answers were received and removed from this device.').waitFor();
    await expectNoAxeViolations(page, 'done screen after sending');
    // No file to save: the inbox has it.
    assert.equal(await page.getByRole('button', { name: 'Save encrypted file' }).count(), 0);
    assert.doesNotMatch(await storageDump(page), /Sendt rett|BEGIN AGE/);

    const files = await publishedIn(dir, 1);
    const bundle = JSON.parse(readFileSync(files[0], 'utf8'));
    assert.deepEqual(Object.keys(bundle).sort(), ['format', 'records', 'survey']);
    assert.equal(bundle.records.length, 1);
    const report = JSON.parse(execFileSync(LYTT, [
      'report', '-i', KEY, '-s', SURVEY_PATH, '--format', 'json', '--language', 'en', ...files,
    ]).toString());
    assert.equal(report.length, 1);
    assert.equal(report[0].anything_else, 'Sendt rett til eieren');
    assert.equal(report[0].liked_best, 'The food');
    // The inbox logged each request and what it published, and nobody's address.
    assert.ok(inbox.log.some((line) => line.startsWith('lytt inbox: POST 201 ')), inbox.log.join('\n'));
    assert.ok(inbox.log.some((line) => line.includes('published 1 record(s) as folkehelsedagen-')), inbox.log.join('\n'));
    assert.ok(inbox.log.slice(1).every((line) => !line.includes('127.0.0.1')), inbox.log.join('\n'));
    expectClean(page);
    await page.context().close();
  } finally {
    await inbox.stop();
  }
});

test('offline or with the inbox down the record waits, survives a reload, and is sent when the inbox is back', async () => {
  let { dir, inbox } = await freshInbox();
  const page = await inboxPage();
  try {
    // Offline: the app says so, and keeps the sealed record.
    await answerFolkehelsedagen(page, server, 'Skrevet uten nett', {
      beforeFinish: () => page.context().setOffline(true),
    });
    await page.getByText('1 sealed response is waiting to be sent. There is no network connection right now.').waitFor();
    await expectNoAxeViolations(page, 'done screen waiting to send');
    // A way out that does not depend on the inbox.
    await page.getByRole('button', { name: 'Save encrypted file' }).waitFor();
    const dump = await storageDump(page);
    assert.match(dump, /BEGIN AGE ENCRYPTED FILE/);
    assert.doesNotMatch(dump, /Skrevet uten nett/);

    // Back online, but the inbox is down: the truth is "could not reach", not "sent".
    await inbox.stop();
    await page.context().setOffline(false);
    await page.getByText('Could not reach the receiver just now.').waitFor();
    assert.equal(bundlesIn(dir).length, 0);

    // A reload keeps it; the start page shows what waits.
    await page.goto(server.url('#/?lang=en'));
    await page.reload();
    await page.getByRole('heading', { name: 'Answers waiting: Tell us what you think!' }).waitFor();
    await page.getByText('1 sealed response is waiting to be sent.').waitFor();
    await expectNoAxeViolations(page, 'start page with answers waiting');

    // The inbox comes back; the app's next retry delivers without anyone doing anything.
    inbox = await startInbox(dir, inboxPort, inboxOrigin);
    await page.getByText('Sent. The answers were received and removed from this device.').waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(() => localStorage.getItem('lytt.outbox')), null);
    const files = await publishedIn(dir, 1);
    const records = decryptStored(dir);
    assert.equal(records.length, 1);
    assert.equal(records[0].answers.anything_else, 'Skrevet uten nett');
    expectClean(page);
  } finally {
    await page.context().close();
    await inbox.stop();
  }
});

test('after one visit the app works offline: a survey is answered with no network and sent when it returns', async () => {
  const { dir, inbox } = await freshInbox();
  const page = await inboxPage();
  try {
    // The first visit, online: the service worker installs and caches the build.
    await page.goto(server.url('#/?lang=en'));
    await page.locator('a.survey-link').first().waitFor();
    // Only once the worker has claimed the page do its requests pass through the worker (and a
    // survey opened then is cached); `ready` alone can resolve a moment before that.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A survey outside the build, opened once.
    await page.goto(server.url('#/s/innsjekk?lang=en'));
    await page.getByRole('heading', { name: 'Innsjekk', level: 1 }).waitFor();

    await page.context().setOffline(true);
    await page.goto(server.url('#/?lang=en'));
    await page.reload();
    await page.locator('a.survey-link').first().waitFor();
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    // The survey opened before works offline too.
    await page.goto(server.url('#/s/innsjekk?lang=en'));
    await page.getByRole('heading', { name: 'Innsjekk', level: 1 }).waitFor();

    await answerFolkehelsedagen(page, server, 'Svart uten nett');
    await page.getByText('1 sealed response is waiting to be sent. There is no network connection right now.').waitFor();
    assert.equal(bundlesIn(dir).length, 0);

    await page.context().setOffline(false);
    await page.getByText('Sent. The answers were received and removed from this device.').waitFor();
    const files = await publishedIn(dir, 1);
    const records = decryptStored(dir);
    assert.equal(records[0].answers.anything_else, 'Svart uten nett');
    expectClean(page);
  } finally {
    await page.context().close();
    await inbox.stop();
  }
});

test('the app can be installed: a manifest with icons, and a new deployment replaces the cached build', async () => {
  const page = await newPage(browser, server);
  await page.goto(server.url('#/?lang=en'));
  await page.locator('a.survey-link').first().waitFor();
  const manifest = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="manifest"]');
    const response = await fetch(link.href);
    return response.json();
  });
  assert.equal(manifest.display, 'standalone');
  assert.equal(manifest.start_url, './');
  const sizes = manifest.icons.map((icon) => icon.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), JSON.stringify(manifest.icons));
  for (const icon of manifest.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    assert.equal(status, 200, icon.src);
  }
  // The worker caches exactly one build, named by its version.
  await page.evaluate(() => navigator.serviceWorker.ready);
  const cacheNames = () => page.evaluate(() => caches.keys());
  const [first] = await cacheNames();
  assert.match(first, /^lytt-[0-9a-f]{16}$/);
  assert.equal((await cacheNames()).length, 1);

  // A new deployment (here: a changed page and its regenerated worker) takes over on the next
  // visit, and the old build's cache is deleted.
  const indexPath = join(server.root, 'index.html');
  writeFileSync(indexPath, readFileSync(indexPath, 'utf8').replace('</body>', '<!-- new deployment --></body>'));
  execFileSync('node', [join(ROOT, 'scripts/make-service-worker.mjs'), server.root]);
  await page.reload();
  await page.locator('a.survey-link').first().waitFor();
  let names = await cacheNames();
  for (let i = 0; i < 100 && (names.length !== 1 || names[0] === first); i++) {
    await page.waitForTimeout(100);
    names = await cacheNames();
  }
  assert.equal(names.length, 1, JSON.stringify(names));
  assert.notEqual(names[0], first);
  const cachedPage = await page.evaluate(async (name) => (await (await caches.open(name)).match('index.html')).text(), names[0]);
  assert.match(cachedPage, /new deployment/);
  await page.context().close();
});

test('interviews wait on the phone until "Deliver all", then reach the inbox as one bundle', async () => {
  const { dir, inbox } = await freshInbox();
  try {
    const page = await inboxPage();
    await page.goto(server.url('#/interview/folkehelsedagen?lang=en'));
    await page.getByRole('button', { name: 'Yes, use it for interviews' }).click();
    for (const words of ['Første samtale', 'Andre samtale']) {
      await page.getByRole('button', { name: 'New interview' }).click();
      await page.getByLabel('The person has said yes to taking part').check();
      await page.getByRole('button', { name: 'Start the questions' }).click();
      await page.getByRole('radio', { name: 'Very happy', exact: true }).check();
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('Anything else you would like to say?').fill(words);
      await page.getByRole('button', { name: 'Finish' }).click();
      await page.getByText('The interview is locked. Nobody on this phone can open it again.').waitFor();
    }
    // Held: an inbox that heard from the phone after each interview would know when each was.
    await page.getByText('2 sealed answers are waiting to be delivered.').waitFor();
    await page.waitForTimeout(500);
    assert.equal(bundlesIn(dir).length, 0);
    await page.getByRole('button', { name: 'Deliver all' }).click();
    await page.getByText('Sent. The answers were received and removed from this device.').waitFor();
    const files = await publishedIn(dir, 1);
    const records = decryptStored(dir);
    assert.deepEqual(records.map((r) => r.answers.anything_else).sort(), ['Andre samtale', 'Første samtale']);
    assert.ok(records.every((r) => r.mode === 'interview' && r.status === 'complete'));
    assert.equal(await page.evaluate(() => localStorage.getItem('lytt.outbox')), null);
    expectClean(page);
    await page.context().close();
  } finally {
    await inbox.stop();
  }
});
