// The results screen's Web Worker (a module worker): loads the lytt-worker wasm and answers the
// page's messages, one at a time, in order. A message is [kind, request, beside]: kind
// "identity" hands over the identity file's text, "open" a request to decrypt a slice of
// records, anything else a request for answer() (see crates/lytt-worker/src/lib.rs). Every
// message gets exactly one reply, {ok} or {error}.
//
// Decrypting a record is mostly one X25519 key agreement. Where the browser's Web Crypto has
// X25519, the agreements are made there (several times faster than in wasm) and handed to the
// wasm, which does everything else; where it has not, the wasm makes them itself.
import init, { answer, hold_identity, identity_keys, shares_to_agree } from './lytt-worker.js';

const ready = init({ module_or_path: new URL('./lytt-worker_bg.wasm', import.meta.url) });
// The identity as a Web Crypto key that cannot be exported, or null (no X25519 there).
let privateKey = null;

const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function importIdentity() {
  const keys = identity_keys();
  privateKey = null;
  if (keys.length !== 64) return;
  try {
    const jwk = { kty: 'OKP', crv: 'X25519', d: base64url(keys.subarray(0, 32)), x: base64url(keys.subarray(32)) };
    privateKey = await crypto.subtle.importKey('jwk', jwk, { name: 'X25519' }, false, ['deriveBits']);
  } catch {
    privateKey = null;
  } finally {
    keys.fill(0);
  }
}

// Share and shared secret, 64 bytes each, for every share Web Crypto could agree on.
async function agreements(request) {
  const shares = shares_to_agree(request);
  const agreed = await Promise.all(Array.from({ length: shares.length / 32 }, async (_, i) => {
    const share = shares.subarray(32 * i, 32 * i + 32);
    try {
      const other = await crypto.subtle.importKey('raw', share, { name: 'X25519' }, false, []);
      return [share, new Uint8Array(await crypto.subtle.deriveBits({ name: 'X25519', public: other }, privateKey, 256))];
    } catch {
      // A share no agreement can be made with: the record does not open, as in wasm.
      return null;
    }
  }));
  const pairs = agreed.filter(Boolean);
  const out = new Uint8Array(64 * pairs.length);
  pairs.forEach(([share, secret], i) => {
    out.set(share, 64 * i);
    out.set(secret, 64 * i + 32);
  });
  return out;
}

async function handle([kind, request, beside]) {
  try {
    await ready;
    let ok;
    if (kind === 'identity') {
      ok = hold_identity(request);
      if (ok) await importIdentity();
    } else if (kind === 'open' && privateKey) {
      ok = answer(request, await agreements(request));
    } else {
      ok = answer(request, beside);
    }
    // A file's bytes are handed over, not copied.
    self.postMessage({ ok }, ok instanceof Uint8Array ? [ok.buffer] : []);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
}

// One message at a time, so that the answers keep the messages' order.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  queue = queue.then(() => handle(data));
};
