// The knowledge base indexed for the engine: findings, groups, conditions with dense noisy-OR likelihoods, red-flag
// rules and the lexicon, built from kb.gen.json as crates/triage/src/kb/build.rs builds it from the TOML files.
import type { KbData, RawCondition, RawRule } from './kb-data';
import { compileLexicon, type Lexicon } from './lexicon/lexicon';
import { VITAL_FIELDS, type Bilingual, type Sex, type Triage, type VitalField } from './types';

/** Age bands used by priors, youngest first, with their upper limits in years. */
export const AGE_BANDS: [string, number][] = [
  ['neonate', 2 / 12],
  ['infant', 1],
  ['toddler', 5],
  ['child', 15],
  ['adult', 40],
  ['middle', 65],
  ['elderly', Infinity],
];

export function ageBand(ageYears: number): number {
  const i = AGE_BANDS.findIndex(([, upper]) => ageYears < upper);
  return i < 0 ? AGE_BANDS.length - 1 : i;
}

/** Smallest P(finding | condition) for a group member the condition does not list. */
const GROUP_FLOOR = 0.005;

export interface Finding {
  id: string;
  label: Bilingual;
  question: Bilingual;
  leak: number;
  group: number | null;
  sex: Sex | null;
  minAge: number | null;
  maxAge: number | null;
  implies: number[];
  ask: boolean;
  /** A risk factor, exposure or timing rather than a symptom. */
  context: boolean;
}

/** Whether a finding can apply to a person of this age and sex. */
export function appliesTo(f: Finding, ageYears: number, sex: Sex): boolean {
  const sexOk = f.sex === null || sex === f.sex || sex === 'other';
  return sexOk && (f.minAge === null || ageYears >= f.minAge) && (f.maxAge === null || ageYears < f.maxAge);
}

/** A choice question over a group of mutually exclusive findings. */
export interface Group {
  id: string;
  question: Bilingual;
  members: number[];
}

export interface Condition {
  id: string;
  icd10: string;
  name: Bilingual;
  urgency: Triage;
  prior: number;
  ageWeights: number[];
  femaleWeight: number;
  maleWeight: number;
  /** P(finding present | condition) for every finding, leak and groups included. */
  likelihood: number[];
  /** The findings the data lists, with their raw probability. */
  listed: [number, number][];
  advice: Bilingual;
}

export type Op = '<' | '<=' | '>' | '>=';
export type VitalCriterion = { field: VitalField; op: Op; limit: number };
export type Criterion = { finding: number } | VitalCriterion;

export interface Rule {
  id: string;
  label: Bilingual;
  min: Triage;
  source: string;
  crisis: boolean;
  ageMin: number | null;
  ageMax: number | null;
  all: Criterion[];
  any: Criterion[];
  minAny: number;
  screenAnyComplaint: boolean;
  screenIf: number[];
}

/** Whether the rule's age limits include this person (min inclusive, max exclusive). */
export const ruleAppliesToAge = (r: Rule, ageYears: number): boolean =>
  (r.ageMin === null || ageYears >= r.ageMin) && (r.ageMax === null || ageYears < r.ageMax);

export interface Texts {
  /** Advice per level, least urgent first. */
  level: Bilingual[];
  notUnderstood: Bilingual;
  crisis: Bilingual;
  disclaimer: Bilingual;
  helplines: Map<string, { number: string; name: Bilingual }>;
}

export interface KnowledgeBase {
  version: string;
  sources: Map<string, string>;
  findings: Finding[];
  groups: Group[];
  conditions: Condition[];
  rules: Rule[];
  lexicon: Lexicon;
  texts: Texts;
  fx(id: string): number | undefined;
  /** A source id rendered as its citation. */
  cite(id: string): string;
}

/** Rust's `str::trim` on both texts. */
const text = (t: Bilingual): Bilingual => ({ en: t.en.trim(), hi: t.hi.trim() });

/** Builds the indexed knowledge base; throws with every problem found when the data is inconsistent. */
export function buildKnowledgeBase(data: KbData): KnowledgeBase {
  const problems: string[] = [];
  const index = new Map<string, number>(data.findings.map((f, i) => [f.id, i]));
  if (index.size !== data.findings.length) problems.push('finding ids are not unique');
  const resolve = (id: string, context: string): number | undefined => {
    const fx = index.get(id);
    if (fx === undefined) problems.push(`${context} refers to unknown finding \`${id}\``);
    return fx;
  };
  const groupNames: string[] = [];
  for (const f of data.findings) if (f.group !== undefined && !groupNames.includes(f.group)) groupNames.push(f.group);
  const groups: Group[] = [];
  for (const name of groupNames) {
    const question = data.choice_questions.find((q) => q.group === name);
    if (!question) {
      problems.push(`group \`${name}\` has no choice_question`);
      continue;
    }
    const members = data.findings.flatMap((f, i) => (f.group === name ? [i] : []));
    groups.push({ id: question.id, question: text(question.q), members });
  }
  const findings: Finding[] = data.findings.map((f) => ({
    id: f.id,
    label: { en: f.en, hi: f.hi },
    question: text(f.q),
    leak: f.leak,
    group: f.group === undefined ? null : groupNames.indexOf(f.group),
    sex: f.sex ?? null,
    minAge: f.min_age ?? null,
    maxAge: f.max_age ?? null,
    implies: (f.implies ?? []).flatMap((id) => {
      const fx = resolve(id, f.id);
      return fx === undefined ? [] : [fx];
    }),
    ask: f.ask ?? true,
    context: f.context ?? false,
  }));
  const conditions = data.conditions.map((c) => buildCondition(c, findings, index, problems));
  const rules = data.rules.map((r) => buildRule(r, index, problems));
  const lexicon = compileLexicon(data.lexicon, index, problems);
  const levels = new Map(data.texts.level);
  const level = (['self_care', 'see_doctor', 'urgent', 'emergency'] as const).map((l) => {
    const found = levels.get(l);
    if (!found) problems.push(`texts have no advice for level \`${l}\``);
    return text(found ?? { en: '', hi: '' });
  });
  if (problems.length > 0) throw new Error(`invalid knowledge base: ${problems.join('; ')}`);
  const sources = new Map(data.sources);
  return {
    version: data.version,
    sources,
    findings,
    groups,
    conditions,
    rules,
    lexicon,
    texts: {
      level,
      notUnderstood: text(data.texts.not_understood),
      crisis: text(data.texts.crisis),
      disclaimer: text(data.texts.disclaimer),
      helplines: new Map(data.texts.helplines.map(([id, h]) => [id, { number: h.number, name: text(h.name) }])),
    },
    fx: (id) => index.get(id),
    cite: (id) => sources.get(id) ?? id,
  };
}

function buildCondition(raw: RawCondition, findings: Finding[], index: Map<string, number>, problems: string[]): Condition {
  const listed: [number, number][] = [];
  for (const [id, p] of raw.findings) {
    const fx = index.get(id);
    if (fx === undefined) problems.push(`condition \`${raw.id}\` refers to unknown finding \`${id}\``);
    else listed.push([fx, p]);
  }
  const ageWeights = AGE_BANDS.map(() => 1);
  for (const [band, weight] of raw.age) {
    const i = AGE_BANDS.findIndex(([name]) => name === band);
    if (i < 0) problems.push(`condition \`${raw.id}\` has unknown age band \`${band}\``);
    else ageWeights[i] = weight;
  }
  let femaleWeight = 1;
  let maleWeight = 1;
  for (const [sex, weight] of raw.sex) {
    if (sex === 'female') femaleWeight = weight;
    else if (sex === 'male') maleWeight = weight;
    else problems.push(`condition \`${raw.id}\` has unknown sex \`${sex}\``);
  }
  return {
    id: raw.id,
    icd10: raw.icd10.trim(),
    name: text(raw.name),
    urgency: raw.urgency,
    prior: raw.prior,
    ageWeights,
    femaleWeight,
    maleWeight,
    likelihood: denseLikelihood(listed, findings),
    listed,
    advice: text(raw.advice),
  };
}

/**
 * P(finding present | condition) for every finding. Listed findings combine with the leak (noisy-OR); unlisted ones
 * get the leak. In an exclusive group (duration) the listed values are a categorical distribution whose remainder is
 * shared by the unlisted members in proportion to their leaks.
 */
function denseLikelihood(listed: [number, number][], findings: Finding[]): number[] {
  const own = (i: number): number | undefined => listed.find(([fx]) => fx === i)?.[1];
  const members = (g: number) => findings.flatMap((m, j) => (m.group === g ? [j] : []));
  return findings.map((f, i) => {
    const p = own(i);
    if (f.group !== null && members(f.group).some((j) => own(j) !== undefined)) {
      if (p !== undefined) return p;
      let listedSum = 0;
      let unlistedLeak = 0;
      for (const j of members(f.group)) {
        const q = own(j);
        if (q !== undefined) listedSum += q;
      }
      for (const j of members(f.group)) if (own(j) === undefined) unlistedLeak += findings[j]!.leak;
      return Math.max((Math.max(1 - listedSum, 0) * f.leak) / unlistedLeak, GROUP_FLOOR);
    }
    if (p !== undefined) return 1 - (1 - p) * (1 - f.leak);
    return f.leak;
  });
}

const OPS: [string, Op][] = [
  ['<=', '<='],
  ['>=', '>='],
  ['<', '<'],
  ['>', '>'],
];

function parseCriterion(item: string, index: Map<string, number>): Criterion | string {
  for (const [symbol, op] of OPS) {
    const at = item.indexOf(symbol);
    if (at < 0) continue;
    const name = item.slice(0, at).trim();
    const field = VITAL_FIELDS.find(([f]) => f === name)?.[0];
    if (!field) return `unknown vital sign in \`${item}\``;
    const limitText = item.slice(at + symbol.length).trim();
    const limit = Number(limitText);
    if (limitText === '' || !Number.isFinite(limit)) return `bad number in \`${item}\``;
    return { field, op, limit };
  }
  const fx = index.get(item);
  return fx === undefined ? `unknown finding \`${item}\`` : { finding: fx };
}

function buildRule(raw: RawRule, index: Map<string, number>, problems: string[]): Rule {
  const criteria = (items: string[] = []) =>
    items.flatMap((item) => {
      const c = parseCriterion(item, index);
      if (typeof c === 'string') {
        problems.push(`rule \`${raw.id}\`: ${c}`);
        return [];
      }
      return [c];
    });
  const all = criteria(raw.all);
  const any = criteria(raw.any);
  const screenIf = (raw.screen_if ?? []).filter((s) => s !== '*').flatMap((id) => {
    const fx = index.get(id);
    if (fx === undefined) problems.push(`rule \`${raw.id}\` screens on unknown finding \`${id}\``);
    return fx === undefined ? [] : [fx];
  });
  return {
    id: raw.id,
    label: text(raw.label),
    min: raw.min,
    source: raw.src,
    crisis: raw.crisis ?? false,
    ageMin: raw.age_min ?? null,
    ageMax: raw.age_max ?? null,
    all,
    any,
    minAny: raw.min_any ?? (any.length === 0 ? 0 : 1),
    screenAnyComplaint: (raw.screen_if ?? []).includes('*'),
    screenIf,
  };
}
