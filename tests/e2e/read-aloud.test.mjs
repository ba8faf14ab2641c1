// Reading aloud: the question, its help and its options heard in the survey's language, each
// highlighted while it is heard; pressed again, or Alt + R, it stops; no voice for the language
// means a plain message, never another language's voice. Recordings next to the survey are
// played instead, and still play offline after a visit. Options with pictures are tiles chosen
// by keyboard. The device's speech is a page-level stand-in that records what it is asked to say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, newPage, expectClean, expectNoAxeViolations, TEST_KEY } from './helpers.mjs';
import { readFileSync } from 'node:fs';

/** A WAV file of `ms` milliseconds of silence (8 kHz, 8 bit, mono). */
function silence(ms) {
  const samples = Math.round(8 * ms);
  const wav = Buffer.alloc(44 + samples, 128);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(8000, 24);
  wav.writeUInt32LE(8000, 28);
  wav.writeUInt16LE(1, 32);
  wav.writeUInt16LE(8, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(samples, 40);
  return wav;
}

const picture = (colour) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30"><rect width="40" height="30" fill="${colour}"/></svg>`;

const recipient = readFileSync(TEST_KEY, 'utf8').match(/public key: (age1\w+)/)[1];

// A survey with recordings in bokmål (not in English) and options with pictures.
const heard = {
  format: 'lytt-survey/1', id: 'bolig-lyd', version: '2026-11-30', languages: ['nb', 'en'],
  default_language: 'nb', title: { nb: 'Bolig', en: 'Housing' }, recipient,
  questions: [
    {
      id: 'home', type: 'single', prompt: { nb: 'Hvor bor du nå?', en: 'Where do you live now?' },
      audio: { nb: 'media/home-nb.wav' },
      options: [
        { id: 'flat', label: { nb: 'Leilighet', en: 'A flat' }, audio: { nb: 'media/flat-nb.wav' },
          image: { src: 'media/flat.svg', alt: { nb: 'En blokk med mange vinduer', en: 'A block of flats' } } },
        { id: 'house', label: { nb: 'Hus', en: 'A house' }, audio: { nb: 'media/house-nb.wav' },
          image: { src: 'media/house.svg', alt: { nb: 'Et lite hus med hage', en: 'A small house with a garden' } } },
        { id: 'none', label: { nb: 'Ingen fast bolig', en: 'No fixed home' }, audio: { nb: 'media/none-nb.wav' },
          image: { src: 'media/none.svg', alt: { nb: 'En sekk og en sovepose', en: 'A bag and a sleeping bag' } } },
      ],
    },
    { id: 'why', type: 'text', prompt: { nb: 'Hvorfor?', en: 'Why?' } },
  ],
};

const shared = serverAndBrowser({
  extraFiles: {
    'surveys/bolig-lyd.json': JSON.stringify(heard),
    'surveys/media/home-nb.wav': silence(300),
    'surveys/media/flat-nb.wav': silence(200),
    'surveys/media/house-nb.wav': silence(200),
    'surveys/media/none-nb.wav': silence(200),
    'surveys/media/flat.svg': picture('#4a7'),
    'surveys/media/house.svg': picture('#a74'),
    'surveys/media/none.svg': picture('#47a'),
  },
});

/**
 * Replaces the device's speech with one that records each utterance (text and language) and
 * ends it only when the test says so (`__speech.end()`), or at once with `auto`. `voices` are
 * the languages it has voices for; `__speech.addVoices` adds some later, as browsers do.
 */
function speechStandIn({ voices, auto = false }) {
  class Utterance {
    constructor(text) { this.text = text; this.lang = ''; this.voice = null; }
  }
  class Synthesis extends EventTarget {
    constructor() {
      super();
      this.spoken = [];
      this.queue = [];
      this.cancels = 0;
      this.voices = voices.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang }));
    }
    getVoices() { return this.voices; }
    speak(u) {
      this.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang });
      this.queue.push(u);
      if (auto) setTimeout(() => this.end(), 20);
    }
    end() {
      const u = this.queue.shift();
      if (u && u.onend) u.onend(new Event('end'));
    }
    cancel() { this.cancels += 1; this.queue = []; }
    addVoices(langs) {
      this.voices = this.voices.concat(langs.map((lang) => ({ lang, name: lang, default: false })));
      this.dispatchEvent(new Event('voiceschanged'));
    }
    get speaking() { return this.queue.length > 0; }
    get pending() { return false; }
    get paused() { return false; }
  }
  const synthesis = new Synthesis();
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.__speech = synthesis;
}

/** Records every recording the page plays and how it ended. */
function playerLog() {
  window.__played = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    const entry = { src: this.src, ended: false, error: false };
    window.__played.push(entry);
    this.addEventListener('ended', () => { entry.ended = true; });
    this.addEventListener('error', () => { entry.error = true; });
    return play.call(this);
  };
}

async function pageWith(speech, options = {}) {
  const page = await newPage(shared.browser, shared.server, options);
  await page.context().addInitScript(speechStandIn, speech);
  await page.context().addInitScript(playerLog);
  return page;
}

/** Starts the starter survey in `lang` and opens its question `id`. */
async function openQuestion(page, survey, lang, id) {
  await page.goto(shared.server.url(`#/s/${survey}?lang=${lang}`));
  await page.locator('main button').first().click();
  await page.goto(shared.server.url(`#/s/${survey}/q/${id}`));
  await page.locator('#screen-heading').waitFor();
}

const reading = (page) => page.locator('.reading').allTextContents();

test('the question, its help and its options are read in the survey language, one highlighted at a time', async () => {
  const page = await pageWith({ voices: ['nb-NO', 'en-US'] });
  await openQuestion(page, 'hva-er-viktig', 'nb', 'areas');
  const button = page.getByRole('button', { name: 'Les opp' });
  assert.equal(await button.getAttribute('aria-keyshortcuts'), 'Alt+R');
  assert.match(await page.locator('.listen .shortcut').textContent(), /Hurtigtast\s*Alt\s*\+\s*R/);
  await expectNoAxeViolations(page, 'a question with its read-aloud button');
  await button.click();
  await page.waitForFunction(() => document.querySelector('.reading'));
  assert.deepEqual(await reading(page), ['Hvilke deler av livet gjelder det?']);
  await page.getByRole('button', { name: 'Stopp opplesingen' }).waitFor();
  const options = ['Bolig', 'Helse', 'Rus', 'Økonomi', 'Arbeid og aktivitet', 'Familie og venner', 'Noe annet'];
  for (const option of options) {
    await page.evaluate(() => window.__speech.end());
    await page.waitForFunction((text) => document.querySelector('.reading')?.textContent.includes(text), option);
    assert.equal((await reading(page)).length, 1, 'one piece at a time');
  }
  await page.evaluate(() => window.__speech.end());
  await page.getByRole('button', { name: 'Les opp' }).waitFor();
  assert.deepEqual(await reading(page), [], 'nothing is highlighted when it is done');
  const spoken = await page.evaluate(() => window.__speech.spoken);
  assert.deepEqual(spoken.map((s) => s.text), ['Hvilke deler av livet gjelder det?', ...options]);
  assert.ok(spoken.every((s) => s.lang === 'nb' && s.voice === 'nb-NO'), JSON.stringify(spoken));
  expectClean(page);
  await page.context().close();
});

test('pressing again stops, and Alt + R starts and stops from anywhere on the screen', async () => {
  const page = await pageWith({ voices: ['sv-SE'] });
  await openQuestion(page, 'hva-er-viktig', 'sv', 'most_important');
  await page.getByRole('button', { name: 'Läs upp' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.reading').length === 1);
  await page.getByRole('button', { name: 'Sluta läsa upp' }).click();
  await page.getByRole('button', { name: 'Läs upp' }).waitFor();
  assert.deepEqual(await reading(page), []);
  assert.ok(await page.evaluate(() => window.__speech.cancels) >= 1, 'the speech was cancelled');
  assert.equal(await page.evaluate(() => window.__speech.spoken.length), 1, 'nothing more was said');

  // From the text field, by keyboard only: the help is read after the question, in Swedish.
  await page.locator('textarea').focus();
  await page.keyboard.press('Alt+KeyR');
  await page.getByRole('button', { name: 'Sluta läsa upp' }).waitFor();
  assert.equal(await page.locator('textarea').inputValue(), '', 'the shortcut typed nothing');
  await page.evaluate(() => window.__speech.end());
  await page.waitForFunction(() => document.querySelector('.reading')?.id === 'help');
  await page.keyboard.press('Alt+KeyR');
  await page.getByRole('button', { name: 'Läs upp' }).waitFor();
  const spoken = await page.evaluate(() => window.__speech.spoken);
  assert.deepEqual(spoken.map((s) => s.lang), ['sv', 'sv', 'sv']);
  assert.match(spoken[2].text, /namn/);
  expectClean(page);
  await page.context().close();
});

test('without a voice for the language the screen says so, and offers reading once one arrives', async () => {
  const page = await pageWith({ voices: ['en-US'] });
  await openQuestion(page, 'hva-er-viktig', 'nn', 'housing_safe');
  const none = page.locator('.listen-none');
  await none.waitFor();
  assert.match(await none.textContent(), /inga stemme som snakkar språket i undersøkinga/);
  assert.equal(await page.getByRole('button', { name: 'Les opp' }).count(), 0);
  await expectNoAxeViolations(page, 'a question without a voice for its language');
  // Browsers list voices late: a Norwegian one arrives, and the button with it.
  await page.evaluate(() => window.__speech.addVoices(['nb-NO']));
  await page.getByRole('button', { name: 'Les opp' }).click();
  const spoken = await page.evaluate(() => window.__speech.spoken);
  assert.deepEqual(spoken.map((s) => [s.lang, s.voice]), [['nn', 'nb-NO']]);
  expectClean(page);
  await page.context().close();
});

test('the faces are read by their names in the app language, after the question', async () => {
  const page = await pageWith({ voices: ['en-GB'], auto: true });
  await openQuestion(page, 'hva-er-viktig', 'en', 'helpers_know');
  await page.getByRole('button', { name: 'Read aloud' }).click();
  await page.getByRole('button', { name: 'Read aloud' }).waitFor();
  const spoken = await page.evaluate(() => window.__speech.spoken.map((s) => s.text));
  assert.deepEqual(spoken.slice(-5), ['Very sad', 'Sad', 'Neutral', 'Happy', 'Very happy']);
  expectClean(page);
  await page.context().close();
});

test('recordings are played instead of speech, in order, and still play offline after a visit', async () => {
  // No voice at all: the recordings are all this screen needs.
  const page = await pageWith({ voices: [] });
  await page.goto(shared.server.url('#/s/bolig-lyd?lang=nb'));
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.locator('main button').first().click();
  await page.getByRole('heading', { name: 'Hvor bor du nå?' }).waitFor();
  // The first visit made the service worker keep the survey's files.
  await page.waitForFunction(async () => {
    const names = ['home-nb.wav', 'flat-nb.wav', 'house-nb.wav', 'none-nb.wav', 'flat.svg', 'house.svg', 'none.svg'];
    const keys = (await Promise.all((await caches.keys()).map(async (k) => (await caches.open(k)).keys()))).flat();
    return names.every((n) => keys.some((r) => r.url.endsWith(`/surveys/media/${n}`)));
  });
  await page.reload();
  await page.getByRole('heading', { name: 'Hvor bor du nå?' }).waitFor();

  await page.context().setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: 'Hvor bor du nå?' }).waitFor();
  await page.getByRole('button', { name: 'Les opp' }).click();
  // While the question's recording plays, the question and its help are highlighted.
  await page.waitForFunction(() => document.querySelector('h1.reading'));
  await page.getByRole('button', { name: 'Les opp' }).waitFor({ timeout: 10_000 });
  const played = await page.evaluate(() => window.__played);
  assert.deepEqual(
    played.map((p) => [p.src.split('/surveys/')[1], p.ended, p.error]),
    [['media/home-nb.wav', true, false], ['media/flat-nb.wav', true, false],
      ['media/house-nb.wav', true, false], ['media/none-nb.wav', true, false]],
  );
  assert.equal(await page.evaluate(() => window.__speech.spoken.length), 0, 'no speech where there are recordings');
  // The pictures came from the kept copies too.
  const sizes = await page.locator('.tile-picture').evaluateAll((imgs) => imgs.map((i) => i.naturalWidth));
  assert.ok(sizes.length === 3 && sizes.every((w) => w > 0), JSON.stringify(sizes));
  await page.context().setOffline(false);
  expectClean(page);
  await page.context().close();
});

test('options with pictures are tiles with alt text, two to a row at 360 px, chosen by keyboard', async () => {
  const page = await pageWith({ voices: ['en-US'], auto: true });
  await page.goto(shared.server.url('#/s/bolig-lyd?lang=en'));
  await page.locator('main button').first().click();
  await page.getByRole('heading', { name: 'Where do you live now?' }).waitFor();
  const tiles = page.locator('label.tile');
  assert.equal(await tiles.count(), 3);
  const alts = await page.locator('.tile-picture').evaluateAll((imgs) => imgs.map((i) => i.alt));
  assert.deepEqual(alts, ['A block of flats', 'A small house with a garden', 'A bag and a sleeping bag']);
  // Each radio button is named by its picture and its text.
  await page.getByRole('radio', { name: 'A small house with a garden A house' }).waitFor();
  const tops = await tiles.evaluateAll((ls) => ls.map((l) => Math.round(l.getBoundingClientRect().top)));
  assert.equal(tops[0], tops[1], 'two tiles side by side');
  assert.ok(tops[2] > tops[0], 'the third on the next row');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, 'no sideways scrolling');
  await expectNoAxeViolations(page, 'options with pictures');

  // No recordings in English: the device's English voice reads it, the pictures' options too.
  await page.getByRole('button', { name: 'Read aloud' }).click();
  await page.getByRole('button', { name: 'Read aloud' }).waitFor();
  const spoken = await page.evaluate(() => window.__speech.spoken.map((s) => s.text));
  assert.deepEqual(spoken, ['Where do you live now?', 'A flat', 'A house', 'No fixed home']);

  // Keyboard only: Tab reaches the first tile, the arrow keys move the choice, Enter goes on.
  await page.locator('#screen-heading').focus();
  let focused = '';
  for (let i = 0; i < 6 && focused !== 'flat'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.value);
  }
  assert.equal(focused, 'flat');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('radio', { name: /A house/ }).isChecked(), true);
  const outline = await page.locator('label.tile', { has: page.locator('input:focus-visible') }).count();
  assert.equal(outline, 1, 'the focused tile shows it');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Why?' }).waitFor();
  expectClean(page);
  await page.context().close();
});

test('in the kiosk the button is large and reads the question in the visitor language', async () => {
  const page = await pageWith({ voices: ['en-US', 'nb-NO'], auto: true }, { width: 800, height: 1200 });
  await page.goto(shared.server.url('#/kiosk/folkehelsedagen?lang=en'));
  await page.getByLabel('Staff PIN (at least 6 digits)').fill('471100');
  await page.getByLabel('The same PIN again').fill('471100');
  await page.getByRole('button', { name: 'Start the kiosk' }).click();
  await page.getByRole('button', { name: 'Start' }).click();
  const button = page.getByRole('button', { name: 'Read aloud' });
  const size = await button.evaluate((b) => ({ font: parseFloat(getComputedStyle(b).fontSize), height: b.getBoundingClientRect().height }));
  assert.ok(size.font >= 21 && size.height >= 56, JSON.stringify(size));
  assert.equal(await page.locator('.listen .shortcut').isVisible(), false, 'no keyboard on a kiosk tablet');
  await button.click();
  await button.waitFor();
  const spoken = await page.evaluate(() => window.__speech.spoken);
  assert.ok(spoken.length >= 2 && spoken.every((s) => s.lang === 'en'), JSON.stringify(spoken));
  assert.equal(spoken[0].text, await page.locator('#screen-heading').textContent());
  await expectNoAxeViolations(page, 'a kiosk question with its read-aloud button');
  expectClean(page);
  await page.context().close();
});
