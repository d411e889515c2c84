// The symptom checker's wire types (the server's, from the generated schema) and the order of urgency levels.
import type { components } from '../api/schema';

type Schemas = components['schemas'];
export type Input = Schemas['Input'];
export type Output = Schemas['Output'];
export type Triage = Schemas['Triage'];
export type Sex = Schemas['Sex'];
export type Language = Schemas['Language'];
export type Answer = Schemas['Answer'];
export type Vitals = Schemas['Vitals'];
export type Question = Schemas['Question'];
export type Bilingual = Schemas['Bilingual'];
export type FindingSource = Schemas['FindingSource'];
export type RankedCondition = Schemas['RankedCondition'];
export type FiredRedFlag = Schemas['FiredRedFlag'];
export type Helpline = Schemas['Helpline'];
export type UnderstoodFinding = Schemas['UnderstoodFinding'];
export type FindingRef = Schemas['FindingRef'];

/** Levels from least to most urgent: the order is meaningful (a higher index is safer). */
export const LEVELS: readonly Triage[] = ['self_care', 'see_doctor', 'urgent', 'emergency'];

export const rank = (level: Triage): number => LEVELS.indexOf(level);

/** The more urgent of two levels. */
export const maxLevel = (a: Triage, b: Triage): Triage => (rank(a) >= rank(b) ? a : b);

/** The vital-sign fields with their wire names and plausible ranges (as crates/triage/src/input.rs). */
export const VITAL_FIELDS = [
  ['temperature_c', 25, 45],
  ['pulse_bpm', 20, 260],
  ['respiratory_rate', 3, 120],
  ['spo2_percent', 40, 100],
  ['systolic_bp', 40, 320],
  ['diastolic_bp', 20, 220],
  ['blood_glucose_mg_dl', 10, 1_500],
] as const;

export type VitalField = (typeof VITAL_FIELDS)[number][0];

/** A complete set of readings, each measured or null. */
export type Readings = Record<VitalField, number | null>;

export const noReadings = (): Readings => ({
  temperature_c: null,
  pulse_bpm: null,
  respiratory_rate: null,
  spo2_percent: null,
  systolic_bp: null,
  diastolic_bp: null,
  blood_glucose_mg_dl: null,
});

/** Measured values win over those read from the text. */
export function readingsOr(measured: Vitals | null | undefined, fromText: Readings): Readings {
  const out = noReadings();
  for (const [field] of VITAL_FIELDS) out[field] = measured?.[field] ?? fromText[field];
  return out;
}

/** The validated person the engine reasons about. */
export interface Person {
  ageYears: number;
  sex: Sex;
  pregnant: boolean | null;
  language: Language;
}
