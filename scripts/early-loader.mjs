// What the first screen of an address needs besides the main module: the app's parts, and the
// survey file that a survey's screens fetch first. The page's loader in index.html (written by
// build-wasm.mjs, which embeds this function's source) runs it before the app does, so it makes
// the app's own choices in JavaScript: `Route::parse`, `UiLang::for_tag`, the ids and language
// tags of `lytt_core::validate`, `route::survey_file`, and a device mode stored on the tablet or
// phone winning as it does in `App`. A test in src/route.rs runs it on a table of addresses,
// stored languages and modes, and checks that it agrees with the Rust.
//
// `hash` is the address after `#`; `language` the stored `lytt.language` (any JSON value) and
// `mode` the stored `lytt.mode` (a `DeviceMode`), both null when absent; `linked(id)` says
// whether the survey `id` was kept from a link on this device (its file is then never fetched
// from the site, which must not learn which survey is answered).
export function firstNeeds(hash, language, mode, linked) {
  // The app's languages besides bokmål, by primary tag (Dari is written as Persian).
  const APP_LANGUAGES = { nn: 'nn', sv: 'sv', en: 'en', ar: 'ar', fa: 'fa', prs: 'fa', pl: 'pl', se: 'se', so: 'so', ti: 'ti', uk: 'uk' };
  const at = hash.indexOf('?');
  const path = (at < 0 ? hash : hash.slice(0, at)).split('/').filter(Boolean);
  const query = at < 0 ? '' : hash.slice(at + 1);
  const isId = (s) => /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/.test(s);
  const [first, id, ...rest] = path;
  const screen = rest.join('/');
  // The owner's addresses need only the app's screens: the owner's own are in the owner's build.
  const route = path.length === 0 ? 'start'
    : ['kiosk', 'interview'].includes(first) && (path.length === 1 || (path.length === 2 && isId(id))) ? 'devices'
    : first === 's' && isId(id) && (['', 'review', 'done'].includes(screen) || /^q\/[a-z][a-z0-9_-]{0,63}$/.test(screen)) ? 'survey'
    : first === 'l' && path.length === 2 && /^[A-Za-z0-9_-]+$/.test(id) ? 'linking'
    : '';
  const asked = query.split('&').find((pair) => pair.startsWith('lang='))?.slice(5) ?? '';
  const tag = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(asked) ? asked : typeof language === 'string' ? language : 'nb';
  const primary = tag.split('-')[0];
  const kiosk = mode?.mode === 'kiosk';
  // A survey's start screen is the `opening` part; the screens after it are `answering`, which
  // the start screen fetches once it is up. A survey carried in a link opens on its start screen.
  const pages = kiosk || (route === 'start' && mode?.mode === 'interview') ? ['devices']
    : route === 'survey' ? (screen === '' ? ['opening'] : ['opening', 'answering'])
    : route === 'linking' ? ['opening']
    : route === 'start' ? [] : [route];
  // The app's screens are a part that every address needs (`mount_app` in src/lib.rs), except
  // at first a survey's start screen (also from its link) and the start page where no mode is
  // set: the main module may draw those itself (src/first.rs), and fetches the parts after
  // them. The start page lists the site's surveys, and a link is checked against that list;
  // opening a link is a part of its own, `linking`.
  const byHand = ((route === 'survey' && screen === '') || route === 'start' || route === 'linking') && !mode;
  return {
    parts: [...(byHand ? (route === 'linking' ? ['linking'] : []) : ['app', ...pages]), ['nb', 'no'].includes(primary) ? '' : 'texts_' + (APP_LANGUAGES[primary] ?? 'en')].filter(Boolean),
    file: kiosk ? null
      : route === 'survey' ? (linked(id) ? null : `surveys/${id}.json`)
      : (route === 'start' && !mode) || route === 'linking' ? 'surveys/index.json' : null,
  };
}
