// A longest-match phrase matcher over normalised words, with romanised-Hindi folding and prefix matching
// (a port of crates/triage/src/lexicon/matcher.rs).
import type { RawTerms } from '../kb-data';
import { charCount, foldRoman, normalise, tokenise, type Token } from '../text/normalise';

interface Term {
  words: string[];
  fold: boolean;
  prefixLast: boolean;
}

/** A phrase found in the text: words `start..end`. */
export interface Match<K> {
  start: number;
  end: number;
  kind: K;
}

const SEP = '\u0001';

/**
 * Longest-match phrase matcher; ties go to exact (unfolded) terms, then to the first defined. A trailing `*` makes the
 * last word a prefix; the last word of a multi-word phrase always is (if it has three letters or more).
 */
export class Matcher<K> {
  private readonly entries: [Term, K][] = [];
  private readonly byFirst = new Map<string, number[]>();
  private readonly prefixSingle: number[] = [];
  private readonly seen = new Map<string, number>();

  addTerms(terms: RawTerms, kind: K, problems: string[]): void {
    for (const term of [...terms.en, ...terms.hi]) this.add(term, false, kind, problems);
    for (const term of terms.rom) this.add(term, true, kind, problems);
  }

  private add(term: string, roman: boolean, kind: K, problems: string[]): void {
    const exact = term.startsWith('=');
    const body = term.replace(/^=+/, '');
    const starred = body.endsWith('*');
    const fold = roman && !exact;
    const words = tokenise(normalise(body.replace(/\*+$/, ''))).map((t) => (fold ? foldRoman(t.raw) : t.raw));
    const first = words[0];
    if (first === undefined) {
      problems.push(`lexicon term \`${term}\` has no words`);
      return;
    }
    const prefixLast = starred || (words.length > 1 && charCount(words[words.length - 1]!) >= 3);
    const key = `${fold ? 1 : 0}${prefixLast ? 1 : 0}${SEP}${words.join(SEP)}`;
    const duplicate = this.seen.get(key);
    if (duplicate !== undefined) {
      const other = this.entries[duplicate]![1];
      if (JSON.stringify(other) !== JSON.stringify(kind)) {
        problems.push(`lexicon term \`${term}\` is defined twice with different meanings`);
      }
      return;
    }
    const index = this.entries.length;
    this.seen.set(key, index);
    if (prefixLast && words.length === 1) {
      this.prefixSingle.push(index);
    } else {
      const slot = `${fold ? 1 : 0}${SEP}${first}`;
      const list = this.byFirst.get(slot);
      if (list) list.push(index);
      else this.byFirst.set(slot, [index]);
    }
    this.entries.push([{ words, fold, prefixLast }, kind]);
  }

  /** All phrases in `tokens`, left to right, never overlapping, longest first. */
  find(tokens: Token[]): Match<K>[] {
    const found: Match<K>[] = [];
    let i = 0;
    while (i < tokens.length) {
      const best = this.bestAt(tokens, i);
      if (best) {
        found.push({ start: i, end: i + best.length, kind: best.kind });
        i += best.length;
      } else {
        i += 1;
      }
    }
    return found;
  }

  private bestAt(tokens: Token[], i: number): { length: number; kind: K } | null {
    const token = tokens[i]!;
    const candidates = [
      ...(this.byFirst.get(`0${SEP}${token.raw}`) ?? []),
      ...(this.byFirst.get(`1${SEP}${token.fold}`) ?? []),
      ...this.prefixSingle,
    ];
    let best: { length: number; exact: boolean; index: number } | null = null;
    for (const index of candidates) {
      const term = this.entries[index]![0];
      if (!this.matches(term, tokens, i)) continue;
      const length = term.words.length;
      const exact = !term.fold;
      const better =
        best === null ||
        length > best.length ||
        (length === best.length && exact && !best.exact) ||
        (length === best.length && exact === best.exact && index < best.index);
      if (better) best = { length, exact, index };
    }
    return best ? { length: best.length, kind: this.entries[best.index]![1] } : null;
  }

  private matches(term: Term, tokens: Token[], start: number): boolean {
    const last = term.words.length - 1;
    const sentence = tokens[start]!.sentence;
    return term.words.every((word, k) => {
      const token = tokens[start + k];
      if (!token || token.sentence !== sentence) return false;
      const text = term.fold ? token.fold : token.raw;
      if (k === last && term.prefixLast) return text.startsWith(word) && charCount(word) >= 3;
      return text === word;
    });
  }
}
