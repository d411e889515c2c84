// Negation scope: which words a cue such as "no", "नहीं" or "nahi" denies, stopping at clause boundaries
// (a port of crates/triage/src/text/negation.rs).
import type { Lexicon, Mention } from '../lexicon/lexicon';
import type { Match } from '../lexicon/matcher';
import type { Token } from './normalise';

/** Window of a cue that can look both ways ("na bukhar na khansi", "bukhar to na"). */
const BOTH_WAYS_WINDOW = 2;

const FORWARD_STOPS = new Set<Mention | undefined>(['Boundary', 'StopPre', 'NegPre', 'NegPost', 'NegBoth', 'Pseudo']);
const BACKWARD_STOPS = new Set<Mention | undefined>(['Boundary', 'StopPost', 'NegPre', 'NegPost', 'NegBoth', 'Pseudo']);

/** For every word, whether it lies inside the scope of a negation cue. */
export function negatedWords(tokens: Token[], matches: Match<Mention>[], lexicon: Lexicon): boolean[] {
  const n = tokens.length;
  const role: (Mention | undefined)[] = new Array(n).fill(undefined);
  for (const m of matches) for (let k = m.start; k < m.end; k++) role[k] = m.kind;
  const negated: boolean[] = new Array(n).fill(false);
  for (const m of matches) {
    let forward: number;
    let backward: number;
    if (m.kind === 'NegPre') [forward, backward] = [lexicon.preWindow, 0];
    else if (m.kind === 'NegPost') [forward, backward] = [0, lexicon.postWindow];
    else if (m.kind === 'NegBoth') [forward, backward] = [BOTH_WAYS_WINDOW, BOTH_WAYS_WINDOW];
    else continue;
    let clause = tokens[m.end - 1]!.clause;
    for (let k = m.end; k < n && k < m.end + forward; k++) {
      if (tokens[k]!.clause !== clause || FORWARD_STOPS.has(role[k])) break;
      negated[k] = true;
    }
    clause = tokens[m.start]!.clause;
    for (let k = m.start - 1; k >= 0 && k >= m.start - backward; k--) {
      if (tokens[k]!.clause !== clause || BACKWARD_STOPS.has(role[k])) break;
      negated[k] = true;
    }
  }
  return negated;
}

/** Whether any word of `start..end` is negated. */
export const anyNegated = (negated: boolean[], start: number, end: number): boolean => negated.slice(start, end).some(Boolean);
