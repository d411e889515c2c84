// Free-text understanding: findings with negation, body sites and severity, plus duration and readings
// (a port of crates/triage/src/text/mod.rs).
import type { KnowledgeBase } from '../kb';
import { findingMention, type DurationWord, type Mention } from '../lexicon/lexicon';
import type { Match } from '../lexicon/matcher';
import { noReadings, type Readings } from '../types';
import { combine, type Found } from './combine';
import { durationDays } from './duration';
import { anyNegated, negatedWords } from './negation';
import { normalise, tokenise, type Token } from './normalise';
import { readings } from './readings';

/** Words before a finding a severity word may stand ("bahut tez dard"), and after it ("pain is severe"). */
const SEVERITY_BEFORE = 3;
const SEVERITY_AFTER = 2;

/** What the text says. */
export interface Understanding {
  /** Each recognised finding, present (`true`) or denied (`false`), in vocabulary order; present wins a conflict. */
  findings: [number, boolean][];
  durationDays: number | null;
  readings: Readings;
}

export const nothingUnderstood = (): Understanding => ({ findings: [], durationDays: null, readings: noReadings() });

/** Reads findings, duration and readings from free text in English, Hindi or romanised Hindi. */
export function understand(text: string, kb: KnowledgeBase, pregnant: boolean): Understanding {
  const lexicon = kb.lexicon;
  const tokens = tokenise(normalise(text));
  if (tokens.length === 0) return nothingUnderstood();
  const matches = lexicon.mentions.find(tokens);
  const negated = negatedWords(tokens, matches, lexicon);
  const p = kb.fx('pregnant');
  const pregnantInText = p !== undefined && matches.some((m) => m.kind === findingMention(p) && !anyNegated(negated, m.start, m.end));
  const found = combine(tokens, matches, negated, lexicon, pregnant || pregnantInText);
  const durations = lexicon.durations.find(tokens);
  found.push(...severeForms(found, matches, durations, tokens, kb));
  const findings = new Map<number, boolean>();
  for (const f of found) findings.set(f.fx, (findings.get(f.fx) ?? false) || !f.negated);
  return {
    findings: [...findings.entries()].sort((a, b) => a[0] - b[0]),
    durationDays: durationDays(tokens, lexicon),
    readings: readings(tokens, lexicon),
  };
}

/** "bahut tez bukhar" → high fever: severity words near a finding with a severe form. */
function severeForms(found: Found[], matches: Match<Mention>[], durations: Match<DurationWord>[], tokens: Token[], kb: KnowledgeBase): Found[] {
  const near = (f: Found, m: Match<Mention>) => {
    const inside = m.start >= f.start && m.end <= f.end;
    const before = m.end <= f.start && f.start - m.end <= SEVERITY_BEFORE && tokens[m.start]!.clause === tokens[f.start]!.clause;
    const after = m.start >= f.end && m.start - f.end <= SEVERITY_AFTER && tokens[m.start]!.clause === tokens[f.end - 1]!.clause;
    return inside || before || after;
  };
  const beforeTimeUnit = (m: Match<Mention>) => durations.some((d) => d.start === m.end && d.kind.kind === 'unit');
  const out: Found[] = [];
  for (const f of found) {
    const severe = kb.lexicon.severeVariant.get(f.fx);
    if (severe === undefined) continue;
    const intense = matches.some((m) => m.kind === 'Severity' && near(f, m) && !beforeTimeUnit(m));
    const mild = matches.some((m) => m.kind === 'Mild' && near(f, m));
    if (intense && !mild) out.push({ ...f, fx: severe });
  }
  return out;
}
