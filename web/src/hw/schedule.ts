// India's Universal Immunisation Programme schedule and the next dose a child is due, as crates/hw/src/follow_up/immunisation.rs
// (which documents the sources, the minimum gaps and the upper age limits).
import { addDays, addMonths } from './civil';
import type { NextDose } from './types';

type Age = { days: number } | { months: number };

export interface Dose {
  /** The option code in the immunisation form (`penta-2`). */
  code: string;
  at: Age;
  /** The previous dose of the series (given first) and the minimum days after it. */
  after?: [string, number];
  /** Not given from this age on. */
  until: Age;
}

const fromBirth = (dob: string, age: Age) => ('days' in age ? addDays(dob, age.days) : addMonths(dob, age.months));
const d = (days: number): Age => ({ days });
const m = (months: number): Age => ({ months });

export const SCHEDULE: readonly Dose[] = [
  { code: 'bcg', at: d(0), until: m(12) },
  { code: 'opv-0', at: d(0), until: d(15) },
  { code: 'hepb-0', at: d(0), until: d(1) },
  { code: 'opv-1', at: d(42), until: m(60) },
  { code: 'penta-1', at: d(42), until: m(12) },
  { code: 'rota-1', at: d(42), until: m(12) },
  { code: 'fipv-1', at: d(42), until: m(12) },
  { code: 'pcv-1', at: d(42), until: m(12) },
  { code: 'opv-2', at: d(70), after: ['opv-1', 28], until: m(60) },
  { code: 'penta-2', at: d(70), after: ['penta-1', 28], until: m(12) },
  { code: 'rota-2', at: d(70), after: ['rota-1', 28], until: m(12) },
  { code: 'opv-3', at: d(98), after: ['opv-2', 28], until: m(60) },
  { code: 'penta-3', at: d(98), after: ['penta-2', 28], until: m(12) },
  { code: 'rota-3', at: d(98), after: ['rota-2', 28], until: m(12) },
  { code: 'fipv-2', at: d(98), after: ['fipv-1', 56], until: m(12) },
  { code: 'pcv-2', at: d(98), after: ['pcv-1', 56], until: m(12) },
  { code: 'mr-1', at: m(9), until: m(60) },
  { code: 'je', at: m(9), until: m(180) },
  { code: 'pcv-booster', at: m(9), until: m(12) },
  { code: 'vitamin-a', at: m(9), until: m(60) },
  { code: 'mr-2', at: m(16), after: ['mr-1', 28], until: m(60) },
  { code: 'dpt-booster', at: m(16), after: ['penta-3', 180], until: m(84) },
];

/** The next dose for a child born on `dob` who has had `given` (code → date given), as of `today`; null when none is left to give. */
export function nextVaccine(dob: string, given: Record<string, string>, today: string): NextDose | null {
  let next: NextDose | null = null;
  for (const dose of SCHEDULE) {
    if (given[dose.code] !== undefined) continue;
    const limit = fromBirth(dob, dose.until);
    let due = fromBirth(dob, dose.at);
    if (dose.after) {
      const on = given[dose.after[0]];
      if (on === undefined) continue; // a series goes in order
      const earliest = addDays(on, dose.after[1]);
      if (earliest > due) due = earliest;
    }
    if (today >= limit || due >= limit) continue;
    if (next === null || due < next.due) next = { code: dose.code, due };
  }
  return next;
}
