import { explainLanguage, identifyLanguage, probabilityOf } from "../text/langid.js";
import type { DetectedLanguage, TargetLanguage } from "../common/languages.js";
import { nonSerbianForms } from "../text/serbian-variant.js";
import { toCyrillic } from "../text/transliterate.js";
import { splitSentences } from "../text/sentences.js";
import { checkNotEmpty, isBlank } from "./empty.js";
import type { CheckResult } from "./types.js";

/** One answer to judge: the model's text for `target`, with its segment id when known. */
export interface LanguageCheckInput {
  target: TargetLanguage;
  text: string;
  /** The segment id ("s4"); it prefixes every detail and becomes `segmentId`. */
  id?: string;
  /** The Bulgarian original, when known: a wrong-language sentence found in it is called a copy. */
  source?: string;
}

const NAMES: Record<DetectedLanguage, string> = {
  bg: "Bulgarian",
  ru: "Russian",
  "sr-Cyrl": "Serbian (Cyrillic)",
  "sr-Latn": "Serbian (Latin script)",
  mk: "Macedonian",
  hr: "Croatian",
  bs: "Bosnian",
  en: "English",
  und: "an unknown language",
};

/**
 * Languages accepted for each target. Serbian Latin accepts neither Croatian nor Bosnian: the
 * identifier calls a line hr or bs only on ijekavian or Croatian forms (a line without them is
 * Serbian), and those fail through the variant check first, which names the Serbian form.
 */
const ACCEPTED: Record<TargetLanguage, readonly DetectedLanguage[]> = {
  en: ["en"],
  ru: ["ru"],
  "sr-Cyrl": ["sr-Cyrl"],
  "sr-Latn": ["sr-Latn"],
};

/**
 * A sentence fails only when the target language is this unlikely. Asking about the target
 * (rather than trusting the winner) keeps short or name-heavy lines that could be several
 * languages from failing: a gate must not fail what it cannot tell.
 */
const MAXIMUM_TARGET_PROBABILITY = 0.1;
/**
 * Bulgarian left in a Russian or Serbian answer is the failure users report most; when Bulgarian
 * wins, a little more doubt about the target is enough (on NTREX: Bulgarian caught 99.5% instead of
 * 98.1% as Russian, with 2 more of 1,000 good Russian lines failing).
 */
const MAXIMUM_TARGET_PROBABILITY_WHEN_BULGARIAN = 0.2;
/**
 * A sentence this short ("Наконец-то!") says too little about its language alone; the language
 * gate judges it together with the sentence after it (or before it, at the end).
 */
const SHORT_SENTENCE_WORDS = 4;
/** Croatian vocabulary in a Serbian Latin answer fails only when it is unmistakable. */
const CROATIAN_CONFIDENCE = 0.9;

/** Letters each Cyrillic target's alphabet lacks, which an answer in it must not carry. */
const FOREIGN_LETTERS: Partial<Record<TargetLanguage, RegExp>> = {
  ru: /[ѝјљњђћџѓќѕіїєґў]/giu,
  "sr-Cyrl": /[ыэёъщйьяюѝѓќѕіїєґў]/giu,
};

const WORD = /[\p{L}\p{M}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Latin letters that look like Cyrillic ones, and the Cyrillic letter they pass for. */
const HOMOGLYPHS: Record<string, string> = {
  a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", y: "у", i: "і", j: "ј",
  A: "А", B: "В", C: "С", E: "Е", H: "Н", K: "К", M: "М", O: "О", P: "Р", T: "Т", X: "Х", Y: "У", J: "Ј",
};

/**
 * Judges an answer against its target language, sentence by sentence. Three gates:
 * - `language`: every sentence that can be judged is in the target language (Bulgarian left in
 *   a "Russian" answer, Macedonian or Russian passed as Serbian, an untranslated Cyrillic
 *   sentence in English all fail);
 * - `script`: the letters belong to the target's script and alphabet (Serbian Cyrillic without
 *   ы э ё ъ щ й, Serbian Latin and English without Cyrillic);
 * - `mixed-script`: no word mixes Latin and Cyrillic letters, and no Cyrillic answer hides a
 *   function word typed in Latin look-alikes ("je" for "је").
 * Latin names and acronyms in Cyrillic text, numbers, and sentences too short to judge pass.
 * Returns one `pass` per gate, or one `fail` per offending sentence with a detail a model can
 * act on.
 */
export function checkLanguage(input: LanguageCheckInput): CheckResult[] {
  // An empty answer is in no language: it fails here too, so every caller (prevod check, the
  // eval assertions, summaries) applies the one emptiness rule.
  if (isBlank(input.text)) return checkNotEmpty(input);
  const prefix = input.id === undefined ? "" : `${input.id}: `;
  const where = input.id === undefined ? {} : { segmentId: input.id };
  const sentences = splitSentences(input.text).map((span) => span.text);
  const results: CheckResult[] = [];
  const gates: Array<[string, string[], (sentence: string) => string | undefined, string]> = [
    ["language", withShortOnesJoined(sentences), (sentence) => wrongLanguage(sentence, input), `in ${NAMES[input.target]}`],
    ["script", sentences, (sentence) => wrongLetters(sentence, input.target), `in the script of ${NAMES[input.target]}`],
    ["mixed-script", sentences, (sentence) => mixedWords(sentence, input.target), "no word mixes Latin and Cyrillic letters"],
  ];
  for (const [name, units, judge, passDetail] of gates) {
    const failures: CheckResult[] = [];
    units.forEach((sentence, index) => {
      const problem = judge(sentence);
      if (problem === undefined) return;
      const which = units.length > 1 ? `sentence ${index + 1} of ${units.length}, ` : "";
      failures.push({ name, status: "fail", detail: `${prefix}${which}${problem} in ${quote(sentence)}`, ...where });
    });
    results.push(...(failures.length > 0 ? failures : [{ name, status: "pass" as const, detail: `${prefix}${passDetail}`, ...where }]));
  }
  return results;
}

/** Sentences of fewer than SHORT_SENTENCE_WORDS words joined to their neighbour, for judging language. */
function withShortOnesJoined(sentences: string[]): string[] {
  const units: string[] = [];
  let carry = "";
  for (const sentence of sentences) {
    const unit = carry ? `${carry} ${sentence}` : sentence;
    carry = (unit.match(WORD) ?? []).length < SHORT_SENTENCE_WORDS ? unit : "";
    if (!carry) units.push(unit);
  }
  if (carry) {
    if (units.length > 0) units[units.length - 1] = `${units[units.length - 1]} ${carry}`;
    else units.push(carry);
  }
  return units;
}

/**
 * The part of a sentence a Cyrillic target is judged on: its Cyrillic words alone, when it has
 * some. A Latin prefix ("[note] …", "Note: …") or Latin names add English evidence that dilutes
 * what the Cyrillic words say; Latin words are the script gate's business.
 */
function judgedPart(sentence: string, target: TargetLanguage): string {
  if (target !== "ru" && target !== "sr-Cyrl") return sentence;
  const cyrillic = [...sentence.matchAll(WORD)].map((match) => match[0]).filter((word) => CYRILLIC.test(word));
  return cyrillic.length === 0 ? sentence : cyrillic.join(" ");
}

/**
 * Serbian targets are standard ekavian Serbian: ijekavian forms and Croatian words fail, with the
 * Serbian form to write ("ријека → река", "tisuća → hiljada", "zrakoplov → avion").
 */
function variantProblem(sentence: string, target: TargetLanguage): string | undefined {
  if (target !== "sr-Cyrl" && target !== "sr-Latn") return undefined;
  const forms = nonSerbianForms(sentence);
  if (forms.length === 0) return undefined;
  const shown = forms.slice(0, 5).map((form) => (form.serbian === undefined ? `'${form.found}'` : `'${form.found}' → '${form.serbian}'`));
  const kinds = [...new Set(forms.map((form) => form.kind))].join(" and ");
  return `expected standard (ekavian) Serbian, found ${kinds} forms ${shown.join(", ")}${forms.length > 5 ? ` and ${forms.length - 5} more` : ""}`;
}

/**
 * Macedonian function words Serbian never writes ("дека", "тоа", "сите", "во", "многу"): a
 * Macedonian answer for a Serbian target is caught by them even where the letters and the scores
 * leave Serbian possible. Not "со" (salt), "кога" (whom) or "овие", which Serbian has.
 */
const MACEDONIAN_MARKERS = new Set(
  ("дека тоа оваа сите во многу денес кај нив неа нејзин нејзиниот неговиот илјади кон сѐ нè ќе веќе уште меѓу додека зошто каде " +
    "еден оние ништо врз сака сакаат сакам сакаше двајца двајцата тројца тројцата нивните нејзините нејзиното неговото убав убава убаво убави напиша случаи").split(" "),
);
/**
 * Macedonian endings Serbian words never have: the article on -ија and -ност nouns and on
 * adjectives (-ијата, -носта, -скиот, -ниот, -ските), the verbal noun -ување, the 3rd plural
 * -уваат, the aorist -вме/-вте and the imperfect -аа/-еа ("исмеваа", "беа").
 */
const MACEDONIAN_ENDING = /(?:ијата|носта|окот|\p{L}{2}иец|скиот|ската|ското|ските|ниот|виот|ување|увањето|увања|увањата|уваат|уваше|\p{L}{3}вме|\p{L}{3}вте)$/u;
/**
 * The same, in words written in lower case only (names such as "Андреа" end so): the article -от
 * after consonants Serbian never puts before -от (тимот, курсот, градот, погодокот; Serbian has
 * живот, пилот, робот, бојкот), -ото (местото), and the imperfect -аа/-еа/-ее (исмеваа, беа, смее).
 */
const MACEDONIAN_LOWER_ENDING = /(?:\p{L}{2}[мстнрдјзшцчгжпф]от|\p{L}{3}ото|\p{L}{2}[ае]а|\p{L}{2}ее)$/u;

function macedonianProblem(sentence: string, target: TargetLanguage): string | undefined {
  if (target !== "sr-Cyrl" && target !== "sr-Latn") return undefined;
  const cyrillic = target === "sr-Latn" ? toCyrillic(sentence) : sentence;
  const words = cyrillic.match(WORD) ?? [];
  const lower = (word: string): boolean => word === word.toLowerCase();
  const found = [...new Set(words.filter((word) => MACEDONIAN_MARKERS.has(word.toLowerCase()) || MACEDONIAN_ENDING.test(word.toLowerCase()) || (lower(word) && MACEDONIAN_LOWER_ENDING.test(word))).map((word) => word.toLowerCase()))];
  // After a number Serbian writes "милиона" (11 милиона); Macedonian "милиони".
  const millions = /\d\s+милиони(?!\p{L})/iu.exec(cyrillic);
  if (millions !== null && !found.includes("милиони")) found.push("милиони");
  if (found.length === 0) return undefined;
  return `expected ${NAMES[target]}, found Macedonian (words ${found.slice(0, 4).map((word) => `'${word}'`).join(", ")})`;
}

function wrongLanguage(sentence: string, input: LanguageCheckInput): string | undefined {
  const variant = variantProblem(sentence, input.target) ?? macedonianProblem(sentence, input.target);
  if (variant !== undefined) return variant;
  const guess = identifyLanguage(judgedPart(sentence, input.target));
  const accepted = ACCEPTED[input.target];
  if (guess.lang === "und" || accepted.includes(guess.lang)) return undefined;
  // The identifier breaks near-ties by the product's context (a line of words Bulgarian, Serbian and
  // Macedonian share is Bulgarian): a target that scores as high as the winner is not refused.
  const scores = guess.scores ?? {};
  if (accepted.some((language) => (scores[language] ?? -Infinity) >= (scores[guess.lang] ?? 0))) return undefined;
  const doubt = guess.lang === "bg" ? MAXIMUM_TARGET_PROBABILITY_WHEN_BULGARIAN : MAXIMUM_TARGET_PROBABILITY;
  if (probabilityOf(guess, accepted) > doubt) return undefined;
  if (guess.lang === "hr" && guess.confidence < CROATIAN_CONFIDENCE) return undefined;
  if (guess.lang === "sr-Latn" && input.target === "sr-Cyrl") return "expected Serbian in Cyrillic script, found Serbian in Latin script";
  if (guess.lang === "sr-Cyrl" && input.target === "sr-Latn") return "expected Serbian in Latin script, found Serbian in Cyrillic script";
  const evidence = explainLanguage(sentence, guess.lang, input.target === "sr-Latn" ? "sr-Latn" : input.target);
  const reasons = [
    evidence.letters.length > 0 ? `letters ${evidence.letters.join(", ")}` : "",
    evidence.words.length > 0 ? `words ${evidence.words.map((word) => `'${word}'`).join(", ")}` : "",
  ].filter((reason) => reason !== "");
  const because = reasons.length > 0 ? ` (${reasons.join("; ")})` : "";
  const copied = input.source !== undefined && guess.lang === "bg" && normalise(input.source).includes(normalise(sentence)) ? ", copied untranslated from the source" : "";
  return `expected ${NAMES[input.target]}, found ${NAMES[guess.lang]}${because}${copied}`;
}

function wrongLetters(sentence: string, target: TargetLanguage): string | undefined {
  if (target === "en" || target === "sr-Latn") {
    const cyrillic = wordsWhere(sentence, (word) => CYRILLIC.test(word) && !LATIN.test(word));
    if (cyrillic.length === 0) return undefined;
    return `expected ${target === "en" ? "Latin script" : "Serbian Latin script"}, found Cyrillic words ${list(cyrillic)}`;
  }
  const pattern = FOREIGN_LETTERS[target] as RegExp;
  const letters = [...new Set((sentence.match(pattern) ?? []).map((letter) => letter.toLowerCase()))];
  if (letters.length === 0) return undefined;
  const words = wordsWhere(sentence, (word) => new RegExp(pattern.source, "iu").test(word));
  return `expected the ${NAMES[target]} alphabet, found letters ${letters.join(", ")} it does not have, in ${list(words)}`;
}

function mixedWords(sentence: string, target: TargetLanguage): string | undefined {
  const cyrillicTarget = target === "ru" || target === "sr-Cyrl";
  const problems: string[] = [];
  const mixed = wordsWhere(sentence, (word) => CYRILLIC.test(word) && LATIN.test(word));
  if (mixed.length > 0) {
    const hidden = [...new Set(mixed.join("").split("").filter((letter) => (cyrillicTarget ? LATIN : CYRILLIC).test(letter)))];
    const [kind, host] = cyrillicTarget ? ["Latin", "Cyrillic"] : ["Cyrillic", "Latin"];
    problems.push(`${counted(mixed, "mixes", "mix")} scripts: ${kind} letters ${hidden.join(", ")} inside ${host} words; retype them in one script`);
  }
  const disguised = cyrillicTarget ? disguisedWords(sentence, target) : [];
  if (disguised.length > 0) {
    problems.push(`${counted(disguised, "is", "are")} typed in Latin letters that look Cyrillic; write ${disguised.length === 1 ? "it" : "them"} in Cyrillic`);
  }
  return problems.length === 0 ? undefined : problems.join("; ");
}

/** "word 'x' mixes" or "words 'x', 'y' mix". */
const counted = (words: string[], singular: string, plural: string): string =>
  words.length === 1 ? `word ${list(words)} ${singular}` : `words ${list(words)} ${plural}`;

/**
 * Latin-letter words inside Cyrillic text that spell, in look-alike letters, a common word of
 * the target ("je" for "је", "c" for "с"). Only in text that is mostly Cyrillic; a lone capital
 * after the first word is a label (grade A, plan B), not a disguised word.
 */
function disguisedWords(sentence: string, target: "ru" | "sr-Cyrl"): string[] {
  const words = [...sentence.matchAll(WORD)].map((match) => match[0]);
  const cyrillic = words.filter((word) => CYRILLIC.test(word)).length;
  if (cyrillic < 2 || cyrillic < words.length / 2) return [];
  return [...new Set(words.filter((word, index) => {
    if (!LATIN.test(word) || ![...word].every((letter) => HOMOGLYPHS[letter] !== undefined)) return false;
    if (index > 0 && word.length === 1 && word !== word.toLowerCase()) return false;
    const lookalike = [...word].map((letter) => HOMOGLYPHS[letter] as string).join("");
    return explainLanguage(lookalike, target, "und").words.length > 0;
  }))];
}

function wordsWhere(sentence: string, test: (word: string) => boolean): string[] {
  return [...new Set([...sentence.matchAll(WORD)].map((match) => match[0]).filter(test))];
}

const list = (words: string[]): string => words.slice(0, 4).map((word) => `'${word}'`).join(", ") + (words.length > 4 ? ` and ${words.length - 4} more` : "");

const quote = (sentence: string): string => `"${sentence.length > 80 ? `${sentence.slice(0, 77)}…` : sentence}"`;

const normalise = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
