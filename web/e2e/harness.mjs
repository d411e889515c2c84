// What the browser tests share: a real `mysehat serve` on a free port with a fresh data dir, Debian's Chromium, and named steps
// that run in order, the first failure stopping the rest (each later step needs the earlier ones).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = resolve(WEB, process.env.MYSEHAT_BIN ?? '../target/debug/mysehat');
export const DIST = join(WEB, 'dist');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/**
 * Waits until the service worker has precached the app and controls `page`, so an offline reload can work. Installing takes
 * a moment after the first load (every chunk is precached); a test that cuts the network sooner would break the install.
 */
export async function controlledByServiceWorker(page, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  await page.evaluate(() => navigator.serviceWorker.ready);
  while (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    if (Date.now() > deadline) throw new Error('no service worker controls the page, so an offline reload cannot work');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Calls the API from `page` as its signed-in user (the access token is read from the app's IndexedDB). */
export function apiAs(page, path, init = {}) {
  return page.evaluate(async ({ path, init }) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('mysehat');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const session = await new Promise((ok, fail) => {
      const r = db.transaction('session').objectStore('session').get('current');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    db.close();
    const headers = { Authorization: `Bearer ${session.accessToken}`, 'content-type': 'application/json' };
    const r = await fetch(path, { ...init, headers });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, { path, init });
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** Starts the server with only the settings this test means: stray MYSEHAT_* variables would be refused as unknown keys. */
function startServer(port, dataDir, args) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MYSEHAT_')));
  Object.assign(env, { PORT: String(port), MYSEHAT_HOST: '127.0.0.1', MYSEHAT_DATA_DIR: dataDir, MYSEHAT_WEB_DIR: DIST });
  const child = spawn(BIN, ['serve', ...args], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, log };
}

async function waitForHealth(base, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/health`);
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`GET /health did not answer 200 within ${timeoutMs / 1000}s`);
}

async function stopServer(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs `list` ([title, fn] pairs) in order; after the first failure the rest are skipped.
 * On a failure every page in `pages()` is screenshotted to /tmp/mysehat-e2e-<prefix>-<step>-<n>.png.
 */
export async function runSteps(list, { pages, prefix }) {
  const results = { passed: 0, failed: 0, skipped: 0 };
  for (const [i, [title, run]] of list.entries()) {
    if (results.failed > 0) {
      results.skipped++;
      console.log(`- skip ${title}`);
      continue;
    }
    try {
      await run();
      results.passed++;
      console.log(`ok   ${title}`);
    } catch (e) {
      results.failed++;
      const shots = [];
      for (const [n, page] of pages().entries()) {
        const shot = `/tmp/mysehat-e2e-${prefix}-${i + 1}${pages().length > 1 ? `-${n + 1}` : ''}.png`;
        if (await page.screenshot({ path: shot, fullPage: true }).then(() => true, () => false)) shots.push(shot);
      }
      console.log(`FAIL ${title}\n     ${String(e?.message ?? e).split('\n').join('\n     ')}\n     screenshot: ${shots.join(' ')}`);
    }
  }
  return results;
}

/**
 * Starts the server (with `serverArgs`), calls `body({ base })`, stops the server, prints the closing
 * "N passed, N failed" line (and the server log on failure) and exits with the right code.
 */
export async function withServer({ serverArgs = [] }, body) {
  for (const [what, path] of [['server binary (set MYSEHAT_BIN)', BIN], ['built app (run npm run build)', join(DIST, 'index.html')], ['Chromium', CHROMIUM]]) {
    if (!existsSync(path)) {
      console.error(`missing ${what}: ${path}`);
      console.log('0 passed, 1 failed');
      process.exit(1);
    }
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'mysehat-e2e-data-'));
  const server = startServer(port, dataDir, serverArgs);
  let results = { passed: 0, failed: 1, skipped: 0 };
  try {
    await waitForHealth(base, server.child);
    console.log(`server up at ${base}`);
    results = await body({ base });
  } catch (e) {
    console.error(`setup failed: ${e?.stack ?? e}`);
  } finally {
    await stopServer(server.child);
    if (results.failed > 0) console.error(`--- server log (last lines) ---\n${server.log.join('').slice(-6000)}`);
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
  process.exit(results.failed > 0 ? 1 : 0);
}
