// Where a wasm module's bytes go, function by function, and what changed between two builds.
//
// Build with the functions' names kept, then point this at a module of dist/:
//   LYTT_WASM_NAMES=1 trunk build --release --offline
//   node bench/wasm-functions.mjs dist/lytt-web-…_bg.wasm            # the 40 largest functions
//   node bench/wasm-functions.mjs old.wasm new.wasm [lines]             # what grew or shrank
//   node bench/wasm-functions.mjs --crates dist/…_bg.wasm               # bytes by crate
//   node bench/wasm-functions.mjs --match 'lytt::pages' dist/…_bg.wasm  # the functions named so
// Several modules joined by commas count as one (a survey link's main module and parts).
// Sizes are of the function bodies as stored (before gzip); names are demangled roughly.
import { readFileSync } from 'node:fs';

function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

function demangle(name) {
  const legacy = /^_ZN(.*)E$/.exec(name);
  if (!legacy) return name;
  const parts = [];
  let rest = legacy[1];
  while (rest.length > 0) {
    const m = /^(\d+)/.exec(rest);
    if (!m) break;
    const len = Number(m[1]);
    parts.push(rest.slice(m[1].length, m[1].length + len));
    rest = rest.slice(m[1].length + len);
  }
  if (/^h[0-9a-f]{16}$/.test(parts.at(-1) ?? '')) parts.pop();
  return parts.join('::').replaceAll('$LT$', '<').replaceAll('$GT$', '>').replaceAll('$u20$', ' ')
    .replaceAll('$C$', ',').replaceAll('$RF$', '&').replaceAll('..', '::').replaceAll('$u7b$', '{')
    .replaceAll('$u7d$', '}');
}

/** Function name -> body size in bytes (names summed where several functions share one). */
export function functionSizes(path) {
  const bytes = readFileSync(path);
  let at = 8;
  let imported = 0;
  const sizes = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at];
    let size;
    [size, at] = leb(bytes, at + 1);
    const end = at + size;
    if (id === 2) {
      let count;
      let p;
      [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = leb(bytes, p); p += len;
        [len, p] = leb(bytes, p); p += len;
        const kind = bytes[p++];
        if (kind === 0) { [, p] = leb(bytes, p); imported++; }
        else if (kind === 1) { p += 1; const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 2) { const flags = bytes[p++]; [, p] = leb(bytes, p); if (flags & 1) [, p] = leb(bytes, p); }
        else if (kind === 3) { p += 2; }
        else if (kind === 4) { p += 1; [, p] = leb(bytes, p); }
      }
    } else if (id === 10) {
      let count;
      let p;
      [count, p] = leb(bytes, at);
      for (let i = 0; i < count; i++) {
        let body;
        const start = p;
        [body, p] = leb(bytes, p);
        sizes.push(p - start + body);
        p += body;
      }
    } else if (id === 0) {
      let len;
      let p;
      [len, p] = leb(bytes, at);
      const name = bytes.subarray(p, p + len).toString('utf8');
      p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = bytes[p];
          let subSize;
          [subSize, p] = leb(bytes, p + 1);
          const subEnd = p + subSize;
          if (sub === 1) {
            let count;
            let q;
            [count, q] = leb(bytes, p);
            for (let i = 0; i < count; i++) {
              let index;
              let nameLen;
              [index, q] = leb(bytes, q);
              [nameLen, q] = leb(bytes, q);
              names.set(index, bytes.subarray(q, q + nameLen).toString('utf8'));
              q += nameLen;
            }
          }
          p = subEnd;
        }
      }
    }
    at = end;
  }
  const byName = new Map();
  sizes.forEach((size, i) => {
    const name = demangle(names.get(i + imported) ?? `function ${i + imported}`);
    byName.set(name, (byName.get(name) ?? 0) + size);
  });
  return byName;
}

/** The crate a demangled name belongs to: its first path segment, inside any `<...>`. */
export function crateOf(name) {
  const m = /([A-Za-z_][A-Za-z0-9_]*)::/.exec(name);
  return m ? m[1] : name.startsWith('function ') ? '(no name)' : '(other)';
}

const args = process.argv.slice(2);
const byCrate = args[0] === '--crates';
const matching = args[0] === '--match' ? new RegExp(args[1]) : null;
const [first, second, lines = '50'] = byCrate ? args.slice(1) : matching ? args.slice(2) : args;
if (!first) {
  console.error('usage: node bench/wasm-functions.mjs module.wasm [newer.wasm]');
  process.exit(2);
}
const total = (m) => [...m.values()].reduce((a, b) => a + b, 0);
/** The functions of one module, or of several joined by commas. */
function sizesOf(paths) {
  const joined = new Map();
  for (const path of paths.split(',')) {
    for (const [name, size] of functionSizes(path)) joined.set(name, (joined.get(name) ?? 0) + size);
  }
  return joined;
}
if (byCrate) {
  const crates = new Map();
  for (const [name, size] of sizesOf(first)) crates.set(crateOf(name), (crates.get(crateOf(name)) ?? 0) + size);
  const all = total(crates);
  console.log(`${all} bytes of code in ${crates.size} crates`);
  for (const [crate, size] of [...crates].sort((a, b) => b[1] - a[1]).slice(0, Number(lines))) {
    console.log(`${String(size).padStart(8)}  ${(100 * size / all).toFixed(1).padStart(5)} %  ${crate}`);
  }
} else if (matching) {
  const sizes = [...sizesOf(first)].filter(([name]) => matching.test(name));
  console.log(`${sizes.length} functions, ${sizes.reduce((a, [, size]) => a + size, 0)} bytes of code`);
  for (const [name, size] of sizes.sort((a, b) => b[1] - a[1]).slice(0, Number(second ?? lines))) {
    console.log(`${String(size).padStart(8)}  ${name}`);
  }
} else if (!second) {
  const sizes = sizesOf(first);
  console.log(`${sizes.size} functions, ${total(sizes)} bytes of code`);
  for (const [name, size] of [...sizes].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${String(size).padStart(8)}  ${name}`);
  }
} else {
  const before = sizesOf(first);
  const after = sizesOf(second);
  console.log(`code: ${total(before)} -> ${total(after)} bytes`);
  const changes = new Map();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const change = (after.get(name) ?? 0) - (before.get(name) ?? 0);
    if (change !== 0) changes.set(name, change);
  }
  for (const [name, change] of [...changes].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, Number(lines))) {
    console.log(`${(change > 0 ? '+' : '') + change}`.padStart(8) + `  ${name}`);
  }
}
