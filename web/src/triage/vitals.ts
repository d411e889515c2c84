// Findings that follow from measured vital signs: fever, IMCI age-specific fast breathing, and readings
// (a port of crates/triage/src/vitals.rs).
import type { KnowledgeBase } from './kb';
import type { Person, Readings } from './types';

/** IMCI fever threshold (axillary), °C. */
const FEVER_C = 37.5;
const HIGH_FEVER_C = 39;

/** Breaths per minute counted as fast for this age (WHO IMCI for under-fives). */
export function fastBreathingThreshold(ageYears: number): number {
  if (ageYears < 2 / 12) return 60;
  if (ageYears < 1) return 50;
  if (ageYears < 5) return 40;
  if (ageYears < 12) return 30;
  return 24;
}

/** Findings set by the measured values, as [finding, present]. */
export function derivedFindings(kb: KnowledgeBase, person: Person, vitals: Readings): [number, boolean][] {
  const out: [number, boolean][] = [];
  const set = (id: string, present: boolean) => {
    const fx = kb.fx(id);
    if (fx !== undefined) out.push([fx, present]);
  };
  const t = vitals.temperature_c;
  if (t !== null) {
    if (t >= FEVER_C) set('fever', true);
    if (t >= HIGH_FEVER_C) set('high_fever', true);
  }
  if (vitals.respiratory_rate !== null) set('fast_breathing', vitals.respiratory_rate >= fastBreathingThreshold(person.ageYears));
  if (vitals.spo2_percent !== null) set('low_oxygen_reading', vitals.spo2_percent < 94);
  const highBp = (vitals.systolic_bp !== null && vitals.systolic_bp >= 140) || (vitals.diastolic_bp !== null && vitals.diastolic_bp >= 90);
  if (highBp) set('high_bp_reading', true);
  else if (vitals.systolic_bp !== null && vitals.diastolic_bp !== null) set('high_bp_reading', false);
  const glucose = vitals.blood_glucose_mg_dl;
  if (glucose !== null) {
    set('low_blood_sugar_reading', glucose < 70);
    set('high_blood_sugar_reading', glucose > 250);
  }
  return out;
}
