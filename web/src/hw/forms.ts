// The five Health Worker Mode forms (crates/hw/forms/*.json, the very files the server ships) and their meaning offline: skip logic,
// required items, scores and flags, and the QuestionnaireResponse a save writes. A port of crates/hw (evaluate.rs, response.rs),
// held to the same answers by parity.test.ts over crates/hw/vectors.gen.json; the skip-logic and scoring rules are documented there.
import anc from '../../../crates/hw/forms/anc.json';
import cbac from '../../../crates/hw/forms/cbac.json';
import household from '../../../crates/hw/forms/household.json';
import immunisation from '../../../crates/hw/forms/immunisation.json';
import tb from '../../../crates/hw/forms/tb.json';
import { raised } from './flags';
import type { Answer, Answers, Coding, Evaluation, Questionnaire, QuestionnaireItem, ResponseContext } from './types';

export const ORDINAL_VALUE = 'http://hl7.org/fhir/StructureDefinition/ordinalValue';
export const SCORE_OF = 'https://mysehat.in/fhir/StructureDefinition/score-of';
export const VILLAGE_TAG = 'https://mysehat.in/fhir/CodeSystem/village';
export const HOUSEHOLD_TAG = 'https://mysehat.in/fhir/CodeSystem/household';

/** Household, CBAC, ANC, immunisation, TB: the order the server lists them. */
export const forms: readonly Questionnaire[] = [household, cbac, anc, immunisation, tb] as Questionnaire[];

/** A shipped form by id (`hw-cbac`) or canonical URL. */
export function form(id: string): Questionnaire | undefined {
  return forms.find((q) => q.id === id || q.url === id);
}

interface Option {
  coding: Coding;
  points: number | null;
}

interface Node {
  item: QuestionnaireItem;
  parent: number | null;
  children: number[];
  options: Map<string, Option>;
  /** For a score item, the indexes of the items it sums. */
  scoreOf: number[] | null;
}

interface Model {
  nodes: Node[];
  roots: number[];
  index: Map<string, number>;
}

const models = new WeakMap<Questionnaire, Model>();

/** The form's items in document order, a parent before its children. */
function model(q: Questionnaire): Model {
  const known = models.get(q);
  if (known) return known;
  const nodes: Node[] = [];
  const index = new Map<string, number>();
  const add = (items: QuestionnaireItem[] | undefined, parent: number | null): number[] =>
    (items ?? []).map((item) => {
      const at = nodes.length;
      const options = new Map<string, Option>();
      for (const o of item.answerOption ?? []) {
        const points = o.extension?.find((e) => e.url === ORDINAL_VALUE)?.valueDecimal;
        if (o.valueCoding?.code !== undefined) options.set(o.valueCoding.code, { coding: o.valueCoding, points: points === undefined ? null : Math.trunc(points) });
      }
      nodes.push({ item, parent, children: [], options, scoreOf: null });
      index.set(item.linkId, at);
      nodes[at]!.children = add(item.item, at);
      return at;
    });
  const roots = add(q.item, null);
  for (const node of nodes) {
    const parts = node.item.extension?.find((e) => e.url === SCORE_OF)?.valueString;
    if (parts !== undefined) node.scoreOf = parts.split(',').flatMap((p) => index.get(p.trim()) ?? []);
  }
  const built = { nodes, roots, index };
  models.set(q, built);
  return built;
}

const isQuestion = (item: QuestionnaireItem) => item.type !== 'group' && item.type !== 'display';
const numberOf = (a: Answer): number | null => ('integer' in a ? a.integer : 'decimal' in a ? a.decimal : null);

/** The `answer[x]` of a condition, read in the server's order. */
type Expected = { boolean: boolean } | { number: number } | { date: string } | { string: string } | { code: string } | null;

function expected(c: NonNullable<QuestionnaireItem['enableWhen']>[number]): Expected {
  if (c.answerBoolean !== undefined) return { boolean: c.answerBoolean };
  if (c.answerInteger !== undefined) return { number: c.answerInteger };
  if (c.answerDecimal !== undefined) return { number: c.answerDecimal };
  if (c.answerDate !== undefined) return { date: c.answerDate };
  if (c.answerString !== undefined) return { string: c.answerString };
  if (c.answerCoding?.code !== undefined) return { code: c.answerCoding.code };
  return null;
}

/** Numbers with numbers, dates with dates; anything else is not ordered (null). */
function compare(a: Answer, want: Expected): number | null {
  if (want && 'number' in want) {
    const n = numberOf(a);
    return n === null ? null : Math.sign(n - want.number);
  }
  if (want && 'date' in want && 'date' in a) return a.date < want.date ? -1 : a.date > want.date ? 1 : 0;
  return null;
}

function equals(a: Answer, want: Expected): boolean {
  if (want && 'code' in want) return 'code' in a && a.code === want.code;
  if (want && 'boolean' in want) return 'boolean' in a && a.boolean === want.boolean;
  if (want && 'string' in want) return 'string' in a && a.string === want.string;
  return compare(a, want) === 0;
}

/** Enablement worked out on demand and remembered; on a condition cycle the item being decided counts as disabled. */
class State {
  private marks: (boolean | 'visiting' | undefined)[];

  constructor(
    private m: Model,
    private answers: Answers,
  ) {
    this.marks = new Array(m.nodes.length).fill(undefined);
  }

  enabled(i: number): boolean {
    const mark = this.marks[i];
    if (mark === 'visiting') return false;
    if (mark !== undefined) return mark;
    this.marks[i] = 'visiting';
    const node = this.m.nodes[i]!;
    const result = (node.parent === null || this.enabled(node.parent)) && this.conditionsHold(node.item);
    this.marks[i] = result;
    return result;
  }

  private conditionsHold(item: QuestionnaireItem): boolean {
    const conditions = item.enableWhen ?? [];
    if (conditions.length === 0) return true;
    const holds = (c: (typeof conditions)[number]) => {
      const at = this.m.index.get(c.question);
      const answers = at === undefined ? [] : this.effective(at);
      const want = expected(c);
      switch (c.operator) {
        case 'exists':
          return want !== null && 'boolean' in want && want.boolean === answers.length > 0;
        case '=':
          return answers.some((a) => equals(a, want));
        case '!=':
          return !answers.some((a) => equals(a, want));
        case '>':
          return answers.some((a) => compare(a, want) === 1);
        case '<':
          return answers.some((a) => compare(a, want) === -1);
        case '>=':
          return answers.some((a) => [0, 1].includes(compare(a, want) ?? NaN));
        case '<=':
          return answers.some((a) => [0, -1].includes(compare(a, want) ?? NaN));
        default:
          return false;
      }
    };
    return item.enableBehavior === 'any' ? conditions.some(holds) : conditions.every(holds);
  }

  /** The answers an item counts with: none when disabled, its value when it is a score. */
  effective(i: number): Answer[] {
    if (!this.enabled(i)) return [];
    const node = this.m.nodes[i]!;
    if (node.scoreOf) return [{ integer: this.score(i) }];
    return this.answers[node.item.linkId] ?? [];
  }

  score(i: number): number {
    let total = 0;
    for (const part of this.m.nodes[i]!.scoreOf ?? []) {
      if (!this.enabled(part)) continue;
      const node = this.m.nodes[part]!;
      // A single-answer item counts its first answer only.
      const counted = (this.answers[node.item.linkId] ?? []).slice(0, node.item.repeats ? undefined : 1);
      for (const a of counted) total += ('code' in a ? node.options.get(a.code)?.points : null) ?? 0;
    }
    return total;
  }
}

/** Which items are enabled, which required ones are missing, the scores and the flags (answers to unknown items are ignored). */
export function evaluate(q: Questionnaire, answers: Answers): Evaluation {
  const m = model(q);
  const state = new State(m, answers);
  const enabled = m.nodes.map((_, i) => i).filter((i) => state.enabled(i));
  const missing = enabled
    .map((i) => m.nodes[i]!.item)
    .filter((item) => item.required === true && isQuestion(item) && item.readOnly !== true && (answers[item.linkId] ?? []).length === 0)
    .map((item) => item.linkId);
  const scores: Record<string, number> = {};
  for (const i of enabled) if (m.nodes[i]!.scoreOf) scores[m.nodes[i]!.item.linkId] = state.score(i);
  const flags = raised(q.id, {
    answersOf: (linkId) => {
      const at = m.index.get(linkId);
      return at === undefined ? [] : state.effective(at);
    },
    scoreOf: (linkId) => scores[linkId] ?? null,
  });
  return { enabled: enabled.map((i) => m.nodes[i]!.item.linkId), missing, scores, flags };
}

/** `meta.tag` for a record of a village (and household), as docs/SYNC.md describes. */
export function scopeTags(village: string, household?: string): { system: string; code: string }[] {
  const tags = [{ system: VILLAGE_TAG, code: village }];
  if (household !== undefined) tags.push({ system: HOUSEHOLD_TAG, code: household });
  return tags;
}

function answerValue(node: Node, a: Answer): object {
  if ('code' in a) {
    const coding = node.options.get(a.code)?.coding;
    return {
      valueCoding: {
        ...(coding?.system !== undefined ? { system: coding.system } : {}),
        code: a.code,
        ...(coding?.display !== undefined ? { display: coding.display } : {}),
      },
    };
  }
  if ('integer' in a) return { valueInteger: a.integer };
  if ('decimal' in a) return { valueDecimal: a.decimal };
  if ('date' in a) return { valueDate: a.date };
  if ('string' in a) return { valueString: a.string };
  return { valueBoolean: a.boolean };
}

/**
 * The QuestionnaireResponse for `answers`: enabled items only, in form order and nesting, scores filled in, options with their
 * system and display, scope tags; `completed` when nothing required is missing, else `in-progress`.
 */
export function toResponse(q: Questionnaire, answers: Answers, ctx: ResponseContext): object {
  const m = model(q);
  const evaluation = evaluate(q, answers);
  const enabled = new Set(evaluation.enabled);
  const items = (indexes: number[]): object[] =>
    indexes.flatMap((i): object[] => {
      const node = m.nodes[i]!;
      const { linkId, text } = node.item;
      if (!enabled.has(linkId)) return [];
      const head = { linkId, ...(text !== undefined ? { text } : {}) };
      if (!isQuestion(node.item)) {
        const children = items(node.children);
        return children.length === 0 ? [] : [{ ...head, item: children }];
      }
      const score = evaluation.scores[linkId];
      const values = score !== undefined ? [{ valueInteger: score }] : (answers[linkId] ?? []).map((a) => answerValue(node, a));
      return values.length === 0 ? [] : [{ ...head, answer: values }];
    });
  const item = items(m.roots);
  return {
    resourceType: 'QuestionnaireResponse',
    id: ctx.id,
    meta: { tag: scopeTags(ctx.village, ctx.household) },
    questionnaire: q.url,
    status: evaluation.missing.length === 0 ? 'completed' : 'in-progress',
    subject: { reference: `${q.subjectType?.[0] ?? 'Patient'}/${ctx.subject}` },
    ...(ctx.encounter !== undefined ? { encounter: { reference: `Encounter/${ctx.encounter}` } } : {}),
    authored: ctx.authored,
    ...(item.length > 0 ? { item } : {}),
  };
}

/** The CBAC `age` option for an age in completed years; null below 30 (CBAC is for 30 and over). */
export function cbacAgeBand(years: number): string | null {
  if (years < 30) return null;
  if (years < 40) return '30-39';
  if (years < 50) return '40-49';
  if (years < 60) return '50-59';
  return '60-plus';
}

/** The CBAC waist item for a sex, and its option for a waist in whole centimetres. */
export function cbacWaist(sex: 'female' | 'male', cm: number): { item: 'waist-women' | 'waist-men'; band: string } {
  if (sex === 'female') return { item: 'waist-women', band: cm <= 80 ? '80-or-less' : cm <= 90 ? '81-90' : 'more-than-90' };
  return { item: 'waist-men', band: cm <= 90 ? '90-or-less' : cm <= 100 ? '91-100' : 'more-than-100' };
}
