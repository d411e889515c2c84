// Red-flag rules, applied before any ranking: each fired rule sets a minimum urgency that nothing later may lower;
// rules that could still fire supply the first interview questions (a port of crates/triage/src/red_flags.rs).
import type { Evidence } from './evidence';
import { appliesTo, ruleAppliesToAge, type Criterion, type KnowledgeBase, type Rule, type VitalCriterion } from './kb';
import { maxLevel, rank, type Person, type Readings, type Triage } from './types';

/** The outcome of the rules for one evaluation. */
export interface RedFlags {
  /** Indices of fired rules, in rule order. */
  fired: number[];
  /** The highest minimum among fired rules. */
  minimum: Triage | null;
  /** Whether a crisis (suicidal ideation) rule fired. */
  crisis: boolean;
}

function vitalHolds(c: VitalCriterion, vitals: Readings): boolean {
  const value = vitals[c.field];
  if (value === null) return false;
  switch (c.op) {
    case '<':
      return value < c.limit;
    case '<=':
      return value <= c.limit;
    case '>':
      return value > c.limit;
    case '>=':
      return value >= c.limit;
  }
}

function holds(c: Criterion, evidence: Evidence, vitals: Readings): boolean {
  return 'finding' in c ? evidence.isPresent(c.finding) : vitalHolds(c, vitals);
}

function fires(rule: Rule, person: Person, evidence: Evidence, vitals: Readings): boolean {
  return (
    ruleAppliesToAge(rule, person.ageYears) &&
    rule.all.every((c) => holds(c, evidence, vitals)) &&
    rule.any.filter((c) => holds(c, evidence, vitals)).length >= rule.minAny
  );
}

/** Applies every rule. */
export function evaluateRules(kb: KnowledgeBase, person: Person, evidence: Evidence, vitals: Readings): RedFlags {
  const flags: RedFlags = { fired: [], minimum: null, crisis: false };
  kb.rules.forEach((rule, i) => {
    if (!fires(rule, person, evidence, vitals)) return;
    flags.fired.push(i);
    flags.minimum = flags.minimum === null ? rule.min : maxLevel(flags.minimum, rule.min);
    flags.crisis ||= rule.crisis;
  });
  return flags;
}

/** Findings worth asking about, first to last, because a rule stricter than `current` could still fire. */
export function screeningCandidates(kb: KnowledgeBase, person: Person, evidence: Evidence, vitals: Readings, current: Triage): number[] {
  const askable = (fx: number) => {
    const f = kb.findings[fx]!;
    return f.ask && f.group === null && appliesTo(f, person.ageYears, person.sex) && evidence.get(fx) === null && !evidence.wasAsked(fx);
  };
  const possible = (c: Criterion) => ('finding' in c ? !evidence.isAbsent(c.finding) : holds(c, evidence, vitals));
  const out: number[] = [];
  for (const rule of kb.rules) {
    if (rank(rule.min) <= rank(current) || !ruleAppliesToAge(rule, person.ageYears) || fires(rule, person, evidence, vitals)) continue;
    if (!rule.all.every(possible) || rule.any.filter(possible).length < rule.minAny) continue;
    const allPresent = rule.all.some((c) => 'finding' in c && evidence.isPresent(c.finding));
    const relevant = rule.screenAnyComplaint
      ? evidence.anyComplaint()
      : rule.screenIf.length === 0
        ? allPresent
        : allPresent || rule.screenIf.some((fx) => evidence.isPresent(fx));
    if (!relevant) continue;
    for (const c of [...rule.all, ...rule.any]) {
      if ('finding' in c && askable(c.finding) && !out.includes(c.finding)) out.push(c.finding);
    }
  }
  return out;
}
