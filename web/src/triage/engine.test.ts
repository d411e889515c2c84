// The offline engine's pieces behave as the Rust engine's own unit tests say (crates/triage/src/**/tests), and its
// answers keep the clinical-safety invariants whatever the input.
import { describe, expect, it } from 'vitest';
import { evaluate, knowledgeBase } from './engine';
import { InputError } from './input';
import { combinations } from './triage-level';
import { foldRoman, normalise, tokenise } from './text/normalise';
import { understand } from './text/understand';
import { rank, type Input } from './types';

const kb = knowledgeBase();

function read(text: string, pregnant = false): [string, boolean][] {
  return understand(text, kb, pregnant).findings.map(([fx, p]) => [kb.findings[fx]!.id, p]);
}
const says = (text: string, id: string, present: boolean) => read(text).some(([f, p]) => f === id && p === present);

describe('normalisation', () => {
  it('folds nukta, chandrabindu, long vowels and nasal + virama into one spelling', () => {
    expect(normalise('ज़्यादा')).toBe(normalise('ज्यादा'));
    expect(normalise('साँस')).toBe(normalise('सांस'));
    expect(normalise('पेड़ू')).toBe(normalise('पेडू'));
    expect(normalise('ठण्ड')).toBe(normalise('ठंड'));
    expect(normalise('बीमारी')).toBe(normalise('बिमारी'));
    expect(normalise('३ दिन')).toBe('3 दिन');
  });

  it('folds romanised spellings together', () => {
    for (const [a, b] of [
      ['bukhaar', 'bukhar'],
      ['bhukhar', 'bukhar'],
      ['ultee', 'ulti'],
      ['ulty', 'ulti'],
      ['zukaam', 'jukam'],
      ['chakkar', 'chakar'],
      ['peshaab', 'pesab'],
      ['khaansi', 'khansi'],
    ]) {
      expect(foldRoman(a!), `${a} vs ${b}`).toBe(foldRoman(b!));
    }
  });

  it('keeps sentences, clauses, numbers and slashes', () => {
    const tokens = tokenise(normalise("Fever 38.5, BP 190/110. Don't know"));
    expect(tokens.map((t) => t.raw)).toEqual(['fever', '38.5', 'bp', '190', '110', "don't", 'know']);
    expect(tokens[1]!.number).toBe(38.5);
    expect(tokens[4]!.afterSlash).toBe(true);
    expect(tokens[2]!.clause).toBe(1);
    expect(tokens[5]!.sentence).toBe(1);
    expect(tokenise(normalise('बुखार है। खांसी नहीं'))[2]!.sentence).toBe(1);
  });
});

describe('reading the complaint', () => {
  it('pairs a site with its nearest modifier only', () => {
    expect(says('seene mein dard aur pet mein jalan', 'chest_pain', true)).toBe(true);
    expect(says('seene mein dard aur pet mein jalan', 'heartburn', true)).toBe(true);
    expect(says('seene mein dard aur pet mein jalan', 'abdominal_pain', true)).toBe(false);
    expect(says('pain in my chest and my back', 'back_pain', true)).toBe(true);
  });

  it('applies negation to the combined finding and stops at affirmations', () => {
    expect(says('loose motions, no blood', 'bloody_diarrhoea', false)).toBe(true);
    expect(says('loose motions, no blood', 'diarrhoea', true)).toBe(true);
    expect(says('bukhar hai aur khansi nahi', 'fever', true)).toBe(true);
    expect(says('bukhar hai aur khansi nahi', 'cough', false)).toBe(true);
    expect(says('no fever, mild cough for two days', 'fever', false)).toBe(true);
  });

  it('reads a lone bleeding in pregnancy as vaginal bleeding', () => {
    const bleeding = kb.fx('vaginal_bleeding')!;
    expect(understand('khoon aa raha hai', kb, true).findings).toContainEqual([bleeding, true]);
    expect(understand('khoon aa raha hai', kb, false).findings.some(([fx]) => fx === bleeding)).toBe(false);
  });

  it('takes readings and durations from the text', () => {
    const u = understand('bp 190/110, sugar 45, oxygen 88, bukhar 103', kb, false);
    expect(u.readings.systolic_bp).toBe(190);
    expect(u.readings.diastolic_bp).toBe(110);
    expect(u.readings.blood_glucose_mg_dl).toBe(45);
    expect(u.readings.spo2_percent).toBe(88);
    expect(u.readings.temperature_c).toBeCloseTo(39.44, 2);
    expect(understand('3 din se bukhar', kb, false).durationDays).toBe(3);
    expect(understand('fever for two weeks', kb, false).durationDays).toBe(14);
    expect(understand('my 6 months old baby has fever', kb, false).durationDays).toBeNull();
  });

  it('means nothing for empty or punctuation-only text', () => {
    expect(read('')).toEqual([]);
    expect(read('...!!! ।।')).toEqual([]);
  });
});

describe('the answer', () => {
  const adult = (text: string, extra: Partial<Input> = {}): Input => ({ age: 45, sex: 'male', text, ...extra });

  it('calls heavy chest pain spreading to the arm with sweating an emergency, with 108 and 112', () => {
    const out = evaluate(adult('heavy chest pain spreading to my left arm, sweating'));
    expect(out.triage).toBe('emergency');
    expect(out.red_flags.map((f) => f.id)).toContain('chest_pain_cardiac_features');
    expect(out.helplines.map((h) => h.number)).toEqual(['108', '112']);
    expect(out.next_question).toBeNull();
  });

  it('asks a question about a mild cough and never repeats it', () => {
    const first = evaluate(adult('no fever, mild cough for two days', { age: 30 }));
    expect(first.next_question).not.toBeNull();
    const id = first.next_question!.id;
    const second = evaluate(adult('no fever, mild cough for two days', { age: 30, answers: [{ question_id: id, answer: 'no' }] }));
    expect(second.next_question?.id).not.toBe(id);
  });

  it('starts the crisis flow for thoughts of suicide, with Tele-MANAS and 112', () => {
    const out = evaluate(adult('I want to end my life'));
    expect(out.crisis).toBe(true);
    expect(out.helplines.map((h) => h.number)).toEqual(expect.arrayContaining(['14416', '112']));
  });

  it('gives advice and disclaimer in Hindi when asked', () => {
    const out = evaluate(adult('सीने में दर्द और पसीना', { language: 'hi' }));
    expect(out.triage).toBe('emergency');
    expect(out.disclaimer).toMatch(/[\u0900-\u097F]/);
  });

  it('rejects what the server rejects, with the same codes', () => {
    const code = (input: Input) => {
      try {
        evaluate(input);
        return null;
      } catch (e) {
        return e instanceof InputError ? e.code : 'other';
      }
    };
    expect(code({ sex: 'male', text: 'fever' })).toBe('triage_missing_age');
    expect(code({ age: 130, sex: 'male', text: 'fever' })).toBe('triage_invalid_age');
    expect(code(adult('fever', { vitals: { temperature_c: 60 } }))).toBe('triage_vital_out_of_range');
    expect(code(adult('fever', { answers: [{ question_id: 'cough', answer: 'maybe' }] }))).toBe('triage_invalid_answer');
    expect(code(adult('fever', { answers: [{ question_id: 'no_such_question', answer: 'yes' }] }))).toBeNull();
  });

  it('never says self care when a red flag fired, over many generated complaints', () => {
    const words = ['fever', 'cough', 'chest pain', 'sweating', 'headache', 'vomiting', 'no', 'mild', 'bukhar', 'ulti', 'pet mein dard',
      'blood', 'since 3 days', 'runny nose', 'rash', 'fits', 'pregnant', 'dizzy', 'साँस फूल रही', 'नहीं'];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 5) }, () => words[Math.floor(next() * words.length)]).join(' ');
      const age = Math.floor(next() * 90);
      const out = evaluate({ age, sex: next() < 0.5 ? 'female' : 'male', text });
      const floor = Math.max(...out.red_flags.map((f) => rank(f.min_triage)), -1);
      if (out.red_flags.length > 0) expect(out.triage, text).not.toBe('self_care');
      expect(rank(out.triage), text).toBeGreaterThanOrEqual(floor);
    }
  });

  it('enumerates every subset in range', () => {
    expect(combinations(4, 1, 2)).toHaveLength(4 + 6);
    expect(combinations(3, 0, 2)).toHaveLength(1 + 3 + 3);
    expect(combinations(0, 1, 3)).toHaveLength(0);
  });
});
