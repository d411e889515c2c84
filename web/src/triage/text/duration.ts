// How long the complaint has lasted, read from phrases like "3 din se", "for two weeks", "तीन हफ्ते से"
// (a port of crates/triage/src/text/duration.rs).
import type { Lexicon } from '../lexicon/lexicon';
import type { Token } from './normalise';

/** Longest plausible duration, in days (about 100 years). */
const MAX_DAYS = 36_500;

/**
 * The longest duration mentioned, in days; ages ("6 mahine ka baccha"), times in the past ("2 weeks ago") and
 * frequencies ("every 3 days") are not durations.
 */
export function durationDays(tokens: Token[], lexicon: Lexicon): number | null {
  const words = lexicon.durations.find(tokens);
  let longest: number | null = null;
  words.forEach((word, i) => {
    let days: number | null = null;
    const w = word.kind;
    if (w.kind === 'phrase') {
      days = w.days;
    } else if (w.kind === 'unit') {
      const before = i > 0 && words[i - 1]!.end === word.start ? words[i - 1]! : null;
      let value: number | null;
      let numberStart: number;
      if (before && before.kind.kind === 'number') {
        value = before.kind.value;
        numberStart = before.start;
      } else if (word.start > 0 && tokens[word.start - 1]!.sentence === tokens[word.start]!.sentence) {
        value = tokens[word.start - 1]!.number;
        numberStart = word.start - 1;
      } else {
        value = null;
        numberStart = word.start;
      }
      const every = words.some((x) => x.kind.kind === 'every' && x.end === numberStart);
      const next = words[i + 1];
      const after = next && next.start === word.end ? next.kind : null;
      const excluded = after?.kind === 'ago' || (after?.kind === 'age_marker' && (after.english || w.long));
      if (value !== null && value > 0 && !every && !excluded) days = value * w.days;
    }
    if (days !== null && days <= MAX_DAYS) longest = longest === null ? days : Math.max(longest, days);
  });
  return longest;
}
