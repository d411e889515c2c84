// The consent test's steps, in the order the patient, the doctor and a stranger act; each later step needs the earlier ones, so
// the first failure stops the run. Hindi texts are read from locales/hi/app.ftl, so the test follows the strings, not a copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, assert, controlledByServiceWorker, runSteps, WEB } from './harness.mjs';

const T = 20_000; // how long to wait for something to appear (live updates included)
const DAY = 86_400_000;
const IST = 5.5 * 3600_000;
const DEMO_PASSWORD = 'mysehat-demo';
const ADMIN_PHONE = '+919000000001';
const DOCTOR_PHONE = '9000000002';
const DOCTOR = 'Dr. Meera Rao';

const ftl = (lang) => readFileSync(join(WEB, '..', 'locales', lang, 'app.ftl'), 'utf8');
const SOURCES = { en: ftl('en'), hi: ftl('hi') };
/** One single-line message of app.ftl with its variables filled in. */
function msg(lang, id, args = {}) {
  const m = new RegExp(`^${id} = (.+)$`, 'm').exec(SOURCES[lang]);
  assert(m, `${id} missing from ${lang}/app.ftl`);
  return m[1].trim().replace(/\{ \$(\w+) \}/g, (_, k) => String(args[k]));
}
const hi = (id, args) => msg('hi', id, args);
const errorsEn = readFileSync(join(WEB, '..', 'locales', 'en', 'errors.ftl'), 'utf8');
const serverError = (code) => new RegExp(`^error-${code} = (.+)$`, 'm').exec(errorsEn)[1].trim();

/** The Indian calendar day of `ms`, as a date input holds it, and that day's first millisecond. */
const dayOf = (ms) => new Date(ms + IST).toISOString().slice(0, 10);
const startOfDay = (day) => Date.parse(`${day}T00:00:00Z`) - IST;

/** A 1×1 PNG: the smallest real photo the server accepts. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

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

async function logIn(page, base, phone, name) {
  await page.goto(base);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: `Namaste, ${name}!` }).waitFor({ timeout: T });
}

/** The demo admin writes the patient's records through the FHIR API, as a hospital system would. */
async function seedRecords(base, pid) {
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: ADMIN_PHONE, password: DEMO_PASSWORD }),
  });
  assert(login.status === 200, `admin login: HTTP ${login.status}`);
  const { access_token: token } = await login.json();
  const fhir = async (method, path, body) => {
    const r = await fetch(`${base}/fhir/${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} /fhir/${path}: HTTP ${r.status} ${await r.text()}`);
    return r.json();
  };
  const subject = { reference: `Patient/${pid}` };
  const category = (code) => [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code }] }];
  const loinc = (code, text) => ({ coding: [{ system: 'http://loinc.org', code }], text });
  const ago = (days) => dayOf(Date.now() - days * DAY);
  await fhir('PUT', `Patient/${pid}`, { resourceType: 'Patient', id: pid, name: [{ text: 'Seeded' }] });
  await fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', category: category('laboratory'), code: loinc('1558-6', 'Fasting blood sugar'),
    subject, effectiveDateTime: ago(60), valueQuantity: { value: 126, unit: 'mg/dL' } });
  await fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', category: category('laboratory'), code: loinc('1558-6', 'Old blood sugar test'),
    subject, effectiveDateTime: ago(3 * 365), valueQuantity: { value: 98, unit: 'mg/dL' } });
  await fhir('POST', 'Observation', { resourceType: 'Observation', status: 'final', category: category('vital-signs'), code: loinc('85354-9', 'Blood pressure'),
    subject, effectiveDateTime: ago(30), component: [
      { code: loinc('8480-6'), valueQuantity: { value: 138, unit: 'mmHg' } },
      { code: loinc('8462-4'), valueQuantity: { value: 88, unit: 'mmHg' } },
    ] });
  await fhir('POST', 'MedicationRequest', { resourceType: 'MedicationRequest', status: 'active', intent: 'order',
    medicationCodeableConcept: { text: 'Metformin 500 mg' }, subject, authoredOn: ago(30) });
}

const titles = (page) => page.locator('.record-item .record-title').allTextContents();

export async function consentSteps({ base, patient, doctor, stranger }) {
  const [p, d, s] = [await patient.newPage(), await doctor.newPage(), await stranger.newPage()];
  const id = Math.floor(Math.random() * 100_000).toString().padStart(5, '0');
  const name = `Sita ${id}`;
  const phone = `98761${id}`;
  const password = `secret-${id}-pass`;
  const yearAgo = dayOf(Date.now() - 365 * DAY);
  let pid = null;
  let cardUrl = null;
  let consentId = null;
  const consentCard = (page, status) => page.locator(`.consent[data-status="${status}"]`).filter({ hasText: DOCTOR });

  const list = [
    ['a new patient registers; the demo admin writes two lab results (recent and three years old), a blood pressure and a prescription', async () => {
      await p.goto(base);
      await p.getByRole('link', { name: 'Register' }).click();
      await p.getByLabel('Your name').fill(name);
      await p.getByLabel('Mobile number').fill(phone);
      await p.getByLabel('Password', { exact: true }).fill(password);
      await p.getByRole('button', { name: 'Register' }).click();
      await p.getByRole('heading', { name: `Namaste, ${name}!` }).waitFor({ timeout: T });
      const me = await apiAs(p, '/auth/me');
      pid = me.body?.id;
      assert(pid, `GET /auth/me: ${JSON.stringify(me)}`);
      await seedRecords(base, pid);
    }],
    ['the patient fills in the medical ID; a wrong contact number is refused by the server and shown at that field', async () => {
      await p.getByRole('link', { name: 'Medical ID' }).click();
      await p.getByRole('heading', { name: 'Medical ID', exact: true }).waitFor({ timeout: T });
      await p.getByLabel('Blood group').selectOption('B+');
      await p.getByLabel('Allergies, line 1').fill('Penicillin');
      await p.getByLabel('Conditions, line 1').fill('Asthma');
      await p.getByLabel('Medicines, line 1').fill('Salbutamol inhaler');
      const contact = p.getByRole('group', { name: 'Contact 1' });
      await contact.getByLabel('Name').fill('Ravi');
      await contact.getByLabel('Relation (for example wife, son)').fill('son');
      await contact.getByLabel('Mobile number').fill('12345');
      await p.getByLabel('I have chosen to donate my organs').check();
      await p.getByLabel('Preferred hospital').fill('Demo District Hospital');
      await p.getByRole('button', { name: 'Save medical ID' }).click();
      await p.locator('#mid-contact-0-phone-error').waitFor({ timeout: T });
      assert((await p.locator('#mid-contact-0-phone').getAttribute('aria-invalid')) === 'true', 'the phone field is not marked invalid');
      await p.getByText(serverError('validation_failed')).waitFor({ timeout: T });
      assert(await p.locator('#mid-contact-0-phone').evaluate((el) => el === document.activeElement), 'the refused field does not have the focus');
    }],
    ['with the number corrected it is saved and shown: blood group, allergy, contact to call', async () => {
      await p.getByRole('group', { name: 'Contact 1' }).getByLabel('Mobile number').fill('98765 00001');
      await p.getByRole('button', { name: 'Save medical ID' }).click();
      await p.getByText('Saved. Helpers will see this in an emergency.').waitFor({ timeout: T });
      assert((await p.locator('.id-view .blood-group').textContent()) === 'B+', 'blood group not shown');
      await p.locator('.id-view').getByText('Penicillin').waitFor({ timeout: T });
      assert((await p.locator('.id-view').getByRole('link', { name: '+919876500001' }).getAttribute('href')) === 'tel:+919876500001', 'no tel: link to the contact');
    }],
    ['the print view makes a QR code of the public link: an <svg> on a credit-card-sized card and on a full page', async () => {
      await p.getByRole('link', { name: 'Print my card' }).click();
      await p.getByRole('heading', { name: 'Medical ID card' }).waitFor({ timeout: T });
      await p.getByRole('button', { name: 'Make the QR code' }).click();
      const qr = p.locator('.id-card svg.qr');
      await qr.waitFor({ timeout: T });
      assert((await p.locator('svg.qr path').count()) === 2, 'the card and the page should each carry the QR code');
      cardUrl = await qr.getAttribute('data-url');
      assert(new RegExp(`^${base}/id/[A-Za-z0-9_-]{20,}$`).test(cardUrl ?? ''), `QR link: ${cardUrl}`);
      const box = await p.locator('.id-card').boundingBox();
      assert(Math.abs(box.width - 323.5) < 2 && Math.abs(box.height - 204.1) < 2, `card is ${box.width}×${box.height} px, not 85.6×54 mm`);
      await p.emulateMedia({ media: 'print' });
      const printed = await p.evaluate(() => ({
        header: getComputedStyle(document.querySelector('.app-header')).display,
        buttons: getComputedStyle(document.querySelector('.no-print')).display,
        page: getComputedStyle(document.querySelector('.id-page')).breakBefore,
      }));
      await p.emulateMedia({ media: 'screen' });
      assert(printed.header === 'none' && printed.buttons === 'none' && printed.page === 'page', `print layout: ${JSON.stringify(printed)}`);
    }],
    ['a stranger with no account opens the card link: blood group in large type, Call 112, and the page in Hindi on request', async () => {
      await s.goto(cardUrl);
      await s.getByRole('heading', { name: 'Emergency medical ID' }).waitFor({ timeout: T });
      await s.locator('.blood-group').getByText('B+').waitFor({ timeout: T });
      await s.getByText(name).waitFor({ timeout: T });
      await s.getByText('Penicillin').waitFor({ timeout: T });
      assert((await s.getByRole('link', { name: 'Call 112 (Emergency)' }).getAttribute('href')) === 'tel:112', 'no tel:112 link');
      await s.getByRole('button', { name: 'हिन्दी' }).click();
      await s.getByRole('heading', { name: hi('card-public-title') }).waitFor({ timeout: T });
      await s.goto(`${base}/id/not-a-real-card-token`);
      await s.getByText(hi('card-public-unknown')).waitFor({ timeout: T });
    }],
    ['offline, a reload of /medical-id still shows the medical ID from the phone, with the offline badge', async () => {
      await p.getByRole('link', { name: 'Back to my medical ID' }).click();
      await p.locator('.id-view .blood-group').waitFor({ timeout: T });
      await controlledByServiceWorker(p);
      await patient.setOffline(true);
      await p.reload();
      assert(new URL(p.url()).pathname === '/medical-id', `reload moved to ${p.url()}`);
      await p.locator('.id-view .blood-group').getByText('B+').waitFor({ timeout: T });
      await p.getByText('Offline — showing saved data').waitFor({ timeout: T });
      await p.getByText(/^Saved on this phone/).waitFor({ timeout: T });
      await patient.setOffline(false);
    }],
    ['the patient’s own record lists every seeded record by date, charts blood sugar, refuses a fake PDF, adds a photo and exports all', async () => {
      await p.goto(`${base}/records`);
      await p.getByRole('heading', { name: 'My health record' }).waitFor({ timeout: T });
      await p.getByText('Metformin 500 mg').waitFor({ timeout: T });
      const all = await titles(p);
      for (const t of ['Fasting blood sugar', 'Old blood sugar test', 'Blood pressure', 'Metformin 500 mg']) assert(all.includes(t), `${t} missing from ${all}`);
      await p.getByRole('button', { name: 'Blood sugar' }).click();
      await waitUntil('two blood sugar points', async () => (await p.locator('.trend svg circle').count()) === 2);
      await p.getByText('Add a report or photo').click();
      await p.getByLabel('File').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not really a PDF') });
      await p.getByLabel('What is it?').fill('Fake report');
      await p.getByRole('button', { name: 'Add to my record' }).click();
      await p.getByText(serverError('unsupported_media_type')).waitFor({ timeout: T });
      await p.getByLabel('File').setInputFiles({ name: 'xray.png', mimeType: 'image/png', buffer: PNG });
      await p.getByLabel('What is it?').fill('Chest X-ray photo');
      await p.getByRole('button', { name: 'Add to my record' }).click();
      await p.getByText('Added to your record.').waitFor({ timeout: T });
      await p.locator('.record-item').filter({ hasText: 'Chest X-ray photo' }).getByText('added by you').waitFor({ timeout: T });
      const [download] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'Download all my data' }).click()]);
      assert(/^mysehat-records-\d{4}-\d{2}-\d{2}\.json$/.test(download.suggestedFilename()), `export file: ${download.suggestedFilename()}`);
      const bundle = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert(bundle.resourceType === 'Bundle' && bundle.type === 'collection' && bundle.entry.length >= 6, `export: ${bundle.resourceType} ${bundle.type} ${bundle.entry?.length}`);
    }],
    ['the patient opens "Sharing my records" and switches to हिन्दी: nobody has asked yet', async () => {
      await p.goto(base);
      await p.getByRole('link', { name: 'Sharing my records' }).click();
      await p.getByRole('heading', { name: 'Sharing my records' }).waitFor({ timeout: T });
      await p.getByRole('button', { name: 'हिन्दी' }).click();
      await p.getByRole('heading', { name: hi('consent-title'), exact: true }).waitFor({ timeout: T });
      await p.getByText(hi('consent-none')).waitFor({ timeout: T });
    }],
    ['the doctor asks for lab reports and prescriptions of the last five years', async () => {
      await logIn(d, base, DOCTOR_PHONE, DOCTOR);
      await d.getByRole('link', { name: 'Patient records and consent' }).click();
      await d.getByRole('heading', { name: 'Patient records and consent' }).waitFor({ timeout: T });
      const form = d.locator('.request-form');
      await form.getByLabel("Patient's mobile number").fill(phone);
      await form.getByLabel('Lab reports and tests').check();
      await form.getByLabel('Prescriptions and medicines').check();
      await form.getByRole('button', { name: 'Send the request' }).click();
      await d.getByText(`Sent. ${name} will see your request in their app.`).waitFor({ timeout: T });
      await d.locator('.consent[data-status="REQUESTED"]').filter({ hasText: name }).getByText('Asks for access').waitFor({ timeout: T });
    }],
    ['the request appears on the patient’s open screen at once, in Hindi: who asks, why, which records', async () => {
      const card = consentCard(p, 'REQUESTED');
      await card.waitFor({ timeout: T }); // no reload: the /ws message consent.changed brought it
      await card.getByText(hi('consent-status-REQUESTED')).waitFor({ timeout: T });
      await card.getByText(hi('consent-purpose-CAREMGT')).waitFor({ timeout: T });
      await card.getByText(`${hi('hi-type-DiagnosticReport')}, ${hi('hi-type-Prescription')}`).waitFor({ timeout: T });
      consentId = await card.getAttribute('data-consent');
    }],
    ['the patient shares lab reports only, and only from one year ago', async () => {
      const card = consentCard(p, 'REQUESTED');
      await card.getByRole('button', { name: hi('consent-grant') }).click();
      await card.getByLabel(hi('hi-type-Prescription')).uncheck();
      await card.getByLabel(hi('consent-grant-from')).fill(yearAgo);
      await card.getByRole('button', { name: hi('consent-grant-submit') }).click();
      const granted = consentCard(p, 'GRANTED');
      await granted.waitFor({ timeout: T });
      assert((await granted.locator('dd').nth(1).textContent()) === hi('hi-type-DiagnosticReport'), 'the grant still lists other kinds');
      const mine = (await apiAs(p, '/api/v1/consent')).body.find((c) => c.id === consentId);
      assert(mine?.status === 'GRANTED' && JSON.stringify(mine.hi_types) === '["DiagnosticReport"]' && mine.date_from_ms === startOfDay(yearAgo),
        `stored consent: ${JSON.stringify(mine)}`);
    }],
    ['the doctor sees the grant, opens the record and finds the recent lab result and nothing else', async () => {
      await d.getByRole('button', { name: 'Check for answers' }).click();
      const card = d.locator('.consent[data-status="GRANTED"]').filter({ hasText: name });
      await card.waitFor({ timeout: T });
      await card.getByRole('link', { name: 'View record' }).click();
      await d.getByRole('heading', { name: `Record of ${name}` }).waitFor({ timeout: T });
      await d.locator('.scope').getByText(/Lab reports and tests/).waitFor({ timeout: T });
      await d.locator('.records-count[data-total="1"]').waitFor({ timeout: T });
      const seen = await titles(d);
      assert(JSON.stringify(seen) === '["Fasting blood sugar"]', `the doctor sees ${JSON.stringify(seen)}`);
      await d.getByText('No readings of Blood pressure yet.').waitFor({ timeout: T });
      await d.getByRole('button', { name: 'Blood sugar' }).click();
      await waitUntil('one blood sugar point', async () => (await d.locator('.trend svg circle').count()) === 1);
    }],
    ['the patient stops sharing in one tap (and a confirmation)', async () => {
      const card = consentCard(p, 'GRANTED');
      await card.getByRole('button', { name: hi('consent-revoke') }).click();
      await card.getByRole('button', { name: hi('consent-revoke-yes') }).click();
      await consentCard(p, 'REVOKED').getByText(hi('consent-status-REVOKED')).waitFor({ timeout: T });
    }],
    ['the doctor’s next look is refused by the server (403) and the screen says so clearly', async () => {
      await d.reload();
      await d.getByRole('heading', { name: 'You cannot see this record now' }).waitFor({ timeout: T });
      assert((await d.locator('.record-item').count()) === 0, 'records still shown after revocation');
      const direct = await apiAs(d, `/health-records/timeline?patient=${pid}`);
      assert(direct.status === 403, `timeline after revocation: HTTP ${direct.status}`);
      await d.goto(`${base}/consent/request`);
      await d.locator('.consent[data-status="REVOKED"]').filter({ hasText: name }).getByText('Stopped').waitFor({ timeout: T });
    }],
    ['the patient’s access log (in Hindi) names the doctor for the request and for each read under the consent, and the card scan', async () => {
      await p.reload();
      const log = p.locator('.access-log');
      await log.getByRole('heading', { name: hi('access-title') }).waitFor({ timeout: T });
      const entry = (action) => log.locator(`.access-entry[data-action="${action}"]`).filter({ hasText: DOCTOR });
      await entry('consent.request').getByText(hi('access-action-consent-request')).waitFor({ timeout: T });
      const reads = [...(await entry('records.timeline').all()), ...(await entry('records.trends').all())];
      assert(reads.length >= 3, `only ${reads.length} reads by the doctor in the log`);
      for (const read of reads) {
        const text = await read.textContent();
        assert(text.includes(hi('access-basis-consent')), `a read without its consent: ${text}`);
      }
      await entry('records.timeline').first().getByText(hi('access-action-records-timeline')).waitFor({ timeout: T });
      await log.locator('.access-entry[data-action="medical_id.public_read"]').first().getByText(hi('access-basis-emergency')).waitFor({ timeout: T });
      await log.locator('.access-entry[data-action="fhir.create"]').first().getByText(hi('access-role-admin')).waitFor({ timeout: T });
    }],
    ['break the glass: a too-short reason is refused at its field; a real one opens access and the patient sees it flagged with the reason', async () => {
      const form = d.locator('.btg-form');
      await form.getByLabel("Patient's mobile number").fill(phone);
      await form.getByLabel('Why this cannot wait').fill('Too short');
      await form.getByLabel('This is an emergency and the patient cannot give consent now.').check();
      await form.getByRole('button', { name: 'Break the glass and open the record' }).click();
      await d.locator('#btg-reason-error').waitFor({ timeout: T });
      const reason = 'Unconscious after a road accident; no relative reachable';
      await form.getByLabel('Why this cannot wait').fill(reason);
      await form.getByRole('button', { name: 'Break the glass and open the record' }).click();
      await d.locator('.consent.btg[data-status="GRANTED"]').filter({ hasText: name }).waitFor({ timeout: T });
      const flagged = p.locator('.consent.btg[data-status="GRANTED"]');
      await flagged.getByText(reason).waitFor({ timeout: T });
      await flagged.getByText(hi('consent-btg-flag')).waitFor({ timeout: T });
    }],
  ];

  return runSteps(list, { pages: () => [p, d, s], prefix: 'consent' });
}
