// Browser test of consent and the record, from three phones on one `mysehat serve --demo`: a new patient keeps a medical ID
// (printed card with a QR code, the public card page for a paramedic, readable offline) and adds to their record; the demo
// doctor asks for lab reports and prescriptions; the patient, in Hindi, shares lab reports of the last year only; the doctor
// sees that lab result and nothing else; the patient stops sharing; the doctor is refused; the access log names each read.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, withServer } from './harness.mjs';
import { consentSteps } from './consent-steps.mjs';

await withServer({ serverArgs: ['--demo'] }, async ({ base }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const phone = () =>
      browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US', timezoneId: 'Asia/Kolkata', serviceWorkers: 'allow', acceptDownloads: true });
    const [patient, doctor, stranger] = [await phone(), await phone(), await phone()];
    return await consentSteps({ base, patient, doctor, stranger });
  } finally {
    await browser.close().catch(() => undefined);
  }
});
