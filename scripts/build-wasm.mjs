// Trunk post-build hook: builds the app's wasm, split into a main module and parts that load
// when first used, and puts it into the build with the page's loader.
//
// Trunk's own Rust pipeline builds one wasm file, so every visitor would download the kiosk,
// interview and owner screens too. Here the steps are the same as Trunk's, with the split
// between the compiler and wasm-bindgen:
//   cargo build (with relocations kept) -> wasm-split-cli -> wasm-bindgen (main module only)
//   -> wasm-opt on each module and terser on the JavaScript (release only) -> content-hashed
//   names -> loader in index.html -> service worker.
// The split points are the `split_point!` functions (src/split.rs says where they are).
//
// Usage: node scripts/build-wasm.mjs, with TRUNK_STAGING_DIR and TRUNK_PROFILE set by Trunk.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { firstNeeds } from './early-loader.mjs';

const BIN = 'lytt-web';
const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('build-wasm: no build folder (TRUNK_STAGING_DIR)');
  process.exit(2);
}
const release = process.env.TRUNK_PROFILE === 'release';

// The tools scripts/setup.sh installs: wasm-bindgen and wasm-split-cli by cargo, wasm-opt by npm.
const root = new URL('..', import.meta.url).pathname;
const env = {
  ...process.env,
  PATH: [join(homedir(), '.cargo', 'bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
};

// Cargo's progress is shown as it comes; the other tools' chatter (wasm-opt warns about name
// sections it does not know) only if they fail.
function run(command, args, { quiet = true, extraEnv = {} } = {}) {
  try {
    return execFileSync(command, args, {
      stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'], encoding: 'utf8', maxBuffer: 1 << 28, env: { ...env, ...extraEnv }, cwd: root,
    });
  } catch (error) {
    if (error.stderr) process.stderr.write(error.stderr);
    throw error;
  }
}

// The build machine's paths in the wasm: a panic's location names its source file (with
// `panic = "abort"` too), for the crates Cargo downloaded as a path in its own folder under the
// builder's home. Relative to their package (`tachys-0.2.19/src/dom.rs`), they say as much, take
// less space (200 bytes of gzip in the main module), tell nobody where the app was built, and
// the same sources give the same files on any machine. (The standard library's are built in as
// `/rustc/<commit>/library/...` and stay.) Given to all three cargo builds alike, so that they
// share what they compile; Cargo joins these flags to those of .cargo/config.toml.
function pathRemaps() {
  const cargoHome = process.env.CARGO_HOME ?? join(homedir(), '.cargo');
  const remaps = [];
  for (const folder of ['registry/src', 'git/checkouts']) {
    const at = join(cargoHome, folder);
    let sources = [];
    try {
      sources = readdirSync(at);
    } catch {
      // Nothing downloaded from there.
    }
    for (const source of sources) remaps.push(`${join(at, source)}/=`);
  }
  const flags = remaps.map((remap) => `--remap-path-prefix=${remap}`);
  return ['--config', `target.wasm32-unknown-unknown.rustflags=${JSON.stringify(flags)}`];
}
const remapArgs = pathRemaps();

// 0. The owner's results worker, a wasm module of its own (see buildResultsWorker below). The
// owner's build of the app (step 8) is compiled with its script's name (LYTT_RESULTS_WORKER).
const resultsWorker = buildResultsWorker();

// 1. Compile, with the split points (feature `split`, see src/split.rs). `--emit-relocs` (in
// .cargo/config.toml) keeps what wasm-split-cli needs to see which function calls which.
// The linear memory starts with the stack, 1 MiB by default: most of the app's memory on its
// first screen. The app's Rust stack stays within a few kilobytes (values live on the engine's
// own stack; this one holds only what is addressed: the deepest path measured, sealing and
// saving a file, used 8 KiB), so 128 KiB leaves room sixteen times over. Overflowing it traps
// (the stack comes first in memory) rather than overwriting data. Only the app's own module:
// the owner's build and its worker keep the default.
const STACK_BYTES = 128 * 1024;
const cargoArgs = [
  ...remapArgs, 'rustc', '--target', 'wasm32-unknown-unknown', '--bin', BIN, '--features', 'split',
  '--message-format', 'json-render-diagnostics',
];
if (release) cargoArgs.push('--profile', 'wasm-release');
cargoArgs.push('--', '-C', `link-arg=-zstack-size=${STACK_BYTES}`);
const messages = run('cargo', cargoArgs, { quiet: false }).split('\n').filter(Boolean).map((line) => JSON.parse(line));
const artifact = messages.find((m) => m.reason === 'compiler-artifact' && m.target?.name === BIN && m.executable);
if (!artifact) {
  throw new Error(`build-wasm: cargo did not report the ${BIN} wasm file`);
}

// 2. Split at the split points, 3. bind the main module to JavaScript.
const work = mkdtempSync(join(tmpdir(), 'lytt-wasm-'));
try {
  const split = join(work, 'split');
  run('wasm-split-cli', [artifact.executable, split, '--out-name', BIN]);
  run('wasm-bindgen', [
    '--target=web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
    `--out-dir=${split}`, `--out-name=${BIN}`, join(split, `${BIN}.wasm`),
  ]);
  rmSync(join(split, `${BIN}.wasm`));

  // 4. Shrink each module on its own; they share memory and the function table, which
  // wasm-opt keeps as they are because the parts import them.
  const wasmFiles = readdirSync(split).filter((name) => name.endsWith('.wasm')).sort();
  if (release) {
    for (const name of wasmFiles) {
      const path = join(split, name);
      // LYTT_WASM_NAMES=1 keeps the functions' names, for bench/wasm-functions.mjs.
      const names = process.env.LYTT_WASM_NAMES === '1' ? ['-g'] : ['--strip-debug'];
      run('wasm-opt', ['-Oz', ...names, '--strip-producers', path, '-o', path]);
    }
  }

  // 4b. Parts the first screen needs are compiled while the main module loads, not after it
  // has started: the page's loader (below) compiles them early, and the parts loader takes
  // them from there. Each part's files are read off the parts loader wasm-split-cli wrote.
  const partsPath = join(split, '__wasm_split.js');
  let partsJs = readFileSync(partsPath, 'utf8');
  const fetcher = /const src = fetch\((new URL\("\.\/[^"]+\.wasm", import\.meta\.url\))\);\n\s*src\.catch\(\(\) => \{\}\);\n\s*return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;
  const fetchers = partsJs.match(fetcher)?.length ?? 0;
  partsJs = partsJs.replace(fetcher, (_, url) => [
    `const src = earlyOrNow(${url});`,
    'src.catch(() => {});',
    'return async (imports) => ({ instance: await WebAssembly.instantiate(await src, imports) });',
  ].join('\n    '));
  partsJs += `
// A part's module compiled early by the page's loader, or fetched and compiled now. An early
// one is used once, so that "Try again" after a failure fetches afresh.
function earlyOrNow(url) {
    const early = globalThis.lyttEarlyParts?.get(url.href);
    globalThis.lyttEarlyParts?.delete(url.href);
    return early ?? WebAssembly.compileStreaming(fetch(url));
}
`;
  const chunkFiles = new Map([...partsJs.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = earlyOrNow\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const partFiles = {};
  for (const m of partsJs.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(([\s\S]*?)\n, \[([^\]]*)\]\)\);/g)) {
    const own = /new URL\("\.\/([^"]+)"/.exec(m[2]);
    const deps = m[3].split(',').map((d) => d.trim()).filter(Boolean).map((d) => chunkFiles.get(d));
    partFiles[m[1]] = [...(own ? [own[1]] : []), ...deps];
  }
  if (fetchers === 0 || fetchers !== chunkFiles.size + Object.values(partFiles).filter((f) => f.length > 0).length
    || !partFiles.answering || Object.values(partFiles).flat().some((f) => !f)) {
    throw new Error('build-wasm: the parts loader of wasm-split-cli has a shape this script does not know');
  }
  writeFileSync(partsPath, partsJs);

  // 5. One content hash for the whole set names every file, so a new build never mixes with
  // an old one in a cache, and references between the files can be rewritten without cycles.
  const files = readdirSync(split).sort();
  const { minify } = await import('terser');
  const minified = async (code, module) => (await minify(code, { module, compress: true, mangle: true })).code;
  const hash = createHash('sha256');
  for (const name of files) hash.update(name).update('\0').update(readFileSync(join(split, name)));
  const version = hash.digest('hex').slice(0, 16);
  const hashed = (name) => {
    if (name === '__wasm_split.js') return `lytt-parts-${version}.js`;
    const dot = name.indexOf('.');
    const stem = name.slice(0, dot);
    const ext = name.slice(dot);
    return stem.endsWith('_bg') ? `${stem.slice(0, -3)}-${version}_bg${ext}` : `${stem}-${version}${ext}`;
  };
  for (const name of files) {
    let data = readFileSync(join(split, name));
    if (name.endsWith('.js')) {
      let text = data.toString('utf8');
      // Only module imports and fetched URLs: the main module's import object keeps the module
      // name the wasm itself asks for ("./__wasm_split.js").
      for (const other of files) {
        for (const [before, after] of [[`from "./${other}"`, `from "./${hashed(other)}"`], [`new URL("./${other}"`, `new URL("./${hashed(other)}"`]]) {
          text = text.split(before).join(after);
        }
      }
      // wasm-bindgen's default path for the main module, used only if none is given.
      text = text.split(`'${BIN}_bg.wasm'`).join(`'${hashed(`${BIN}_bg.wasm`)}'`);
      // Minified for release (the names of the wasm's imports are object keys, which terser
      // leaves alone).
      if (release) text = await minified(text, true);
      // A tool's new output format must fail the build, not a visitor's page.
      const stale = files.filter((other) => other !== '__wasm_split.js' && text.includes(`./${other}`));
      const missingParts = name === `${BIN}.js` && !text.includes(`./${hashed('__wasm_split.js')}`);
      if (stale.length > 0 || missingParts) {
        throw new Error(`build-wasm: ${name} still refers to ${stale.join(', ') || '__wasm_split.js'} by its unhashed name`);
      }
      data = Buffer.from(text, 'utf8');
    }
    writeFileSync(join(staging, hashed(name)), data);
  }

  // 6. The page loads the main module at once; parts are fetched by lytt-parts-*.js on first use.
  // What the first screen will need is fetched alongside the main module by a plain script
  // that runs as soon as the page's head is read: the parts the address and the language's
  // text need, compiled early (the parts loader takes them from lyttEarlyParts), and the
  // survey file a survey's address names (platform::prefetch takes it from lyttEarlyFiles).
  // The choice is firstNeeds in scripts/early-loader.mjs, which mirrors the app's rules (a test
  // in src/route.rs checks that they agree).
  const js = `./${hashed(`${BIN}.js`)}`;
  const wasm = `./${hashed(`${BIN}_bg.wasm`)}`;
  // The parts' files by their stems only (the page adds the build's version): fewer bytes.
  const stem = (name) => name.slice(0, -'.wasm'.length);
  if (Object.values(partFiles).flat().some((name) => hashed(name) !== `${stem(name)}-${version}.wasm`)) {
    throw new Error('build-wasm: a part file is named in a way the page loader does not know');
  }
  const early = Object.fromEntries(Object.entries(partFiles).map(([part, names]) => [part, names.map(stem)]));
  const earlyScript = `{
      const parts = ${JSON.stringify(early)};
      const stored = (key) => { try { return JSON.parse(localStorage.getItem(key)); } catch { return null; } };
      const linked = (id) => ['sessionStorage', 'localStorage'].some((name) => { try { return globalThis[name].getItem('lytt.linked.' + id) !== null; } catch { return false; } });
      const needs = (${firstNeeds.toString()})(location.hash.slice(1), stored('lytt.language'), stored('lytt.mode'), linked);
      // The main module is compiled from here, as its bytes arrive, while the page's module
      // script still waits for the stylesheet; it takes the compiled module (or, if this failed,
      // fetches the file itself).
      globalThis.lyttMain = WebAssembly.compileStreaming(fetch('${wasm}'));
      globalThis.lyttMain.catch(() => {});
      globalThis.lyttEarlyParts = new Map();
      // Also the app's own way to fetch parts ahead of their use (platform::compile_parts).
      // Each file once: one that a part already took is in that part's hands (and one that
      // failed is fetched again by the parts loader when it is used).
      const asked = new Set();
      globalThis.lyttCompile = (names) => Promise.all([...new Set(names.flatMap((part) => parts[part] ?? []))].map((name) => {
        const url = new URL('./' + name + '-${version}.wasm', document.baseURI);
        if (!asked.has(url.href)) {
          asked.add(url.href);
          const compiled = WebAssembly.compileStreaming(fetch(url));
          compiled.catch(() => {});
          globalThis.lyttEarlyParts.set(url.href, compiled);
        }
        return globalThis.lyttEarlyParts.get(url.href);
      }));
      globalThis.lyttCompile(needs.parts).catch(() => {});
      globalThis.lyttEarlyFiles = new Map();
      if (needs.file) {
        const fetched = fetch(needs.file, { cache: 'no-cache' });
        fetched.catch(() => {});
        globalThis.lyttEarlyFiles.set(needs.file, fetched);
      }
    }`;
  const loader = [
    `<link rel="modulepreload" href="${js}" crossorigin="anonymous">`,
    `<link rel="modulepreload" href="./${hashed('__wasm_split.js')}" crossorigin="anonymous">`,
    `<script>${release ? await minified(earlyScript, false) : earlyScript}</script>`,
    '<script type="module">',
    `import init from '${js}';`,
    `await init({ module_or_path: await globalThis.lyttMain.catch(() => '${wasm}') });`,
    '</script>',
  ].join('\n    ');
  const indexPath = join(staging, 'index.html');
  const index = readFileSync(indexPath, 'utf8');
  // In place of the comment and Trunk's skipped Rust link, before the stylesheet: a plain
  // script after a stylesheet would wait for it.
  const place = /<!-- The app's wasm[\s\S]*?-->\s*<link data-trunk[^>]*rel="rust"[^>]*>/;
  if (!place.test(index)) {
    throw new Error('build-wasm: index.html has no place for the loader (the comment and the rel="rust" link)');
  }
  const page = withContentSecurityPolicy(index.replace(place, loader));
  writeFileSync(indexPath, page);

  // 8. The owner's build of the app: the same app with the owner's screens (feature `owner`),
  // in one module, on a page of its own (owner.html), which a respondent's build sends the
  // owner's addresses to. A respondent never downloads it.
  const owner = buildOwnerApp();
  const ownerLoader = [
    `<link rel="modulepreload" href="./${owner.js}" crossorigin="anonymous">`,
    `<link rel="preload" href="./${owner.wasm}" crossorigin="anonymous" as="fetch" type="application/wasm">`,
    '<script type="module">',
    `import init from './${owner.js}';`,
    `await init({ module_or_path: './${owner.wasm}' });`,
    '</script>',
  ].join('\n    ');
  writeFileSync(join(staging, 'owner.html'), withContentSecurityPolicy(index.replace(place, ownerLoader)));
  console.log(`build-wasm: ${files.length} files (${wasmFiles.length} wasm modules), version ${version}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// The linker's relocations (`--emit-relocs`, which only the split needs) stay in a module that
// is not split, as custom sections that wasm-opt keeps: more than the code itself. They go.
function dropLinkerSections(path) {
  const bytes = readFileSync(path);
  const kept = [bytes.subarray(0, 8)];
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return value;
    }
  };
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    const size = leb();
    const body = at;
    let name = '';
    if (id === 0) {
      const length = leb();
      name = bytes.subarray(at, at + length).toString('utf8');
    }
    at = body + size;
    if (!(id === 0 && (name === 'linking' || name.startsWith('reloc.')))) kept.push(bytes.subarray(start, at));
  }
  writeFileSync(path, Buffer.concat(kept));
}

// The owner's build of the app (see step 8): cargo with feature `owner` and without the split
// points -> wasm-bindgen -> wasm-opt (release), named by a content hash. Returns the
// names of its JavaScript and wasm files.
function buildOwnerApp() {
  const args = [...remapArgs, 'build', '--target', 'wasm32-unknown-unknown', '--bin', BIN, '--features', 'owner', '--message-format', 'json-render-diagnostics'];
  if (release) args.push('--profile', 'wasm-release');
  const built = run('cargo', args, { quiet: false, extraEnv: { LYTT_RESULTS_WORKER: resultsWorker } }).split('\n').filter(Boolean)
    .map((line) => JSON.parse(line)).find((m) => m.reason === 'compiler-artifact' && m.target?.name === BIN && m.executable);
  if (!built) throw new Error('build-wasm: cargo did not report the owner build\'s wasm file');
  const out = mkdtempSync(join(tmpdir(), 'lytt-owner-'));
  try {
    run('wasm-bindgen', ['--target=web', '--no-typescript', `--out-dir=${out}`, '--out-name=lytt-owner', built.executable]);
    const wasmPath = join(out, 'lytt-owner_bg.wasm');
    dropLinkerSections(wasmPath);
    if (release) run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', wasmPath, '-o', wasmPath]);
    const wasm = readFileSync(wasmPath);
    const glue = readFileSync(join(out, 'lytt-owner.js'), 'utf8');
    const version = createHash('sha256').update(glue).update('\0').update(wasm).digest('hex').slice(0, 16);
    const names = { js: `lytt-owner-${version}.js`, wasm: `lytt-owner-${version}_bg.wasm` };
    writeFileSync(join(staging, names.js), glue.split("'lytt-owner_bg.wasm'").join(`'${names.wasm}'`));
    writeFileSync(join(staging, names.wasm), wasm);
    return names;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// The owner's results screen opens records in Web Workers running crates/lytt-worker, a wasm
// module of its own: built here like the app (cargo -> wasm-bindgen -> wasm-opt), with
// crates/lytt-worker/worker.js as the worker's script, all three named by one content hash.
// Only the owner's build refers to these files, and the service worker does not cache them
// ahead (scripts/make-service-worker.mjs): only an owner who opens results downloads them.
// Returns the worker script's name.
function buildResultsWorker() {
  const args = [...remapArgs, 'build', '--target', 'wasm32-unknown-unknown', '-p', 'lytt-worker', '--lib', '--message-format', 'json-render-diagnostics'];
  // Small, like the app: built for speed (opt-level 3, wasm-opt -O3) it was 60 % larger, took
  // longer to start, and decrypted no faster (docs/performance.md).
  if (release) args.push('--profile', 'wasm-release');
  const built = run('cargo', args, { quiet: false }).split('\n').filter(Boolean).map((line) => JSON.parse(line))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'lytt_worker' && m.filenames?.some((f) => f.endsWith('.wasm')));
  if (!built) throw new Error('build-wasm: cargo did not report the lytt-worker wasm file');
  const out = mkdtempSync(join(tmpdir(), 'lytt-worker-'));
  try {
    run('wasm-bindgen', ['--target=web', '--no-typescript', `--out-dir=${out}`, '--out-name=lytt-worker',
      built.filenames.find((f) => f.endsWith('.wasm'))]);
    const wasmPath = join(out, 'lytt-worker_bg.wasm');
    dropLinkerSections(wasmPath);
    if (release) run('wasm-opt', ['-Oz', '--strip-debug', '--strip-producers', wasmPath, '-o', wasmPath]);
    const glue = readFileSync(join(out, 'lytt-worker.js'), 'utf8');
    const script = readFileSync(join(root, 'crates', 'lytt-worker', 'worker.js'), 'utf8');
    const wasm = readFileSync(wasmPath);
    const version = createHash('sha256').update(glue).update('\0').update(script).update('\0').update(wasm).digest('hex').slice(0, 16);
    const names = { glue: `lytt-worker-${version}.js`, wasm: `lytt-worker-${version}_bg.wasm`, script: `results-worker-${version}.js` };
    const fixed = script.replace("'./lytt-worker.js'", `'./${names.glue}'`).replace("'./lytt-worker_bg.wasm'", `'./${names.wasm}'`);
    if (!fixed.includes(names.glue) || !fixed.includes(names.wasm)) throw new Error('build-wasm: worker.js names its files in a way this script does not know');
    writeFileSync(join(staging, names.glue), glue);
    writeFileSync(join(staging, names.wasm), wasm);
    writeFileSync(join(staging, names.script), fixed);
    return names.script;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// The page's Content-Security-Policy, as a <meta> because a static host may not be able to set
// headers. Scripts come only from the app's own origin, plus the page's inline loader scripts by
// their hashes (computed here, so they always match the build); wasm may be compiled. Everything
// else is the app's own origin only, except connect-src: surveys are added without a rebuild, so
// their inboxes cannot be listed here, and any https: address is allowed, plus http on this
// device's loopback (127.0.0.1, localhost) for an inbox on the same machine, as survey
// validation allows. frame-ancestors cannot be set by a <meta>: see the README for the headers a
// server should add.
function withContentSecurityPolicy(page) {
  const inline = [...page.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (inline.length === 0) throw new Error('build-wasm: index.html has no inline loader to hash');
  const hashes = inline.map((code) => `'sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const charset = '<meta charset="utf-8">';
  if (!page.includes(charset)) throw new Error('build-wasm: index.html has no <meta charset> to put the policy after');
  // First in the head, before any script or link it governs.
  return page.replace(charset, `${charset}\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`);
}

// 7. The service worker lists the finished build, parts included.
execFileSync('node', [new URL('./make-service-worker.mjs', import.meta.url).pathname], { stdio: 'inherit' });

// 8. Compressed copies beside the files, for servers that send them as they are.
execFileSync('node', [new URL('./precompress.mjs', import.meta.url).pathname], { stdio: 'inherit' });
