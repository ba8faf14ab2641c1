// "For survey owners": a key pair made in the browser works with the reference age tool, the
// identity is never stored, and respondent screens show the survey key's fingerprint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverAndBrowser, newPage, expectClean, waitForHeading, storageDump, expectNoAxeViolations } from './helpers.mjs';

const shared = serverAndBrowser();
const TEST_RECIPIENT = 'age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq';

/**
 * The fingerprint as docs/ describe it, computed independently: 80 bits of SHA-256 in Crockford
 * base32, four groups of four.
 */
function fingerprint(recipient) {
  const digest = createHash('sha256').update(recipient.toLowerCase()).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let text = '';
  for (let i = 0; i < 16; i++) text += alphabet[Number((bits >> BigInt(75 - 5 * i)) & 31n)];
  return text.match(/.{4}/g).join('-');
}

test('an owner makes a key pair; the identity file decrypts what age seals to the recipient', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('?lang=en'));
  await page.goto(shared.server.url('#/?lang=en'));
  await page.getByRole('link', { name: 'For survey owners' }).click();
  await waitForHeading(page, 'For survey owners');
  await page.getByRole('button', { name: 'Create a key pair' }).click();
  const recipient = await page.getByLabel('Public key (“recipient”) for your survey file').inputValue();
  assert.match(recipient, /^age1[02-9ac-hj-np-z]{58}$/);
  await page.getByText(`Fingerprint: ${fingerprint(recipient)}`).waitFor();
  await expectNoAxeViolations(page, 'owner page');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the identity file' }).click()]);
  assert.equal(download.suggestedFilename(), `lytt-owner-${fingerprint(recipient)}.key`);
  const identity = readFileSync(await download.path(), 'utf8');
  assert.match(identity, /^# public key: age1\S+\nAGE-SECRET-KEY-1[0-9A-Z]+\n$/);
  const dir = mkdtempSync(join(tmpdir(), 'lytt-owner-'));
  const keyFile = join(dir, 'owner.key');
  writeFileSync(keyFile, identity);
  const sealed = execFileSync('age', ['-r', recipient, '-a'], { input: 'bare eieren kan lese dette' });
  assert.equal(execFileSync('age', ['-d', '-i', keyFile], { input: sealed }).toString(), 'bare eieren kan lese dette');
  rmSync(dir, { recursive: true });

  assert.doesNotMatch(await storageDump(page), /AGE-SECRET-KEY/i, 'the identity is never stored');
  expectClean(page);
  await page.context().close();
});

test('respondent screens show the fingerprint of the key the survey seals to', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/s/nyttesamtale?lang=sv'));
  await waitForHeading(page, 'Nyttodialog – efter avslutat stöd');
  const shown = page.getByText(`Nyckel: ${fingerprint(TEST_RECIPIENT)}`);
  await shown.waitFor();
  assert.match(fingerprint(TEST_RECIPIENT), /^([0-9A-Z]{4}-){3}[0-9A-Z]{4}$/, '80 bits in groups of four');
  await page.context().close();
});

test('the start screen\'s fingerprint comes from the browser\'s SHA-256, or where there is none from the answering part', async () => {
  // The question screens' part cannot come: the fingerprint is the browser's.
  let page = await newPage(shared.browser, shared.server);
  await page.route(/split_answering-[0-9a-f]+\.wasm$/, (route) => route.abort('internetdisconnected'));
  await page.goto(shared.server.url('#/s/nyttesamtale?lang=sv'));
  await waitForHeading(page, 'Nyttodialog – efter avslutat stöd');
  await page.getByText(`Nyckel: ${fingerprint(TEST_RECIPIENT)}`).waitFor();
  await page.context().close();

  // A page over plain HTTP on a local network has no `crypto.subtle`: the part's code computes it.
  page = await newPage(shared.browser, shared.server);
  await page.addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
  let answering = 'not asked for';
  await page.route(/split_answering-[0-9a-f]+\.wasm$/, async (route) => {
    answering = 'asked for';
    await route.continue();
  });
  await page.goto(shared.server.url('#/s/nyttesamtale?lang=sv'));
  await waitForHeading(page, 'Nyttodialog – efter avslutat stöd');
  await page.getByText(`Nyckel: ${fingerprint(TEST_RECIPIENT)}`).waitFor();
  assert.equal(answering, 'asked for');
  expectClean(page);
  await page.context().close();
});
