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

/**
 * The text with every look-alike read back as its Latin letter: a copy's text as it was before it was
 * fingerprinted, to compare with its source (a canary, a search). Genuine Cyrillic loses its look-alikes too.
 */
export function withoutMarks(text: string): string {
  return text.replace(cyrillicLetter, (letter) => latinTwins[letter] ?? letter);
}

function hasCyrillic(word: string): boolean {
  return word.match(cyrillicLetter) !== null;
}

interface MarkedWord {
  readonly word: string;
  readonly latin: string;
  readonly normal: string;
  readonly previous: string;
  /** The chance that a key of another copy writes this very mark: it marks the word, and at the same letter. */
  readonly chance: number;
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
      const chance = markedBelow / 256 / eligiblePlaces(latin).length;
      marked.set(`${previous}\u0000${word}`, { word, latin, normal, previous, chance });
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
  /**
   * The chance that the key of some other copy would agree with as many of these marks, as a power of ten:
   * -9 is one in a billion. Each mark has its own chance: one in four for a word with one letter to swap,
   * one in twenty for a word with five.
   */
  readonly chanceLog10: number;
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
    let chanceLog10 = 0;
    for (const { word, latin, normal, previous, chance } of marked) {
      if (writtenWord(secret, previous, latin, normal) !== word) continue;
      agreeing += 1;
      chanceLog10 += Math.log10(chance);
    }
    return { id, agreeing, compared: marked.length, chanceLog10: chanceLog10 + log10Choose(marked.length, agreeing) };
  });
}

/** log10 of the number of ways to choose k of n: which of the marks were the ones to agree. */
function log10Choose(n: number, k: number): number {
  let sum = 0;
  for (let index = 1; index <= n - k; index += 1) sum += Math.log10((k + index) / index);
  return sum;
}

export const traceThresholds = {
  /** Marked words needed before naming anyone, however telling: a few words are not a passage. */
  fewestCompared: 8,
  /** The share of marks the named copy's key must explain: all but the odd word a reader split or joined. */
  leastAgreement: 0.9,
  /**
   * How unlikely it must be, as a power of ten, that any other copy's key explains the marks as well by chance,
   * over all the copies compared: one in a million. Among thirty copies that takes thirteen marks at worst (all
   * in words with one letter to swap), seven or eight in longer words; ten lines of a page carry fifteen to forty.
   */
  mostChanceLog10: -6,
  /**
   * The share the next best may explain at most. By chance another key explains about one mark in seven;
   * a second key explaining most of them means the text is not one copy's.
   */
  mostForRunnerUp: 0.7,
} as const;

export type TraceVerdict =
  | { readonly named: true; readonly best: TraceScore; readonly scores: readonly TraceScore[] }
  | { readonly named: false; readonly reason: string; readonly scores: readonly TraceScore[] };

/**
 * Names the copy whose key explains (almost) every mark, when the marks are too many and too telling for
 * another copy's key to explain them as well by chance, and no other key comes close.
 */
export function decideTrace(scores: readonly TraceScore[], thresholds = traceThresholds): TraceVerdict {
  const [best, runnerUp] = [...scores].sort((a, b) => b.agreeing - a.agreeing || a.chanceLog10 - b.chanceLog10);
  if (!best) return { named: false, reason: 'there are no copies to compare with', scores };
  const { agreeing, compared } = best;
  const share = (score: TraceScore | undefined) => (score && score.compared > 0 ? score.agreeing / score.compared : 0);
  const refuse = (reason: string): TraceVerdict => ({ named: false, reason, scores });
  if (compared < thresholds.fewestCompared) {
    return refuse(`the text holds ${compared} marked words, and at least ${thresholds.fewestCompared} are needed`);
  }
  if (share(best) < thresholds.leastAgreement) {
    return refuse(`no copy's marks agree with the text: at best ${agreeing} of ${compared} marked words`);
  }
  if (best.chanceLog10 + Math.log10(scores.length) > thresholds.mostChanceLog10) {
    return refuse(`${agreeing} of ${compared} marked words agree, too few to rule out chance`);
  }
  if (share(runnerUp) > thresholds.mostForRunnerUp) {
    return refuse(
      `more than one copy agrees with the text (${agreeing} and ${runnerUp.agreeing} of ${compared} marked words): it may be pieced together from several`,
    );
  }
  return { named: true, best, scores };
}
