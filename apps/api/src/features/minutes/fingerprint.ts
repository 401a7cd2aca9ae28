import { createHmac, randomBytes } from 'node:crypto';

/*
 * A copy's fingerprint: in about one word of four of its case texts, one letter is swapped for the Cyrillic
 * letter drawn the same. Which words and which letter follow from the copy's secret key, the word and the
 * word before it, so the marks cannot be told from another copy's without the keys, and cannot be forged for
 * someone else's copy. Look-alike letters survive what zero-width characters do not: copying text out of a
 * PDF (pdfjs keeps them, it drops zero-width characters), a Word file, a web page or a pasted e-mail.
 */

/** Latin letters and their Cyrillic twins, drawn the same in DejaVu Sans, Arial and the usual screen fonts. */
const cyrillicTwins: Readonly<Record<string, string>> = {
  a: '\u0430',
  e: '\u0435',
  o: '\u043e',
  p: '\u0440',
  c: '\u0441',
  x: '\u0445',
  y: '\u0443',
  i: '\u0456',
  j: '\u0458',
  s: '\u0455',
  A: '\u0410',
  B: '\u0412',
  E: '\u0415',
  K: '\u041a',
  M: '\u041c',
  H: '\u041d',
  O: '\u041e',
  P: '\u0420',
  C: '\u0421',
  T: '\u0422',
  X: '\u0425',
  I: '\u0406',
  J: '\u0408',
  S: '\u0405',
};
const latinTwins: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(cyrillicTwins).map(([latin, cyrillic]) => [cyrillic, latin]),
);

/** A word is a run of letters (with their combining marks); digits and punctuation separate words. */
const wordPattern = /[\p{L}\p{M}]+/gu;
const cyrillicLetter = /\p{Script=Cyrillic}/gu;
/** One word in four carries a mark: the first byte of its code below 64. */
const markedBelow = 64;
/** Shorter words are left alone: a one-letter Cyrillic word could not be told from a mark. */
const shortestWord = 2;

/** A new copy's secret key, as hex: stored with the copy, never shown. */
export function newFingerprintKey(): string {
  return randomBytes(32).toString('hex');
}

function keyBytes(key: string): Buffer {
  if (!/^(?:[0-9a-f]{2}){16,}$/i.test(key)) throw new Error('a fingerprint key is at least 16 bytes written as hex');
  return Buffer.from(key, 'hex');
}

/** A word as both the writer and the tracer see it: marks read back as the Latin letters they stand for, lower case. */
function normalised(word: string): string {
  let latin = '';
  for (const letter of word) latin += latinTwins[letter] ?? letter;
  return latin.toLowerCase();
}

/** The places in a word where a letter has a twin. */
function eligiblePlaces(word: string): number[] {
  const places: number[] = [];
  for (let index = 0; index < word.length; index += 1) if (cyrillicTwins[word[index]]) places.push(index);
  return places;
}

/**
 * The word as this key writes it after `previous`, a normalised word. The first word of a text is never
 * marked: read back, it follows a heading or a label the writer did not see, and its mark could not be checked.
 */
function writtenWord(key: Buffer, previous: string, latinWord: string, normal: string): string {
  if (previous === '' || latinWord.length < shortestWord) return latinWord;
  const places = eligiblePlaces(latinWord);
  if (places.length === 0) return latinWord;
  const code = createHmac('sha256', key).update(previous).update('\u0000').update(normal).digest();
  if (code[0] >= markedBelow) return latinWord;
  const place = places[code.readUInt16BE(1) % places.length];
  return latinWord.slice(0, place) + cyrillicTwins[latinWord[place]] + latinWord.slice(place + 1);
}

/**
 * The text as the copy with this key carries it. Words that already hold Cyrillic are left as they are (and
 * so writing a text twice with the same key changes nothing the second time).
 */
export function fingerprint(text: string, key: string): string {
  const secret = keyBytes(key);
  let previous = '';
  return text.replace(wordPattern, (word) => {
    const normal = normalised(word);
    const before = previous;
    previous = normal;
    if (hasCyrillic(word)) return word;
    return writtenWord(secret, before, word, normal);
  });
}

function hasCyrillic(word: string): boolean {
  return word.match(cyrillicLetter) !== null;
}

interface MarkedWord {
  readonly word: string;
  readonly latin: string;
  readonly normal: string;
  readonly previous: string;
}

/**
 * The words of a text that carry a mark: one Cyrillic twin among Latin letters. A word with more Cyrillic,
 * or a Cyrillic letter that has no Latin twin, is genuine Cyrillic and says nothing. A mark met again after
 * the same word is the same mark again, not more evidence: it is counted once.
 */
function markedWords(text: string): MarkedWord[] {
  const marked = new Map<string, MarkedWord>();
  let previous = '';
  for (const [word] of text.matchAll(wordPattern)) {
    const normal = normalised(word);
    const cyrillic = word.match(cyrillicLetter) ?? [];
    if (previous !== '' && word.length >= shortestWord && cyrillic.length === 1 && latinTwins[cyrillic[0]]) {
      const latin = word.replace(cyrillic[0], latinTwins[cyrillic[0]]);
      marked.set(`${previous}\u0000${word}`, { word, latin, normal, previous });
    }
    previous = normal;
  }
  return [...marked.values()];
}

export interface TraceCandidate {
  readonly id: string;
  readonly key: string;
}

export interface TraceScore {
  readonly id: string;
  /** Marked words this key would have written exactly so. */
  readonly agreeing: number;
  /** Marked words in the text (each word after the same word once). */
  readonly compared: number;
}

/**
 * How well each candidate's key explains the marks found in the text. Only marked words are compared:
 * headings, names and the marking on every page were never fingerprinted, and in a copy of the right key
 * their lack of marks would otherwise count against it.
 */
export function traceText(text: string, candidates: readonly TraceCandidate[]): TraceScore[] {
  const marked = markedWords(text);
  return candidates.map(({ id, key }) => {
    const secret = keyBytes(key);
    let agreeing = 0;
    for (const { word, latin, normal, previous } of marked) {
      if (writtenWord(secret, previous, latin, normal) === word) agreeing += 1;
    }
    return { id, agreeing, compared: marked.length };
  });
}

export const traceThresholds = {
  /**
   * Marked words needed before naming anyone. Another key writes a given mark by chance about one time in
   * seven (one in four it marks the word, and then at the same letter; one in four at worst, for words with
   * one letter to swap): thirteen of fourteen by chance is less than one in a million even at worst, and
   * about one in ten billion in prose. Ten lines of a page carry between sixteen and forty.
   */
  fewestCompared: 14,
  /** The share of marks the named copy's key must explain: all but the odd word a reader split or joined. */
  leastAgreement: 0.9,
  /**
   * The share the next best may explain at most. By chance another key explains about one mark in seven, and
   * in passages of ten lines never more than half; a second key explaining most of them means the text is not one copy's.
   */
  mostForRunnerUp: 0.7,
} as const;

export type TraceVerdict =
  | { readonly named: true; readonly best: TraceScore; readonly scores: readonly TraceScore[] }
  | { readonly named: false; readonly reason: string; readonly scores: readonly TraceScore[] };

/** Names the copy whose key explains (almost) every mark, when the marks are enough and no other comes close. */
export function decideTrace(scores: readonly TraceScore[], thresholds = traceThresholds): TraceVerdict {
  const ranked = [...scores].sort((a, b) => b.agreeing - a.agreeing);
  const [best, runnerUp] = ranked;
  const compared = best?.compared ?? 0;
  const share = (score: TraceScore | undefined) => (score && score.compared > 0 ? score.agreeing / score.compared : 0);
  if (!best) return { named: false, reason: 'there are no copies to compare with', scores };
  if (compared < thresholds.fewestCompared) {
    return {
      named: false,
      reason: `the text holds ${compared} marked words, and at least ${thresholds.fewestCompared} are needed`,
      scores,
    };
  }
  if (share(best) < thresholds.leastAgreement) {
    return {
      named: false,
      reason: `no copy's marks agree with the text: at best ${best.agreeing} of ${compared} marked words`,
      scores,
    };
  }
  if (share(runnerUp) > thresholds.mostForRunnerUp) {
    return {
      named: false,
      reason: `more than one copy agrees with the text (${best.agreeing} and ${runnerUp.agreeing} of ${compared} marked words): it may be pieced together from several`,
      scores,
    };
  }
  return { named: true, best, scores };
}
