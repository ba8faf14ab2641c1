// The results screen's Web Worker (a module worker): loads the lytt-worker wasm and answers the
// page's messages, one at a time, in order. A message is [kind, request, beside]: kind
// "identity" hands over the identity file's text, anything else a request for answer() (see
// crates/lytt-worker/src/lib.rs). Every message gets exactly one reply, {ok} or {error}.
import init, { answer, hold_identity } from './lytt-worker.js';

const ready = init({ module_or_path: new URL('./lytt-worker_bg.wasm', import.meta.url) });

self.onmessage = async ({ data: [kind, request, beside] }) => {
  try {
    await ready;
    const ok = kind === 'identity' ? hold_identity(request) : answer(request, beside);
    // A file's bytes are handed over, not copied.
    self.postMessage({ ok }, ok instanceof Uint8Array ? [ok.buffer] : []);
  } catch (error) {
    self.postMessage({ error: String(error) });
  }
};
