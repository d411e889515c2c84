// Validation of a symptom-check request into the person the engine reasons about, with the server's error codes
// (a port of crates/triage/src/input.rs and error.rs).
import { VITAL_FIELDS, type Input, type Person } from './types';

/** Longest free text accepted, in characters. */
export const MAX_TEXT_CHARS = 4_000;
/** Most answers accepted in one request. */
export const MAX_ANSWERS = 64;

export type InputErrorCode =
  | 'triage_missing_age'
  | 'triage_invalid_age'
  | 'triage_text_too_long'
  | 'triage_too_many_answers'
  | 'triage_vital_out_of_range'
  | 'triage_invalid_answer';

/** Why a request cannot be evaluated; `code` is the one the server sends (`error-<code>` in the app's strings). */
export class InputError extends Error {
  constructor(
    readonly code: InputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const checked = (value: number, low: number, high: number) => Number.isFinite(value) && value >= low && value <= high;

/** Checks ranges and lengths, so the engine never reasons about impossible values. */
export function validate(input: Input): Person {
  let ageYears: number;
  if (input.age_months !== null && input.age_months !== undefined) {
    if (!checked(input.age_months, 0, 1_440)) throw new InputError('triage_invalid_age', 'age must be between 0 and 120 years');
    ageYears = input.age_months / 12;
  } else if (input.age !== null && input.age !== undefined) {
    if (!checked(input.age, 0, 120)) throw new InputError('triage_invalid_age', 'age must be between 0 and 120 years');
    ageYears = input.age;
  } else {
    throw new InputError('triage_missing_age', 'either `age` (years) or `age_months` is required');
  }
  if (Array.from(input.text ?? '').length > MAX_TEXT_CHARS) {
    throw new InputError('triage_text_too_long', `text is longer than ${MAX_TEXT_CHARS} characters`);
  }
  if ((input.answers ?? []).length > MAX_ANSWERS) throw new InputError('triage_too_many_answers', `more than ${MAX_ANSWERS} answers`);
  for (const [field, low, high] of VITAL_FIELDS) {
    const value = input.vitals?.[field];
    if (value !== null && value !== undefined && !checked(value, low, high)) {
      throw new InputError('triage_vital_out_of_range', `vital sign \`${field}\` must be between ${low} and ${high}`);
    }
  }
  return { ageYears, sex: input.sex, pregnant: input.pregnant ?? null, language: input.language ?? 'en' };
}
