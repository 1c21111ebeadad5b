/**
 * Language identification for the languages prevod reads and writes: bg, ru, sr-Cyrl, mk (Cyrillic)
 * and en, sr-Latn, hr, bs (Latin), with `und` when the text gives no usable evidence.
 *
 * Why not a general-purpose identifier (franc, cld3, eld)? They are trained for hundreds of
 * languages, and between these close ones they confuse the very pairs a translation gate must
 * separate: franc sends much Serbian Cyrillic to Bosnian and Russian to Bulgarian, cld3 ignores
 * Russian letters injected into Serbian. What separates these languages is known exactly:
 * - the alphabets differ: ы э ё only in Russian, ъ ѝ mostly Bulgarian, ђ ћ only Serbian,
 *   ѓ ќ ѕ only Macedonian, ј љ њ џ Serbian and Macedonian but never Bulgarian or Russian;
 * - the function words differ (bg "че това са ще", ru "что это был который", sr "је су који",
 *   mk "дека тоа во ќе") and so do articles and inflections (bg "-ът", mk "-иот", ru "-ого").
 * So each language gets a score that adds up these kinds of evidence, from hand-written tables
 * (./langid-features.ts), and the best score wins. Every word and letter counts, so the
 * decision gets firmer with length, one misleading word cannot flip a sentence, and Latin names
 * inside Cyrillic text add nothing to a Latin-script language unless they are English words.
 * Serbian Latin against Croatian and Bosnian rests on ekavian against ijekavian forms and on
 * lexical pairs (hiljada/tisuća, ko/tko, voz/vlak), see ./langid-shtokavian.ts. The scorer is a
 * single pass over words and letters with map look-ups: thousands of sentences per second on one
 * core. `npm run eval:langid` prints its accuracy beside franc's on the NTREX dev set.
 */
import { memoize } from "../common/memo.js";
import type { DetectedLanguage } from "../common/languages.js";
import * as features from "./langid-features.js";
import { MODALS, SERBIAN_VERB, scoreShtokavian } from "./langid-shtokavian.js";
import { nonSerbianForms } from "./serbian-variant.js";
import { toCyrillic } from "./transliterate.js";

/** The answer of identifyLanguage. */
export interface LanguageGuess {
  lang: DetectedLanguage;
  /** How sure, 0..1: the share of the winning language after a softmax over the scores. */
  confidence: number;
  /** The evidence per language; higher is more likely. */
  scores?: Partial<Record<DetectedLanguage, number>>;
}

const CYRILLIC = ["bg", "ru", "sr-Cyrl", "mk"] as const satisfies readonly DetectedLanguage[];
const LATIN = ["en", "sr-Latn", "hr", "bs"] as const satisfies readonly DetectedLanguage[];
const CANDIDATES: readonly DetectedLanguage[] = [...CYRILLIC, ...LATIN, "und"];
type Scores = Record<DetectedLanguage, number>;

const WORD_WEIGHT = 2;
/** Extra weight of words one Cyrillic language uses constantly and its neighbours never. */
const STRONG_WEIGHT = 1.5;
const ENDING_WEIGHT = 0.8;
/** Against Russian, per word Russian spelling never produces (./langid-features.ts NOT_RUSSIAN_WORDS). */
const NOT_RUSSIAN_WEIGHT = -2;
/** Each letter of a script is a little evidence for the languages written in it. */
const SCRIPT_WEIGHT = 0.05;
/** Below this much evidence the text is names, numbers or too short to tell: `und`. */
const MINIMUM_EVIDENCE = 2;
const SOFTMAX_TEMPERATURE = 2;
const ENGLISH_SPELLING_WEIGHT = 0.8;


/** Spellings of English that Serbian, Croatian and Bosnian never use (th, sh, ee, ou, w, y, …). */
const ENGLISH_SPELLING = /th|sh|ch|wh|ck|ee|oo|ou|ea|ai|ay|ey|ow|aw|w|q|x|y/u;

type Weighted = Array<[DetectedLanguage, number]>;

/** All word lists merged into one look-up per script: word → [language, weight][]. */
function wordIndex(tables: ReadonlyArray<[Iterable<string>, readonly DetectedLanguage[], number]>): Map<string, Weighted> {
  const index = new Map<string, Weighted>();
  for (const [words, languages, weight] of tables) {
    for (const word of words) {
      const entry = index.get(word) ?? [];
      for (const language of languages) {
        const existing = entry.find(([known]) => known === language);
        // A word in two lists of one language counts once, plus any extra (strong) weight.
        if (existing !== undefined) existing[1] += weight === WORD_WEIGHT ? 0 : weight;
        else entry.push([language, weight]);
      }
      index.set(word, entry);
    }
  }
  return index;
}

const cyrillicWords = (words: Iterable<string>): string[] => [...words].map((word) => toCyrillic(word));

const CYRILLIC_WORDS = wordIndex([
  [features.BULGARIAN_WORDS, ["bg"], WORD_WEIGHT],
  [features.BULGARIAN_CORE_WORDS, ["bg"], WORD_WEIGHT],
  [features.STRONG_WORDS.bg, ["bg"], STRONG_WEIGHT],
  [features.RUSSIAN_WORDS, ["ru"], WORD_WEIGHT],
  [features.RUSSIAN_CORE_WORDS, ["ru"], WORD_WEIGHT],
  [features.STRONG_WORDS.ru, ["ru"], STRONG_WEIGHT],
  [features.MACEDONIAN_WORDS, ["mk"], WORD_WEIGHT],
  [features.MACEDONIAN_CORE_WORDS, ["mk"], WORD_WEIGHT],
  [features.STRONG_WORDS.mk, ["mk"], STRONG_WEIGHT],
  [cyrillicWords(features.SOUTH_SLAVIC_WORDS), ["sr-Cyrl"], WORD_WEIGHT],
  [cyrillicWords(features.SOUTH_SLAVIC_CORE_WORDS), ["sr-Cyrl"], WORD_WEIGHT],
  [cyrillicWords(features.SERBIAN_ONLY_WORDS), ["sr-Cyrl"], WORD_WEIGHT],
  [cyrillicWords(features.SERBIAN_BOSNIAN_WORDS), ["sr-Cyrl"], WORD_WEIGHT],
  [cyrillicWords(features.CROATIAN_BOSNIAN_WORDS), ["sr-Cyrl"], WORD_WEIGHT],
  [features.STRONG_WORDS.sr, ["sr-Cyrl"], STRONG_WEIGHT],
  [features.NOT_RUSSIAN_WORDS, ["ru"], NOT_RUSSIAN_WEIGHT],
]);

const LATIN_WORDS = wordIndex([
  [features.SOUTH_SLAVIC_WORDS, ["sr-Latn", "hr", "bs"], WORD_WEIGHT],
  [features.SOUTH_SLAVIC_CORE_WORDS, ["sr-Latn", "hr", "bs"], WORD_WEIGHT],
  [features.SERBIAN_ONLY_WORDS, ["sr-Latn"], 2.5],
  [features.SERBIAN_BOSNIAN_WORDS, ["sr-Latn", "bs"], 1.5],
  [features.CROATIAN_BOSNIAN_WORDS, ["hr", "bs"], 2.5],
  [features.CROATIAN_ONLY_WORDS, ["hr"], 2.5],
  [features.BOSNIAN_ONLY_WORDS, ["bs"], 2.5],
  [features.ENGLISH_WORDS, ["en"], WORD_WEIGHT],
  [features.ENGLISH_CORE_WORDS, ["en"], WORD_WEIGHT],
  [features.OTHER_LATIN_WORDS, ["und"], WORD_WEIGHT],
]);

// Transliterated behind a Serbian letter, so that an ending that looks English ("an") is not left in Latin.
const cyrillicEndings = (endings: Map<string, number>): Map<string, number> =>
  new Map([...endings].map(([ending, weight]) => [toCyrillic(`ž${ending}`).slice(1), weight]));

/** Ending tables per script; each table gives its languages the weight of its longest match. */
const ENDINGS: Record<"cyrillic" | "latin", ReadonlyArray<[Map<string, number>, readonly DetectedLanguage[]]>> = {
  cyrillic: [
    [features.BULGARIAN_ENDINGS, ["bg"]],
    [features.RUSSIAN_ENDINGS, ["ru"]],
    [features.MACEDONIAN_ENDINGS, ["mk"]],
    [cyrillicEndings(features.SERBIAN_ENDINGS), ["sr-Cyrl"]],
    [cyrillicEndings(features.SERBIAN_LATIN_ENDINGS), ["sr-Cyrl"]],
  ],
  latin: [
    [features.SERBIAN_ENDINGS, ["sr-Latn", "hr", "bs"]],
    [features.SERBIAN_LATIN_ENDINGS, ["sr-Latn"]],
    [features.ENGLISH_ENDINGS, ["en"]],
  ],
};

/**
 * Letters and what they say, per occurrence. Letters an alphabet lacks count strongly against
 * it; shared letters count mildly for the languages that have them.
 */
const LETTERS: Record<string, Partial<Scores>> = {
  ы: { ru: 3, bg: -5, "sr-Cyrl": -5, mk: -5 },
  э: { ru: 3, bg: -5, "sr-Cyrl": -5, mk: -5 },
  ё: { ru: 3, bg: -5, "sr-Cyrl": -5, mk: -5 },
  й: { ru: 1, bg: 1, "sr-Cyrl": -4, mk: -4 },
  щ: { ru: 1, bg: 1.5, "sr-Cyrl": -4, mk: -4 },
  ю: { ru: 0.5, bg: 0.5, "sr-Cyrl": -4, mk: -4 },
  я: { ru: 0.5, bg: 0.5, "sr-Cyrl": -4, mk: -4 },
  ѝ: { bg: 2, mk: 1, ru: -3, "sr-Cyrl": -3 },
  ђ: { "sr-Cyrl": 3, mk: -3, bg: -5, ru: -5 },
  ћ: { "sr-Cyrl": 3, mk: -3, bg: -5, ru: -5 },
  ј: { "sr-Cyrl": 1, mk: 1, bg: -5, ru: -5 },
  љ: { "sr-Cyrl": 1, mk: 1, bg: -5, ru: -5 },
  њ: { "sr-Cyrl": 1, mk: 1, bg: -5, ru: -5 },
  џ: { "sr-Cyrl": 1, mk: 1, bg: -5, ru: -5 },
  ѓ: { mk: 3, "sr-Cyrl": -3, bg: -5, ru: -5 },
  ѐ: { mk: 3, bg: -2, "sr-Cyrl": -3, ru: -5 },
  ќ: { mk: 3, "sr-Cyrl": -3, bg: -5, ru: -5 },
  ѕ: { mk: 3, "sr-Cyrl": -3, bg: -5, ru: -5 },
  // Ukrainian and Belarusian letters: a Cyrillic language prevod does not know.
  і: { und: 3, bg: -3, ru: -3, "sr-Cyrl": -3, mk: -3 },
  ї: { und: 3, bg: -3, ru: -3, "sr-Cyrl": -3, mk: -3 },
  є: { und: 3, bg: -3, ru: -3, "sr-Cyrl": -3, mk: -3 },
  ґ: { und: 3, bg: -3, ru: -3, "sr-Cyrl": -3, mk: -3 },
  ў: { und: 3, bg: -3, ru: -3, "sr-Cyrl": -3, mk: -3 },
  č: { "sr-Latn": 1, hr: 1, bs: 1, en: -2 },
  ć: { "sr-Latn": 1, hr: 1, bs: 1, en: -2 },
  š: { "sr-Latn": 1, hr: 1, bs: 1, en: -2 },
  ž: { "sr-Latn": 1, hr: 1, bs: 1, en: -2 },
  đ: { "sr-Latn": 1, hr: 1, bs: 1, en: -2 },
  w: { en: 0.5, "sr-Latn": -0.5, hr: -0.5, bs: -0.5 },
  q: { en: 0.5, "sr-Latn": -0.5, hr: -0.5, bs: -0.5 },
  é: { und: 1, en: -0.5 },
  è: { und: 1, en: -0.5 },
  à: { und: 1, en: -0.5 },
  ç: { und: 1, en: -0.5 },
  ü: { und: 1, en: -0.5 },
  ö: { und: 1, en: -0.5 },
  ä: { und: 1, en: -0.5 },
  ß: { und: 1, en: -0.5 },
  ñ: { und: 1, en: -0.5 },
};

/**
 * What a letter every Cyrillic alphabet shares says: a little against the languages whose own
 * letters are frequent and missing here. About 6% of Bulgarian letters are ъ щ ю я й ь, 8% of
 * Russian ones are ы э й я ю ь щ ё, 4% of Serbian ones ј љ њ ћ ђ џ, 3.5% of Macedonian ones
 * ј љ њ ѓ ќ ѕ џ; log(1 - share) per common letter.
 */
const COMMON_LETTER: Record<(typeof CYRILLIC)[number], number> = { bg: -0.062, ru: -0.083, "sr-Cyrl": -0.041, mk: -0.036 };

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const CYRILLIC_LETTER = /[\u0400-\u04ff]/u;

/** Identifies the language of a sentence or paragraph; see the module comment. */
export function identifyLanguage(input: string): LanguageGuess {
  // "ѐ" typed as е + combining grave is the Macedonian letter all the same.
  const text = /[\u0300-\u036f]/u.test(input) ? input.normalize("NFC") : input;
  const scores = emptyScores();
  // Kept apart so that a long text of common letters alone never counts as evidence.
  const absence = emptyScores();
  const own = { mkOverBg: 0, mkOverSr: 0, srOverBg: 0 };
  let previousLatin: string | undefined;
  let letters = 0;
  for (const match of text.matchAll(WORD)) {
    // "U.S.", "A.I.", "J. Smith": initials say nothing about the language.
    if (match[0].length === 1 && text.charAt(match.index + 1) === "." && match[0] !== match[0].toLowerCase()) continue;
    const lower = match[0].toLowerCase();
    const word = lower.includes("’") ? lower.replace(/’/gu, "'") : lower;
    letters += word.length;
    const evidence = wordEvidence(word);
    const said = { bg: 0, "sr-Cyrl": 0, mk: 0 } as Record<string, number>;
    // A name (capitalised after the first word) is transcribed: the letters it lacks say little.
    const name = match.index > 0 && match[0] !== lower;
    for (const [language, score, missing] of evidence.deltas) {
      scores[language] += score;
      if (!name) absence[language] += missing;
      said[language] = score;
    }
    if (evidence.cyrillic) {
      own.mkOverBg += Math.max(0, said.mk! - said.bg!);
      own.mkOverSr += Math.max(0, said.mk! - said["sr-Cyrl"]!);
      own.srOverBg += Math.max(0, said["sr-Cyrl"]! - said.bg!);
    }
    if (!evidence.cyrillic) {
      // Depends on the word before, so it is not part of the remembered evidence.
      scoreShtokavian(word, previousLatin, match[0] !== word, scores);
      previousLatin = word;
    }
  }
  if (letters === 0) return { lang: "und", confidence: 1, scores: {} };
  const guess = decide(scores, absence, own);
  return SHTOKAVIAN.includes(guess.lang) ? resolveShtokavian(text, guess) : guess;
}

const SHTOKAVIAN: readonly DetectedLanguage[] = ["sr-Latn", "hr", "bs"];
/**
 * Croatian words that Bosnian does not use (Bosnian writes ko, hiljada, sedmica, januar, avion,
 * voz, hljeb, muzika, univerzitet, porodica, historija, nauka, evropski, tačno, hemija, milion,
 * tokom, vjerovatno). Other non-Serbian forms (skupina, potpora, njezin, -irati, ozljeda) are
 * written in both and only tell that the line is not Serbian.
 */
const CROATIAN_NOT_BOSNIAN = /^(?:tko|netko|nitko|tisuć|tjed|siječ|veljač|ožuj|travnj|travanj|svib|lipanj|lipnj|srpanj|srpnj|kolovoz|rujan|rujn|listopad|studen|prosin|zrakoplov|vlak|kruh|glazb|sveučilišt|kazališt|obitelj|tvrtk|povijes|znanost|znanstven|europ|točn|kemij|milijun|tijekom|vjerojatn|nogomet|momčad|gospodarst|izvješ|priopć|uhit|uhić|zapovjedn|glasnogovorn|veleposlan|odvjetn|proračun|sabor|dakako|primjerice|nazoč|gledatelj|čitatelj|slušatelj|posjetitelj|kolodvor|zračn|vojarn|časni|postrojb|izbornik|vratar|tajnik|ured|juh|rajčic|krumpir|računal|zaslon|kuhar|kuhati|ljekarn|sudac|suca|suci|tužitelj|unatoč|uvjet|preduvjet|nadalje|osobit|posebice|svezi|glede|naime)/u;
const BOSNIAN_ONLY = new Set([...features.BOSNIAN_ONLY_WORDS].filter((word) => !/^(?:bosn|sarajev|opć)/u.test(word)));
/** Serbian and Bosnian words against Croatian (ko, šta, hiljada, januar, porodica, univerzitet, …). */
const SERBIAN_AND_BOSNIAN: ReadonlySet<string> = features.SERBIAN_BOSNIAN_WORDS;

/**
 * Serbian (Latin), Croatian and Bosnian share most words; what tells them apart is the variant
 * evidence the language gate uses (./serbian-variant.ts): ekavian Serbian has no ijekavian
 * reflexes and no Croatian lexis, Croatian has Croatian lexis (tko, tisuća, tjedan, -irati),
 * Bosnian is ijekavian with the vocabulary it shares with Serbian (ko, šta, hiljada, januar,
 * historija, sedmica). A line with neither is Serbian; the scores decide only between hr and bs
 * when the words leave them level.
 */
function resolveShtokavian(text: string, guess: LanguageGuess): LanguageGuess {
  const forms = nonSerbianForms(text);
  let ijekavian = 0;
  let croatian = 0;
  let bosnian = 0;
  // Bosnian "historija" (Serbian istorija, Croatian povijest): not Serbian, though not ijekavian.
  let historical = 0;
  for (const form of forms) {
    const word = form.found.toLowerCase();
    if (CROATIAN_NOT_BOSNIAN.test(word)) croatian += 1;
    else if (/^historij/u.test(word)) {
      bosnian += 1;
      historical += 1;
    }
    else ijekavian += 1;
  }
  for (const match of text.toLowerCase().matchAll(WORD)) {
    if (SERBIAN_AND_BOSNIAN.has(match[0])) bosnian += 0.5;
    if (BOSNIAN_ONLY.has(match[0]) || /^vjerovatn/u.test(match[0])) bosnian += 1;
  }
  const scores = guess.scores ?? {};
  // Level on words: Bosnian writes "može da dođe", "da li" and -ovati/-isati verbs as Serbian does,
  // Croatian "može doći", "je li" and -irati (Bosnian writes both, so this decides ties only).
  let syntax = 0;
  let previous: string | undefined;
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0];
    if (SERBIAN_VERB.test(word)) syntax += 1;
    if (previous !== undefined && MODALS.has(previous)) syntax += word === "da" ? 1 : /(?:ti|ći)$/u.test(word) ? -1 : 0;
    if (word === "li") syntax += previous === "da" ? 1 : previous === "je" ? -1 : 0;
    previous = word;
  }
  // Still level: Croatian, the language of most ijekavian news text outside Serbia.
  const level = syntax > 0 ? "bs" : "hr";
  const lang: DetectedLanguage = ijekavian + croatian + historical === 0 ? "sr-Latn" : croatian > bosnian ? "hr" : bosnian > croatian ? "bs" : level;
  if (lang === guess.lang) return guess;
  // The winner gets the top score, so that confidence and probabilityOf agree with it.
  const top = Math.max(...SHTOKAVIAN.map((language) => scores[language] ?? 0));
  const rescored = { ...scores, [lang]: Math.round((top + 1) * 100) / 100 };
  let total = 0;
  for (const language of CANDIDATES) total += Math.exp(((rescored[language] ?? 0) - (rescored[lang] as number)) / SOFTMAX_TEMPERATURE);
  return { lang, confidence: Math.round((1 / total) * 1000) / 1000, scores: rescored };
}

const LANGUAGES = Object.keys(emptyScores()) as DetectedLanguage[];

/**
 * What one (lower-case) word says on its own — word lists, endings, English spelling, letters —
 * computed once per word: words recur across sentences, targets and articles.
 */
const wordEvidence = memoize((word: string): { cyrillic: boolean; deltas: Array<[DetectedLanguage, number, number]> } => {
  const scores = emptyScores();
  const absence = emptyScores();
  const cyrillic = CYRILLIC_LETTER.test(word);
  if (cyrillic) {
    scoreWord(word, CYRILLIC_WORDS, ENDINGS.cyrillic, scores);
    scoreLetters(word, CYRILLIC, scores, absence);
  } else {
    const known = scoreWord(word, LATIN_WORDS, ENDINGS.latin, scores);
    if (!known && ENGLISH_SPELLING.test(word)) scores.en += ENGLISH_SPELLING_WEIGHT;
    scoreLetters(word, LATIN, scores, absence);
  }
  // Only the languages the word says something about, so adding it up stays short.
  const deltas = LANGUAGES.filter((language) => scores[language] !== 0 || absence[language] !== 0).map((language): [DetectedLanguage, number, number] => [language, scores[language], absence[language]]);
  return { cyrillic, deltas };
});

function emptyScores(): Scores {
  return { bg: 0, ru: 0, "sr-Cyrl": 0, mk: 0, en: 0, "sr-Latn": 0, hr: 0, bs: 0, und: 0 };
}

/** Adds a word's evidence: its entry in the word lists, or else its endings. True if listed. */
function scoreWord(
  word: string,
  words: Map<string, Weighted>,
  endings: ReadonlyArray<[Map<string, number>, readonly DetectedLanguage[]]>,
  scores: Scores,
): boolean {
  const entry = words.get(word);
  if (entry !== undefined) {
    for (const [language, weight] of entry) scores[language] += weight;
    return true;
  }
  for (const [table, languages] of endings) {
    const weight = longestEnding(word, table);
    if (weight !== 0) for (const language of languages) scores[language] += ENDING_WEIGHT * weight;
  }
  return false;
}

/** Weight of the longest listed ending that leaves a stem of at least two letters. */
function longestEnding(word: string, endings: Map<string, number>): number {
  for (let length = Math.min(6, word.length - 2); length >= 1; length -= 1) {
    const weight = endings.get(word.slice(-length));
    if (weight !== undefined) return weight;
  }
  return 0;
}

function scoreLetters(word: string, script: readonly DetectedLanguage[], scores: Scores, absence: Scores): void {
  const cyrillic = script === CYRILLIC;
  for (const language of script) scores[language] += SCRIPT_WEIGHT * word.length;
  for (let index = 0; index < word.length; index += 1) {
    const letter = word[index] as string;
    if (cyrillic && (letter === "ъ" || letter === "ь")) {
      scoreSigns(letter, word[index + 1], scores);
      continue;
    }
    const evidence = LETTERS[letter];
    if (evidence !== undefined) {
      for (const language in evidence) scores[language as DetectedLanguage] += evidence[language as DetectedLanguage] as number;
    } else if (cyrillic) {
      for (const language of CYRILLIC) absence[language] += COMMON_LETTER[language];
    }
  }
}

/**
 * Bulgarian writes ъ as a vowel (път, България) and ь only before о (шофьор); Russian writes ъ
 * only as a separator before е ё ю я (объявил) and ь freely (быть, деньги).
 */
function scoreSigns(letter: string, next: string | undefined, scores: Scores): void {
  const beforeIotated = next !== undefined && "еёюя".includes(next);
  if (letter === "ъ") {
    scores.bg += beforeIotated ? -1 : 2;
    scores.ru += beforeIotated ? 2 : -3;
  } else {
    scores.bg += next === "о" ? 1 : -3;
    scores.ru += next === "о" ? 0.5 : 1.5;
  }
  scores["sr-Cyrl"] -= 4;
  scores.mk -= 4;
}

/**
 * How much evidence of its own (words, endings, letters that count more for it than for the
 * rival, word by word) Macedonian needs to win over Bulgarian and Serbian (a listed word or a
 * letter), and Serbian over Bulgarian (any, an ending will do). See decide().
 */
const MACEDONIAN_OWN_EVIDENCE = 1;
const SERBIAN_OWN_EVIDENCE = 0.3;
/**
 * Shared letters count against languages with frequent letters of their own (COMMON_LETTER) at
 * this weight: enough to tell long texts, while short ones are left to the words.
 */
const ABSENCE_WEIGHT = 0.5;

/** Per text: the evidence, word by word, that counts more for one Cyrillic language than another. */
interface OwnEvidence {
  mkOverBg: number;
  mkOverSr: number;
  srOverBg: number;
}

/**
 * The best score wins, with one rule for the product's context. Shared letters (а, о, н, …) count
 * a little against the languages whose own letters are frequent (COMMON_LETTER), and Macedonian's
 * own letters are the rarest, then Serbian's: a short line of words all three share ("Да.",
 * "Варна пуска 40 нови електробуса") drifts to Macedonian, then Serbian, on letters it lacks
 * alone. prevod reads Bulgarian and writes Serbian, never Macedonian, so Macedonian wins only
 * on evidence of its own against both (ѓ ќ ѕ ѐ, ќе, дека, -от, ј beside -ите), and Serbian
 * over Bulgarian only on its own (ј љ њ ћ ђ џ, је, су, -ског); otherwise the line is Bulgarian.
 * Long texts always carry such evidence, so the rule matters on short ones only.
 */
function decide(evidence: Scores, absence: Scores, own: OwnEvidence): LanguageGuess {
  const scores = emptyScores();
  let best: DetectedLanguage = "und";
  for (const language of CANDIDATES) {
    scores[language] = evidence[language] + ABSENCE_WEIGHT * absence[language];
    if (scores[language] > scores[best]) best = language;
  }
  if (best === "mk" && (own.mkOverBg < MACEDONIAN_OWN_EVIDENCE || own.mkOverSr < MACEDONIAN_OWN_EVIDENCE)) best = scores["sr-Cyrl"] > scores.bg ? "sr-Cyrl" : "bg";
  if (best === "sr-Cyrl" && own.srOverBg < SERBIAN_OWN_EVIDENCE) best = "bg";
  const rounded: Partial<Scores> = {};
  for (const language of CANDIDATES) rounded[language] = Math.round(scores[language] * 100) / 100;
  if (evidence[best] < MINIMUM_EVIDENCE) return { lang: "und", confidence: 0.5, scores: rounded };
  let total = 0;
  for (const language of CANDIDATES) total += Math.exp((scores[language] - scores[best]) / SOFTMAX_TEMPERATURE);
  return { lang: best, confidence: Math.round((1 / total) * 1000) / 1000, scores: rounded };
}

/**
 * The probability a guess gives to some languages together, from its scores (the same softmax
 * as `confidence`). A gate asks this of the expected language rather than trusting the winner
 * alone: "not Russian" can be certain when Bulgarian and Macedonian are still close.
 */
export function probabilityOf(guess: LanguageGuess, languages: readonly DetectedLanguage[]): number {
  const scores = guess.scores ?? {};
  const values = CANDIDATES.map((language) => scores[language] ?? 0);
  const best = Math.max(...values);
  let total = 0;
  let share = 0;
  CANDIDATES.forEach((language, index) => {
    const weight = Math.exp(((values[index] as number) - best) / SOFTMAX_TEMPERATURE);
    total += weight;
    if (languages.includes(language)) share += weight;
  });
  return share / total;
}

/** What in a text speaks for one language against another, for a reason a reader can act on. */
export interface LanguageEvidence {
  /** Letters the found language has and the expected one lacks (ъ, ы, ј, …), each once. */
  letters: string[];
  /** Listed words (function words, common words) of the found language that the expected one does not use. */
  words: string[];
}

/**
 * The letters and words of `text` that count for `found` and not for `expected`, in text order,
 * at most `limit` of each. Used to explain a wrong-language verdict.
 * @example explainLanguage("Той каза, че това е вярно.", "bg", "ru") // { letters: [], words: ["той", "че", "това", "е"] }
 */
export function explainLanguage(text: string, found: DetectedLanguage, expected: DetectedLanguage, limit = 4): LanguageEvidence {
  const letters = new Set<string>();
  const words = new Set<string>();
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    const entry = (CYRILLIC_LETTER.test(word) ? CYRILLIC_WORDS : LATIN_WORDS).get(word);
    const credits = (language: DetectedLanguage): boolean => entry?.some(([known, weight]) => known === language && weight > 0) ?? false;
    if (words.size < limit && credits(found) && !credits(expected)) words.add(word);
    for (let index = 0; index < word.length; index += 1) {
      const letter = word[index] as string;
      if (letters.size >= limit || letters.has(letter)) continue;
      if (letterFavours(letter, word[index + 1], found, expected)) letters.add(letter);
    }
  }
  return { letters: [...letters], words: [...words] };
}

function letterFavours(letter: string, next: string | undefined, found: DetectedLanguage, expected: DetectedLanguage): boolean {
  if (letter === "ъ" || letter === "ь") {
    const scores = emptyScores();
    scoreSigns(letter, next, scores);
    return scores[found] > 0 && scores[expected] <= 0;
  }
  const evidence = LETTERS[letter];
  return evidence !== undefined && (evidence[found] ?? 0) > 0 && (evidence[expected] ?? 0) <= 0;
}
