// Urgency from the ranking, made monotone: the most urgent reading of any small subset of the present symptoms, so
// that saying more can never lower urgency (a port of crates/triage/src/model/triage.rs).
import type { Evidence } from './evidence';
import type { KnowledgeBase } from './kb';
import { exp, ln } from './libm';
import { lnLikelihood, prior, UNEXPLAINED_SHARE } from './model';
import { LEVELS, maxLevel, rank, type Person, type Triage } from './types';

/** Posterior mass of conditions at least this urgent that raises triage to that level (tuned on the dev set). */
const TRIAGE_THRESHOLDS: [Triage, number][] = [
  ['emergency', 0.2],
  ['urgent', 0.45],
  ['see_doctor', 0.5],
];

/** Most symptoms, and most context facts, combined in one subset. */
const SUBSET_SYMPTOMS = 3;
const SUBSET_CONTEXT = 2;

/**
 * The level whose cumulative posterior mass first passes its threshold, most urgent first. `logs` holds unnormalised
 * log-weights of every condition, then of the unexplained hypothesis, which counts as "see a doctor" (the safer reading).
 */
function levelOf(logs: Float64Array, urgency: number[]): Triage {
  let max = -Infinity;
  for (const l of logs) max = Math.max(max, l);
  const mass = [0, 0, 0, 0];
  let total = 0;
  logs.forEach((l, i) => {
    const w = exp(l - max);
    total += w;
    mass[urgency[i] ?? rank('see_doctor')]! += w;
  });
  const atLeast = (level: Triage) => {
    let sum = 0;
    for (let r = rank(level); r < LEVELS.length; r++) sum += mass[r]!;
    return sum / total;
  };
  return TRIAGE_THRESHOLDS.find(([level, threshold]) => atLeast(level) >= threshold)?.[0] ?? 'self_care';
}

/** Index combinations of `0..n` with sizes from `min` to `max`. */
export function combinations(n: number, min: number, max: number): number[][] {
  const out: number[][] = [];
  const walk = (chosen: number[], next: number) => {
    if (chosen.length >= min) out.push(chosen);
    if (chosen.length === max) return;
    for (let i = next; i < n; i++) walk([...chosen, i], i + 1);
  };
  walk([], 0);
  return out;
}

/**
 * The urgency the ranking suggests: the most urgent level reached by the posterior given any small subset of the
 * present symptoms (with any few context facts, and every denied finding). Denied findings are always used, so "no"
 * answers can still rule conditions out.
 */
export function rankingTriage(kb: KnowledgeBase, person: Person, evidence: Evidence): Triage {
  const n = kb.conditions.length;
  const priors = kb.conditions.map((_, i) => prior(kb, i, person));
  const totalPrior = priors.reduce((a, b) => a + b, 0);
  const base = new Float64Array(n + 1);
  priors.forEach((p, h) => (base[h] = p > 0 ? ln(p) : -Infinity));
  base[n] = ln(UNEXPLAINED_SHARE * totalPrior);
  const symptoms: number[] = [];
  const context: number[] = [];
  for (const [fx, o] of evidence.known()) {
    const finding = kb.findings[fx]!;
    // The present member of an exclusive group (e.g. "over two weeks") carries the information; its siblings'
    // absence must not make saying more lower urgency.
    if (!o.present && finding.group !== null) continue;
    if (!o.present) {
      for (let h = 0; h <= n; h++) base[h]! += lnLikelihood(kb, h, fx, false);
    } else if (finding.context) {
      context.push(fx);
    } else {
      symptoms.push(fx);
    }
  }
  const urgency = kb.conditions.map((c) => rank(c.urgency));
  const logs = new Float64Array(n + 1);
  let best: Triage = 'self_care';
  for (const contextPart of combinations(context.length, 0, SUBSET_CONTEXT)) {
    for (const symptomPart of combinations(symptoms.length, 1, SUBSET_SYMPTOMS)) {
      logs.set(base);
      for (const f of [...contextPart.map((i) => context[i]!), ...symptomPart.map((i) => symptoms[i]!)]) {
        for (let h = 0; h <= n; h++) logs[h]! += lnLikelihood(kb, h, f, true);
      }
      best = maxLevel(best, levelOf(logs, urgency));
      if (best === 'emergency') return best;
    }
  }
  return best;
}
