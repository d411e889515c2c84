// The start form of the symptom checker as plain data: what the person typed, checked and turned into the request the
// server and the offline engine both take. Pure, so it is tested without a browser.
import { VITAL_FIELDS, type Input, type Language, type Sex, type VitalField, type Vitals } from '../../triage/types';

export type AgeUnit = 'years' | 'months';
export type PregnantAnswer = 'yes' | 'no' | 'unknown';

export interface SymptomForm {
  age: string;
  ageUnit: AgeUnit;
  sex: Sex | null;
  pregnant: PregnantAnswer | null;
  text: string;
  vitals: Record<VitalField, string>;
}

/** Field → message id of what is wrong with it. */
export type FormErrors = Partial<Record<'age' | 'sex' | 'text' | VitalField, string>>;

export const emptyForm = (): SymptomForm => ({
  age: '',
  ageUnit: 'years',
  sex: null,
  pregnant: null,
  text: '',
  vitals: Object.fromEntries(VITAL_FIELDS.map(([f]) => [f, ''])) as Record<VitalField, string>,
});

/** A number as people type it on Indian phones: Devanagari digits, a decimal comma, spaces. Null when not a number. */
export function parseNumber(text: string): number | null {
  const ascii = text
    .trim()
    .replace(/[\u0966-\u096F]/g, (d) => String(d.charCodeAt(0) - 0x0966))
    .replace(',', '.');
  if (!/^[0-9]+(?:\.[0-9]+)?$/.test(ascii)) return null;
  return Number(ascii);
}

/** Age in years as typed, or null. */
function ageYears(form: SymptomForm): number | null {
  const n = parseNumber(form.age);
  if (n === null) return null;
  return form.ageUnit === 'months' ? n / 12 : n;
}

/** Pregnancy is asked of women and girls of child-bearing age (and of "other"). */
export function asksPregnancy(form: SymptomForm): boolean {
  const age = ageYears(form);
  return form.sex !== null && form.sex !== 'male' && age !== null && age >= 10 && age < 56;
}

/** Thermometers in India often read °F: 93–110 is taken as Fahrenheit (as the engine reads "bukhar 103"). */
function celsius(value: number): number {
  return value >= 93 && value <= 110 ? Math.round((((value - 32) * 5) / 9) * 10) / 10 : value;
}

/** The request, or what to fix first. */
export function toInput(form: SymptomForm, language: Language): { input: Input } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const age = parseNumber(form.age);
  if (age === null) errors.age = 'sym-check-age';
  else if ((form.ageUnit === 'months' ? age / 12 : age) > 120) errors.age = 'sym-check-age-range';
  if (form.sex === null) errors.sex = 'sym-check-sex';
  if (!form.text.trim()) errors.text = 'sym-check-text';
  const vitals: Vitals = {};
  for (const [field, low, high] of VITAL_FIELDS) {
    const typed = form.vitals[field].trim();
    if (!typed) continue;
    const n = parseNumber(typed);
    const value = n === null ? null : field === 'temperature_c' ? celsius(n) : n;
    if (value === null || value < low || value > high) errors[field] = 'sym-check-vital';
    else vitals[field] = value;
  }
  if (Object.keys(errors).length > 0 || age === null || form.sex === null) return { errors };
  const pregnant = asksPregnancy(form) && form.pregnant !== null && form.pregnant !== 'unknown' ? form.pregnant === 'yes' : null;
  return {
    input: {
      ...(form.ageUnit === 'months' ? { age_months: age } : { age }),
      sex: form.sex,
      pregnant,
      text: form.text.trim(),
      language,
      answers: [],
      vitals: Object.keys(vitals).length > 0 ? vitals : null,
    },
  };
}
