// Trunk post-build hook (run by build-wasm.mjs, last): writes a brotli (`.br`, quality 11) and a
// gzip (`.gz`, level 9) copy beside every file of the build that a server sends compressed, so
// that a server with nginx's `gzip_static`/`brotli_static` or Caddy's `precompressed` sends the
// smallest copy without compressing on each request (see the README). Not for surveys/: owners
// change those files without a rebuild, and a stale compressed copy would be served instead.
// Usage: node scripts/precompress.mjs [DIR]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('precompress: no build folder (TRUNK_STAGING_DIR)');
  process.exit(2);
}
const COMPRESSIBLE = /\.(js|mjs|wasm|css|html|json|webmanifest|svg)$/;

function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let count = 0;
let [plain, gz, br] = [0, 0, 0];
for (const path of walk(dir)) {
  const name = relative(dir, path).split(sep).join('/');
  if (name.startsWith('surveys/') || !COMPRESSIBLE.test(name)) continue;
  const bytes = readFileSync(path);
  const gzipped = gzipSync(bytes, { level: 9 });
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  writeFileSync(`${path}.gz`, gzipped);
  writeFileSync(`${path}.br`, brotli);
  count += 1;
  plain += bytes.length;
  gz += gzipped.length;
  br += brotli.length;
}
console.log(`precompress: ${count} files, ${plain} bytes; gzip ${gz}, brotli ${br}`);
