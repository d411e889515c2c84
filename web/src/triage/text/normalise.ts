// One canonical form for user text and lexicon terms: NFC, lowercase, Devanagari spelling variants folded, words split
// (a port of crates/triage/src/text/normalise.rs; both must agree character for character).

/** A word of the input, with its position in sentences and clauses. */
export interface Token {
  /** The normalised word. */
  raw: string;
  /** The word after the romanised-Hindi phonetic fold (equal to `raw` for non-Latin words). */
  fold: string;
  /** Index of the sentence (split at . ! ? । and new lines). */
  sentence: number;
  /** Index of the clause (also split at commas and similar punctuation). */
  clause: number;
  /** The value when the word is a number. */
  number: number | null;
  /** True when a `/` came right before this word ("190/110"). */
  afterSlash: boolean;
}

const VIRAMA = '\u094D';
const ANUSVARA = '\u0902';
const ALPHABETIC = /^\p{Alphabetic}$/u;
const ALPHANUMERIC = /^[\p{Alphabetic}\p{N}]$/u;
const ASCII_DIGIT = /^[0-9]$/;

const FOLDS: Record<string, string> = {
  '\u0901': ANUSVARA, // chandrabindu as anusvara
  '\u0940': '\u093F', // long ii matra as short i
  '\u0942': '\u0941', // long uu matra as short u
  '\u0908': '\u0907',
  '\u090A': '\u0909',
  '\u0949': '\u094B',
  '\u0911': '\u0913',
  '\u0945': '\u0947',
  '\u0929': '\u0928',
  '\u0931': '\u0930',
  '\u2018': "'",
  '\u2019': "'",
  '`': "'",
};
const DROPPED = new Set(['\u093C', '\u200C', '\u200D', '\u00AD']); // nukta, joiners, soft hyphen

const isNasalConsonant = (c: string) => c === '\u0919' || c === '\u091E' || c === '\u0923' || c === '\u0928' || c === '\u092E';
const isDevanagariConsonant = (c: string | undefined) => c !== undefined && c >= '\u0915' && c <= '\u0939';

/** Lowercase NFC text with Devanagari variants folded, Devanagari digits as ASCII. */
export function normalise(text: string): string {
  const chars = Array.from(text.normalize('NFC'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (isNasalConsonant(c) && chars[i + 1] === VIRAMA && isDevanagariConsonant(chars[i + 2])) {
      out += ANUSVARA;
      i += 1; // skip the virama too
      continue;
    }
    if (DROPPED.has(c)) continue;
    const folded = FOLDS[c];
    if (folded !== undefined) out += folded;
    else if (c >= '\u0966' && c <= '\u096F') out += String(c.charCodeAt(0) - 0x0966);
    else out += c.toLowerCase();
  }
  return out;
}

function isWordChar(c: string): boolean {
  if (ALPHANUMERIC.test(c)) return true;
  return c >= '\u0900' && c <= '\u097F' && c !== '\u0964' && c !== '\u0965';
}

const SENTENCE_ENDS = new Set(['.', '!', '?', ';', '\n', '\r', '\u0964', '\u0965']);
const CLAUSE_ENDS = new Set([',', ':', '(', ')', '[', ']', '"', '\u2026', '\u201C', '\u201D']);

/** Splits normalised text into words, keeping sentence and clause positions. */
export function tokenise(normalised: string): Token[] {
  const chars = Array.from(normalised);
  const tokens: Token[] = [];
  let sentence = 0;
  let clause = 0;
  let word = '';
  let slash = false;
  let pendingSlash = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const joinsNumber = c === '.' && word !== '' && /^[0-9]+$/.test(word) && next !== undefined && ASCII_DIGIT.test(next);
    const joinsWord = c === "'" && word !== '' && next !== undefined && ALPHABETIC.test(next);
    if (isWordChar(c) || joinsNumber || joinsWord) {
      if (word === '') {
        slash = pendingSlash;
        pendingSlash = false;
      }
      word += c;
      continue;
    }
    if (word !== '') {
      tokens.push(makeToken(word, sentence, clause, slash));
      word = '';
    }
    if (SENTENCE_ENDS.has(c)) {
      sentence += 1;
      clause += 1;
    } else if (CLAUSE_ENDS.has(c)) {
      clause += 1;
    }
    pendingSlash = c === '/';
  }
  if (word !== '') tokens.push(makeToken(word, sentence, clause, slash));
  return tokens;
}

function makeToken(raw: string, sentence: number, clause: number, afterSlash: boolean): Token {
  let number: number | null = null;
  if (/^[0-9.]+$/.test(raw) && /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(raw)) number = Number(raw);
  return { raw, fold: foldRoman(raw), sentence, clause, number, afterSlash };
}

/**
 * Folds common spelling variants of romanised Hindi into one key, so "bukhaar", "bhukhar" and "bukhar" match the
 * same term. Non-ASCII words (and words without a Latin letter) are returned unchanged.
 */
export function foldRoman(word: string): string {
  if (!/^[\x00-\x7F]*$/.test(word) || !/[A-Za-z]/.test(word)) return word;
  const replaced = word
    .replaceAll('ee', 'i')
    .replaceAll('oo', 'u')
    .replaceAll('sh', 's')
    .replaceAll('ph', 'f')
    .replaceAll('z', 'j')
    .replaceAll('w', 'v')
    .replaceAll('q', 'k');
  let out = '';
  let previous: string | null = null;
  for (const c of replaced) {
    const aspirate = c === 'h' && previous !== null && 'kgtdbj'.includes(previous);
    if (aspirate || previous === c) continue;
    out += c;
    previous = c;
  }
  if (out.length > 2 && out.endsWith('y')) out = `${out.slice(0, -1)}i`;
  return out;
}

/** Length in Unicode scalar values, as Rust's `chars().count()`. */
export const charCount = (s: string): number => Array.from(s).length;
