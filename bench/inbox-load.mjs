// `lytt inbox` under load: SENDERS concurrent senders POST one-record bundles for DURATION
// seconds while SILENT connections that send nothing are held open (reopened when the inbox
// closes them). Prints requests per second, p50/p99 latency and the inbox's peak memory, then
// checks that every acknowledged record is in the store exactly once and nothing else is.
//
// CRASHES=N: also kill -9 the inbox N times at random moments during the load, restarting it
// each time on the same port and spool.
//
// The records are shaped like age messages to an owner's key the inbox cannot know (a random
// X25519 stanza), so each one costs the inbox the same key agreement as a real record when it
// checks for the published test key.
//
//   cargo build --release -p lytt-cli && node bench/inbox-load.mjs
//   CRASHES=5 node bench/inbox-load.mjs
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const LYTT = process.env.LYTT ?? join(ROOT, 'target/release/lytt');
const DURATION = Number(process.env.DURATION ?? 30);
const SENDERS = Number(process.env.SENDERS ?? 200);
const SILENT = Number(process.env.SILENT ?? 500);
const CRASHES = Number(process.env.CRASHES ?? 0);
const SURVEY = 'bench-load';

if (!existsSync(LYTT)) {
  console.error(`${LYTT} is missing: cargo build --release -p lytt-cli`);
  process.exit(2);
}

const b64 = (bytes) => bytes.toString('base64').replace(/=+$/, '');
let counter = 0;
/** A new record, shaped like age: header with one X25519 stanza and a MAC, then a body. */
function record() {
  counter += 1;
  const binary = Buffer.concat([
    Buffer.from(`age-encryption.org/v1\n-> X25519 ${b64(randomBytes(32))}\n${b64(randomBytes(32))}\n--- ${b64(randomBytes(32))}\n`),
    randomBytes(16),
    Buffer.from(`record ${counter} `),
    randomBytes(200),
  ]);
  const lines = binary.toString('base64').match(/.{1,64}/g).join('\n');
  return `-----BEGIN AGE ENCRYPTED FILE-----\n${lines}\n-----END AGE ENCRYPTED FILE-----\n`;
}

const work = mkdtempSync(join(tmpdir(), 'lytt-inbox-load-'));
const store = join(work, 'store');
let port = 0;

/** Starts the inbox (on the same port after the first start); resolves with the child. */
function startInbox(extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(LYTT, ['inbox', '--dir', store, '--listen', `127.0.0.1:${port}`,
      '--max-concurrent', String(SENDERS + 56), ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
    let text = '';
    child.stderr.on('data', (chunk) => {
      text += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(text);
      if (m && !child.started) {
        child.started = true;
        port = Number(m[1]);
        resolve(child);
      }
    });
    child.on('exit', (code) => { if (!child.started) reject(new Error(`inbox exited with ${code}: ${text}`)); });
  });
}

const peakMemoryKb = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  } catch { return 0; }
};

let inbox = await startInbox();
let peakKb = 0;
const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
const acknowledged = new Set();
const latencies = [];
const statuses = new Map();
let failures = 0;
let running = true;

/** One POST; resolves with its status, or 0 when the connection failed. */
function post(body) {
  return new Promise((resolve) => {
    const request = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
      response.on('error', () => resolve(0));
    });
    request.on('error', () => resolve(0));
    request.end(body);
  });
}

async function sender() {
  while (running) {
    const sealed = record();
    const body = JSON.stringify({ format: 'lytt-bundle/1', survey: SURVEY, records: [sealed] });
    const started = performance.now();
    const status = await post(body);
    latencies.push(performance.now() - started);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status === 201) acknowledged.add(sealed);
    else {
      failures += 1;
      // Down or busy: wait a little, as the app does (much longer there).
      await new Promise((done) => setTimeout(done, 50));
    }
  }
}

// Connections that never send a byte; when the inbox drops one, another takes its place.
const silent = new Set();
function holdSilent() {
  if (!running) return;
  const socket = net.connect(port, '127.0.0.1');
  silent.add(socket);
  socket.on('error', () => {});
  socket.on('close', () => { silent.delete(socket); if (running) setTimeout(holdSilent, 100); });
}
for (let i = 0; i < SILENT; i += 1) holdSilent();

// kill -9 at random moments, then start again on the same port and spool.
const crashes = (async () => {
  for (let i = 0; i < CRASHES; i += 1) {
    await new Promise((done) => setTimeout(done, (DURATION * 1000 / (CRASHES + 1)) * (0.5 + Math.random())));
    if (!running) break;
    peakKb = Math.max(peakKb, peakMemoryKb(inbox.pid));
    inbox.kill('SIGKILL');
    await new Promise((done) => inbox.once('exit', done));
    inbox = await startInbox();
  }
})();

const began = performance.now();
await Promise.all([...Array(SENDERS)].map(sender).concat([
  new Promise((done) => setTimeout(() => { running = false; done(); }, DURATION * 1000)),
]));
const seconds = (performance.now() - began) / 1000;
await crashes;
peakKb = Math.max(peakKb, peakMemoryKb(inbox.pid));
for (const socket of silent) socket.destroy();
agent.destroy();

// Stop; start once more with batches of one so everything still waiting is published, then stop.
inbox.kill('SIGTERM');
await new Promise((done) => inbox.once('exit', done));
inbox = await startInbox(['--batch', '1']);
const spoolEmpty = () => ['in', 'out'].every((d) => readdirSync(join(store, '.spool', d)).length === 0);
for (let waited = 0; !spoolEmpty() && waited < 60_000; waited += 100) await new Promise((done) => setTimeout(done, 100));
inbox.kill('SIGTERM');
await new Promise((done) => inbox.once('exit', done));

const stored = new Map();
let bundles = 0;
for (const name of readdirSync(store).filter((n) => n.endsWith('.lytt.json'))) {
  const bundle = JSON.parse(readFileSync(join(store, name), 'utf8'));
  bundles += 1;
  for (const r of bundle.records) stored.set(r, (stored.get(r) ?? 0) + 1);
}
const missing = [...acknowledged].filter((r) => !stored.has(r)).length;
const twice = [...stored.values()].filter((n) => n > 1).length;
const unacknowledgedStored = [...stored.keys()].filter((r) => !acknowledged.has(r)).length;

latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(1);
const answered = [...statuses].map(([s, n]) => `${s === 0 ? 'no answer' : s}: ${n}`).join(', ');
console.log(`lytt inbox, ${SENDERS} senders for ${seconds.toFixed(1)} s with ${SILENT} silent connections held open${CRASHES ? `, killed with -9 ${CRASHES} times` : ''}`);
console.log(`  ${(latencies.length / seconds).toFixed(0)} requests/s (${answered})`);
console.log(`  acknowledged with 201: ${acknowledged.size} (${(acknowledged.size / seconds).toFixed(0)} records/s)`);
console.log(`  latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);
console.log(`  inbox peak memory (VmHWM): ${(peakKb / 1024).toFixed(1)} MiB`);
console.log(`  store: ${bundles} bundles, ${stored.size} records; acknowledged but missing: ${missing}; stored twice: ${twice}; stored without a 201 (the answer was lost in a kill): ${unacknowledgedStored}`);
rmSync(work, { recursive: true, force: true });
if (missing > 0 || twice > 0) {
  console.error('FAILED: an acknowledged record is missing or a record is stored twice');
  process.exit(1);
}
