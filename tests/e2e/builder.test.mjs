// The survey builder (#/owner/build): a survey made from empty in two languages is checked as it
// is built, published as its file and surveys/index.json, which `lytt validate` accepts, served
// next to the app, answered in it (a condition made with the pickers shows the second question),
// and the record opened with the owner's CLI; every starter
// survey opened and published unchanged comes out the same; undo, and work kept over a reload.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  serverAndBrowser, startServer, newPage, expectClean, expectNoAxeViolations, waitForHeading, TEST_KEY,
} from './helpers.mjs';

const shared = serverAndBrowser();
const ROOT = resolve(import.meta.dirname, '../..');
const LYTT = join(ROOT, 'target', 'debug', 'lytt');
const TEST_RECIPIENT = 'age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq';
const work = mkdtempSync(join(tmpdir(), 'lytt-builder-'));

// Saves a workbook again the way spreadsheet programs do (shared strings, compressed files),
// with cells changed: argv is the workbook, where to write, and {"B2": "new text", ...}. Prints
// the cells it read, as rows. (Python's zipfile; no spreadsheet library is needed.)
const RESAVE_XLSX = `
import json, re, sys, zipfile
from xml.sax.saxutils import escape
source, target, changes = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
with zipfile.ZipFile(source) as z:
    parts = {name: z.read(name) for name in z.namelist()}
sheet = parts['xl/worksheets/sheet1.xml'].decode()
cells = {}
for ref, text in re.findall(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"[^>]*><is><t[^>]*>(.*?)</t></is></c>', sheet, re.S):
    cells[ref] = text.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')
cells.update(changes)
strings = sorted(set(cells.values()))
rows = {}
for ref, text in cells.items():
    col, row = re.match(r'([A-Z]+)([0-9]+)', ref).groups()
    rows.setdefault(int(row), []).append((col, text))
xml = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
for row in sorted(rows):
    xml.append('<row r="%d">' % row)
    for col, text in sorted(rows[row]):
        if text:
            xml.append('<c r="%s%d" t="s"><v>%d</v></c>' % (col, row, strings.index(text)))
    xml.append('</row>')
xml.append('</sheetData></worksheet>')
parts['xl/worksheets/sheet1.xml'] = ''.join(xml).encode()
parts['xl/sharedStrings.xml'] = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    + ''.join('<si><t xml:space="preserve">%s</t></si>' % escape(s) for s in strings) + '</sst>').encode()
parts['xl/_rels/workbook.xml.rels'] = parts['xl/_rels/workbook.xml.rels'].replace(b'</Relationships>',
    b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
table = [[cells.get('%s%d' % (col, row), '') for col in 'ABC'] for row in sorted(rows)]
print(json.dumps(table))
`;

before(() => {
  execFileSync('cargo', ['build', '-q', '-p', 'lytt-cli', '--bin', 'lytt'], { cwd: ROOT, stdio: 'inherit' });
});

/** Presses Publish and returns the two downloaded files' text: the survey's and the index. */
async function publish(page) {
  const files = {};
  const done = new Promise((ok) => {
    page.on('download', async (download) => {
      files[download.suggestedFilename()] = readFileSync(await download.path(), 'utf8');
      if (Object.keys(files).length === 2) ok();
    });
  });
  await page.getByRole('button', { name: 'Publish (download the files)' }).click();
  await done;
  return files;
}

test('a survey built from empty in two languages is published, accepted by lytt validate, answered in the app and read with the CLI', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  await page.getByRole('heading', { name: 'Make a survey', level: 1 }).waitFor();
  await page.getByLabel('The language you write in').selectOption('en');
  await page.getByRole('button', { name: 'Start an empty survey' }).click();
  const summary = page.locator('.error-summary');
  await summary.getByText(/Fix these before you publish/).waitFor();

  await page.getByLabel('Id', { exact: true }).fill('var-mening');
  await page.getByLabel('Languages').fill('en, nb');
  await page.getByLabel('Languages').press('Tab');
  await page.getByLabel('Title (English)').fill('What do you think?');
  await page.getByLabel('Title (norsk bokmål)').fill('Hva mener du?');
  await page.getByLabel('Recipient key (age1…)').fill(TEST_RECIPIENT);
  await page.getByLabel('Recipient key (age1…)').press('Tab');
  await page.locator('.advice-summary').getByText(/This is the test key everyone has/).waitFor();

  // A single-choice question with three options, and a free-text one.
  await page.getByLabel('Type of the new question').selectOption('single');
  await page.getByRole('button', { name: 'Add question' }).click();
  const first = page.locator('fieldset.build-question').nth(0);
  await first.getByLabel('The question (English)').fill('Where do you live?');
  await first.getByLabel('The question (norsk bokmål)').fill('Hvor bor du?');
  await first.getByRole('button', { name: 'Add option' }).click();
  const labels = [['In my own home', 'I egen bolig'], ['With family', 'Hos familie'], ['Somewhere else', 'Et annet sted']];
  for (const [j, [en, nb]] of labels.entries()) {
    await first.getByLabel(`Option ${j + 1} (English)`).fill(en);
    await first.getByLabel(`Option ${j + 1} (norsk bokmål)`).fill(nb);
  }
  await first.getByLabel('Question id').fill('home');
  await first.getByLabel('Must be answered (or declined)').check();
  await page.getByLabel('Type of the new question').selectOption('text');
  await page.getByRole('button', { name: 'Add question' }).click();
  const second = page.locator('fieldset.build-question').nth(1);
  await second.getByLabel('The question (English)').fill('What matters to you?');
  await second.getByLabel('The question (norsk bokmål)').fill('Hva er viktig for deg?');
  await page.locator('.advice-summary').getByText(/Free text can identify people/).waitFor();
  await second.getByLabel('Help (optional) (English)').fill('Please do not write names.');
  await second.getByLabel('Help (optional) (norsk bokmål)').fill('Ikke skriv navn.');
  await second.getByLabel('Help (optional) (norsk bokmål)').press('Tab');
  // Shown only to those who live somewhere else: a condition made with the pickers.
  await second.getByRole('button', { name: 'Add a condition' }).click();
  assert.equal(await second.getByLabel('Test 1: question').inputValue(), '0');
  await second.getByLabel('Test 1: value').selectOption({ label: 'Somewhere else' });
  await page.waitForFunction(() => !document.querySelector('.error-summary'));
  assert.equal(await page.locator('.advice-summary').getByText(/Free text can identify people/).count(), 0);

  // Delete is undone; the order is changed by buttons.
  await second.getByRole('button', { name: 'Delete question 2' }).click();
  await page.getByText('Question 2 was deleted. “Undo” brings it back.').waitFor();
  assert.equal(await page.locator('fieldset.build-question').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'build-undo');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('fieldset.build-question').length === 2);
  assert.equal(await second.getByLabel('The question (English)').inputValue(), 'What matters to you?');
  await first.getByRole('button', { name: 'Move question 1 down' }).click();
  assert.equal(await page.locator('fieldset.build-question').nth(0).getByLabel('Question id').inputValue(), 'q1');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('fieldset.build-question').nth(0).getByLabel('Question id').inputValue(), 'home');
  await expectNoAxeViolations(page, 'the builder');

  // Kept over a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Continue “What do you think?”' }).click();
  assert.equal(await page.locator('fieldset.build-question').nth(1).getByLabel('The question (norsk bokmål)').inputValue(), 'Hva er viktig for deg?');

  // The preview: the app's real question screens, in Norwegian, walking the condition.
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByLabel('Language of the preview').selectOption('nb');
  const frame = page.locator('.preview-frame');
  await frame.getByRole('heading', { name: 'Hva mener du?' }).waitFor();
  await frame.getByRole('button', { name: 'Start' }).click();
  // The second question may still come (it turns on this answer): counted until it cannot.
  await frame.getByText('Spørsmål 1 av 2').waitFor();
  await frame.getByRole('radio', { name: 'Hos familie' }).check();
  await frame.getByRole('button', { name: 'Neste' }).click();
  await frame.getByRole('heading', { name: 'Se over svarene dine' }).waitFor();
  await page.getByRole('button', { name: 'Desktop' }).click();
  await frame.getByRole('button', { name: 'Start the preview again' }).click();
  await frame.getByRole('button', { name: 'Start' }).click();
  await frame.getByRole('radio', { name: 'Et annet sted' }).check();
  await frame.getByRole('button', { name: 'Neste' }).click();
  await frame.getByLabel('Hva er viktig for deg?').waitFor();
  await frame.getByText('Ikke skriv navn.').waitFor();
  await expectNoAxeViolations(page, 'the preview');
  await page.getByRole('button', { name: 'Questions and settings' }).click();

  // The test key needs an explicit "only a test".
  await page.getByRole('button', { name: 'Publish (download the files)' }).click();
  await page.getByText('The survey uses the test key.', { exact: false }).waitFor();
  await page.getByLabel(/This is only a test/).check();
  const files = await publish(page);
  const surveyFile = join(work, 'var-mening.json');
  writeFileSync(surveyFile, files['var-mening.json']);
  execFileSync(LYTT, ['validate', surveyFile]);
  assert.deepEqual(JSON.parse(files['var-mening.json']).questions[1].show_if, { question: 'home', equals: 'option3' });
  const index = JSON.parse(files['index.json']);
  const present = JSON.parse(readFileSync(join(ROOT, 'surveys', 'index.json'), 'utf8'));
  assert.deepEqual(index.surveys.map((s) => s.id), [...present.surveys.map((s) => s.id), 'var-mening'], 'the other surveys stay listed');
  await page.locator('#build-published').getByText('Put var-mening.json in the surveys folder next to the app.').waitFor();
  expectClean(page);
  await page.context().close();

  // Served next to the app: on the start page, answered, and read with the owner's CLI.
  const server = await startServer({ extraFiles: { 'surveys/var-mening.json': files['var-mening.json'], 'surveys/index.json': files['index.json'] } });
  try {
    const phone = await newPage(shared.browser, server);
    await phone.goto(server.url('#/?lang=nb'));
    await phone.getByRole('link', { name: 'Hva mener du?' }).click();
    await phone.getByRole('button', { name: 'Start' }).click();
    await phone.getByRole('radio', { name: 'Et annet sted' }).check();
    await phone.getByRole('button', { name: 'Neste' }).click();
    await phone.getByLabel('Hva er viktig for deg?').fill('Å bli hørt.');
    await phone.getByRole('button', { name: 'Neste' }).click();
    await phone.getByRole('button', { name: 'Fullfør' }).click();
    await waitForHeading(phone, 'Takk for svarene dine!');
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'Lagre kryptert fil' }).click()]);
    assert.equal(download.suggestedFilename(), 'var-mening.lytt.json');
    const bundleFile = join(work, 'var-mening.lytt.json');
    writeFileSync(bundleFile, readFileSync(await download.path()));
    const [record] = execFileSync(LYTT, ['decrypt', '-i', TEST_KEY, bundleFile]).toString().trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(record.survey, 'var-mening');
    assert.deepEqual(record.answers, { home: 'option3', q1: 'Å bli hørt.' });
    await phone.context().close();
  } finally {
    server.stop();
  }
});

test('every starter survey opened in the builder and published unchanged comes out the same', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  for (const id of ['hva-er-viktig', 'folkehelsedagen', 'nyttesamtale', 'bruker-spor-bruker']) {
    await page.getByLabel('Or start from one of the surveys on this site').selectOption(id);
    await page.getByRole('button', { name: 'Start from this one' }).click();
    await page.locator('#build-publish').waitFor();
    if (await page.getByLabel(/This is only a test/).count()) await page.getByLabel(/This is only a test/).check();
    const files = await publish(page);
    const original = JSON.parse(readFileSync(join(ROOT, 'surveys', `${id}.json`), 'utf8'));
    const out = JSON.parse(files[`${id}.json`]);
    for (const key of ['id', 'version', 'languages', 'default_language', 'title', 'intro', 'recipient', 'indicator', 'questions']) {
      assert.deepEqual(out[key], original[key], `${id}: ${key}`);
    }
    const path = join(work, `${id}.json`);
    writeFileSync(path, files[`${id}.json`]);
    execFileSync(LYTT, ['validate', path]);
    await page.getByRole('button', { name: 'All surveys' }).click();
  }
  expectClean(page);
  await page.context().close();
});

test('the translations view marks what is missing, lays Arabic out right to left, and the translation sheet goes out and comes back', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  await page.getByLabel('The language you write in').selectOption('en');
  await page.getByRole('button', { name: 'Start an empty survey' }).click();
  await page.getByLabel('Id', { exact: true }).fill('oversatt');
  await page.getByLabel('Languages').fill('en, ar');
  await page.getByLabel('Languages').press('Tab');
  await page.getByLabel('Title (English)').fill('Your home');
  await page.getByRole('button', { name: 'Add question' }).click();
  const question = page.locator('fieldset.build-question').first();
  await question.getByLabel('The question (English)').fill('Do you feel safe at home?');
  await question.getByLabel('Option 1 (English)').fill('Yes');
  await question.getByLabel('Option 2 (English)').fill('No');
  await question.getByLabel('Option 2 (English)').press('Tab');

  await page.getByRole('button', { name: 'Translations' }).click();
  await page.getByText('4 texts are missing.').waitFor();
  const arabic = page.getByLabel('Title (ar)');
  assert.equal(await arabic.getAttribute('dir'), 'rtl');
  assert.equal(await arabic.getAttribute('lang'), 'ar');
  assert.equal(await page.getByLabel('Title (en)').getAttribute('dir'), 'ltr');
  assert.equal(await page.locator('td.missing').count(), 4);
  await expectNoAxeViolations(page, 'the translations view');

  // The sheet for a translator: a row per text, a column per language.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the translation sheet (CSV)' }).click()]);
  assert.equal(download.suggestedFilename(), 'oversatt-translations.csv');
  const rows = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.deepEqual(rows, ['text,en,ar', 'title,Your home,', 'q1.prompt,Do you feel safe at home?,', 'q1.option.option1,Yes,', 'q1.option.option2,No,']);
  const translated = [
    'text;en;ar;fr',
    'title;Your home;منزلك;Chez vous',
    'q1.prompt;Do you feel safe at home?;هل تشعر بالأمان في المنزل؟;',
    'q1.option.option1;Yes;نعم;',
    'q1.option.option2;Yes, really;لا;',
    'q9.prompt;Gone;ذهب;',
  ].join('\r\n');
  const sheet = join(work, 'translated.csv');
  writeFileSync(sheet, translated);
  await page.getByLabel('Read in a translation sheet (XLSX or CSV)').setInputFiles(sheet);
  const report = page.locator('#build-sheet-report');
  await report.getByText('5 texts changed.').waitFor();
  await report.getByText('Not in this survey, left alone: q9.prompt').waitFor();
  await report.getByText('Languages the survey does not have, left alone: fr').waitFor();
  await page.getByText('Every text is there in every language.').waitFor();
  assert.equal(await page.getByLabel('Title (ar)').inputValue(), 'منزلك');
  assert.equal(await page.getByLabel('Question 1: option 2 (en)').inputValue(), 'Yes, really');

  // A cell edited in the table is the survey's text, and undo takes the import back.
  await page.getByLabel('Question 1: option 2 (en)').fill('No');
  await page.getByLabel('Question 1: option 2 (en)').press('Tab');
  await page.getByRole('button', { name: 'Questions and settings' }).click();
  assert.equal(await page.getByLabel('Option 2 (English)').inputValue(), 'No');
  assert.equal(await page.getByLabel('Title (العربية)').inputValue(), 'منزلك');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.getByLabel('Title (العربية)').inputValue(), '', 'the whole import is one step');

  // The sheet as a workbook: downloaded, saved again as a spreadsheet program saves it (shared
  // strings, compressed), with one text changed, and read back in.
  await page.getByRole('button', { name: 'Translations' }).click();
  const [workbook] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the translation sheet (XLSX)' }).click()]);
  assert.equal(workbook.suggestedFilename(), 'oversatt-translations.xlsx');
  const resaved = join(work, 'resaved.xlsx');
  const cells = JSON.parse(execFileSync('python3', ['-c', RESAVE_XLSX, await workbook.path(), resaved, JSON.stringify({ B2: 'Your own home' })]).toString());
  assert.deepEqual(cells[0], ['text', 'en', 'ar']);
  assert.deepEqual(cells[1].slice(0, 2), ['title', 'Your own home'], 'the changed cell');
  assert.deepEqual(cells[2].slice(0, 2), ['q1.prompt', 'Do you feel safe at home?']);
  await page.getByLabel('Read in a translation sheet (XLSX or CSV)').setInputFiles(resaved);
  await report.getByText('1 text changed.').waitFor();
  await report.getByText('Still missing:', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Title (en)').inputValue(), 'Your own home');
  // A file that only looks like a workbook is refused plainly, and changes nothing.
  const junk = join(work, 'junk.xlsx');
  writeFileSync(junk, Buffer.concat([Buffer.from('PK'), Buffer.alloc(100, 7)]));
  await page.getByLabel('Read in a translation sheet (XLSX or CSV)').setInputFiles(junk);
  await report.getByText('The file is not an XLSX workbook that can be read.', { exact: false }).waitFor();
  assert.equal(await page.getByLabel('Title (en)').inputValue(), 'Your own home');
  expectClean(page);
  await page.context().close();
});

test('keyboard only, at phone width: a survey started, a question added, given options, moved, deleted and brought back, translated and previewed', async () => {
  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  await page.getByRole('heading', { name: 'Make a survey', level: 1 }).waitFor();
  await expectNoAxeViolations(page, 'the builder\'s list');
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
  const tabTo = async (target) => {
    for (let i = 0; i < 80 && (await focused()) !== target; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), target);
  };
  await tabTo('build-language');
  await page.keyboard.press('End');
  assert.equal(await page.locator('#build-language').inputValue(), 'en');
  await tabTo('Start an empty survey');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main-heading' || document.activeElement?.tagName === 'H1');
  await tabTo('f-title-en');
  await page.keyboard.type('Keys only');
  await tabTo('build-add-question');
  await page.keyboard.press('Enter');
  // The new question's prompt has the focus.
  await page.waitForFunction(() => document.activeElement?.id === 'f-questions-0-prompt-en');
  await page.keyboard.type('First?');
  await tabTo('f-questions-0-options-add');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-questions-0-options-2-label-en');
  await page.keyboard.type('Third');
  await tabTo('build-add-question');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-questions-1-prompt-en');
  await page.keyboard.type('Second?');
  // Moved up by its button: the focus follows the question.
  await tabTo('f-questions-1-up');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'f-questions-0-down');
  assert.equal(await page.locator('#f-questions-0-prompt-en').inputValue(), 'Second?');
  // Deleted, and brought back by Undo, which has the focus.
  await tabTo('f-questions-0-delete');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'build-undo');
  assert.equal(await page.locator('fieldset.build-question').count(), 1);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('fieldset.build-question').length === 2);
  assert.equal(await page.locator('#f-questions-0-prompt-en').inputValue(), 'Second?');
  assert.equal(await page.locator('#f-questions-1-options-2-label-en').inputValue(), 'Third');
  // The problems' list leads to the field.
  await tabTo('build-view-edit');
  const link = page.locator('.error-summary a').first();
  await link.focus();
  const target = await link.getAttribute('href');
  await page.keyboard.press('Enter');
  await page.waitForFunction((id) => `#${document.activeElement?.id}` === id || document.activeElement?.closest('.localized, fieldset'), target);
  // Translations and preview from the keyboard.
  await tabTo('build-view-translations');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Translations' }).waitFor();
  await tabTo('build-view-preview');
  await page.keyboard.press('Enter');
  await tabTo('Start');
  await page.keyboard.press('Enter');
  await page.locator('.preview-frame').getByText('Second?').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), await page.evaluate(() => window.innerWidth), 'nothing wider than the phone');
  await expectNoAxeViolations(page, 'the preview at phone width');
  expectClean(page);
  await page.context().close();
});

test('a question comes from the question bank with its translations, and the results screen opens answers with a survey being built', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=en'));
  await page.getByLabel('Or start from one of the surveys on this site').selectOption('nyttesamtale');
  await page.getByRole('button', { name: 'Start from this one' }).click();
  await page.locator('#build-publish').waitFor();
  const before = await page.locator('fieldset.build-question').count();
  await page.getByLabel('Or insert a question from the question bank (with its translations)').selectOption({ label: 'Do you feel safe where you live?' });
  await page.getByRole('button', { name: 'Insert the question' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('fieldset.build-question').length === n + 1, before);
  const inserted = page.locator('fieldset.build-question').last();
  assert.equal(await inserted.getByLabel('Question id').inputValue(), 'housing_safe');
  assert.equal(await inserted.getByLabel('The question (svenska)').inputValue(), 'Känner du dig trygg där du bor?');

  // Answers to the survey as it is being built, opened on the results screen.
  const record = execFileSync('age', ['-r', TEST_RECIPIENT, '-a'], {
    input: JSON.stringify({
      format: 'lytt-response/1', survey: 'nyttesamtale', survey_version: '2026-11-22', response: '1'.padStart(32, '0'),
      language: 'nb', mode: 'interview', completed: '2026-W47', status: 'complete', answers: { housing_safe: 'yes' },
    }),
  }).toString();
  const bundle = join(work, 'built.lytt.json');
  writeFileSync(bundle, JSON.stringify({ format: 'lytt-bundle/1', survey: 'nyttesamtale', records: [record] }));
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  const choice = page.getByLabel('A survey on this site');
  const value = await choice.locator('optgroup[label="Surveys you are making here"] option').first().getAttribute('value');
  await choice.selectOption(value);
  await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await page.getByLabel(/Answer files/).setInputFiles([bundle]);
  await page.getByRole('button', { name: 'Open the answers' }).click();
  await page.getByText('1 answer read, 0 duplicates, 0 could not be read, 0 set apart.').waitFor();
  expectClean(page);
  await page.context().close();
});

test('the builder says what is wrong in the owner\'s language, at the top and at the field', async () => {
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await page.goto(shared.server.url('#/owner/build?lang=nb'));
  await page.getByRole('button', { name: 'Start en tom undersøkelse' }).click();
  const summary = page.locator('.error-summary');
  await summary.getByText('Legg til minst ett spørsmål.', { exact: false }).waitFor();
  await page.locator('#f-id').fill('Ikke gyldig');
  await page.locator('#f-id').press('Tab');
  const message = 'Bruk 1 til 64 små bokstaver (a–z), sifre og bindestreker, ikke bindestrek først eller sist.';
  await summary.getByText(message, { exact: false }).waitFor();
  assert.equal(await page.locator('#f-id-problem').textContent(), message);
  await expectNoAxeViolations(page, 'the builder in bokmål with problems');
  expectClean(page);
  await page.context().close();
});
