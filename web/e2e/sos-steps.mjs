// The SOS test's steps, in the order the three people act; each later step needs the earlier ones, so the first failure stops the run.
import { apiAs, assert, controlledByServiceWorker, runSteps } from './harness.mjs';

const T = 20_000; // how long to wait for something to appear (live updates included)
const DEMO_PASSWORD = 'mysehat-demo';
const DESK_PHONE = '9000000004'; // dispatcher of demo-district-hospital
const DESK_NAME = 'Emergency Desk';
const CREW_PHONE = '9000000005'; // crew of demo-ambulance-base
const CREW_NAME = 'Ambulance 108-1';
const DIGIPIN = /^[2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{4}$/;

// A street near the demo district hospital (23.2599 N, 77.4126 E), so that desk is the one alerted.
const HOME = { latitude: 23.259, longitude: 77.411, accuracy: 15 };
// The ambulance drives north towards the patient, ~130 m every 4 s (~33 m/s, under the server's 55 m/s plausibility limit).
const ROUTE = [0, 1, 2, 3, 4, 5].map((i) => ({ latitude: 23.251 + i * 0.0012, longitude: 77.411, accuracy: 10 }));
const STEP_MS = 4_000;

async function logIn(page, base, phone, name) {
  await page.goto(base);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: `Namaste, ${name}!` }).waitFor({ timeout: T });
}

/** The value of a data attribute, as a number, once the element shows. */
async function dataNumber(locator, attr) {
  await locator.waitFor({ timeout: T });
  return Number(await locator.getAttribute(attr));
}

async function waitUntil(what, fn, timeout = T) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function sosSteps({ base, patient, desk, crew }) {
  const [p, d, c] = [await patient.newPage(), await desk.newPage(), await crew.newPage()];
  const id = Math.floor(Math.random() * 100_000).toString().padStart(5, '0');
  const name = `Kamla ${id}`;
  const phone = `98760${id}`;
  const password = `secret-${id}-pass`;
  const state = (page, s) => page.locator(`.sos-state[data-state="${s}"]`);
  let smsDigipin = null;
  let firstDistance = null;

  const list = [
    ['the crew logs in, opens Ambulance duty in one tap and goes on duty at the base, sharing its position', async () => {
      await crew.grantPermissions(['geolocation'], { origin: base });
      await crew.setGeolocation(ROUTE[0]);
      await logIn(c, base, CREW_PHONE, CREW_NAME);
      await c.getByRole('link', { name: 'Ambulance duty' }).click();
      const duty = c.getByRole('switch', { name: /On duty/ });
      await duty.waitFor({ timeout: T });
      await duty.click();
      await c.locator('.duty-switch[aria-checked="true"]').waitFor({ timeout: T });
      await c.getByText(/^Location shared/).waitFor({ timeout: T });
    }],
    ['the dispatcher logs in and opens the emergency desk: no alerts yet', async () => {
      await logIn(d, base, DESK_PHONE, DESK_NAME);
      await d.getByRole('link', { name: 'Emergency desk' }).click();
      await d.getByRole('heading', { name: 'Emergency desk' }).waitFor({ timeout: T });
      await d.getByText('No new alerts').waitFor({ timeout: T });
    }],
    ['a new patient registers, fills in a medical ID, and reaches SOS from home in one tap; the screen shows the location and its DIGIPIN', async () => {
      await patient.grantPermissions(['geolocation'], { origin: base });
      await patient.setGeolocation(HOME);
      await p.goto(base);
      await p.getByRole('link', { name: 'Register' }).click();
      await p.getByLabel('Your name').fill(name);
      await p.getByLabel('Mobile number').fill(phone);
      await p.getByLabel('Password', { exact: true }).fill(password);
      await p.getByRole('button', { name: 'Register' }).click();
      await p.getByRole('heading', { name: `Namaste, ${name}!` }).waitFor({ timeout: T });
      const card = { blood_group: 'B+', allergies: ['Penicillin'], contacts: [{ name: 'Ravi', relation: 'son', phone: '+919876500001' }] };
      const saved = await apiAs(p, '/sos/medical-id', { method: 'PUT', body: JSON.stringify(card) });
      assert(saved.status === 200, `PUT /sos/medical-id: HTTP ${saved.status} ${JSON.stringify(saved.body)}`);
      await p.getByRole('link', { name: /Emergency SOS/ }).click();
      await p.getByRole('heading', { name: 'Emergency SOS' }).waitFor({ timeout: T });
      await p.getByText('Your location', { exact: true }).waitFor({ timeout: T });
      const pin = (await p.locator('.location-block .digipin').textContent())?.trim();
      assert(DIGIPIN.test(pin ?? ''), `DIGIPIN on the SOS screen: ${pin}`);
    }],
    ['offline, the patient picks "Accident", presses SOS and sees a 5-second countdown that can be stopped', async () => {
      await controlledByServiceWorker(p); // the app is installed before the network goes
      await patient.setOffline(true);
      await p.getByLabel('Accident').check();
      await p.getByRole('button', { name: /^SOS/ }).click();
      await p.locator('.sos-countdown-number').waitFor({ timeout: T });
      const first = Number(await p.locator('.sos-countdown-number').textContent());
      assert(first >= 4 && first <= 5, `countdown starts at ${first}`);
      await p.getByRole('button', { name: 'Stop — do not send' }).waitFor({ timeout: T });
    }],
    ['when the countdown ends the alert is queued on the device, with Call 112, Call 108 and an SMS carrying the location', async () => {
      await state(p, 'queued').waitFor({ timeout: T });
      await p.getByText('Queued — will be sent when the network returns', { exact: false }).waitFor({ timeout: T });
      assert((await p.getByRole('link', { name: 'Call 112 (Emergency)' }).getAttribute('href')) === 'tel:112', 'no tel:112 link');
      assert((await p.getByRole('link', { name: 'Call 108 (Ambulance)' }).getAttribute('href')) === 'tel:108', 'no tel:108 link');
      const sms = await p.getByRole('link', { name: 'Send SMS with my location' }).getAttribute('href');
      assert(sms?.startsWith('sms:?body='), `SMS link: ${sms}`);
      const body = decodeURIComponent(sms.slice('sms:?body='.length));
      assert(body.includes('https://www.google.com/maps?q=23.259000,77.411000'), `SMS body has no maps link: ${body}`);
      smsDigipin = /DIGIPIN ([2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{3}-[2-9CFJKLMPT]{4})/.exec(body)?.[1] ?? null;
      assert(smsDigipin, `SMS body has no DIGIPIN: ${body}`);
    }],
    ['still offline, a reload of the status page shows the same queued alert (service worker shell, alert kept on the device)', async () => {
      const controlled = await p.evaluate(() => !!navigator.serviceWorker.controller);
      assert(controlled, 'no service worker controls the page, so an offline reload cannot work');
      const before = p.url();
      await p.reload();
      await state(p, 'queued').waitFor({ timeout: T });
      assert(p.url() === before, `reload moved to ${p.url()}`);
      await p.getByRole('link', { name: 'Call 112 (Emergency)' }).waitFor({ timeout: T });
    }],
    ['back online, the queued alert is sent and the status shows the hospitals were alerted', async () => {
      await patient.setOffline(false);
      await waitUntil('the status to leave "queued"', async () => !(await state(p, 'queued').count()));
      await p.locator('.sos-state[data-state="alerting"], .sos-state[data-state="accepted"]').waitFor({ timeout: T });
      assert(new URL(p.url()).pathname.startsWith('/sos/incidents/'), `status screen at ${p.url()}`);
    }],
    ['the server holds exactly one incident for the patient, and resending the same alert returns that same one', async () => {
      const entries = await p.evaluate(() => new Promise((ok, fail) => {
        const open = indexedDB.open('mysehat');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const r = open.result.transaction('sosOutbox').objectStore('sosOutbox').getAll();
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        };
      }));
      const e = entries[0];
      const list = await apiAs(p, '/sos/incidents');
      const body = { id: e.id, device_id: e.deviceId, location: e.location, ...(e.kind ? { kind: e.kind } : {}) };
      const again = await apiAs(p, '/sos/incidents', { method: 'POST', body: JSON.stringify(body) });
      const check = { entries: entries.length, status: e.status, serverIds: list.body.map((i) => i.id), again: again.status, againId: again.body?.id, mine: e.incident?.id };
      assert(check.entries === 1 && check.status === 'sent', `outbox: ${JSON.stringify(check)}`);
      assert(check.serverIds.length === 1 && check.serverIds[0] === check.mine, `server incidents: ${JSON.stringify(check)}`);
      assert(check.again === 200 && check.againId === check.mine, `resend: ${JSON.stringify(check)}`);
    }],
    ['the desk hears the alert (🔔 indicator) and sees name, phone, kind, distance, map link, medical ID and the same DIGIPIN as the SMS', async () => {
      await d.locator('.alert-sound').waitFor({ state: 'visible', timeout: T });
      const card = d.locator('.incident-alerting').filter({ hasText: name });
      await card.waitFor({ timeout: T });
      await card.getByText('Accident').first().waitFor({ timeout: T });
      await card.getByRole('link', { name: new RegExp(`Call patient \\(\\+91${phone}\\)`) }).waitFor({ timeout: T });
      const map = await card.getByRole('link', { name: 'Open in map' }).getAttribute('href');
      assert(map?.startsWith('https://'), `map link: ${map}`);
      const pin = (await card.locator('.digipin').textContent())?.trim();
      assert(pin === smsDigipin, `server DIGIPIN ${pin} differs from the app's ${smsDigipin}`);
      assert((await card.getByText(/from the hospital/).count()) > 0, 'no distance from the hospital');
      await card.locator('.medical-id').getByText('B+').waitFor({ timeout: T });
      await card.locator('.medical-id').getByText('Penicillin').waitFor({ timeout: T });
      assert((await card.getByRole('link', { name: '+919876500001' }).getAttribute('href')) === 'tel:+919876500001', 'no tel: link to the emergency contact');
    }],
    ['the desk accepts; the patient sees which hospital accepted', async () => {
      await d.locator('.incident-alerting').filter({ hasText: name }).getByRole('button', { name: 'Accept' }).click();
      await state(p, 'accepted').waitFor({ timeout: T });
      await p.getByText('Demo District Hospital', { exact: false }).first().waitFor({ timeout: T });
    }],
    ['the desk picks the nearest available ambulance (listed with its distance) and assigns it; the patient sees it', async () => {
      const card = d.locator('.incident').filter({ hasText: name });
      const option = card.locator('.ambulance-option').filter({ has: d.getByRole('button', { name: /^Assign / }) }).first();
      await option.waitFor({ timeout: T });
      assert(/\d+(\.\d)? (m|km)/.test((await option.textContent()) ?? ''), `no distance in "${await option.textContent()}"`);
      await option.getByRole('button', { name: /^Assign / }).click();
      await state(p, 'ambulance_assigned').waitFor({ timeout: T });
      const call = await p.getByRole('link', { name: /Call the ambulance/ }).getAttribute('href');
      assert(call?.startsWith('tel:+'), `crew phone link: ${call}`);
    }],
    ['the crew sees the job with a navigation link and the patient’s phone, and starts driving', async () => {
      const job = c.locator('.job').filter({ hasText: name });
      await job.waitFor({ timeout: T });
      const nav = await job.getByRole('link', { name: 'Navigate' }).getAttribute('href');
      assert(nav === 'https://www.google.com/maps/dir/?api=1&destination=23.259000,77.411000', `navigation link: ${nav}`);
      assert((await job.getByRole('link', { name: 'Call patient' }).getAttribute('href')) === `tel:+91${phone}`, 'no tel: link to the patient');
      await job.getByRole('button', { name: 'Start: going to the patient' }).click();
      await state(p, 'en_route').waitFor({ timeout: T });
    }],
    ['as the ambulance drives closer, the patient’s screen shows the distance falling and an arrival time', async () => {
      firstDistance = await dataNumber(p.locator('.sos-distance'), 'data-m');
      let last = firstDistance;
      for (const point of ROUTE.slice(1)) {
        await new Promise((r) => setTimeout(r, STEP_MS)); // a believable speed between fixes
        await crew.setGeolocation(point);
        last = await waitUntil('the distance to fall', async () => {
          const m = Number(await p.locator('.sos-distance').getAttribute('data-m'));
          return m < last ? m : null;
        });
      }
      assert(last < firstDistance - 300, `distance went from ${firstDistance} m to only ${last} m`);
      await p.locator('.sos-eta').waitFor({ timeout: T });
      assert(/arrives in about \d+ minutes?/.test((await p.locator('.sos-eta').textContent()) ?? ''), 'no ETA text');
    }],
    ['the crew marks arrived, patient on board and closed; the patient sees each step, ending closed', async () => {
      const job = () => c.locator('.job').filter({ hasText: name });
      await job().getByRole('button', { name: 'Arrived at the patient' }).click();
      await state(p, 'on_scene').waitFor({ timeout: T });
      await job().getByRole('button', { name: 'Patient on board: to hospital' }).click();
      await state(p, 'transporting').waitFor({ timeout: T });
      await job().getByRole('button', { name: 'Handed over: close' }).click();
      await state(p, 'closed').waitFor({ timeout: T });
      await p.getByText('Closed. Get well soon.').waitFor({ timeout: T });
      await c.getByText('No emergency assigned').waitFor({ timeout: T });
    }],
  ];

  return runSteps(list, { pages: () => [p, d, c], prefix: 'sos' });
}
