// Browser test of Health Worker Mode on one `mysehat serve --demo`: the demo ASHA logs in online and opens her villages, then
// works offline: registers a household of three (geo-tagged), fills CBAC for the head (score and referral shown, saved with the
// visit), reloads (everything still there, not yet synced), cannot log out; back online it syncs by itself, and the server's
// FHIR API holds exactly those records once. She marks the CBAC referral done; her supervisor then sees her work.
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, apiAs, assert, controlledByServiceWorker, runSteps, withServer } from './harness.mjs';

const T = 20_000;
const DEMO_PASSWORD = 'mysehat-demo';
const WORKER = { phone: '9000000003', name: 'Sunita (ASHA)' };
const SUPERVISOR = { phone: '9000000008', name: 'Kavita (ANM supervisor)' };
const ADMIN_PHONE = '+919000000001';
const VILLAGE = 'demo-village-rampur';
const HOUSEHOLD_TAG = 'https://mysehat.in/fhir/CodeSystem/household';
const HOME = { latitude: 23.2599, longitude: 77.4126, accuracy: 12 };

async function logIn(page, base, who) {
  await page.goto(base);
  await page.getByRole('link', { name: 'Log in' }).click();
  await page.getByLabel('Mobile number').fill(who.phone);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: `Namaste, ${who.name}!` }).waitFor({ timeout: T });
}

/** Fills the "add a member" form and adds the member to the household being registered. */
async function addMember(page, m) {
  const form = page.locator('.hw-member-form');
  await form.getByLabel('Full name').fill(m.name);
  await form.getByRole('group', { name: 'Sex' }).getByLabel(m.sex, { exact: true }).check();
  if (m.dob) {
    await form.getByLabel('Date of birth known').check();
    await form.getByLabel('Date of birth', { exact: true }).fill(m.dob);
  } else {
    await form.getByLabel('Only the age known').check();
    await form.getByLabel('Age in years').fill(String(m.age));
  }
  await form.getByLabel('Relation to the head of the household').selectOption({ label: m.relation });
  if (m.phone) await form.getByLabel('Mobile number (optional)').fill(m.phone);
  await form.getByRole('button', { name: 'Add this member' }).click();
  await page.locator('.hw-member').filter({ hasText: m.name }).waitFor({ timeout: T });
}

/** Picks `option` in the choice question labelled `question`. */
async function choose(page, question, option) {
  await page.getByRole('group', { name: question, exact: true }).getByLabel(option, { exact: true }).check();
}

async function fhirSearch(base, token, query) {
  const r = await fetch(`${base}/fhir/${query}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/fhir+json' } });
  if (r.status !== 200) throw new Error(`GET /fhir/${query}: HTTP ${r.status} ${await r.text()}`);
  const bundle = await r.json();
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include').map((e) => e.resource);
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

async function hwSteps({ base, worker, supervisor }) {
  const w = await worker.newPage();
  const s = await supervisor.newPage();
  const id = Math.floor(Math.random() * 100_000).toString().padStart(5, '0');
  const members = [
    { name: `Ramesh Yadav ${id}`, sex: 'Male', dob: '1972-03-15', relation: 'Head', phone: '98765 43210' },
    { name: `Sita Yadav ${id}`, sex: 'Female', age: 48, relation: 'Spouse' },
    { name: `Anil Yadav ${id}`, sex: 'Male', age: 12, relation: 'Son' },
  ];
  const bar = w.locator('.hw-sync');
  // Every pull the app makes: a pull without a cursor after the first one means a reset or a digest that disagreed.
  const pulls = [];
  w.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/sync/pull') pulls.push(url.searchParams.get('cursor'));
  });
  let household = null;
  let number = null;

  const list = [
    ['the health worker logs in online and opens Health worker mode: her villages load and household numbers are reserved', async () => {
      await worker.grantPermissions(['geolocation'], { origin: base });
      await worker.setGeolocation(HOME);
      await logIn(w, base, WORKER);
      await w.getByRole('link', { name: 'Health worker mode' }).click();
      await w.getByRole('heading', { name: 'My villages' }).waitFor({ timeout: T });
      await w.locator(`[data-village="${VILLAGE}"]`).waitFor({ timeout: T });
      await w.locator('[data-village="demo-village-sonpur"]').waitFor({ timeout: T });
      await waitUntil('household numbers to be reserved', async () => Number(await w.locator('.hw-numbers').getAttribute('data-left')) >= 10);
      await controlledByServiceWorker(w); // the app is installed before the network goes
      await w.locator('.hw-sync[data-unsynced="0"]').waitFor({ timeout: T });
    }],
    ['offline, she registers a geo-tagged household with three members', async () => {
      await worker.setOffline(true);
      await bar.getByText('Offline', { exact: false }).waitFor({ timeout: T });
      await w.locator(`[data-village="${VILLAGE}"]`).click();
      await w.getByRole('link', { name: 'Register a household' }).click();
      await w.getByRole('heading', { name: 'New household' }).waitFor({ timeout: T });
      number = await w.locator('.hw-number [data-number]').getAttribute('data-number');
      assert(/^.+-\d+$/.test(number ?? ''), `household number shown: ${number}`);
      await w.getByText(/^Location recorded, accurate to 12 m/).waitFor({ timeout: T });
      for (const m of members) await addMember(w, m);
      await w.getByRole('button', { name: 'Save household' }).click();
      await w.getByRole('heading', { name: `Household ${number}` }).waitFor({ timeout: T });
      await w.getByText(`Household ${number} is saved on this phone.`).waitFor({ timeout: T });
      household = new URL(w.url()).searchParams.get('id');
      assert(household, `household page at ${w.url()}`);
      assert((await w.locator('.hw-member').count()) === 3, 'three members on the household page');
      assert(Number(await bar.getAttribute('data-unsynced')) > 0, 'nothing waiting to sync after the save');
    }],
    ['she fills CBAC for the head: the score and the referral show as she answers, and it saves with the visit', async () => {
      await w.locator('.hw-member').filter({ hasText: members[0].name }).getByRole('link', { name: 'Fill a form' }).click();
      await w.getByRole('link', { name: /^CBAC/ }).click();
      await choose(w, 'Sex', 'Male');
      await choose(w, 'Age (in completed years)', '50 to 59 years');
      await choose(w, 'Do you smoke or use smokeless tobacco such as gutka or khaini?', 'Daily');
      await choose(w, 'Do you drink alcohol daily?', 'Yes');
      await choose(w, 'Waist circumference', 'More than 100 cm');
      await choose(w, 'Do you do at least 150 minutes of physical activity in a week?', 'No, less than 150 minutes');
      await choose(w, 'Does a parent, brother or sister have high blood pressure, diabetes or heart disease?', 'Yes');
      const score = w.locator('.hw-score');
      await waitUntil('the CBAC score of 10', async () => /\b10\b/.test((await score.first().textContent()) ?? ''));
      await w.getByText('Score above 4: refer for NCD screening at the sub-centre.').first().waitFor({ timeout: T });
      const save = w.getByRole('button', { name: 'Save form and visit' });
      assert(await save.isDisabled(), 'saving is allowed with Part B unanswered');
      await w.locator('.hw-missing').waitFor({ timeout: T });
      for (const q of ['Shortness of breath (difficulty in breathing)', 'Cough for more than 2 weeks', 'Blood in sputum', 'Fever for more than 2 weeks',
        'Loss of weight', 'Night sweats', 'Ulcer, patch or growth in the mouth that has not healed in 2 weeks']) {
        await choose(w, q, 'No');
      }
      await w.locator('.hw-flag').first().waitFor({ timeout: T });
      await save.click();
      await w.getByText('The form is saved with the visit.').waitFor({ timeout: T });
      await w.locator('.hw-event[data-kind="QuestionnaireResponse"]').waitFor({ timeout: T });
      await w.locator('.hw-event[data-kind="Encounter"]').waitFor({ timeout: T });
    }],
    ['still offline, a reload shows everything still there and not yet synced', async () => {
      await w.reload();
      await w.getByRole('heading', { name: `Household ${number}` }).waitFor({ timeout: T });
      assert((await w.locator('.hw-member').count()) === 3, 'three members after the reload');
      await w.locator('.hw-event[data-kind="QuestionnaireResponse"]').waitFor({ timeout: T });
      const unsynced = Number(await bar.getAttribute('data-unsynced'));
      assert(unsynced >= 7, `not yet synced after the reload: ${unsynced} (3 patients, group, location, visit, form)`);
      await bar.getByText(`${unsynced} records not yet synced`).waitFor({ timeout: T });
    }],
    ['logging out is refused while records are not synced', async () => {
      await w.locator('.brand').click();
      await w.getByRole('button', { name: 'Log out' }).click();
      await w.locator('.logout-refused').getByText(/not yet synced/).waitFor({ timeout: T });
      assert(new URL(w.url()).pathname === '/', `moved to ${w.url()}`);
      await w.getByRole('heading', { name: `Namaste, ${WORKER.name}!` }).waitFor({ timeout: T });
      await w.goto(`${base}/hw/household?id=${household}`);
      await w.getByRole('heading', { name: `Household ${number}` }).waitFor({ timeout: T });
    }],
    ['back online, sync runs by itself and the counter reaches 0', async () => {
      await worker.setOffline(false);
      await w.locator('.hw-sync[data-unsynced="0"]').waitFor({ timeout: 60_000 });
      await bar.getByText('Everything is synced').waitFor({ timeout: T });
      await bar.getByRole('button', { name: 'Sync now' }).waitFor({ timeout: T }); // the pull after the push has finished too
      assert((await w.locator('.hw-attention').count()) === 0, 'something needs attention after the sync');
      assert((await bar.locator('.error').count()) === 0, `the sync failed: ${await bar.locator('.error').textContent().catch(() => '')}`);
      const fromScratch = pulls.filter((c) => c === null).length;
      assert(pulls.length > 1 && fromScratch === 1, `pulls from no cursor: ${fromScratch} of ${pulls.length} (the digest disagreed?)`);
    }],
    ['the server FHIR API holds exactly those records, once each', async () => {
      const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: ADMIN_PHONE, password: DEMO_PASSWORD }) });
      assert(login.status === 200, `admin login: HTTP ${login.status}`);
      const { access_token: token } = await login.json();
      const tag = encodeURIComponent(`${HOUSEHOLD_TAG}|${household}`);
      const groups = await fhirSearch(base, token, `Group?_tag=${tag}`);
      const patients = await fhirSearch(base, token, `Patient?_tag=${tag}`);
      const responses = await fhirSearch(base, token, `QuestionnaireResponse?_tag=${tag}`);
      const encounters = await fhirSearch(base, token, `Encounter?_tag=${tag}`);
      const counts = { groups: groups.length, patients: patients.length, responses: responses.length, encounters: encounters.length };
      assert(counts.groups === 1 && counts.patients === 3 && counts.responses === 1 && counts.encounters === 1, `server records: ${JSON.stringify(counts)}`);
      assert(groups[0].id === household, `group id ${groups[0].id}`);
      assert(groups[0].identifier?.some((i) => i.value === number), `household number on the server: ${JSON.stringify(groups[0].identifier)}`);
      const names = patients.map((p) => p.name?.[0]?.text).sort();
      assert(JSON.stringify(names) === JSON.stringify(members.map((m) => m.name).sort()), `patients: ${names}`);
      const estimated = patients.filter((p) => p._birthDate?.extension?.some((e) => e.valueBoolean === true));
      assert(estimated.length === 2, `estimated birth dates: ${estimated.length}`);
      assert(responses[0].encounter?.reference === `Encounter/${encounters[0].id}`, `form not linked to the visit: ${JSON.stringify(responses[0].encounter)}`);
    }],
    ['the CBAC referral is a follow-up due in a week; marked done, the server’s Task is completed', async () => {
      await w.goto(`${base}/hw/follow-ups`);
      await w.getByRole('heading', { name: 'Follow-ups' }).waitFor({ timeout: T });
      const item = w.locator('.hw-fu-due [data-follow-up]').filter({ hasText: members[0].name });
      await item.getByText('NCD screening at the sub-centre').waitFor({ timeout: T });
      const id = await item.getAttribute('data-follow-up');
      await item.getByRole('button', { name: 'Mark done' }).click();
      await w.locator(`.hw-fu-done [data-follow-up="${id}"]`).waitFor({ timeout: T });
      await w.locator('.hw-sync[data-unsynced="0"]').waitFor({ timeout: T });
      const task = await apiAs(w, `/fhir/Task/${id}`);
      assert(task.status === 200 && task.body?.status === 'completed', `Task ${id}: HTTP ${task.status} ${JSON.stringify(task.body?.status)}`);
    }],
    ['her supervisor sees her with the new household', async () => {
      await logIn(s, base, SUPERVISOR);
      await s.getByRole('link', { name: 'Health workers' }).click();
      const card = s.locator('.hw-worker').filter({ hasText: WORKER.name });
      await card.waitFor({ timeout: T });
      await card.getByText('Rampur').waitFor({ timeout: T });
      await s.getByRole('heading', { name: 'Clashing changes' }).waitFor({ timeout: T });
    }],
  ];
  return runSteps(list, { pages: () => [w, s], prefix: 'hw' });
}

await withServer({ serverArgs: ['--demo'] }, async ({ base }) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const phone = () => browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'en-US', timezoneId: 'Asia/Kolkata', serviceWorkers: 'allow' });
    const [worker, supervisor] = [await phone(), await phone()];
    return await hwSteps({ base, worker, supervisor });
  } finally {
    await browser.close().catch(() => undefined);
  }
});
