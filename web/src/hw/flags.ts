// The clinical flags each form raises from its enabled answers and scores, as crates/hw/src/flags.rs (which names each flag's source).
import type { Answer } from './types';

export const CBAC_REFER = 'cbac-refer';
export const CBAC_REFER_ABOVE = 4;
export const CBAC_SYMPTOM = 'cbac-symptom';
export const TB_PRESUMPTIVE = 'tb-presumptive';
export const ANC_DANGER = 'anc-danger';
const ANC_SYSTOLIC_HIGH = 140;
const ANC_DIASTOLIC_HIGH = 90;
const ANC_HB_SEVERE_BELOW = 7;

const CBAC_TB_SYMPTOMS = ['cough-2-weeks', 'blood-in-sputum', 'fever-2-weeks', 'weight-loss', 'night-sweats'];
const CBAC_OTHER_SYMPTOMS = ['breathless', 'mouth-ulcer', 'breast-lump'];
const TB_SCREEN = ['cough-2-weeks', 'fever-2-weeks', 'weight-loss', 'night-sweats', 'blood-in-sputum', 'tb-contact'];

/** What the flags read: an item's effective answers (none when disabled) and an enabled score. */
export interface Facts {
  answersOf(linkId: string): Answer[];
  scoreOf(linkId: string): number | null;
}

const isYes = (a: Answer) => 'boolean' in a && a.boolean;
const numbers = (answers: Answer[]) => answers.flatMap((a) => ('integer' in a ? [a.integer] : 'decimal' in a ? [a.decimal] : []));
const anyYes = (facts: Facts, links: string[]) => links.some((l) => facts.answersOf(l).some(isYes));

export function raised(formId: string, facts: Facts): string[] {
  const flags: string[] = [];
  const raise = (flag: string, when: boolean) => {
    if (when) flags.push(flag);
  };
  switch (formId) {
    case 'hw-cbac':
      raise(CBAC_REFER, (facts.scoreOf('score') ?? 0) > CBAC_REFER_ABOVE);
      raise(TB_PRESUMPTIVE, anyYes(facts, CBAC_TB_SYMPTOMS));
      raise(CBAC_SYMPTOM, anyYes(facts, CBAC_OTHER_SYMPTOMS));
      break;
    case 'hw-tb':
      raise(TB_PRESUMPTIVE, anyYes(facts, TB_SCREEN));
      break;
    case 'hw-anc': {
      const sign = facts.answersOf('danger-signs').some((a) => 'code' in a && a.code !== 'none');
      const highBp =
        numbers(facts.answersOf('bp-systolic')).some((n) => n >= ANC_SYSTOLIC_HIGH) ||
        numbers(facts.answersOf('bp-diastolic')).some((n) => n >= ANC_DIASTOLIC_HIGH);
      const severeAnaemia = numbers(facts.answersOf('hb')).some((n) => n < ANC_HB_SEVERE_BELOW);
      raise(ANC_DANGER, sign || highBp || severeAnaemia);
      break;
    }
  }
  return flags.sort();
}
