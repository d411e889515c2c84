// The app's offline engine gives the same triage as the server for the same input: every case of the committed
// evaluation sets (crates/triage/eval/*.json), and each with one answer to its first question, is run through the
// TypeScript engine and compared with what the real server answered (expected.gen.json, recorded by
// scripts/server-expectations.mjs). Regenerate that file whenever the Rust engine or its knowledge base changes.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from './engine';
import type { Answer, Input, Output, Sex, Triage, Vitals } from './types';

/** Measured agreement the engine must keep (the real figures; raise them, never lower them to pass). */
const OVERALL_TRIAGE_FLOOR = 1;
const TOP3_FLOOR = 1;
const NEXT_QUESTION_FLOOR = 1;
const WHOLE_ANSWER_FLOOR = 1;

interface Case {
  id: string;
  age?: number;
  age_months?: number;
  sex: Sex;
  pregnant?: boolean;
  text: string;
  language?: 'en' | 'hi';
  answers?: Answer[];
  vitals?: Vitals;
  expected_triage: Triage;
}

interface Expected {
  set: string;
  id: string;
  /** For cases of the evaluation sets: their expected triage, and the answers added to the case's own. */
  expected_triage?: Triage;
  answers_added?: Answer[];
  /** For generated requests (set `generated`, scripts/triage-inputs.mjs): the request itself. */
  input?: Input;
  triage: Triage;
  top3: string[];
  red_flags: string[];
  crisis: boolean;
  next_question: string | null;
  /** The whole answer's fingerprint (see scripts/server-expectations.mjs). */
  digest: string;
}

const EVAL = fileURLToPath(new URL('../../../crates/triage/eval/', import.meta.url));
const sets = new Map<string, Case[]>(
  readdirSync(EVAL)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(`${EVAL}${f}`, 'utf8')) as Case[]]),
);
const expected = JSON.parse(readFileSync(fileURLToPath(new URL('./expected.gen.json', import.meta.url)), 'utf8')) as {
  kb_version: string;
  /** The kb.gen.json the server's answers were recorded against. */
  kb_digest: string;
  cases: Expected[];
};
const kbDigest = createHash('sha256').update(readFileSync(fileURLToPath(new URL('./kb.gen.json', import.meta.url)))).digest('hex').slice(0, 16);

/** The request a case stands for, as the server's `Case::input`. */
const input = (c: Case, more: Answer[]): Input => ({
  age: c.age ?? null,
  age_months: c.age_months ?? null,
  sex: c.sex,
  pregnant: c.pregnant ?? null,
  text: c.text,
  language: c.language ?? 'en',
  answers: [...(c.answers ?? []), ...more],
  vitals: c.vitals ?? null,
});

const label = (e: Expected) =>
  e.input
    ? `${e.set}/${e.id}${(e.input.answers ?? []).map((a) => ` +${a.question_id}=${a.answer}`).join('')} ${JSON.stringify(e.input.text)}`
    : `${e.set}/${e.id}${(e.answers_added ?? []).map((a) => ` +${a.question_id}=${a.answer}`).join('')}`;

const runs = expected.cases.map((e) => {
  if (e.input) return { e, out: evaluate(e.input), label: label(e) };
  const c = sets.get(e.set)?.find((x) => x.id === e.id);
  if (!c) throw new Error(`expected.gen.json names ${e.set}/${e.id}, which no evaluation set has: regenerate it`);
  const out: Output = evaluate(input(c, e.answers_added ?? []));
  return { e, out, label: label(e) };
});

/** JSON with object keys sorted, as scripts/server-expectations.mjs writes it before hashing. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const digest = (out: Output) => createHash('sha256').update(canonical(out)).digest('hex').slice(0, 16);

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
const emergencyLike = (r: (typeof runs)[number]) =>
  r.e.triage === 'emergency' || r.e.expected_triage === 'emergency' || r.e.red_flags.length > 0 || r.out.triage === 'emergency';

describe('offline engine against the server on the evaluation sets', () => {
  it('was recorded against this knowledge base (else: npm run expectations:triage with the server built)', () => {
    expect(expected.kb_digest).toBe(kbDigest);
  });

  it('covers every case of every evaluation set, on the same knowledge base version', () => {
    for (const [set, cases] of sets) {
      for (const c of cases) {
        expect(expected.cases.some((e) => e.set === set && e.id === c.id && e.answers_added?.length === 0), `${set}/${c.id}`).toBe(true);
      }
    }
    expect(runs[0]?.out.kb_version).toBe(expected.kb_version);
  });

  it('agrees on triage for every emergency and red-flag case, and on the red flags and crisis themselves', () => {
    const urgent = runs.filter(emergencyLike);
    const wrong = urgent.filter((r) => r.out.triage !== r.e.triage).map((r) => `${r.label}: server ${r.e.triage}, app ${r.out.triage}`);
    expect(wrong).toEqual([]);
    const flags = runs.filter((r) => r.out.red_flags.map((f) => f.id).join() !== r.e.red_flags.join() || r.out.crisis !== r.e.crisis);
    expect(flags.map((r) => r.label)).toEqual([]);
  });

  it('agrees on triage, top-3 conditions, the next question and the whole answer, at least as well as measured', () => {
    const triage = runs.filter((r) => r.out.triage === r.e.triage).length;
    const top3 = runs.filter((r) => r.out.conditions.slice(0, 3).map((c) => c.id).join() === r.e.top3.join()).length;
    const question = runs.filter((r) => (r.out.next_question?.id ?? null) === r.e.next_question).length;
    const whole = runs.filter((r) => digest(r.out) === r.e.digest).length;
    const urgent = runs.filter(emergencyLike);
    console.log(
      `triage parity: ${triage}/${runs.length} overall, ${urgent.filter((r) => r.out.triage === r.e.triage).length}/${urgent.length} emergency or red-flag; ` +
        `top-3 ${top3}/${runs.length}; next question ${question}/${runs.length}; whole answer identical ${whole}/${runs.length}`,
    );
    const differ = runs.filter((r) => r.out.triage !== r.e.triage).map((r) => `${r.label}: server ${r.e.triage}, app ${r.out.triage}`);
    expect(share(triage, runs.length), differ.join('\n')).toBeGreaterThanOrEqual(OVERALL_TRIAGE_FLOOR);
    expect(share(top3, runs.length)).toBeGreaterThanOrEqual(TOP3_FLOOR);
    expect(share(question, runs.length)).toBeGreaterThanOrEqual(NEXT_QUESTION_FLOOR);
    const unlike = runs.filter((r) => digest(r.out) !== r.e.digest).map((r) => r.label);
    expect(share(whole, runs.length), `answers that differ in some detail:\n${unlike.join('\n')}`).toBeGreaterThanOrEqual(WHOLE_ANSWER_FLOOR);
  });
});
