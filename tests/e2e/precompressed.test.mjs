// The build writes a brotli and a gzip copy beside every file a server sends compressed, each the
// same bytes once decompressed; none for the surveys (owners change them without a rebuild), and
// the service worker's list of the build does not name them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST } from './helpers.mjs';

const walk = (folder) => readdirSync(folder).flatMap((name) => {
  const path = join(folder, name);
  return statSync(path).isDirectory() ? walk(path) : [path];
});

test('every built file that compresses has .br and .gz copies of the same bytes', () => {
  const files = walk(DIST).map((path) => relative(DIST, path));
  const originals = files.filter((name) => /\.(js|wasm|css|html|webmanifest)$/.test(name) && !name.startsWith('surveys/'));
  assert.ok(originals.some((name) => name.endsWith('.wasm')) && originals.includes('index.html'), originals.join(' '));
  for (const name of originals) {
    const bytes = readFileSync(join(DIST, name));
    assert.ok(existsSync(join(DIST, `${name}.br`)) && existsSync(join(DIST, `${name}.gz`)), `${name} has its copies`);
    assert.ok(brotliDecompressSync(readFileSync(join(DIST, `${name}.br`))).equals(bytes), `${name}.br`);
    assert.ok(gunzipSync(readFileSync(join(DIST, `${name}.gz`))).equals(bytes), `${name}.gz`);
  }
  assert.deepEqual(files.filter((name) => name.startsWith('surveys/') && /\.(gz|br)$/.test(name)), []);
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
  const listed = JSON.parse(/self\.LYTT_BUILD = (.*);\n/.exec(worker)[1]).files;
  assert.deepEqual(listed.filter((name) => /\.(gz|br)$/.test(name)), []);
});
