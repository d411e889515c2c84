// Browser test of what a person does: register, switch to Hindi, lose the network, and still see their home screen.
// Starts the real `mysehat serve` on a free port with a fresh data dir, drives Debian's Chromium, then stops the server.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, WEB, withServer } from './harness.mjs';
import { steps } from './steps.mjs';

await withServer({}, async ({ base }) => {
  const profile = mkdtempSync(join(tmpdir(), 'mysehat-e2e-profile-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 360, height: 640 },
      locale: 'en-US',
      serviceWorkers: 'allow',
    });
    const hiErrors = readFileSync(join(WEB, '..', 'locales', 'hi', 'errors.ftl'), 'utf8');
    return await steps({ context, base, hiErrors });
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
