// Browser test of the symptom checker as a patient uses it on a 360×640 phone: an emergency typed online (red, Call 108),
// a mild cough answered question by question with the big buttons and saved to the record, dictation with a stubbed
// recogniser (headless Chromium has none), then the network cut and the same emergency from the phone's own engine.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assert, CHROMIUM, CHROMIUM_ARGS, runSteps, withServer } from './harness.mjs';

const T = 15_000;
const CHEST_PAIN = 'heavy chest pain spreading to my left arm, sweating';
const MILD_COUGH = 'no fever, mild cough for two days';

/** A stand-in for the Web Speech API: says `window.__speechText` in the language it was started with. */
function stubSpeech() {
  class FakeRecognition {
    constructor() {
      this.lang = '';
      this.onresult = null;
      this.onerror = null;
      this.onend = null;
    }
    start() {
      window.__speechLang = this.lang;
      setTimeout(() => {
        const results = [Object.assign([{ transcript: window.__speechText ?? '' }], { isFinal: true })];
        this.onresult?.({ resultIndex: 0, results });
        this.onend?.();
      }, 50);
    }
    stop() {
      this.onend?.();
    }
    abort() {}
  }
  window.SpeechRecognition = FakeRecognition;
  window.webkitSpeechRecognition = FakeRecognition;
}

async function steps({ context, base }) {
  const page = context.pages()[0] ?? (await context.newPage());
  const id = Math.floor(Math.random() * 100_000).toString().padStart(5, '0');
  const name = `Sunita ${id}`;
  const heading = (text) => page.getByRole('heading', { name: text, exact: true });
  const level = page.locator('.sym-level');
  const button = (text) => page.getByRole('button', { name: text, exact: true });

  async function describe({ age, sex, text }) {
    await heading('Symptom checker').waitFor({ timeout: T });
    await page.getByLabel('Age', { exact: true }).fill(String(age));
    await page.getByLabel(sex, { exact: true }).check();
    await page.getByLabel('What is the problem?').fill(text);
    await button('Check').click();
  }

  async function expectEmergency() {
    await level.waitFor({ timeout: T });
    assert((await level.getAttribute('data-triage')) === 'emergency', `triage ${await level.getAttribute('data-triage')}`);
    await level.getByRole('heading', { name: 'Emergency', exact: true }).waitFor({ timeout: T });
    const bg = await level.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert(r > 150 && g < 80 && b < 80, `the emergency banner is not red: ${bg}`);
    const call = page.getByRole('link', { name: 'Call 108 (ambulance)' });
    assert((await call.getAttribute('href')) === 'tel:108', 'no tel:108 link');
    assert((await page.getByRole('link', { name: 'Call 112 (emergency)' }).getAttribute('href')) === 'tel:112', 'no tel:112 link');
    const box = await call.boundingBox();
    assert(box && box.height >= 48 && box.y + box.height <= 640, `Call 108 is not a big button on the first screen: ${JSON.stringify(box)}`);
  }

  const list = [
    ['a new patient registers and opens the symptom checker from home', async () => {
      await page.goto(base);
      await page.getByRole('link', { name: 'Register' }).click();
      await page.getByLabel('Your name').fill(name);
      await page.getByLabel('Mobile number').fill(`98761${id}`);
      await page.getByLabel('Password', { exact: true }).fill(`secret-${id}-pass`);
      await button('Register').click();
      await heading(`Namaste, ${name}!`).waitFor({ timeout: T });
      await page.getByRole('button', { name: 'Symptom checker' }).click();
      await heading('Symptom checker').waitFor({ timeout: T });
      assert(new URL(page.url()).pathname === '/symptoms', `ended at ${page.url()}`);
    }],
    ['the service worker controls the page (so the checker opens offline later)', async () => {
      const ready = await page.evaluate((ms) => Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise((r) => setTimeout(() => r(false), ms)),
      ]), T);
      assert(ready, 'no service worker became ready');
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
      await heading('Symptom checker').waitFor({ timeout: T });
      assert(await page.evaluate(() => !!navigator.serviceWorker.controller), 'no controlling service worker');
    }],
    ['online: heavy chest pain spreading to the arm with sweating is an emergency, in red, with one-tap 108 and 112', async () => {
      const answered = page.waitForResponse((r) => r.url().endsWith('/diagnostics/symptom-check') && r.request().method() === 'POST');
      await describe({ age: 55, sex: 'Male', text: CHEST_PAIN });
      assert((await answered).status() === 200, 'the server did not answer the check');
      await expectEmergency();
      assert((await page.locator('.sym-offline-check').count()) === 0, 'an online check is marked offline');
      await page.getByText('Danger signs we noticed').waitFor({ timeout: T });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert(width <= 360, `the result is wider than the phone: ${width}px`);
    }],
    ['the microphone dictates the complaint in the app language', async () => {
      await button('Start again').click();
      await page.evaluate((text) => (window.__speechText = text), MILD_COUGH);
      await page.getByLabel('What is the problem?').fill('');
      await button('Speak').click();
      await page.waitForFunction((text) => document.querySelector('#sym-text')?.value === text, MILD_COUGH, { timeout: T });
      assert((await page.evaluate(() => window.__speechLang)) === 'en-IN', 'recognition not in English (India)');
    }],
    ['a mild cough goes through the interview one question at a time with big Yes / No / Don\'t know buttons', async () => {
      await page.getByLabel('What is the problem?').fill(MILD_COUGH);
      await page.getByLabel('Age', { exact: true }).fill('30');
      await page.getByLabel('Female', { exact: true }).check();
      await page.getByLabel('No', { exact: true }).check(); // not pregnant
      await button('Check').click();
      const question = page.locator('.sym-question h2');
      await question.waitFor({ timeout: T });
      let asked = 0;
      while ((await page.locator('.sym-question').count()) > 0 && asked < 14) {
        const text = await question.textContent();
        for (const label of ['Yes', 'No', "Don't know"]) {
          const box = await button(label).boundingBox();
          assert(box && box.height >= 60 && box.width >= 300, `"${label}" is not a big button: ${JSON.stringify(box)}`);
        }
        await button(asked % 2 === 0 ? 'No' : "Don't know").click();
        asked += 1;
        await page.waitForFunction((before) => {
          const h = document.querySelector('.sym-question h2');
          return !h || h.textContent !== before;
        }, text, { timeout: T });
      }
      assert(asked >= 1, 'no question was asked');
      await level.waitFor({ timeout: T });
      const triage = await level.getAttribute('data-triage');
      assert(triage === 'self_care' || triage === 'see_doctor', `a mild cough was triaged ${triage}`);
      console.log(`     (${asked} question${asked === 1 ? '' : 's'}, then ${triage})`);
    }],
    ['save to my record stores the check in the patient\'s record', async () => {
      const saved = page.waitForResponse((r) => r.url().endsWith('/diagnostics/symptom-check/save'));
      await button('Save to my record').click();
      const response = await saved;
      assert(response.status() === 201, `save: HTTP ${response.status()}`);
      const body = await response.json();
      assert(body.clinical_impression?.startsWith('ClinicalImpression/'), `saved as ${body.clinical_impression}`);
      assert(body.result.triage === (await level.getAttribute('data-triage')), 'the stored triage differs from the one shown');
      await page.getByText('Saved in your health record.').waitFor({ timeout: T });
    }],
    ['offline: the page reloads from the phone and the chest-pain case is still an emergency, from the offline engine', async () => {
      await context.setOffline(true);
      const reached = await page.evaluate(() => fetch('/health', { cache: 'no-store' }).then(() => true, () => false));
      assert(!reached, 'the network is not cut');
      await page.reload();
      await heading('Symptom checker').waitFor({ timeout: T });
      await page.getByText('You are offline. The check still works on this phone.').waitFor({ timeout: T });
      await describe({ age: 55, sex: 'Male', text: CHEST_PAIN });
      await expectEmergency();
      await page.locator('.sym-offline-check').waitFor({ timeout: T });
      assert((await button('Save to my record').isDisabled()), 'saving is offered offline');
    }],
  ];
  return runSteps(list, { pages: () => [page], prefix: 'symptoms' });
}

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
    await context.addInitScript(stubSpeech);
    return await steps({ context, base });
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});
