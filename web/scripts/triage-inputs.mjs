// Generated symptom-check requests for the offline engine's parity test, beyond the hand-written evaluation sets:
// random complaints built from the knowledge base's own words (English, Devanagari and romanised Hindi), mixed with
// negations, severity words, durations, readings written in the text and typos of spacing and case, for random people
// (babies in months, pregnancy, measured vital signs). Seeded, so the same seed gives the same requests.

/** A small deterministic generator (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILLERS = [
  'no', 'not', 'nahi', 'नहीं', 'without', 'but', 'lekin', 'और', 'aur', 'and', 'severe', 'bahut', 'बहुत तेज', 'mild', 'halka',
  'since yesterday', '3 din se', 'for two weeks', 'तीन हफ्ते से', '2 weeks ago', 'every 3 days', 'for months', 'since morning',
  'bp 190/110', 'sugar 45', 'oxygen 88', 'bukhar 103', 'temperature 40', 'pulse 140', 'hai', 'है', 'I have', 'my child', 'kal se',
  ',', '.', '!', 'पर', 'my 6 months old baby', '8 months pregnant',
];

const VITALS = [
  ['temperature_c', 35, 41.5], ['pulse_bpm', 40, 160], ['respiratory_rate', 10, 70], ['spo2_percent', 80, 100],
  ['systolic_bp', 80, 200], ['diastolic_bp', 50, 125], ['blood_glucose_mg_dl', 40, 450],
];

/** `count` requests from the exported knowledge base (`kb.gen.json`), without answers. */
export function generatedInputs(kb, count, seed) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const terms = kb.lexicon.f.flatMap(([, t]) => [...t.en, ...t.hi, ...t.rom]).map((t) => t.replace(/^=/, '').replace(/\*$/, 'ing'));
  const sites = [...kb.lexicon.site, ...kb.lexicon.mod].flatMap(([, t]) => [...t.en, ...t.hi, ...t.rom]).map((t) => t.replace(/^=/, '').replace(/\*$/, ''));
  const inputs = [];
  for (let n = 0; n < count; n++) {
    const words = [];
    const length = 1 + Math.floor(next() * 7);
    for (let i = 0; i < length; i++) {
      const r = next();
      words.push(r < 0.45 ? pick(terms) : r < 0.7 ? pick(sites) : pick(FILLERS));
    }
    let text = words.join(next() < 0.8 ? ' ' : ', ');
    if (next() < 0.15) text = text.toUpperCase();
    const months = next() < 0.12;
    const sex = pick(['female', 'male', 'female', 'male', 'other']);
    const input = {
      ...(months ? { age_months: Math.floor(next() * 60) } : { age: Math.round(next() * 900) / 10 }),
      sex,
      pregnant: sex !== 'male' && next() < 0.2 ? next() < 0.7 : null,
      text,
      language: next() < 0.35 ? 'hi' : 'en',
      answers: [],
      vitals: null,
    };
    if (next() < 0.25) {
      input.vitals = {};
      for (const [field, low, high] of VITALS) {
        if (next() < 0.4) input.vitals[field] = Math.round((low + next() * (high - low)) * 10) / 10;
      }
    }
    inputs.push(input);
  }
  return { inputs, pick };
}
