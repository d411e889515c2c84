// The compiled lay-term lexicon: which phrases mean which finding, body site, modifier, negation or time, and the
// tables that combine body sites, modifiers and findings (a port of crates/triage/src/lexicon/mod.rs).
import type { RawLexicon, RawTerms } from '../kb-data';
import { Matcher } from './matcher';

/**
 * What a matched phrase means: `F<finding>`, `S<site>`, `M<modifier>` (indices), or one of the fixed roles.
 * Findings, sites and modifiers are also the anchors of combination rules.
 */
export type Mention =
  | `F${number}`
  | `S${number}`
  | `M${number}`
  | 'NegPre'
  | 'NegPost'
  | 'NegBoth'
  | 'Pseudo'
  | 'Severity'
  | 'Mild'
  | 'Boundary'
  | 'StopPre'
  | 'StopPost'
  | 'Conjunction';

export const findingMention = (fx: number): Mention => `F${fx}`;
export const modifierMention = (m: number): Mention => `M${m}`;

/** A phrase about time. */
export type DurationWord =
  | { kind: 'unit'; days: number; long: boolean }
  | { kind: 'number'; value: number }
  | { kind: 'phrase'; days: number }
  | { kind: 'ago' }
  | { kind: 'every' }
  | { kind: 'age_marker'; english: boolean };

/** A word announcing a measured value. */
export type ReadingWord = 'temperature' | 'bp' | 'sugar' | 'oxygen' | 'pulse';

export interface Lexicon {
  mentions: Matcher<Mention>;
  durations: Matcher<DurationWord>;
  readings: Matcher<ReadingWord>;
  /** `a|b` anchors (both orders) → finding. */
  combine: Map<string, number>;
  /** Modifier index → what it means alone. */
  unpaired: Map<number, number>;
  pregnancyBleeding: { modifier: number; finding: number };
  fallback: Map<number, number>;
  severeVariant: Map<number, number>;
  preWindow: number;
  postWindow: number;
}

export const combineKey = (a: Mention, b: Mention): string => `${a}|${b}`;

/** Compiles the raw lexicon; every problem found is reported, not just the first. */
export function compileLexicon(raw: RawLexicon, findings: Map<string, number>, problems: string[]): Lexicon {
  const mentions = new Matcher<Mention>();
  const resolve = (id: string): number | undefined => {
    const fx = findings.get(id);
    if (fx === undefined) problems.push(`lexicon refers to unknown finding \`${id}\``);
    return fx;
  };
  for (const [id, terms] of raw.f) {
    const fx = resolve(id);
    if (fx !== undefined) mentions.addTerms(terms, `F${fx}`, problems);
  }
  const sites = raw.site.map(([name]) => name);
  const modifiers = raw.mod.map(([name]) => name);
  raw.site.forEach(([, terms], i) => mentions.addTerms(terms, `S${i}`, problems));
  raw.mod.forEach(([, terms], i) => mentions.addTerms(terms, `M${i}`, problems));
  const n = raw.negation;
  const roles: [RawTerms, Mention][] = [
    [n.pseudo, 'Pseudo'],
    [n.pre, 'NegPre'],
    [n.post, 'NegPost'],
    [n.both, 'NegBoth'],
    [n.boundary, 'Boundary'],
    [n.stop_pre, 'StopPre'],
    [n.stop_post, 'StopPost'],
    [n.conjunctions, 'Conjunction'],
    [raw.severity, 'Severity'],
    [raw.mild, 'Mild'],
  ];
  for (const [terms, kind] of roles) mentions.addTerms(terms, kind, problems);

  const anchor = (name: string): Mention | undefined => {
    const hits: Mention[] = [];
    const fx = findings.get(name);
    if (fx !== undefined) hits.push(`F${fx}`);
    if (sites.includes(name)) hits.push(`S${sites.indexOf(name)}`);
    if (modifiers.includes(name)) hits.push(`M${modifiers.indexOf(name)}`);
    if (hits.length === 1) return hits[0];
    problems.push(hits.length === 0 ? `combination refers to unknown name \`${name}\`` : `name \`${name}\` is ambiguous`);
    return undefined;
  };
  const combine = new Map<string, number>();
  for (const [pair, result] of raw.combine) {
    const parts = pair.split('+').map((p) => p.trim());
    if (parts.length !== 2) {
      problems.push(`combination \`${pair}\` must be \`a + b\``);
      continue;
    }
    const a = anchor(parts[0]!);
    const b = anchor(parts[1]!);
    const fx = resolve(result);
    if (a !== undefined && b !== undefined && fx !== undefined) {
      combine.set(combineKey(a, b), fx);
      combine.set(combineKey(b, a), fx);
    }
  }
  const modifierIndex = (name: string): number | undefined => {
    const index = modifiers.indexOf(name);
    if (index < 0) problems.push(`unknown modifier \`${name}\``);
    return index < 0 ? undefined : index;
  };
  const unpaired = new Map<number, number>();
  for (const [name, id] of raw.unpaired) {
    const m = modifierIndex(name);
    const fx = resolve(id);
    if (m !== undefined && fx !== undefined) unpaired.set(m, fx);
  }
  const pairs = (table: [string, string][]) => {
    const out = new Map<number, number>();
    for (const [a, b] of table) {
      const x = resolve(a);
      const y = resolve(b);
      if (x !== undefined && y !== undefined) out.set(x, y);
    }
    return out;
  };
  const readings = new Matcher<ReadingWord>();
  for (const kind of ['temperature', 'bp', 'sugar', 'oxygen', 'pulse'] as const) readings.addTerms(raw.readings[kind], kind, problems);
  if (n.pre_window === 0 || n.post_window === 0) problems.push('negation windows must be at least one word');
  return {
    mentions,
    durations: compileDurations(raw, problems),
    readings,
    combine,
    unpaired,
    pregnancyBleeding: {
      modifier: modifierIndex(raw.pregnancy_bleeding.modifier) ?? -1,
      finding: resolve(raw.pregnancy_bleeding.finding) ?? -1,
    },
    fallback: pairs(raw.fallback),
    severeVariant: pairs(raw.severe_variant),
    preWindow: n.pre_window,
    postWindow: n.post_window,
  };
}

function compileDurations(raw: RawLexicon, problems: string[]): Matcher<DurationWord> {
  const durations = new Matcher<DurationWord>();
  const d = raw.duration;
  for (const [, unit] of d.units) durations.addTerms(unit, { kind: 'unit', days: unit.days, long: unit.days >= 28 }, problems);
  for (const [, number] of d.numbers) durations.addTerms(number, { kind: 'number', value: number.value }, problems);
  for (const [, phrase] of d.phrases) durations.addTerms(phrase, { kind: 'phrase', days: phrase.days }, problems);
  durations.addTerms(d.ago, { kind: 'ago' }, problems);
  durations.addTerms(d.every, { kind: 'every' }, problems);
  durations.addTerms({ en: d.age_markers.en, hi: [], rom: [] }, { kind: 'age_marker', english: true }, problems);
  durations.addTerms({ en: [], hi: d.age_markers.hi, rom: d.age_markers.rom }, { kind: 'age_marker', english: false }, problems);
  return durations;
}
