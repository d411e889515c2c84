// Browser test of what a person does: register, switch to Hindi, lose the network, and still see their home screen.
// Starts the real `mysehat serve` on a free port with a fresh data dir, drives Debian's Chromium, then stops the server.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { steps } from './steps.mjs';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = resolve(WEB, process.env.MYSEHAT_BIN ?? '../target/debug/mysehat');
const DIST = join(WEB, 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
function startServer(port, dataDir) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MYSEHAT_')));
  Object.assign(env, { PORT: String(port), MYSEHAT_HOST: '127.0.0.1', MYSEHAT_DATA_DIR: dataDir, MYSEHAT_WEB_DIR: DIST });
  const child = spawn(BIN, ['serve'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

async function main() {
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
  const profile = mkdtempSync(join(tmpdir(), 'mysehat-e2e-profile-'));
  const server = startServer(port, dataDir);
  let context;
  let results = { passed: 0, failed: 1, skipped: 0 };
  try {
    await waitForHealth(base, server.child);
    console.log(`server up at ${base}`);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 640 },
      locale: 'en-US',
      serviceWorkers: 'allow',
    });
    const hiErrors = readFileSync(join(WEB, '..', 'locales', 'hi', 'errors.ftl'), 'utf8');
    results = await steps({ context, base, hiErrors });
  } catch (e) {
    console.error(`setup failed: ${e?.stack ?? e}`);
  } finally {
    await context?.close().catch(() => undefined);
    await stopServer(server.child);
    if (results.failed > 0) console.error(`--- server log (last lines) ---\n${server.log.join('').slice(-6000)}`);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`);
  process.exit(results.failed > 0 ? 1 : 0);
}

await main();
