// Measurements written in the text ("bp 190/110", "sugar 45", "bukhar 103"), used when no vitals were sent
// (a port of crates/triage/src/text/readings.rs).
import type { Lexicon } from '../lexicon/lexicon';
import { noReadings, type Readings } from '../types';
import type { Token } from './normalise';

/** How many words after the keyword a number may follow. */
const LOOK_AHEAD = 4;

function numberNear(tokens: Token[], from: number, to: number, sentence: number): [number, number] | null {
  for (let k = from; k < Math.min(to, tokens.length); k++) {
    const token = tokens[k]!;
    if (token.sentence !== sentence) return null;
    if (token.number !== null) return [k, token.number];
  }
  return null;
}

/** A temperature in °C; values that look like Fahrenheit are converted. */
function celsius(value: number): number | null {
  if (value >= 93 && value <= 110) return ((value - 32) * 5) / 9;
  if (value >= 34 && value <= 43.5) return value;
  return null;
}

const within = (v: number | undefined, low: number, high: number) => v !== undefined && v >= low && v <= high;

/** Readings found in the text. */
export function readings(tokens: Token[], lexicon: Lexicon): Readings {
  const vitals = noReadings();
  for (const word of lexicon.readings.find(tokens)) {
    const sentence = tokens[word.start]!.sentence;
    const after = numberNear(tokens, word.end, word.end + LOOK_AHEAD, sentence);
    switch (word.kind) {
      case 'temperature': {
        const before = numberNear(tokens, Math.max(0, word.start - 2), word.start, sentence);
        let c: number | null = null;
        for (const hit of [after, before]) {
          if (hit && c === null) c = celsius(hit[1]);
        }
        if (c !== null) vitals.temperature_c = vitals.temperature_c === null ? c : Math.max(vitals.temperature_c, c);
        break;
      }
      case 'bp': {
        if (!after) break;
        const [k, systolic] = after;
        const next = tokens[k + 1];
        const diastolic = next?.afterSlash ? next.number : null;
        if (diastolic !== null && within(systolic, 60, 300) && within(diastolic, 30, 200)) {
          vitals.systolic_bp = systolic;
          vitals.diastolic_bp = diastolic;
        }
        break;
      }
      case 'sugar':
        if (within(after?.[1], 20, 1_000)) vitals.blood_glucose_mg_dl = after![1];
        break;
      case 'oxygen':
        if (within(after?.[1], 50, 100)) vitals.spo2_percent = after![1];
        break;
      case 'pulse':
        if (within(after?.[1], 30, 250)) vitals.pulse_bpm = after![1];
        break;
    }
  }
  return vitals;
}
