// Pairs body sites, modifiers and findings said near each other ("pet mein dard" → stomach pain), each word with its
// nearest partner, and applies what a lone modifier means (a port of crates/triage/src/text/combine.rs).
import { combineKey, type Lexicon, type Mention } from '../lexicon/lexicon';
import type { Match } from '../lexicon/matcher';
import { anyNegated } from './negation';
import type { Token } from './normalise';

/** Most words allowed between the two halves of a pair (conjunctions count double). */
const MAX_PAIR_GAP = 8;

/** A finding read from the text, over words `start..end`. */
export interface Found {
  fx: number;
  negated: boolean;
  start: number;
  end: number;
}

interface Part {
  anchor: Mention;
  start: number;
  end: number;
  negated: boolean;
}

/** Findings, body sites and modifiers (`F12`, `S3`, `M4`), not the fixed roles (`Severity`, `Mild`, …). */
const isAnchor = (m: Mention) => /^[FSM][0-9]+$/.test(m);

/** Findings from direct terms, from site/modifier pairs, and from lone modifiers. */
export function combine(tokens: Token[], matches: Match<Mention>[], negated: boolean[], lexicon: Lexicon, pregnant: boolean): Found[] {
  const parts: Part[] = matches
    .filter((m) => isAnchor(m.kind))
    .map((m) => ({ anchor: m.kind, start: m.start, end: m.end, negated: anyNegated(negated, m.start, m.end) }));
  const conjunction: boolean[] = new Array(tokens.length).fill(false);
  for (const m of matches) if (m.kind === 'Conjunction') for (let k = m.start; k < m.end; k++) conjunction[k] = true;
  const gap = (a: Part, b: Part): number => {
    const [from, to] = a.end <= b.start ? [a.end, b.start] : [b.end, a.start];
    return to - from + conjunction.slice(from, to).filter(Boolean).length;
  };
  const candidates: [number, number, number, number][] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      const a = parts[i]!;
      const b = parts[j]!;
      if (tokens[a.start]!.sentence !== tokens[b.start]!.sentence) continue;
      const fx = lexicon.combine.get(combineKey(a.anchor, b.anchor));
      if (fx === undefined) continue;
      const distance = gap(a, b);
      if (distance <= MAX_PAIR_GAP) candidates.push([i, j, fx, distance]);
    }
  }
  const nearest: number[] = new Array(parts.length).fill(Infinity);
  for (const [i, j, , d] of candidates) {
    nearest[i] = Math.min(nearest[i]!, d);
    nearest[j] = Math.min(nearest[j]!, d);
  }
  const used: boolean[] = new Array(parts.length).fill(false);
  const found: Found[] = [];
  for (const [i, j, fx, d] of candidates) {
    if (d !== nearest[i] && d !== nearest[j]) continue;
    used[i] = true;
    used[j] = true;
    const a = parts[i]!;
    const b = parts[j]!;
    found.push({ fx, negated: a.negated || b.negated, start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) });
  }
  parts.forEach((part, k) => {
    let lone: number | undefined;
    if (part.anchor.startsWith('F')) {
      lone = Number(part.anchor.slice(1));
    } else if (part.anchor.startsWith('M') && !used[k]) {
      const m = Number(part.anchor.slice(1));
      lone = lexicon.unpaired.get(m);
      if (lone === undefined && pregnant && m === lexicon.pregnancyBleeding.modifier) lone = lexicon.pregnancyBleeding.finding;
    }
    if (lone !== undefined) found.push({ fx: lone, negated: part.negated, start: part.start, end: part.end });
  });
  return found;
}
