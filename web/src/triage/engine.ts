// The offline symptom checker: one evaluation from input to answer in the server's fixed order — understand the text,
// apply red flags, rank, pick the next question, compose the advice (a port of crates/triage/src/engine.rs, run on
// the same knowledge base data, kb.gen.json). Pure: no I/O, no clock, no randomness.
import { Evidence } from './evidence';
import { validate } from './input';
import { nextQuestion as interviewQuestion } from './interview';
import { buildKnowledgeBase, type KnowledgeBase } from './kb';
import kbData from './kb.gen.json';
import type { KbData } from './kb-data';
import { posterior as computePosterior, ranked, type Posterior } from './model';
import { evaluateRules, type RedFlags } from './red-flags';
import { understand } from './text/understand';
import { rankingTriage } from './triage-level';
import {
  maxLevel,
  rank,
  readingsOr,
  type FindingRef,
  type Helpline,
  type Input,
  type Output,
  type Person,
  type RankedCondition,
  type Triage,
} from './types';

/** Conditions returned in `Output.conditions`. */
export const MAX_CONDITIONS = 10;
/** Explanations listed per condition. */
const MAX_REASONS = 5;
/** The top condition's own advice is added when it is this probable and matches the triage level. */
const ADVICE_MIN_PROBABILITY = 0.25;

let shared: KnowledgeBase | null = null;

/** The embedded knowledge base, indexed on first use. */
export function knowledgeBase(): KnowledgeBase {
  shared ??= buildKnowledgeBase(kbData as unknown as KbData);
  return shared;
}

/** Evaluates one request offline; throws an InputError (with the server's code) for an invalid request. */
export function evaluate(input: Input, kb: KnowledgeBase = knowledgeBase()): Output {
  const person = validate(input);
  const understood = understand(input.text ?? '', kb, person.pregnant === true);
  const vitals = readingsOr(input.vitals, understood.readings);
  const evidence = Evidence.build(kb, person, understood, vitals, input.answers ?? []);
  const flags = evaluateRules(kb, person, evidence, vitals);
  const posterior = computePosterior(kb, person, evidence);
  const complaint = evidence.anyComplaint();
  let triage: Triage = complaint ? rankingTriage(kb, person, evidence) : 'see_doctor';
  if (flags.minimum !== null) triage = maxLevel(maxLevel(triage, flags.minimum), 'see_doctor');
  const nextQuestion = interviewQuestion(kb, person, evidence, vitals, posterior, triage);
  const leading = complaint ? ranked(kb, posterior).slice(0, MAX_CONDITIONS) : [];
  return {
    triage,
    red_flags: flags.fired.map((i) => {
      const rule = kb.rules[i]!;
      return { id: rule.id, label: rule.label, source: kb.cite(rule.source), min_triage: rule.min };
    }),
    conditions: leading.map((cx) => explain(kb, cx, posterior, evidence)),
    next_question: nextQuestion,
    advice: advice(kb, person, triage, complaint, flags, leading, posterior),
    disclaimer: kb.texts.disclaimer[person.language],
    crisis: flags.crisis,
    helplines: helplines(kb, triage, flags.crisis),
    understood: evidence
      .known()
      .filter(([, o]) => o.present || o.source !== 'inferred')
      .map(([fx, o]) => ({ id: kb.findings[fx]!.id, label: kb.findings[fx]!.label, present: o.present, source: o.source })),
    duration_days: understood.durationDays,
    kb_version: kb.version,
  };
}

const findingRef = (kb: KnowledgeBase, fx: number): FindingRef => ({ id: kb.findings[fx]!.id, label: kb.findings[fx]!.label });

/** Strongest first, ties by vocabulary order. */
const byWeight = (a: [number, number], b: [number, number]) => (b[0] !== a[0] ? (b[0] > a[0] ? 1 : -1) : a[1] - b[1]);

function explain(kb: KnowledgeBase, cx: number, posterior: Posterior, evidence: Evidence): RankedCondition {
  const c = kb.conditions[cx]!;
  const known = evidence.known();
  const supporting = known
    .filter(([fx, o]) => o.present && c.likelihood[fx]! > kb.findings[fx]!.leak * 1.5)
    .map(([fx]): [number, number] => [c.likelihood[fx]! / kb.findings[fx]!.leak, fx])
    .sort(byWeight);
  const against = known
    .filter(([fx, o]) => !o.present && c.likelihood[fx]! >= 0.3)
    .map(([fx]): [number, number] => [c.likelihood[fx]!, fx])
    .sort(byWeight);
  return {
    id: c.id,
    name: c.name,
    icd10: c.icd10,
    probability: Math.round(posterior.probs[cx]! * 1e4) / 1e4,
    urgency: c.urgency,
    for: supporting.slice(0, MAX_REASONS).map(([, fx]) => findingRef(kb, fx)),
    against: against.slice(0, MAX_REASONS).map(([, fx]) => findingRef(kb, fx)),
  };
}

function advice(kb: KnowledgeBase, person: Person, triage: Triage, complaint: boolean, flags: RedFlags, leading: number[], posterior: Posterior): string {
  const language = person.language;
  const parts: string[] = [];
  if (flags.crisis) parts.push(kb.texts.crisis[language]);
  if (!complaint) parts.push(kb.texts.notUnderstood[language]);
  parts.push(kb.texts.level[rank(triage)]![language]);
  const first = leading[0];
  if (first !== undefined && kb.conditions[first]!.urgency === triage && posterior.probs[first]! >= ADVICE_MIN_PROBABILITY) {
    parts.push(kb.conditions[first]!.advice[language]);
  }
  return parts.join(' ');
}

function helplines(kb: KnowledgeBase, triage: Triage, crisis: boolean): Helpline[] {
  const ids: string[] = [];
  if (crisis) ids.push('tele_manas_14416', 'tele_manas_toll_free', 'emergency_112');
  if (triage === 'emergency') ids.push('ambulance_108', 'emergency_112');
  return [...new Set(ids)].flatMap((id) => {
    const h = kb.texts.helplines.get(id);
    return h ? [{ id, name: h.name, number: h.number }] : [];
  });
}
