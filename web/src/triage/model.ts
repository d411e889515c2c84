// The ranking model: naive Bayes over the knowledge base's conditions with noisy-OR likelihoods (a leak probability
// explains findings a condition does not), plus an "unexplained" hypothesis (a port of crates/triage/src/model/mod.rs).
import type { Evidence } from './evidence';
import { ageBand, type KnowledgeBase } from './kb';
import { exp, ln } from './libm';
import type { Person } from './types';

/** Prior mass of "none of the knowledge base's conditions" relative to all conditions together. */
export const UNEXPLAINED_SHARE = 0.1;

/** Probabilities of each condition, and of the unexplained hypothesis. */
export interface Posterior {
  probs: number[];
  unexplained: number;
}

/** Rust's `f64::clamp`. */
export const clamp = (p: number): number => Math.min(Math.max(p, 1e-9), 1 - 1e-9);

/** Conditions by decreasing probability (ties by id, so results are deterministic). */
export function ranked(kb: KnowledgeBase, posterior: Posterior): number[] {
  const order = posterior.probs.map((_, i) => i);
  order.sort((a, b) => {
    const d = posterior.probs[b]! - posterior.probs[a]!;
    if (d !== 0) return d > 0 ? 1 : -1;
    const x = kb.conditions[a]!.id;
    const y = kb.conditions[b]!.id;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order;
}

/** The largest condition probability. */
export const top = (posterior: Posterior): number => posterior.probs.reduce((m, p) => Math.max(m, p), 0);

/** The prior weight of a condition for this person. */
export function prior(kb: KnowledgeBase, cx: number, person: Person): number {
  const c = kb.conditions[cx]!;
  const sex = person.sex === 'female' ? c.femaleWeight : person.sex === 'male' ? c.maleWeight : (c.femaleWeight + c.maleWeight) / 2;
  return c.prior * c.ageWeights[ageBand(person.ageYears)]! * sex;
}

const LOG_TABLES = new WeakMap<KnowledgeBase, Float64Array>();

/**
 * ln P(finding present | hypothesis) (`present`) or ln P(absent) for hypothesis `h` (a condition, or `n` for the
 * unexplained hypothesis at the leak), clamped away from 0 and 1. Memoised per knowledge base: the correctly rounded
 * logarithm is slower than Math.log, and the same few thousand values recur in every evaluation.
 */
export function lnLikelihood(kb: KnowledgeBase, h: number, f: number, present: boolean): number {
  let table = LOG_TABLES.get(kb);
  if (!table) {
    table = new Float64Array((kb.conditions.length + 1) * kb.findings.length * 2).fill(NaN);
    LOG_TABLES.set(kb, table);
  }
  const slot = ((h * kb.findings.length + f) << 1) | (present ? 0 : 1);
  let value = table[slot]!;
  if (Number.isNaN(value)) {
    const p = clamp(h < kb.conditions.length ? kb.conditions[h]!.likelihood[f]! : kb.findings[f]!.leak);
    value = ln(present ? p : 1 - p);
    table[slot] = value;
  }
  return value;
}

function logLikelihood(kb: KnowledgeBase, h: number, evidence: Evidence): number {
  let sum = 0;
  for (const [fx, o] of evidence.known()) sum += lnLikelihood(kb, h, fx, o.present);
  return sum;
}

/** The posterior over conditions given the evidence. */
export function posterior(kb: KnowledgeBase, person: Person, evidence: Evidence): Posterior {
  const priors = kb.conditions.map((_, i) => prior(kb, i, person));
  const totalPrior = priors.reduce((a, b) => a + b, 0);
  const n = kb.conditions.length;
  const logs = priors.map((p, h) => (p > 0 ? ln(p) + logLikelihood(kb, h, evidence) : -Infinity));
  logs.push(ln(UNEXPLAINED_SHARE * totalPrior) + logLikelihood(kb, n, evidence));
  const max = logs.reduce((m, l) => Math.max(m, l), -Infinity);
  const weights = logs.map((l) => exp(l - max));
  const sum = weights.reduce((a, b) => a + b, 0);
  const probs = weights.map((w) => w / sum);
  const unexplained = probs.pop() ?? 0;
  return { probs, unexplained };
}
