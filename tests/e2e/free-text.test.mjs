// Free text for the analysis seminar on the results screen: answers read one question at a time,
// identifying details flagged and redacted with one action, themes tagged from the keyboard,
// quotes chosen, and the analysis saved as a file sealed to the owner's key (read by the
// reference age) and restored from it after the page was closed, also with more answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  serverAndBrowser, newPage, expectClean, expectNoAxeViolations, storageDump, saveBundle, TEST_KEY,
} from './helpers.mjs';

const shared = serverAndBrowser();
const work = mkdtempSync(join(tmpdir(), 'lytt-free-text-'));

const seal = (answers, i, language = 'nb') =>
  execFileSync('age', ['-r', 'age1ukw9jlfcvkumjm3cqrnqxpsk6974xs6tv27zmq0sze7zue2gwqzq4kc5eq', '-a'], {
    input: JSON.stringify({
      format: 'lytt-response/1', survey: 'nyttesamtale', survey_version: '2026-11-22', response: String(i).padStart(32, '0'),
      language, mode: 'interview', completed: '2026-W47', status: 'complete', answers,
    }),
  }).toString();

const TEXTS = [
  'Jeg heter Ola Nordmann og ble møtt med respekt.',
  'Ring meg på 912 34 567 om dere vil vite mer.',
  'At noen lyttet til meg.',
  'Hjelp med økonomien på Fyrlykta.',
  'Samtalene hver uke.',
  'Att någon ringde tillbaka.',
];

async function open(page, bundles, count = 6) {
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByLabel('A survey on this site').selectOption('nyttesamtale');
  await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await page.getByLabel(/Answer files/).setInputFiles([bundles].flat());
  await page.getByRole('button', { name: 'Open the answers' }).click();
  await page.getByText(`${count} answers read`).waitFor();
  await page.getByRole('button', { name: 'Read the free-text answers' }).click();
  await page.getByText(/answers read$/).filter({ hasText: `of ${count}` }).waitFor();
}

test('free text is read, flagged, redacted, themed and quoted, and the sealed analysis brings it all back', async () => {
  const bundle = join(work, 'talks.lytt.json');
  writeFileSync(bundle, JSON.stringify({
    format: 'lytt-bundle/1', survey: 'nyttesamtale',
    records: TEXTS.map((text, i) => seal({ what_helped: text, useful: i < 5 ? 'yes_much' : 'no' }, i + 1, i === 5 ? 'sv' : 'nb')),
  }));
  const page = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await open(page, bundle);
  await page.getByText('Free text can identify people.', { exact: false }).waitFor();
  const answers = page.locator('article.free-answer');
  assert.equal(await answers.count(), 6);
  assert.equal(await page.locator('.answer-language').filter({ hasText: 'SV' }).count(), 1, 'the Swedish answer is marked');
  assert.equal(await page.locator('mark').filter({ hasText: 'Ola Nordmann' }).count(), 1, 'the name is flagged');
  assert.equal(await page.locator('mark').filter({ hasText: '912 34 567' }).count(), 1, 'the phone number is flagged');
  await expectNoAxeViolations(page, 'free text');

  // The owner's list of staff and workplaces is flagged too.
  assert.equal(await page.locator('mark').filter({ hasText: 'Fyrlykta' }).count(), 0);
  await page.getByLabel('Staff and workplaces to flag (one per line)').fill('Fyrlykta');
  await page.getByRole('button', { name: 'Flag these' }).click();
  await page.locator('mark').filter({ hasText: 'Fyrlykta' }).waitFor();
  // Narrowed to one answer of a single-choice question: a group under 5 shows nothing.
  await page.getByLabel('Only those who answered').selectOption({ label: 'No' });
  await page.getByText('Fewer than 5 answers: nothing is shown, so that nobody can be singled out.').waitFor();
  assert.equal(await answers.count(), 0);
  await page.getByLabel('Only those who answered').selectOption({ label: 'Yes, very much' });
  await page.waitForFunction(() => document.querySelectorAll('article.free-answer').length === 5);
  await page.getByLabel('Only those who answered').selectOption({ label: 'Everyone' });
  await page.waitForFunction(() => document.querySelectorAll('article.free-answer').length === 6);

  await page.getByRole('button', { name: 'Redact (name)' }).click();
  await page.locator('.redacted').filter({ hasText: '[name]' }).waitFor();
  assert.doesNotMatch(await page.locator('.free-answers').textContent(), /Ola Nordmann/);

  await page.getByLabel('New theme').fill('Respekt');
  await page.getByRole('button', { name: 'Add theme' }).click();
  const named = answers.filter({ hasText: '[name]' });
  await named.getByRole('button', { name: '1 Respekt' }).waitFor();
  await named.focus();
  await page.keyboard.press('1');
  await page.locator('ul.theme-counts').filter({ hasText: '1 Respekt: fewer than 5' }).waitFor();
  await named.getByRole('button', { name: '1 Respekt', pressed: true }).waitFor();
  await named.getByRole('button', { name: 'Quote' }).click();
  await named.getByRole('button', { name: 'Quote', pressed: true }).waitFor();
  await named.getByLabel('Read').check();
  await page.getByText('1 of 6 answers read').waitFor();
  await page.getByLabel('Only answers not yet read').check();
  await page.getByText('1 of 6 answers read').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('article.free-answer').length === 5);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save the analysis (sealed to your key)' }).click()]);
  const sealed = readFileSync(await download.path(), 'utf8');
  assert.match(sealed, /^-----BEGIN AGE ENCRYPTED FILE-----/);
  assert.doesNotMatch(sealed, /Respekt|Nordmann/);
  const analysis = JSON.parse(execFileSync('age', ['-d', '-i', TEST_KEY], { input: sealed }).toString());
  assert.equal(analysis.format, 'lytt-analysis/1');
  assert.deepEqual(analysis.themes.map((t) => t.name), ['Respekt']);
  assert.doesNotMatch(await storageDump(page), /Respekt|Nordmann|redact/i, 'the analysis never lies readably in storage');
  const file = join(work, 'saved.lytt-analysis');
  writeFileSync(file, sealed);

  // The page closed, opened again: everything comes back from the file.
  await page.context().close();
  const again = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await open(again, bundle);
  assert.equal(await again.locator('mark').filter({ hasText: 'Ola Nordmann' }).count(), 1, 'a new analysis: nothing redacted');
  await again.locator('#reading-open-analysis').setInputFiles(file);
  await again.locator('.redacted').filter({ hasText: '[name]' }).waitFor();
  await again.getByText('1 of 6 answers read').waitFor();
  await again.locator('ul.theme-counts').filter({ hasText: 'Respekt' }).waitFor();
  assert.doesNotMatch(await again.locator('.free-answers').textContent(), /Ola Nordmann/);

  // The redaction holds in every file made from the answers, and in print.
  const [report] = await Promise.all([again.waitForEvent('download'), again.getByRole('button', { name: 'Download the table (CSV)' }).click()]);
  const table = readFileSync(await report.path(), 'utf8');
  assert.match(table, /Jeg heter \[name\] og ble møtt med respekt\./);
  assert.doesNotMatch(table, /Nordmann/);
  await again.locator('.theme-list').filter({ hasText: 'Respekt (fewer than 5)' }).waitFor();
  assert.match(await again.locator('.theme-list blockquote').first().textContent(), /Jeg heter \[name\]/, 'the quote, redacted');
  const [themes] = await Promise.all([again.waitForEvent('download'), again.getByRole('button', { name: 'Download the theme list (CSV)' }).click()]);
  const themeRows = readFileSync(await themes.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(themeRows[0], 'question,answer,Respekt,quote');
  assert.ok(themeRows.includes('what_helped,Jeg heter [name] og ble møtt med respekt.,x,Jeg heter [name] og ble møtt med respekt.'), themeRows.join('\n'));
  assert.doesNotMatch(themeRows.join('\n'), /Nordmann/);
  await again.emulateMedia({ media: 'print' });
  assert.doesNotMatch(await again.locator('body').innerText(), /Nordmann/, 'nor in print');
  await again.emulateMedia({ media: 'screen' });

  // The summary for the people who answered: figures in words, the chosen quote, what the
  // service will do; no other free text, no theme of fewer than 5 answers.
  await again.getByRole('button', { name: 'Summary for the people who answered' }).click();
  const summary = again.locator('article.participant-summary');
  await summary.getByText('6 people answered.').waitFor();
  await again.getByLabel('What the service will do (in your words)').fill('Vi ringer alle tilbake innen en uke.');
  await again.getByRole('button', { name: 'Use this text' }).click();
  await summary.getByText('Vi ringer alle tilbake innen en uke.').waitFor();
  const words = await summary.innerText();
  assert.match(words, /Jeg heter \[name\] og ble møtt med respekt\./, 'the chosen quote, redacted');
  for (const text of TEXTS.slice(1)) assert.ok(!words.includes(text), `no free text but the quote: ${text}`);
  assert.doesNotMatch(words, /Respekt\n|Nordmann/, 'a theme of one answer is not named');
  await expectNoAxeViolations(again, 'free text and the participants\' summary');
  await again.setViewportSize({ width: 360, height: 740 });
  assert.equal(await again.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing wider than a phone');
  await again.getByLabel('Language of the summary').selectOption('sv');
  await summary.getByText('Resultat för dem som svarade').waitFor();
  await summary.getByText('Vi ringer alle tilbake innen en uke.').waitFor();
  expectClean(again);
  await again.context().close();

  // Opened with one more bundle: its answers are unread, the work on the others holds.
  const more = join(work, 'more.lytt.json');
  writeFileSync(more, JSON.stringify({
    format: 'lytt-bundle/1', survey: 'nyttesamtale',
    records: ['Mer tid til hver samtale.', 'Færre skjema.'].map((text, i) => seal({ what_helped: text, useful: 'yes_much' }, i + 7)),
  }));
  const later = await newPage(shared.browser, shared.server, { width: 1280, height: 900 });
  await open(later, [bundle, more], 8);
  await later.locator('#reading-open-analysis').setInputFiles(file);
  await later.getByText('1 of 8 answers read').waitFor();
  await later.locator('.redacted').filter({ hasText: '[name]' }).waitFor();
  await later.getByLabel('Only answers not yet read').check();
  await later.waitForFunction(() => document.querySelectorAll('article.free-answer').length === 7);
  for (const text of ['Mer tid til hver samtale.', 'Færre skjema.']) {
    assert.equal(await later.locator('article.free-answer').filter({ hasText: text }).count(), 1, `${text} is unread`);
  }
  expectClean(later);
  await later.context().close();
});

const INTERVIEWS = [
  'Jeg heter Kari og vil ha hjelp med husleia.',
  'Det beste var at noen hørte på meg hver tirsdag hos Blå Kors på Grünerløkka.',
  'Kortere ventetid.',
];

test('answers from the app\'s own interviews and a phone are read, themed, redacted and quoted in part, and summed up, by keyboard alone at phone width', async () => {
  // Three interviews made in the app, saved as the interviewer's encrypted file.
  const survey = 'bruker-spor-bruker';
  const interviewer = await newPage(shared.browser, shared.server);
  await interviewer.goto(shared.server.url(`#/interview/${survey}?lang=en`));
  await interviewer.getByRole('button', { name: 'Yes, use it for interviews' }).click();
  for (const words of INTERVIEWS) {
    await interviewer.getByRole('button', { name: 'New interview' }).click();
    await interviewer.getByLabel('The person has said yes to taking part').check();
    await interviewer.getByRole('button', { name: 'Start the questions' }).click();
    await interviewer.getByRole('radio', { name: 'Housing', exact: true }).check();
    while ((await interviewer.locator('#screen-heading').textContent()) !== 'What should be better?') {
      await interviewer.getByRole('button', { name: 'Next' }).click();
      await interviewer.locator('#screen-heading').waitFor();
    }
    await interviewer.getByLabel('What should be better?').fill(words);
    await interviewer.getByRole('button', { name: 'Finish' }).click();
    await interviewer.getByText('The interview is locked. Nobody on this phone can open it again.').waitFor();
  }
  await interviewer.goto(shared.server.url('#/'));
  const bundle = join(work, 'interviews.lytt.json');
  writeFileSync(bundle, JSON.stringify(await saveBundle(interviewer, survey)));
  await interviewer.context().close();
  // And one answered on a person's own phone.
  const phone = await newPage(shared.browser, shared.server);
  await phone.goto(shared.server.url(`#/s/${survey}?lang=en`));
  await phone.getByRole('button', { name: 'Start' }).click();
  await phone.getByRole('radio', { name: 'Housing', exact: true }).check();
  await phone.goto(shared.server.url(`#/s/${survey}/q/improve`));
  await phone.getByLabel('What should be better?').fill('Svar fortere. Ring meg på 41 22 33 44.');
  await phone.goto(shared.server.url(`#/s/${survey}/review`));
  await phone.getByRole('button', { name: 'Finish' }).click();
  await phone.getByRole('heading', { name: 'Thank you for your answers!' }).waitFor();
  const own = join(work, 'phone.lytt.json');
  writeFileSync(own, JSON.stringify(await saveBundle(phone, survey)));
  await phone.context().close();

  const page = await newPage(shared.browser, shared.server);
  await page.goto(shared.server.url('#/owner/results?lang=en'));
  await page.getByLabel('A survey on this site').selectOption(survey);
  await page.getByLabel(/Your identity file/).setInputFiles(TEST_KEY);
  await page.getByLabel(/Answer files/).setInputFiles([bundle, own]);
  await page.getByRole('button', { name: 'Open the answers' }).click();
  await page.getByText('4 answers read').waitFor();

  // From here on, only keys.
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
  const tabTo = async (target) => {
    for (let i = 0; i < 60 && (await focused()) !== target; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), target);
  };
  await tabTo('Read the free-text answers');
  await page.keyboard.press('Enter');
  await tabTo('reading-question');
  await page.keyboard.press('ArrowDown');
  await page.locator('.free-text h3').filter({ hasText: 'What should be better?' }).waitFor();
  await page.getByText('0 of 4 answers read').waitFor();
  assert.equal(await focused(), 'reading-question', 'focus stays where it was when the view is drawn again');
  const card = async (start) => {
    const i = await page.locator('article.free-answer').evaluateAll((all, start) => all.findIndex((a) => a.textContent.startsWith(start)), start);
    assert.ok(i >= 0, start);
    return `answer-${i}`;
  };
  const [kari, tuesday] = [await card('Jeg heter'), await card('Det beste')];
  assert.equal(await page.locator(`#${await card('Svar fortere')} mark`).textContent(), '41 22 33 44', 'the phone number is flagged');

  await tabTo('reading-new-theme');
  await page.keyboard.type('Bolig');
  await page.keyboard.press('Enter');
  await page.locator(`#${kari}-theme-0`).waitFor();
  // Number keys on a focused answer tag it, and the answer keeps the focus: 1 on, off, on.
  await tabTo(kari);
  for (const pressed of ['true', 'false', 'true']) {
    await page.keyboard.press('1');
    await page.waitForFunction(([id, p]) => document.getElementById(id)?.getAttribute('aria-pressed') === p, [`${kari}-theme-0`, pressed]);
    await page.waitForFunction((id) => document.activeElement?.id === id, kari);
  }
  // The flagged name is redacted; its button gone, the answer has the focus. Shown again, and
  // redacted again.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Redact (name)');
  await page.keyboard.press('Enter');
  await page.locator(`#${kari} .redacted`).filter({ hasText: '[name]' }).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, kari);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Show again (name)');
  await page.keyboard.press('Enter');
  await page.locator(`#${kari} mark`).filter({ hasText: 'Kari' }).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, kari);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Redact (name)');
  await page.keyboard.press('Enter');
  await page.locator(`#${kari} .redacted`).filter({ hasText: '[name]' }).waitFor();

  // Words nothing flagged are chosen in the answer, with Shift and the arrow keys, and
  // redacted as an address; then a part of the answer is chosen as its quote.
  const text = INTERVIEWS[1];
  const choose = async (words) => {
    await tabTo(`${tuesday}-choose`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    assert.equal(await focused(), `${tuesday}-words`);
    await page.keyboard.press('Control+Home');
    const shown = await page.locator(`#${tuesday}-words`).inputValue();
    for (let i = 0; i < shown.indexOf(words); i++) await page.keyboard.press('ArrowRight');
    for (let i = 0; i < words.length; i++) await page.keyboard.press('Shift+ArrowRight');
  };
  // The field refuses edits.
  await tabTo(`${tuesday}-choose`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Ola ');
  await page.keyboard.press('Backspace');
  assert.equal(await page.locator(`#${tuesday}-words`).inputValue(), text);
  await tabTo(`${tuesday}-choose`);
  await page.keyboard.press('Enter');
  await choose('Blå Kors på Grünerløkka');
  await tabTo(`${tuesday}-choose-kind`);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await tabTo(`${tuesday}-choose-redact`);
  await page.keyboard.press('Enter');
  await page.locator(`#${tuesday} .redacted`).filter({ hasText: '[address]' }).waitFor();
  const shown = await page.locator(`#${tuesday} .answer-text`).textContent();
  assert.ok(shown.includes('hver tirsdag hos [address]') && !shown.includes('Grünerløkka'), shown);
  await choose('noen hørte på meg hver tirsdag');
  await tabTo(`${tuesday}-choose-quote`);
  await page.keyboard.press('Enter');
  await page.locator(`#${tuesday} .answer-quote`).filter({ hasText: 'Quote: noen hørte på meg hver tirsdag' }).waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, tuesday);
  // Nothing chosen: said plainly, nothing changes.
  await tabTo(`${tuesday}-choose`);
  await page.keyboard.press('Enter');
  await tabTo(`${tuesday}-choose-quote`);
  await page.keyboard.press('Enter');
  await page.locator(`#${tuesday}`).getByText('Select some words of the answer first.').waitFor();
  await tabTo(`${tuesday}-read`);
  await page.keyboard.press('Space');
  await page.getByText('1 of 4 answers read').waitFor();
  await page.waitForFunction((id) => document.activeElement?.id === id, `${tuesday}-read`);

  // The part quoted is on the theme list, redacted, and in the theme list's file.
  await page.locator('.theme-list blockquote').filter({ hasText: '«noen hørte på meg hver tirsdag»' }).waitFor();
  await tabTo('Download the theme list (CSV)');
  const [themes] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const rows = readFileSync(await themes.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.ok(rows.includes('improve,Jeg heter [name] og vil ha hjelp med husleia.,x,'), rows.join('\n'));
  assert.ok(rows.includes('improve,Det beste var at noen hørte på meg hver tirsdag hos [address].,,noen hørte på meg hver tirsdag'), rows.join('\n'));
  assert.doesNotMatch(rows.join('\n'), /Kari|Grünerløkka/);

  await tabTo('Save the analysis (sealed to your key)');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const analysis = JSON.parse(execFileSync('age', ['-d', '-i', TEST_KEY], { input: readFileSync(await download.path()) }).toString());
  const worked = Object.values(analysis.work);
  assert.deepEqual(worked.map((w) => (w.redactions || []).map((r) => r.kind)).flat().sort(), ['address', 'name']);
  const quoted = worked.find((w) => w.quote);
  assert.equal(Buffer.from(text).subarray(...quoted.quote).toString(), 'noen hørte på meg hver tirsdag');

  // The summary for the people who answered, by keyboard too.
  await tabTo('Summary for the people who answered');
  await page.keyboard.press('Enter');
  await page.getByText('Too few people answered for figures to be shown without pointing anyone out.').waitFor();
  await tabTo('summary-commitments');
  await page.keyboard.type('Vi svarer innen to dager.');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'Use this text');
  await page.keyboard.press('Enter');
  const summary = page.locator('article.participant-summary');
  await summary.getByText('Vi svarer innen to dager.').waitFor();
  assert.match(await summary.innerText(), /noen hørte på meg hver tirsdag/, 'the chosen part, quoted');
  assert.doesNotMatch(await summary.innerText(), /Kari|Grünerløkka|41 22 33 44|Kortere ventetid/);
  await expectNoAxeViolations(page, 'free text at phone width');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'nothing wider than a phone');
  expectClean(page);
  await page.context().close();
});
