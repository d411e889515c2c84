// Browser test of an emergency from three phones on one `mysehat serve --demo`: a new patient raises an SOS while offline,
// it goes out when the network returns, the demo hospital desk accepts and assigns the demo ambulance, the crew drives
// closer (the patient watches the distance fall) and steps the incident through to closed.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, withServer } from './harness.mjs';
import { sosSteps } from './sos-steps.mjs';

await withServer({ serverArgs: ['--demo'] }, async ({ base }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const phone = () =>
      browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US', timezoneId: 'Asia/Kolkata', serviceWorkers: 'allow' });
    const [patient, desk, crew] = [await phone(), await phone(), await phone()];
    return await sosSteps({ base, patient, desk, crew });
  } finally {
    await browser.close().catch(() => undefined);
  }
});
