// A survey published as a link (#/l/<payload>): built in the builder with every question type in
// English and Arabic (translated through the translation sheet), made into a link with its QR
// code, opened from the link on a phone without the site ever being asked for the survey, answered
// right to left, kept for offline use, and the record read with the owner's CLI and on the results
// screen, which takes the survey from the same link. Damaged, oversized and impersonating links
// are refused with a clear message.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  serverAndBrowser, newPage, expectClean, expectNoAxeViolations, waitForHeading, TEST_KEY,
} from './helpers.mjs';

const shared = serverAndBrowser();
const ROOT = resolve(import.meta.dirname, '../..');
const LYTT = join(ROOT, 'target', 'debug', 'lytt');
const TEST_RECIPIENT = 'age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq';
const JSQR = readFileSync(join(ROOT, 'node_modules', 'jsqr', 'dist', 'jsQR.js'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'lytt-link-'));

before(() => {
  execFileSync('cargo', ['build', '-q', '-p', 'lytt-cli', '--bin', 'lytt'], { cwd: ROOT, stdio: 'inherit' });
});

/** The survey file a link carries, as the app reads it. */
function surveyInLink(link) {
  const payload = /#\/l\/([A-Za-z0-9_-]+)/.exec(link)[1];
  return JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url')).toString('utf8'));
}

/** A link that carries `survey` (made here, as the builder makes it). */
function linkFor(survey) {
  return `#/l/${deflateRawSync(Buffer.from(JSON.stringify(survey))).toString('base64url')}`;
}

/** The text that the QR code on the page holds, read by jsQR from its pixels. */
async function readQr(page) {
  const svg = await page.locator('#build-qr').evaluate((el) => el.outerHTML);
  const reader = await page.context().newPage();
  try {
    await reader.setContent('<canvas id="c"></canvas>');
    await reader.addScriptTag({ content: JSQR });
    return await reader.evaluate(async (markup) => {
      // Eight pixels a module, as a camera would see a printed code up close.
      const modules = Number(/viewBox="[-\d]+ [-\d]+ (\d+)/.exec(markup)[1]);
      const side = modules * 8;
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup.replace('<svg', `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}"`))}`;
      await image.decode();
      const canvas = document.getElementById('c');
      canvas.width = side;
      canvas.height = side;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0, side, side);
      const pixels = context.getImageData(0, 0, side, side);
      return globalThis.jsQR(pixels.data, side, side)?.data ?? null;
    }, svg);
  } finally {
    await reader.close();
  }
}

const TYPES = [
  ['single', 'Where do you live?', ['In my own home', 'Somewhere else']],
  ['multi', 'What helps you?', ['Friends', 'Work', 'Nature']],
  ['ranking', 'What matters most?', ['Respect', 'Time']],
  ['scale', 'How safe do you feel?'],
  ['smiley', 'How are you today?'],
  ['number', 'How many times did you meet us?'],
  ['text', 'What would you change?'],
  ['info', 'Thank you. One more page.'],
];
const arabic = (text) => `بالعربية: ${text}`;

test('a survey with every question type in English and Arabic is published as a link and QR code, answered from the link right to left, kept offline, and read with the CLI and the results screen', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  await page.getByLabel('The language you write in').selectOption('en');
  await page.getByRole('button', { name: 'Start an empty survey' }).click();
  await page.getByLabel('Id', { exact: true }).fill('alle-typer');
  await page.getByLabel('Languages').fill('en, ar');
  await page.getByLabel('Languages').press('Tab');
  await page.getByLabel('Title (English)').fill('Every kind of question');
  await page.getByLabel('Recipient key (age1…)').fill(TEST_RECIPIENT);
  for (const [i, [type, prompt, options = []]] of TYPES.entries()) {
    await page.getByLabel('Type of the new question').selectOption(type);
    await page.getByRole('button', { name: 'Add question' }).click();
    const question = page.locator('fieldset.build-question').nth(i);
    await question.getByLabel(type === 'info' ? 'The text (English)' : 'The question (English)').fill(prompt);
    for (const [j, label] of options.entries()) {
      if (j >= 2) await question.getByRole('button', { name: 'Add option' }).click();
      await question.getByLabel(`Option ${j + 1} (English)`).fill(label);
    }
  }
  // The free-text question reminds not to write names, and is shown only to those at home.
  const text = page.locator('fieldset.build-question').nth(6);
  await text.getByLabel('Help (optional) (English)').fill('Please do not write names.');
  await text.getByLabel('Help (optional) (English)').press('Tab');
  await text.getByRole('button', { name: 'Add a condition' }).click();
  await text.getByLabel('Test 1: value').selectOption({ label: 'In my own home' });

  // A headline figure: the share living in their own home, against a target of 80 %.
  await page.getByRole('button', { name: 'Add a headline figure' }).click();
  assert.equal(await page.getByLabel('The question', { exact: true }).inputValue(), 'q1');
  await page.locator('.build-indicator').getByLabel('In my own home').check();
  await page.getByLabel('Target (per cent)').fill('80');
  await page.getByLabel("The headline figure's name (English)").fill('Living in their own home');
  await page.getByLabel("The headline figure's name (English)").press('Tab');

  // Arabic through the translation sheet, as a translator would give it back.
  await page.getByRole('button', { name: 'Translations' }).click();
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the translation sheet (CSV)' }).click()]);
  const rows = readFileSync(await sheet.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((row) => row.split(','));
  assert.deepEqual(rows[0], ['text', 'en', 'ar']);
  const translated = join(work, 'alle-typer-ar.csv');
  writeFileSync(translated, rows.map(([key, en, ar], i) => [key, en, i === 0 ? ar : arabic(en)].join(',')).join('\r\n'));
  await page.getByLabel('Read in a translation sheet (XLSX or CSV)').setInputFiles(translated);
  await page.getByText('Every text is there in every language.').waitFor();
  await page.getByRole('button', { name: 'Questions and settings' }).click();
  await page.waitForFunction(() => !document.querySelector('.error-summary'));

  // The link: refused with the test key until "only a test" is ticked.
  await page.getByRole('button', { name: 'Make the link' }).click();
  await page.getByText('The survey uses the test key.', { exact: false }).waitFor();
  await page.getByLabel(/This is only a test/).check();
  await page.getByRole('button', { name: 'Make the link' }).click();
  const link = await page.getByRole('textbox', { name: "The survey's link" }).inputValue();
  assert.ok(link.startsWith(shared.server.url('#/l/')), link);
  await page.getByText(`The link is ${link.length} characters long.`).waitFor();
  // It carries the same survey as the published file, which `lytt validate` accepts.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Publish (download the files)' }).click()]);
  const published = JSON.parse(readFileSync(await file.path(), 'utf8'));
  assert.deepEqual(surveyInLink(link), published);
  assert.deepEqual(published.questions.map((q) => q.type), TYPES.map(([type]) => type));
  assert.equal(published.questions[6].help.ar, arabic('Please do not write names.'));
  assert.deepEqual(published.indicator, {
    question: 'q1', positive: ['option1'], target: 0.8,
    label: { en: 'Living in their own home', ar: arabic('Living in their own home') },
  });
  writeFileSync(join(work, 'alle-typer.json'), JSON.stringify(published));
  execFileSync(LYTT, ['validate', join(work, 'alle-typer.json')]);
  // Its QR code reads back as the link; at this length the builder advises printing it large.
  assert.ok(link.length > 1000 && link.length <= 2331, `${link.length} characters`);
  assert.equal(await readQr(page), link);
  await page.getByText('This QR code is dense: print it at least 6 cm wide').waitFor();
  await expectNoAxeViolations(page, 'the builder with a link');
  expectClean(page);
  await page.context().close();

  // A phone opens the link in Arabic: the site is never asked for the survey.
  const phone = await newPage(shared.browser, shared.server);
  const asked = [];
  phone.context().on('request', (request) => asked.push(new URL(request.url()).pathname));
  await phone.goto(`${link}?lang=ar`);
  await waitForHeading(phone, arabic('Every kind of question'));
  assert.match(phone.url(), /#\/s\/alle-typer$/);
  assert.equal(await phone.evaluate(() => document.documentElement.dir), 'rtl');
  // The app's own words are in Arabic too (i18n/ar.toml).
  await phone.locator('.fingerprint').getByText(/^المفتاح: [0-9A-Z]{4}-/).waitFor();
  await phone.getByRole('button', { name: 'ابدأ', exact: true }).click();
  const given = {};
  for (const [type, prompt, options] of TYPES) {
    await waitForHeading(phone, arabic(prompt));
    const id = `q${TYPES.findIndex(([t]) => t === type) + 1}`;
    switch (type) {
      case 'single':
        await phone.getByRole('radio', { name: arabic(options[0]) }).check();
        given[id] = 'option1';
        break;
      case 'multi':
        await phone.getByRole('checkbox', { name: arabic(options[0]) }).check();
        await phone.getByRole('checkbox', { name: arabic(options[2]) }).check();
        given[id] = ['option1', 'option3'];
        break;
      case 'ranking':
        await phone.locator('select#rank-0').selectOption('option2');
        await phone.locator('select#rank-1').selectOption('option1');
        given[id] = ['option2', 'option1'];
        break;
      case 'scale':
        await phone.getByRole('radio', { name: '4', exact: true }).check();
        given[id] = 4;
        break;
      case 'smiley':
        await phone.locator('fieldset input[type=radio]').nth(1).check();
        given[id] = Number(await phone.locator('fieldset input[type=radio]').nth(1).inputValue());
        break;
      case 'number':
        await phone.locator('input#answer').fill('7');
        given[id] = 7;
        break;
      case 'text':
        await phone.getByText(arabic('Please do not write names.')).waitFor();
        await phone.locator('textarea#answer').fill('مزيد من الوقت');
        given[id] = 'مزيد من الوقت';
        break;
      default:
        break;
    }
    await phone.getByRole('button', { name: 'التالي' }).click();
  }
  await expectNoAxeViolations(phone, 'the review of a linked survey in Arabic');
  await phone.getByRole('button', { name: 'إنهاء' }).click();
  const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'احفظ الملف المشفّر' }).click()]);
  const bundle = join(work, 'alle-typer.lytt.json');
  writeFileSync(bundle, readFileSync(await download.path()));
  const [record] = execFileSync(LYTT, ['decrypt', '-i', TEST_KEY, '--survey-file', join(work, 'alle-typer.json'), bundle])
    .toString().trim().split('\n').map((line) => JSON.parse(line));
  assert.equal(record.survey, 'alle-typer');
  assert.equal(record.language, 'ar');
  assert.deepEqual(record.answers, given);
  assert.ok(!asked.some((path) => path.endsWith('/surveys/alle-typer.json')), `the site was asked for the survey: ${asked.join(' ')}`);

  // Kept on the phone: offered on the start page, and opened again with no network.
  await phone.goto(shared.server.url('#/?lang=en'));
  await phone.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // Listed with the site's surveys, on this phone only.
  const kept = phone.locator('ul.surveys').getByRole('link', { name: 'Every kind of question' });
  await kept.waitFor();
  await phone.context().setOffline(true);
  await phone.reload();
  await kept.click();
  await phone.getByRole('button', { name: 'Start' }).waitFor();
  await phone.getByText('This survey came in a link and is kept on this device').waitFor();
  await phone.context().setOffline(false);
  await phone.getByRole('button', { name: 'Remove this survey from this device' }).click();
  await waitForHeading(phone, 'Choose a survey');
  await phone.locator('ul.surveys a').first().waitFor();
  assert.equal(await kept.count(), 0);
  assert.ok(!asked.some((path) => path.endsWith('/surveys/alle-typer.json')));
  expectClean(phone);
  await phone.context().close();

  // The results screen takes the survey from the same link.
  const owner = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await owner.goto(shared.server.url('#/owner/results?lang=en'));
  await owner.getByLabel('or a survey link').first().fill(link);
  await owner.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await owner.getByLabel(/Answer files/).first().setInputFiles([bundle]);
  await owner.getByRole('button', { name: 'Open the answers' }).click();
  await owner.getByText('1 answer read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();
  expectClean(owner);
  await owner.context().close();
});

test('a large survey\'s link has no QR code, a small one\'s reads back as the link; damaged, oversized and impersonating links are refused plainly', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  // A survey too large for a QR code: the builder says so.
  await page.getByLabel('Or start from one of the surveys on this site').selectOption('bruker-spor-bruker');
  await page.getByRole('button', { name: 'Start from this one' }).click();
  await page.getByLabel(/This is only a test/).check();
  await page.getByRole('button', { name: 'Make the link' }).click();
  await page.locator('#build-no-qr').getByText('The link is too long for a QR code, which holds at most 2331 characters.').waitFor();
  assert.equal(await page.locator('#build-qr').count(), 0);
  await page.getByRole('button', { name: 'All surveys' }).click();

  await page.getByLabel('Or start from one of the surveys on this site').selectOption('folkehelsedagen');
  await page.getByRole('button', { name: 'Start from this one' }).click();
  await page.getByLabel(/This is only a test/).check();
  await page.getByRole('button', { name: 'Make the link' }).click();
  const link = await page.getByRole('textbox', { name: "The survey's link" }).inputValue();
  assert.ok(link.length <= 2331, `${link.length} characters`);
  assert.equal(await readQr(page), link);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the QR code (SVG)' }).click()]);
  assert.equal(svg.suggestedFilename(), 'folkehelsedagen-qr.svg');
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // A survey of this site, published as a link as it is, is not opened in its place.
  const phone = await newPage(shared.browser, shared.server);
  await phone.goto(`${link}?lang=en`);
  await waitForHeading(phone, 'This survey cannot be opened');
  await phone.getByText('This link has the same name as a survey on this site').waitFor();

  const own = JSON.parse(readFileSync(join(ROOT, 'surveys', 'folkehelsedagen.json'), 'utf8'));
  const mine = linkFor({ ...own, id: 'min-egen' });
  const cases = [
    [mine.slice(0, -12), 'This survey link is damaged'],
    [`#/l/${'A'.repeat(40_000)}`, 'This survey link is too long for the app to open'],
    [linkFor({ ...own, id: 'min-egen', questions: [] }), 'The survey file has errors'],
    // A link that inflates to far more than any survey is stopped while it is read.
    [`#/l/${deflateRawSync(Buffer.alloc(5_000_000, 32)).toString('base64url')}`, 'This survey link is too long for the app to open'],
  ];
  for (const [hash, message] of cases) {
    await phone.goto(shared.server.url(`${hash}?lang=en`));
    await waitForHeading(phone, 'This survey cannot be opened');
    await phone.getByText(message).waitFor();
  }
  await expectNoAxeViolations(phone, 'a damaged link');
  // The whole link opens.
  await phone.goto(shared.server.url(`${mine}?lang=en`));
  await waitForHeading(phone, own.title.en);
  assert.match(phone.url(), /#\/s\/min-egen$/);
  expectClean(phone);
  await phone.context().close();

  // On a shared computer the survey is kept in this tab only: its title does not tell the next
  // person what was answered here.
  const library = await newPage(shared.browser, shared.server);
  await library.goto(shared.server.url(`${mine}?lang=en&device=shared`));
  await waitForHeading(library, own.title.en);
  const kept = await library.evaluate(() => [localStorage.getItem('lytt.linked.min-egen'), sessionStorage.getItem('lytt.linked.min-egen') !== null, localStorage.getItem('lytt.linked')]);
  assert.deepEqual(kept, [null, true, null]);
  await library.context().close();
  expectClean(page);
  await page.context().close();
});
