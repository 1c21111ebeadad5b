import { PrevodError } from "../errors.js";

/**
 * Options of chrF / chrF++. The defaults are sacreBLEU 2.x's (`CHRF()`, `sacrebleu -m chrf`).
 * @example { wordOrder: 2 } // chrF++
 */
export interface ChrfOptions {
  /** Longest character n-gram. @default 6 */
  charOrder?: number;
  /** Longest word n-gram: 0 is chrF, 2 is chrF++. @default 0 */
  wordOrder?: number;
  /** How much more recall weighs than precision. @default 2 */
  beta?: number;
  /** Lowercase hypothesis and references before counting. @default false */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams (sacreBLEU removes it by default). @default false */
  whitespace?: boolean;
  /**
   * Average per-order F-scores with epsilon smoothing, as chrF++.py, NLTK and Moses do.
   * false averages precision and recall over the orders that have n-grams on both sides
   * (sacreBLEU's "effective order", its default). @default false
   */
  epsSmoothing?: boolean;
}

export type ResolvedChrfOptions = Required<ChrfOptions>;

/** A chrF score and the counts it was computed from. */
export interface ChrfScore {
  /** sacreBLEU's name of the metric: "chrF2", "chrF2++" (one "+" per word order). */
  name: string;
  /** The score on sacreBLEU's scale, 0 to 100. */
  score: number;
  charOrder: number;
  wordOrder: number;
  beta: number;
  /**
   * [hypothesis n-grams, reference n-grams, matches] for each order: character orders
   * 1..charOrder, then word orders 1..wordOrder. Corpus scores sum these over segments.
   */
  statistics: number[];
}

type NgramCounts = Map<string, number>;

/** Python's str.split() whitespace (str.isspace): JavaScript's \s differs (it lacks \x1c-\x1f and \x85, has \ufeff). */
const PYTHON_WHITESPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;
/** Python's string.punctuation, which chrF++ splits off the start or end of a word. */
const PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const EPSILON = 1e-16;

export function resolveChrfOptions(options: ChrfOptions = {}): ResolvedChrfOptions {
  const resolved: ResolvedChrfOptions = {
    charOrder: options.charOrder ?? 6,
    wordOrder: options.wordOrder ?? 0,
    beta: options.beta ?? 2,
    lowercase: options.lowercase ?? false,
    whitespace: options.whitespace ?? false,
    epsSmoothing: options.epsSmoothing ?? false,
  };
  for (const key of ["charOrder", "wordOrder"] as const) {
    if (!Number.isInteger(resolved[key]) || resolved[key] < 0) {
      throw new PrevodError("USAGE", `chrF ${key}: expected a whole number ≥ 0, got ${resolved[key]}`);
    }
  }
  if (resolved.charOrder + resolved.wordOrder === 0) {
    throw new PrevodError("USAGE", "chrF: expected charOrder + wordOrder ≥ 1, got 0 (nothing to count)");
  }
  if (!Number.isFinite(resolved.beta) || resolved.beta < 0) {
    throw new PrevodError("USAGE", `chrF beta: expected a number ≥ 0, got ${resolved.beta}`);
  }
  return resolved;
}

/** "chrF2", "chrF2+", "chrF2++": sacreBLEU's name for these options. */
export function chrfName(options: ChrfOptions = {}): string {
  const resolved = resolveChrfOptions(options);
  return `chrF${resolved.beta}${"+".repeat(resolved.wordOrder)}`;
}

/** Python's `str.split()`: words between runs of Python whitespace, no empty words. */
export function splitWords(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((word) => word !== "");
}

/** chrF++'s word tokens: one punctuation mark is split off the end of a word, else off its start. */
function wordsWithPunctuationSplit(sentence: string): string[] {
  const tokens: string[] = [];
  for (const word of splitWords(sentence)) {
    // Python indexes code points; Array.from keeps an astral character whole.
    const characters = Array.from(word);
    const first = characters[0] as string;
    const last = characters[characters.length - 1] as string;
    if (characters.length === 1) tokens.push(word);
    else if (PUNCTUATION.has(last)) tokens.push(characters.slice(0, -1).join(""), last);
    else if (PUNCTUATION.has(first)) tokens.push(first, characters.slice(1).join(""));
    else tokens.push(word);
  }
  return tokens;
}

function characterNgrams(line: string, maxOrder: number, keepWhitespace: boolean): NgramCounts[] {
  const characters = Array.from(keepWhitespace ? line : line.replace(PYTHON_WHITESPACE, ""));
  const counts: NgramCounts[] = Array.from({ length: maxOrder }, () => new Map());
  for (let start = 0; start < characters.length; start += 1) {
    let ngram = "";
    for (let order = 1; order <= maxOrder && start + order <= characters.length; order += 1) {
      ngram += characters[start + order - 1];
      const map = counts[order - 1] as NgramCounts;
      map.set(ngram, (map.get(ngram) ?? 0) + 1);
    }
  }
  return counts;
}

function wordNgrams(tokens: string[], order: number): NgramCounts {
  const counts: NgramCounts = new Map();
  for (let start = 0; start + order <= tokens.length; start += 1) {
    const ngram = tokens.slice(start, start + order).join(" ");
    counts.set(ngram, (counts.get(ngram) ?? 0) + 1);
  }
  return counts;
}

function allNgrams(segment: string, options: ResolvedChrfOptions): NgramCounts[] {
  const text = options.lowercase ? segment.toLowerCase() : segment;
  const ngrams = characterNgrams(text, options.charOrder, options.whitespace);
  if (options.wordOrder > 0) {
    const tokens = wordsWithPunctuationSplit(text);
    for (let order = 1; order <= options.wordOrder; order += 1) ngrams.push(wordNgrams(tokens, order));
  }
  return ngrams;
}

function matchStatistics(hypothesis: NgramCounts, reference: NgramCounts): [number, number, number] {
  let hypothesisCount = 0;
  let matches = 0;
  for (const [ngram, count] of hypothesis) {
    hypothesisCount += count;
    const inReference = reference.get(ngram);
    if (inReference !== undefined) matches += Math.min(count, inReference);
  }
  let referenceCount = 0;
  for (const count of reference.values()) referenceCount += count;
  // sacreBLEU counts no hypothesis n-grams of an order the reference does not have at all.
  return [reference.size > 0 ? hypothesisCount : 0, referenceCount, matches];
}

/**
 * The F-score of summed statistics, ×100. The operations run in sacreBLEU's order
 * (CHRF._compute_f_score) so that results agree to the last bit, not just to 4 decimals.
 */
export function chrfFromStatistics(statistics: number[], options: ChrfOptions = {}): number {
  const resolved = resolveChrfOptions(options);
  const order = resolved.charOrder + resolved.wordOrder;
  const factor = resolved.beta ** 2;
  let score = 0;
  let averagePrecision = 0;
  let averageRecall = 0;
  let effectiveOrder = 0;
  for (let index = 0; index < order; index += 1) {
    const hypothesisCount = statistics[3 * index] ?? 0;
    const referenceCount = statistics[3 * index + 1] ?? 0;
    const matches = statistics[3 * index + 2] ?? 0;
    const precision = hypothesisCount > 0 ? matches / hypothesisCount : EPSILON;
    const recall = referenceCount > 0 ? matches / referenceCount : EPSILON;
    const denominator = factor * precision + recall;
    score += denominator > 0 ? ((1 + factor) * precision * recall) / denominator : EPSILON;
    if (hypothesisCount > 0 && referenceCount > 0) {
      averagePrecision += precision;
      averageRecall += recall;
      effectiveOrder += 1;
    }
  }
  if (resolved.epsSmoothing) return (100 * score) / order;
  if (effectiveOrder === 0) return 0;
  averagePrecision /= effectiveOrder;
  averageRecall /= effectiveOrder;
  if (averagePrecision + averageRecall === 0) return 0;
  let fScore = (1 + factor) * averagePrecision * averageRecall;
  fScore /= factor * averagePrecision + averageRecall;
  return 100 * fScore;
}

/** Statistics of one segment against the reference that gives it the best F-score (the first on ties). */
function segmentStatistics(hypothesis: string, references: string[], options: ResolvedChrfOptions): number[] {
  const hypothesisNgrams = allNgrams(hypothesis, options);
  let best: number[] = [];
  let bestScore = -1;
  for (const reference of references) {
    const referenceNgrams = allNgrams(reference, options);
    const statistics = hypothesisNgrams.flatMap((ngrams, index) => matchStatistics(ngrams, referenceNgrams[index] as NgramCounts));
    const score = chrfFromStatistics(statistics, options);
    if (score > bestScore) {
      bestScore = score;
      best = statistics;
    }
  }
  return best;
}

function toScore(statistics: number[], options: ResolvedChrfOptions): ChrfScore {
  return {
    name: chrfName(options),
    score: chrfFromStatistics(statistics, options),
    charOrder: options.charOrder,
    wordOrder: options.wordOrder,
    beta: options.beta,
    statistics,
  };
}

/** chrF of one hypothesis against one or more references (sacreBLEU's sentence_chrf). */
export function chrfSentence(hypothesis: string, references: string[], options: ChrfOptions = {}): ChrfScore {
  const resolved = resolveChrfOptions(options);
  if (references.length === 0) throw new PrevodError("INPUT_INVALID", "chrF: expected at least one reference, got none");
  return toScore(segmentStatistics(hypothesis, references, resolved), resolved);
}

/**
 * chrF of a corpus (sacreBLEU's corpus_chrf): statistics summed over segments, each segment
 * counted against its best reference. `referenceStreams[k][i]` is reference k of hypothesis i.
 */
export function chrfCorpus(hypotheses: string[], referenceStreams: string[][], options: ChrfOptions = {}): ChrfScore {
  const resolved = resolveChrfOptions(options);
  if (hypotheses.length === 0) throw new PrevodError("INPUT_INVALID", "chrF: expected at least one hypothesis, got none");
  if (referenceStreams.length === 0) throw new PrevodError("INPUT_INVALID", "chrF: expected at least one reference stream, got none");
  referenceStreams.forEach((stream, index) => {
    if (stream.length !== hypotheses.length) {
      throw new PrevodError(
        "INPUT_INVALID",
        `chrF: reference stream ${index + 1} has ${stream.length} segments, expected ${hypotheses.length} (one per hypothesis)`,
      );
    }
  });
  const total = new Array<number>(3 * (resolved.charOrder + resolved.wordOrder)).fill(0);
  hypotheses.forEach((hypothesis, segment) => {
    const references = referenceStreams.map((stream) => stream[segment] as string);
    segmentStatistics(hypothesis, references, resolved).forEach((value, index) => {
      total[index] = (total[index] as number) + value;
    });
  });
  return toScore(total, resolved);
}
