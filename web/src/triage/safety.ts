// The clinical-safety floor the screen applies to every answer, from the server or from this phone: red flags set a
// minimum urgency that nothing may lower, and a fired red flag never leaves "self care" (docs/CLINICAL.md §1).
import { maxLevel, type Output, type Triage } from './types';

/** The answer with its urgency raised to what its own red flags demand (unchanged when it already is). */
export function withSafetyFloor(out: Output): Output {
  if (out.red_flags.length === 0) return out;
  const floor = out.red_flags.reduce<Triage>((level, flag) => maxLevel(level, flag.min_triage), 'see_doctor');
  const triage = maxLevel(out.triage, floor);
  return triage === out.triage ? out : { ...out, triage, next_question: triage === 'emergency' ? null : out.next_question };
}
