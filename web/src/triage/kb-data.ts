// The shape of kb.gen.json, written by scripts/export-kb.mjs from crates/triage/kb/*.toml: the data as written,
// with maps as [key, value] lists in the Rust engine's (BTreeMap) order.
import type { Bilingual, Sex, Triage } from './types';

export type Entries<V> = [string, V][];

export interface RawTerms {
  en: string[];
  hi: string[];
  rom: string[];
}

export interface RawFinding {
  id: string;
  en: string;
  hi: string;
  q: Bilingual;
  leak: number;
  group?: string;
  sex?: Sex;
  min_age?: number;
  max_age?: number;
  implies?: string[];
  ask?: boolean;
  context?: boolean;
}

export interface RawCondition {
  id: string;
  icd10: string;
  name: Bilingual;
  urgency: Triage;
  prior: number;
  age: Entries<number>;
  sex: Entries<number>;
  findings: [string, number][];
  advice: Bilingual;
}

export interface RawRule {
  id: string;
  label: Bilingual;
  min: Triage;
  src: string;
  crisis?: boolean;
  age_min?: number;
  age_max?: number;
  all?: string[];
  any?: string[];
  min_any?: number;
  screen_if?: string[];
}

export interface RawLexicon {
  f: Entries<RawTerms>;
  site: Entries<RawTerms>;
  mod: Entries<RawTerms>;
  combine: Entries<string>;
  unpaired: Entries<string>;
  pregnancy_bleeding: { modifier: string; finding: string };
  fallback: Entries<string>;
  severe_variant: Entries<string>;
  severity: RawTerms;
  mild: RawTerms;
  negation: {
    pre_window: number;
    post_window: number;
    pre: RawTerms;
    post: RawTerms;
    both: RawTerms;
    pseudo: RawTerms;
    boundary: RawTerms;
    stop_post: RawTerms;
    stop_pre: RawTerms;
    conjunctions: RawTerms;
  };
  duration: {
    units: Entries<RawTerms & { days: number }>;
    numbers: Entries<RawTerms & { value: number }>;
    phrases: Entries<RawTerms & { days: number }>;
    ago: RawTerms;
    every: RawTerms;
    age_markers: RawTerms;
  };
  readings: Record<'temperature' | 'bp' | 'sugar' | 'oxygen' | 'pulse', RawTerms>;
}

export interface KbData {
  version: string;
  sources: Entries<string>;
  findings: RawFinding[];
  choice_questions: { id: string; group: string; q: Bilingual }[];
  conditions: RawCondition[];
  rules: RawRule[];
  lexicon: RawLexicon;
  texts: {
    level: Entries<Bilingual>;
    not_understood: Bilingual;
    crisis: Bilingual;
    disclaimer: Bilingual;
    helplines: Entries<{ number: string; name: Bilingual }>;
  };
}
