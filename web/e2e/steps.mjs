// The offline test's steps, in the order a person takes them; each later step needs the earlier ones, so the first failure stops the run.
import { assert, runSteps } from './harness.mjs';

const T = 15_000; // how long to wait for something to appear

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  assert(buf.subarray(1, 4).toString('ascii') === 'PNG', 'not a PNG');
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

/** The Hindi text of one server error message, so the test follows errors.ftl instead of copying it. */
function ftlMessage(source, id) {
  const m = new RegExp(`^${id} = (.+)$`, 'm').exec(source);
  assert(m, `${id} missing from hi/errors.ftl`);
  return m[1].trim();
}

export async function steps({ context, base, hiErrors }) {
  const page = context.pages()[0] ?? (await context.newPage());
  const id = Math.floor(Math.random() * 100_000).toString().padStart(5, '0');
  const name = `Asha ${id}`;
  const phone = `98765${id}`;
  const password = `secret-${id}-pass`;
  const heading = (text) => page.getByRole('heading', { name: text, exact: true });
  const badge = page.locator('.offline-badge');

  const list = [
    ['the manifest is served and valid, with 192 and 512 PNG icons', async () => {
      const r = await fetch(`${base}/manifest.webmanifest`);
      assert(r.status === 200, `manifest: HTTP ${r.status}`);
      const m = await r.json();
      assert(m.name === 'MySehat' && m.short_name, `manifest name: ${m.name}`);
      assert(m.start_url === '/', `start_url: ${m.start_url}`);
      assert(m.display === 'standalone', `display: ${m.display}`);
      for (const size of [192, 512]) {
        const icon = m.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
        assert(icon, `no ${size}px PNG icon`);
        const img = await fetch(new URL(icon.src, base));
        assert(img.status === 200, `${icon.src}: HTTP ${img.status}`);
        const [w, h] = pngSize(Buffer.from(await img.arrayBuffer()));
        assert(w === size && h === size, `${icon.src} is ${w}x${h}`);
      }
      assert(m.icons.some((i) => i.purpose?.includes('maskable')), 'no maskable icon');
    }],
    ['the welcome screen opens in English', async () => {
      await page.goto(base);
      await heading('Welcome to MySehat').waitFor({ timeout: T });
    }],
    ['a new patient registers and lands on home, logged in', async () => {
      await page.getByRole('link', { name: 'Register' }).click();
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Mobile number').fill(`${phone.slice(0, 5)} ${phone.slice(5)}`);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Register' }).click();
      await heading(`Namaste, ${name}!`).waitFor({ timeout: T });
      assert(new URL(page.url()).pathname === '/', `ended at ${page.url()}`);
    }],
    ['switching to हिन्दी translates the screen and sets <html lang="hi">', async () => {
      await page.getByRole('button', { name: 'हिन्दी' }).click();
      await heading(`नमस्ते, ${name}!`).waitFor({ timeout: T });
      await page.getByText('आपातकालीन SOS').waitFor({ timeout: T });
      assert((await page.getAttribute('html', 'lang')) === 'hi', 'html lang is not hi');
    }],
    ['the service worker controls the page', async () => {
      const ready = await page.evaluate((ms) => Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise((r) => setTimeout(() => r(false), ms)),
      ]), T);
      assert(ready, 'no service worker became ready (is /sw.js served?)');
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
        await page.reload();
        await heading(`नमस्ते, ${name}!`).waitFor({ timeout: T });
      }
      assert(await page.evaluate(() => !!navigator.serviceWorker.controller), 'no controlling service worker after reload');
    }],
    ['Chromium finds the app installable', async () => {
      const cdp = await context.newCDPSession(page);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      await cdp.detach();
      assert(installabilityErrors.length === 0, `installability errors: ${JSON.stringify(installabilityErrors)}`);
    }],
    ['a deep link opens the app (server and service-worker SPA fallback), server routes still reach the server', async () => {
      const html = await fetch(`${base}/some/deep/link`);
      assert(html.status === 200 && (await html.text()).includes('id="app"'), `server deep link: HTTP ${html.status}`);
      await page.goto(`${base}/some/deep/link`);
      await heading('यह पेज नहीं मिला').waitFor({ timeout: T });
      await page.getByRole('link', { name: 'MySehat' }).waitFor({ timeout: T });
      const health = await page.goto(`${base}/health`);
      assert(health.headers()['content-type']?.includes('json'), `/health in the browser got ${health.headers()['content-type']}`);
      await page.goto(base);
      await heading(`नमस्ते, ${name}!`).waitFor({ timeout: T });
    }],
    ['offline: the network is really cut', async () => {
      await context.setOffline(true);
      const reached = await page.evaluate(() => fetch('/health', { cache: 'no-store' }).then(() => true, () => false));
      assert(!reached, 'fetch /health still succeeded while offline');
    }],
    ['offline: a reload still shows home with the name, in Hindi, with the offline badge', async () => {
      await page.reload();
      await heading(`नमस्ते, ${name}!`).waitFor({ timeout: T });
      assert((await page.getAttribute('html', 'lang')) === 'hi', 'html lang is not hi after offline reload');
      await page.getByText('ऑफ़लाइन — सहेजी गई जानकारी दिख रही है').waitFor({ state: 'visible', timeout: T });
    }],
    ['back online: the badge goes away', async () => {
      await context.setOffline(false);
      await badge.waitFor({ state: 'hidden', timeout: T });
    }],
    ['log out, a wrong password shows the server error in Hindi, the right one logs in again', async () => {
      await page.getByRole('button', { name: 'लॉग आउट' }).click();
      await heading('MySehat में आपका स्वागत है').waitFor({ timeout: T });
      await page.getByRole('link', { name: 'लॉग इन करें' }).click();
      await page.getByLabel('मोबाइल नंबर').fill(`+91 ${phone}`);
      await page.getByLabel('पासवर्ड').fill('not-the-password');
      await page.getByRole('button', { name: 'लॉग इन करें' }).click();
      await page.getByRole('alert').filter({ hasText: ftlMessage(hiErrors, 'error-invalid_credentials') }).waitFor({ timeout: T });
      await page.getByLabel('पासवर्ड').fill(password);
      await page.getByRole('button', { name: 'लॉग इन करें' }).click();
      await heading(`नमस्ते, ${name}!`).waitFor({ timeout: T });
    }],
  ];

  return runSteps(list, { pages: () => [page], prefix: 'offline' });
}
