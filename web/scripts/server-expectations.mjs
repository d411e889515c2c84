// Records what the real server answers for every case of the symptom checker's evaluation sets
// (crates/triage/eval/*.json), so src/triage/parity.test.ts can hold the app's offline engine to the same triage without
// a server. Each case is sent as it stands, then once more per answer to its first interview question ("yes" and "no",
// or the first choice and "unknown"), so the interview's choice is compared too. Besides the triage, top three
// conditions, red flags and next question, each answer is kept as a digest of its whole JSON, so the test can tell
// whether the phone's answer is the server's to the last probability and word.
//
//   MYSEHAT_BIN=/path/to/mysehat node scripts/server-expectations.mjs    (writes src/triage/expected.gen.json)
//
// The server runs on a free loopback port with a throw-away data dir, as in e2e/harness.mjs.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedInputs } from './triage-inputs.mjs';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EVAL = resolve(WEB, '../crates/triage/eval');
const OUT = join(WEB, 'src/triage/expected.gen.json');
const BIN = resolve(WEB, process.env.MYSEHAT_BIN ?? '../target/debug/mysehat');
/** Generated requests (see triage-inputs.mjs), each followed through up to this many random answers. */
const GENERATED = { count: 400, seed: 20251, answers: 3 };

/** The request a case stands for (as `Case::input` in crates/triage/src/eval/mod.rs). */
export function caseInput(c) {
  return {
    age: c.age ?? null,
    age_months: c.age_months ?? null,
    sex: c.sex,
    pregnant: c.pregnant ?? null,
    text: c.text,
    language: c.language ?? 'en',
    answers: c.answers ?? [],
    vitals: c.vitals ?? null,
  };
}

/** Every evaluation set, in file-name order: [set name, cases]. */
export function evalSets() {
  return readdirSync(EVAL)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(EVAL, f), 'utf8'))]);
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

async function startServer() {
  if (!existsSync(BIN)) throw new Error(`no server binary at ${BIN} (set MYSEHAT_BIN)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mysehat-expectations-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MYSEHAT_')));
  Object.assign(env, { PORT: String(port), MYSEHAT_HOST: '127.0.0.1', MYSEHAT_DATA_DIR: dataDir, MYSEHAT_WEB_DIR: join(WEB, 'dist') });
  const child = spawn(BIN, ['serve'], { cwd: dataDir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the server did not answer /health within 90 s');
    const up = await fetch(`${base}/health`).then((r) => r.status === 200, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, stop };
}

async function check(base, input) {
  const r = await fetch(`${base}/diagnostics/symptom-check`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (r.status !== 200) throw new Error(`POST /diagnostics/symptom-check: HTTP ${r.status} ${await r.text()}`);
  return r.json();
}

/** JSON with object keys sorted, so two equal answers read the same whoever wrote them. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A fingerprint of the whole answer (probabilities, reasons, question, advice and all). */
export const digest = (out) => createHash('sha256').update(canonical(out)).digest('hex').slice(0, 16);

/** What the parity test compares. */
const summary = (out) => ({
  triage: out.triage,
  top3: out.conditions.slice(0, 3).map((c) => c.id),
  red_flags: out.red_flags.map((f) => f.id),
  crisis: out.crisis,
  next_question: out.next_question?.id ?? null,
  digest: digest(out),
});

/** The answers tried for a question: both ways for yes/no, the first choice and "don't know" for a choice. */
const followUps = (q) => (q.kind === 'choice' ? [q.choices[0].id, 'unknown'] : ['yes', 'no']);

async function main() {
  const { base, stop } = await startServer();
  try {
    const cases = [];
    let kbVersion = null;
    for (const [set, list] of evalSets()) {
      for (const c of list) {
        const input = caseInput(c);
        const out = await check(base, input);
        kbVersion = out.kb_version;
        cases.push({ set, id: c.id, expected_triage: c.expected_triage, answers_added: [], ...summary(out) });
        if (!out.next_question) continue;
        for (const answer of followUps(out.next_question)) {
          const added = [{ question_id: out.next_question.id, answer }];
          const next = await check(base, { ...input, answers: [...input.answers, ...added] });
          cases.push({ set, id: c.id, expected_triage: c.expected_triage, answers_added: added, ...summary(next) });
        }
      }
    }
    const kb = JSON.parse(readFileSync(join(WEB, 'src/triage/kb.gen.json'), 'utf8'));
    const { inputs, pick } = generatedInputs(kb, GENERATED.count, GENERATED.seed);
    for (const [n, first] of inputs.entries()) {
      let input = first;
      for (let step = 0; ; step++) {
        const out = await check(base, input);
        cases.push({ set: 'generated', id: `g${String(n + 1).padStart(3, '0')}`, input, ...summary(out) });
        const q = out.next_question;
        if (!q || step === GENERATED.answers) break;
        const answer = pick(q.kind === 'choice' ? [...q.choices.map((c) => c.id), 'unknown'] : ['yes', 'no', 'unknown']);
        input = { ...input, answers: [...input.answers, { question_id: q.id, answer }] };
      }
    }
    const kbDigest = createHash('sha256').update(readFileSync(join(WEB, 'src/triage/kb.gen.json'))).digest('hex').slice(0, 16);
    const body = `{\n"kb_version": ${JSON.stringify(kbVersion)},\n"kb_digest": ${JSON.stringify(kbDigest)},\n"cases": [\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n}\n`;
    writeFileSync(OUT, body);
    console.log(`wrote ${OUT}: ${cases.length} answers from ${base}`);
  } finally {
    await stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
