// Trunk post-build hook: writes sw.js into the build with the list of its files and a version
// made from their contents (see service-worker.js). Usage: node scripts/make-service-worker.mjs [DIR]
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('make-service-worker: no build folder (TRUNK_STAGING_DIR)');
  process.exit(2);
}

function walk(folder) {
  return readdirSync(folder).sort().flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(dir)
  .map((path) => relative(dir, path).split(sep).join('/'))
  .filter((name) => name !== 'sw.js')
  // Compressed copies are the server's business (precompress.mjs), not separate files.
  .filter((name) => !/\.(gz|br)$/.test(name))
  // The owner's build of the app, its results worker and its screens' stylesheets (see
  // build-wasm.mjs) are cached when an owner first uses them, never ahead on a respondent's
  // device.
  .filter((name) => !['owner.html', 'results.css', 'build.css'].includes(name))
  .filter((name) => !/^(results-worker|lytt-worker|lytt-owner)-[0-9a-f]{16}/.test(name));
const hash = createHash('sha256');
for (const name of files) hash.update(name).update('\0').update(readFileSync(join(dir, name)));
const build = { version: hash.digest('hex').slice(0, 16), files: ['./', ...files] };
const worker = readFileSync(new URL('../service-worker.js', import.meta.url), 'utf8');
writeFileSync(join(dir, 'sw.js'), `self.LYTT_BUILD = ${JSON.stringify(build)};\n${worker}`);
console.log(`make-service-worker: ${files.length} files, version ${build.version}`);
