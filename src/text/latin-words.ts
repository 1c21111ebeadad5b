/**
 * Decides which Latin-script words of a Serbian Latin text stay Latin when the text is written
 * in Cyrillic. Serbian writes foreign names in Cyrillic when it transcribes them (Џонс, Вилијамс)
 * but keeps them in Latin when it keeps their own spelling (Google, Sainsbury's, „Still Game“).
 * A transcribed name follows Serbian spelling; an original spelling usually betrays itself:
 * letters Serbian lacks (q w x y, é, ü), apostrophes, double consonants, th/ch/ph/sh, ee/oo/ie,
 * camelCase, a handful of famous brands, or English words around it. Words with none of these marks are Serbian,
 * except inside a name or quotation that is plainly foreign (Marks and Spencer, „Make America
 * Great“). A foreign name with no such mark (e.g. a brand that looks Serbian) cannot be told
 * from a transcribed one and is converted: that is the documented limit of toCyrillic.
 */
import { SERBIAN_LATIN_FUNCTION_WORDS } from "./langid-features.js";

/** A piece of text as toCyrillic sees it; `foreign` words and protected spans stay Latin. */
export interface LatinToken {
  kind: "word" | "protected" | "other";
  text: string;
  foreign: boolean;
}

/** Established acronyms that Serbian Cyrillic writes in Cyrillic (САД, ЕУ, НАТО, ФБИ, …). */
const SERBIAN_ACRONYMS = new Set(
  ("SAD EU UN OUN NATO UK TV RTV RTS FBI CIA KGB HIV AIDS SIDA DNK RNK LGBT UEFA FIFA VIP MMF OEBS OSCE " +
    "UNESCO UNICEF SZO BDP PDV EK EP ECB SSSR SFRJ SRJ JNA VJ VS MUP BIA NBS SPC SANU SNS SPS DS DSS SRS " +
    "LDP SDP SDA HDZ BiH KiM RS SR CG OPEC NASA MOK NBA ATP PR IT SMS GPS EKG CD DVD PC USB")
    .split(" "),
);

/** English (and a few French/German) words that are not also Serbian words. */
const FOREIGN_WORDS = new Set(
  ("the and of for from with this that these those is are was were be been being have has had it its you " +
    "your we our they their them he she his her him who what which when where why how not but if or at in an " +
    "by all any some can could will would shall should may might must does did get got make made new first " +
    "last great big old day life home game live news times sun west east north city town street road lake " +
    "river island national international united limited ltd inc company group bank network channel business " +
    "research society children brother sister mother father family friend friends girl men man hospital " +
    "university college museum music morning evening sunday monday tuesday wednesday thursday friday saturday " +
    "daily mail journal best true still ghost only just over under out up down about after before back again " +
    "never every very well much many other such own than then there here now too also into upon between " +
    "through against without during because while until since though yes please thank hello said says say " +
    "tell told know think see look come went gone give find found want need use work call ask feel leave " +
    "mean keep begin help hear run move bring happen write lose pay meet include learn change understand " +
    "watch follow create speak spend grow open walk win offer remember consider appear buy wait serve send " +
    "expect build stay fall cut reach kill remain mr mrs ms jr st center centre club king queen saint fire " +
    "water sea beach hill bridge street square house school church lady boy girl night " +
    "les des du della der die das und von et une est avec pour sur dans au aux")
    .split(" "),
);

/** English function words: a Serbian-looking neighbour of one is part of an English phrase. */
const ENGLISH_FUNCTION_WORDS = new Set("the and of for from with at in by is are was were an or it its".split(" "));

/** Case endings Serbian attaches to a foreign word with a hyphen: Google-ovog, GOP-a, NATO-u. */
const HYPHEN_ENDINGS = new Set(
  "a u e i o om em ov ova ove ovi ovo ovu ovog ovom ovim ovih ima ama ja ju je ji jem jom jima ovac ovca ovci ovce ovcu ovcem ovski ovska ovsko ovske ovskog ovskom"
    .split(" "),
);

/**
 * Spellings that Serbian words and Serbian transcriptions of names never have: double
 * consonants, th/ph/gh/ch/sh, c before a consonant, ck before a consonant, -tion. Transcriptions
 * do write ou (Snou, Melrouz), so ou is no sign. A Serbian prefix before h (prethodni, ishod,
 * neophodan, rashod, shvatiti) is cut off first.
 */
const FOREIGN_SPELLINGS: readonly RegExp[] = [
  /([bcdfghklmnprstvz])\1/,
  /th|ph|gh|ch|sh|kh|zh|pf|ck(?![aeiou])|tion$|tions$/,
  /c[tlsbdfgp]/,
  /^sc(?!en)/,
  /h[bcdfgklmnprstvz]$/,
  /[bcdfmnpstvz]l$/,
];

/**
 * Weaker signs: vowel pairs Serbian spells with j between (ee, oo, ie, ii, aa). They mark the word
 * itself but do not make its neighbours foreign, because transcriptions sometimes keep them.
 */
const WEAK_FOREIGN_SPELLINGS: readonly RegExp[] = [
  /^(?!(?:ne|pre)e)\p{L}*ee/u,
  /^(?!(?:ko|zo)o)\p{L}*oo(?![mv]\p{L}{0,3}$)/u,
  /ie|ii|aa|eau/,
];

const SERBIAN_PREFIX_BEFORE_H = /^(?:ne|naj|pre)?(?:is|ras|bes|us|ot|pot|pret|nat|op)(?=h)|^(?:ne)?s(?=hv|hod|hem)/u;

/** Famous brands that Serbian Cyrillic text keeps in Latin script although they look Serbian. */
const LATIN_BRANDS = new Set(
  "google microsoft facebook instagram twitter youtube whatsapp netflix spotify linkedin tiktok samsung huawei nvidia intel paypal wikipedia skype outlook slack uber"
    .split(" "),
);

const SERBIAN_ALPHABET = /^[a-pr-vzčćđšž]+$/u;

/** `weak`: foreign by a vowel pair only (see WEAK_FOREIGN_SPELLINGS). */
type Verdict = "serbian" | "foreign" | "weak" | "open";

/** Judges one word on its own; context (runs, quotations, hyphens) comes later. */
function judgeLatinWord(word: string): Verdict {
  if (!/[A-Za-zÀ-ɏ]/u.test(word)) return "serbian";
  const letters = word.normalize("NFKC").replace(/['’]/g, "");
  const lower = letters.toLowerCase();
  if (SERBIAN_ACRONYMS.has(letters)) return "serbian";
  if (letters.length !== word.normalize("NFKC").length) return "foreign";
  if (!SERBIAN_ALPHABET.test(lower)) return "foreign";
  const capitals = [...letters].filter((character) => character !== character.toLowerCase()).length;
  if (capitals >= 2 && capitals === letters.length) {
    if (/[ČĆĐŠŽ]|LJ|NJ|DŽ/u.test(letters) || SERBIAN_LATIN_FUNCTION_WORDS.has(lower)) return "serbian";
    return "foreign";
  }
  if (/\p{Ll}\p{Lu}/u.test(letters)) return "foreign";
  if (SERBIAN_LATIN_FUNCTION_WORDS.has(lower)) return "serbian";
  if (/[čćđšž]/u.test(lower)) return "serbian";
  if (FOREIGN_WORDS.has(lower) || LATIN_BRANDS.has(lower)) return "foreign";
  // Serbian words do not begin with ou; names may (transcribed Ouen), common nouns may not.
  if (letters === lower && lower.startsWith("ou")) return "foreign";
  const stem = lower.replace(SERBIAN_PREFIX_BEFORE_H, "");
  if (FOREIGN_SPELLINGS.some((pattern) => pattern.test(stem))) return "foreign";
  if (WEAK_FOREIGN_SPELLINGS.some((pattern) => pattern.test(lower))) return "weak";
  return "open";
}

/**
 * Spans of a text that are never transliterated: URLs, e-mail addresses, domain names,
 * @handles, #hashtags, brand names joined by & (M&S, AT&T), C++/C#-style names and unit
 * symbols with a slash (km/h, m/s). Sorted, not overlapping.
 */
export function protectedSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (const pattern of PROTECTED_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0].replace(/[.,;:!?)\]}"'“”’»]+$/u, "");
      spans.push({ start: match.index, end: match.index + value.length });
    }
  }
  spans.sort((left, right) => left.start - right.start || right.end - left.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

const PROTECTED_PATTERNS: readonly RegExp[] = [
  /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"“”„«»]+/giu,
  /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  /(?<![\p{L}\p{N}@])@[\p{L}\p{N}_]+/gu,
  /(?<![\p{L}\p{N}&])#[\p{L}\p{N}_]+/gu,
  /(?<![\p{L}\p{N}.@])[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|org|net|edu|gov|info|io|ai|co|rs|me|ba|hr|eu|uk|de|tv|ru|bg|mk|si)(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])\p{Lu}+&\p{Lu}+(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])\p{L}+(?:\+\+|#)(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])(?:km|m|cm|mm|kg|g|t|l|kWh|MWh|kW|MW|GB|MB|Mb)\/(?:h|s|s2|s²|l|kg|m|m2|m²|km|h|t)(?![\p{L}\p{N}])/gu,
];

const OPENING_QUOTES = "„«‚“\"‘'(";
const CLOSING_QUOTES = "“”\"»’‘')";
const LINKING_ABBREVIATIONS = new Set(["dr", "mr", "mrs", "ms", "st", "jr"]);

interface WordState {
  token: LatinToken;
  verdict: Verdict;
  lower: string;
  capitalized: boolean;
  acronym: boolean;
  /** The word begins a sentence (or the text), so its capital tells nothing. */
  sentenceStart: boolean;
  quoteStart: boolean;
  closesQuote: boolean;
  /** Joined to the next word by a single space (or "Dr. "), so both may be one name. */
  linkedToNext: boolean;
  hyphenToNext: boolean;
}

/**
 * Sets `foreign` on the word tokens that stay Latin, judging each word alone and then in its
 * context: hyphenated compounds, runs of capitalised words, short quotations.
 */
export function markForeignWords(tokens: LatinToken[]): void {
  const words = describeWords(tokens);
  applyCapitalsHeadline(words);
  applyHyphens(words);
  applyRuns(words);
  applyQuotations(words);
  for (const word of words) word.token.foreign = word.verdict === "foreign" || word.verdict === "weak";
}

function describeWords(tokens: LatinToken[]): WordState[] {
  const words: WordState[] = [];
  let gap = "";
  let broken = false;
  for (const token of tokens) {
    if (token.kind === "other") {
      gap += token.text;
      continue;
    }
    if (token.kind === "protected") {
      broken = true;
      gap = "";
      continue;
    }
    const previous = words.at(-1);
    if (previous !== undefined && !broken) {
      previous.linkedToNext = gap === " " || gap === "\u00a0" || gap === " & " || (gap === ". " && LINKING_ABBREVIATIONS.has(previous.lower));
      previous.hyphenToNext = gap === "-" || gap === "\u2011";
      previous.closesQuote = CLOSING_QUOTES.includes(gap.charAt(0));
    }
    const letters = token.text.normalize("NFKC").replace(/['’]/g, "");
    const capitals = [...letters].filter((character) => character !== character.toLowerCase()).length;
    words.push({
      token,
      verdict: judgeLatinWord(token.text),
      lower: letters.toLowerCase(),
      capitalized: capitals > 0 && letters.charAt(0) !== letters.charAt(0).toLowerCase(),
      acronym: capitals >= 2 && capitals === letters.length,
      sentenceStart: previous === undefined || broken || /[.!?…:;]["“”„«»‘’'()\s]*$|\n\s*$/u.test(gap) && !(gap === ". " && LINKING_ABBREVIATIONS.has(previous.lower)),
      quoteStart: OPENING_QUOTES.includes(gap.trimEnd().slice(-1)) && gap.trimEnd() !== "" && (gap.length === 1 || /\s/u.test(gap.charAt(gap.length - 2))),
      closesQuote: false,
      linkedToNext: false,
      hyphenToNext: false,
    });
    gap = "";
    broken = false;
  }
  const last = words.at(-1);
  if (last !== undefined) last.closesQuote = CLOSING_QUOTES.includes(gap.charAt(0));
  return words;
}

/**
 * "VLADA JE DONELA ODLUKU": in a text shouting in capitals, capitals do not mean acronyms. When
 * three or more words are all capitals and one of them is a Serbian function word, every
 * all-capitals word is judged as if written in lower case (CNN and BBC still look foreign).
 */
function applyCapitalsHeadline(words: WordState[]): void {
  const capitals = words.filter((word) => word.acronym);
  if (capitals.length < 3 || !capitals.some(isFunction)) return;
  for (const word of capitals) {
    if (SERBIAN_ACRONYMS.has(word.token.text)) continue;
    const verdict = judgeLatinWord(word.lower);
    word.verdict = verdict === "open" ? "serbian" : verdict;
  }
}

/** Google-ovog, GOP-a: the stem keeps its verdict, the Serbian ending is converted. */
function applyHyphens(words: WordState[]): void {
  let start = 0;
  while (start < words.length) {
    let end = start;
    while (end < words.length - 1 && (words[end] as WordState).hyphenToNext) end += 1;
    const group = words.slice(start, end + 1);
    const isEnding = (word: WordState, index: number): boolean => index > 0 && word.lower === word.token.text && HYPHEN_ENDINGS.has(word.lower);
    // An English function word (of, the) does not make a compound foreign: plej-of is Serbian.
    const anchor = (word: WordState, index: number): boolean =>
      word.verdict === "foreign" && !isEnding(word, index) && !ENGLISH_FUNCTION_WORDS.has(word.lower);
    if (group.length > 1 && group.some(anchor)) {
      group.forEach((word, index) => {
        word.verdict = isEnding(word, index) ? "serbian" : "foreign";
      });
    } else if (group.length > 1) {
      for (const word of group) if (ENGLISH_FUNCTION_WORDS.has(word.lower)) word.verdict = "open";
    }
    start = end + 1;
  }
}

function isFunction(word: WordState): boolean {
  return SERBIAN_LATIN_FUNCTION_WORDS.has(word.lower);
}

/** A capitalised name run holding a plainly foreign word is foreign as a whole: Marks and Spencer. */
function applyRuns(words: WordState[]): void {
  const bridge = (index: number): boolean => {
    const word = words[index] as WordState;
    const previous = words[index - 1];
    const next = words[index + 1];
    if (word.capitalized || previous === undefined || next === undefined) return false;
    if (!previous.linkedToNext || !word.linkedToNext) return false;
    const englishNeighbour = ENGLISH_FUNCTION_WORDS.has(previous.lower) || ENGLISH_FUNCTION_WORDS.has(next.lower);
    return englishNeighbour && previous.verdict === "foreign" && next.verdict === "foreign";
  };
  let index = 0;
  while (index < words.length) {
    const eligible = (position: number): boolean => {
      const word = words[position] as WordState;
      return word.capitalized || word.verdict === "foreign" || word.verdict === "weak" || bridge(position);
    };
    if (!eligible(index)) {
      index += 1;
      continue;
    }
    let end = index;
    while (end < words.length - 1 && (words[end] as WordState).linkedToNext && eligible(end + 1)) end += 1;
    const run = words.slice(index, end + 1);
    // Džoan River: a name with a transcribed part is transcribed as a whole.
    if (run.some((word) => word.capitalized && /[čćđšž]/u.test(word.lower))) {
      for (const word of run) if (FOREIGN_WORDS.has(word.lower)) word.verdict = "open";
    }
    const anchored = run.some((word) => word.verdict === "foreign" && !word.acronym);
    if (run.length > 1 && anchored) {
      run.forEach((word, offset) => {
        const next = run[offset + 1];
        if (word.verdict === "open" || word.verdict === "weak") {
          const englishNext = next !== undefined && ENGLISH_FUNCTION_WORDS.has(next.lower);
          if (!word.sentenceStart || englishNext) word.verdict = "foreign";
        } else if (word.verdict === "serbian" && isFunction(word)) {
          const capitalInside = word.capitalized && !word.sentenceStart && !word.quoteStart && offset > 0;
          if (capitalInside || bridge(index + offset)) word.verdict = "foreign";
        }
      });
    }
    index = end + 1;
  }
}

/** „I Love it“: a short quotation of foreign and neutral words only is foreign as a whole. */
function applyQuotations(words: WordState[]): void {
  for (let start = 0; start < words.length; start += 1) {
    if (!(words[start] as WordState).quoteStart) continue;
    let end = start;
    while (end < words.length - 1 && end - start < 8 && !(words[end] as WordState).closesQuote && (words[end] as WordState).linkedToNext) end += 1;
    if (!(words[end] as WordState).closesQuote) continue;
    const quoted = words.slice(start, end + 1);
    const neutral = (word: WordState, offset: number): boolean =>
      word.verdict !== "serbian" || (offset === 0 && word.capitalized && isFunction(word) && word.token.text.length === 1);
    const anchored = quoted.some((word) => (word.verdict === "foreign" || word.verdict === "weak") && !word.acronym);
    if (quoted.length > 1 && anchored && quoted.every(neutral)) {
      for (const word of quoted) word.verdict = "foreign";
    }
    start = end;
  }
}
