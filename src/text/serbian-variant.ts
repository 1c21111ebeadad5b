/**
 * Forms that standard (ekavian) Serbian does not use, for the Serbian targets of the language
 * gate: ijekavian reflexes of old ě ("rijeka", "djeca", "mjesto"), Croatian vocabulary
 * ("tisuća", "tijekom", "siječanj", "zrakoplov", "tvrtka", "obitelj"), Croatian -irati verbs
 * ("organizirati") and the Croatian split future ("bit će", "radit ću"). Each comes with the
 * Serbian form a model can write instead. Written from the grammars and the word lists of
 * ./langid-features.ts and ./langid-shtokavian.ts; nothing is counted from evaluation data.
 */
import { CROATIAN_ONLY_WORDS } from "./langid-features.js";
import { CROATIAN_VERB, IJEKAVIAN_STEM, NOT_IJEKAVIAN } from "./langid-shtokavian.js";
import { toCyrillic, toLatin } from "./transliterate.js";

export interface VariantForm {
  /** As written in the text (in its script). */
  found: string;
  /** The standard Serbian form, in the same script, when it can be given. */
  serbian?: string;
  kind: "ijekavian" | "croatian";
}

/** Croatian words and their Serbian twins, by stem; the reason names the Serbian form. */
const CROATIAN_STEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^tisuć/u, "hiljada"], [/^tijekom$/u, "tokom"], [/^tko$/u, "ko"], [/^netko$/u, "neko"], [/^nitko$/u, "niko"],
  [/^zrakoplov/u, "avion"], [/^tvrtk/u, "firma"], [/^obitelj/u, "porodica"], [/^vlak(?:a|u|om|ovi|ova)?$/u, "voz"],
  [/^kruh/u, "hleb"], [/^nogomet/u, "fudbal"], [/^glazb/u, "muzika"], [/^sveučilišt/u, "univerzitet"],
  [/^općin/u, "opština"], [/^tjed(?:an|na|nu|nom|ni|ana)$/u, "nedelja"], [/^točn/u, "tačno"], [/^gospodarst/u, "privreda"],
  [/^suradn/u, "saradnja"], [/^milijun/u, "milion"], [/^izvješ/u, "izveštaj"], [/^priopć/u, "saopštenje"],
  [/^europ/u, "evropski"], [/^povijes/u, "istorija"], [/^unatoč$/u, "uprkos"], [/^uvjet/u, "uslov"],
  [/^liječni/u, "lekar"], [/^momčad/u, "ekipa"], [/^kemij/u, "hemija"], [/^znanost/u, "nauka"], [/^znanstven/u, "naučni"],
  [/^kazališt/u, "pozorište"], [/^sustav/u, "sistem"], [/^čimbenik/u, "faktor"],
  [/^zrak(?:a|u|om)?$/u, "vazduh"], [/^siječ/u, "januar"], [/^veljač/u, "februar"], [/^ožuj/u, "mart"],
  [/^trav(?:anj|nja|nju)$/u, "april"], [/^svib(?:anj|nja|nju)$/u, "maj"], [/^lip(?:anj|nja|nju)$/u, "jun"],
  [/^srp(?:anj|nja|nju)$/u, "jul"], [/^ruj(?:an|na|nu)$/u, "septembar"],
  [/^listopad/u, "oktobar"], [/^studenog?a?$/u, "novembar"], [/^prosin(?:ac|ca|cu)$/u, "decembar"],
  [/^uhit/u, "uhapsiti"], [/^uhić/u, "uhapšen"], [/^prosvjed/u, "protest"], [/^mirovin/u, "penzija"], [/^plać[aeiu]$/u, "plata"],
  [/^sabor/u, "skupština"], [/^ravnatelj/u, "direktor"], [/^otok/u, "ostrvo"], [/^kava$/u, "kafa"], [/^tisak$/u, "štampa"],
  [/^obran/u, "odbrana"], [/^natjecanj/u, "takmičenje"], [/^sudjelova/u, "učestvovati"], [/^sudionik/u, "učesnik"],
  [/^sretn|^sretan$/u, "srećan"], [/^njezin/u, "njen"], [/^primjerice$/u, "na primer"], [/^glasnogovorni/u, "portparol"],
  [/^zastupni/u, "poslanik"], [/^ubojstv/u, "ubistvo"], [/^ubojic/u, "ubica"], [/^tužiteljstv/u, "tužilaštvo"],
  [/^(?:op)?tužitelj/u, "tužilac"], [/^(?:sudac|suca|sucu|sucem|suci|sudaca)$/u, "sudija"],
  [/^posebice$/u, "posebno"], [/^doim/u, "deluje"], [/^svojeg[aeu]?$/u, "svog"], [/^kojeg[au]$/u, "kojeg"],
  [/^internetsk/u, "internet"], [/^usporedi/u, "uporedi"], [/^usporedb/u, "poređenje"], [/^unutarnj/u, "unutrašnji"],
  [/^prijenos/u, "prenos"], [/^prijestol/u, "presto"], [/^postot/u, "procenat"], [/^smij(?:e|em|eš|emo|ete|u)$/u, "sme"],
  [/^nijek|^zanijek/u, "negirati"], [/^izravn/u, "direktno"], [/^nazočn/u, "prisutan"],
  [/^tijek$/u, "tok"], [/^redovit/u, "redovno"], [/^nekoć$/u, "nekada"], [/^desetljeć/u, "decenija"],
  [/^evakuir/u, "evakuisati"], [/^kandidir/u, "kandidovati"], [/^naočal/u, "naočare"], [/^videozapis/u, "video snimak"],
  [/^najprije$/u, "najpre"], [/^poluotok/u, "poluostrvo"], [/^biciklist$/u, "biciklista"], [/^voditeljic/u, "voditeljka"],
  [/^popriličn/u, "prilično"], [/^sadržava/u, "sadrži"], [/^ispriječ/u, "isprečiti"], [/^tjedn/u, "nedeljni"], [/^dakako$/u, "naravno"], [/^poglavito$/u, "uglavnom"], [/^svećeni/u, "sveštenik"], [/^kršćan/u, "hrišćanski"], [/^općenito$/u, "uopšte"],
];

/** Croatian-only words of the word lists not covered by a stem above (names of the country aside). */
const CROATIAN_WORDS = new Set([...CROATIAN_ONLY_WORDS].filter((word) => !/^(?:hrvat|izvan|milijard|kolovoz|nadalje)/u.test(word)));

/**
 * Ijekavian spelling that loanwords do not produce: a consonant right before "je" (djeca, savjet,
 * rješenje, pjesma). "-ije-" alone is left to the stems, because Serbian loanwords are full of it
 * (premijer, karijera, pacijent) and so are verbs in -biti (dobijem, ubijeno).
 */
const CONSONANT_JE = /[bcdmprstv]je\p{L}/u;

/** Stems with the long ijekavian reflex "ije" (ekavian "e"), after optional prefixes: rijeka, cijeli, vrijedan, sprijeciti. */
const IJEKAVIAN_LONG = /^(?:ne|po|pre|pro|na|za|iz|raz|u|o|s|pri|od|do|bez)?(?:rijek|rije[cč]|cijel|bijel|lijev|lijep|mlijek|snijeg|vrijem|vrijed|sprije[cč]|nijem|slijep|sijed|svijet|vijek|vijest|tijel|pobijed|srijed|dospije|razumije|smije[mšo]?|lijek|lije[cč]|cvijet|zvijezd|mijen|miješ|sije[cč]|dijel|dijet(?!a)|pijes|vrije[dt])/u;

const FUTURE = new Set(["ću", "ćeš", "će", "ćemo", "ćete"]);
/** Short words ending like a cut infinitive that are not one ("put će", "rat će", "svet će"). */
const NOT_INFINITIVE = new Set(["put", "rat", "sat", "svet", "let", "kut", "zet", "mit", "hit", "kit", "brat", "zlat", "cvet", "savet", "predmet", "svet", "pet", "šest", "sat", "grad"]);

/** The ekavian twin of an ijekavian word: rijeka → reka, mjesto → mesto, djeca → deca, lijep → lep. */
export function toEkavian(word: string): string {
  return word
    .replace(/([bcdfghklmnprstvzčćšž])ije/gu, "$1e")
    .replace(/([bcdfghmprstvzčćšž])je/gu, "$1e")
    .replace(/^dio$/u, "deo")
    .replace(/io$/u, "eo");
}

const WORD = /\p{L}+/gu;

/**
 * The forms of `text` that standard Serbian does not use, each once, in text order. `text` may be
 * in either script; Cyrillic is read through the standard transliteration.
 */
export function nonSerbianForms(text: string): VariantForm[] {
  const cyrillic = /\p{Script=Cyrillic}/u.test(text) && !/\p{Script=Latin}{3,}/u.test(text.replace(/\b[A-Z][\p{L}]*\b/gu, ""));
  const latin = cyrillic ? toLatin(text) : text;
  const shown = (form: string): string => (cyrillic ? toCyrillic(form) : form);
  const forms: VariantForm[] = [];
  const seen = new Set<string>();
  const add = (found: string, kind: VariantForm["kind"], serbian?: string) => {
    if (seen.has(found.toLowerCase())) return;
    seen.add(found.toLowerCase());
    forms.push({ found: shown(found), kind, ...(serbian === undefined ? {} : { serbian: shown(serbian) }) });
  };
  const words = [...latin.matchAll(WORD)];
  words.forEach((match, index) => {
    const written = match[0];
    const word = written.toLowerCase();
    // Names are transcribed, not inherited (Rijeka, Mjesto, Danijel): only common words count, and a sentence's first word.
    const capitalised = written !== word;
    const first = index === 0 || /[.!?:]["“”»«„]?\s*$/u.test(latin.slice(0, match.index));
    // Croatian spelling of a name Serbian spells otherwise ("Europske unije" → "Evropske unije").
    if (capitalised && !first && /^europ/u.test(word)) return add(written, "croatian", written.replace(/^Europ/u, "Evrop"));
    if (capitalised && !first) return;
    const croatian = CROATIAN_STEMS.find(([pattern]) => pattern.test(word));
    if (croatian !== undefined) return add(written, "croatian", croatian[1]);
    if (CROATIAN_WORDS.has(word)) return add(written, "croatian");
    if (CROATIAN_VERB.test(word)) return add(written, "croatian", word.replace(/ir(a\p{L}*)$/u, "ov$1").replace(/^(ne)?opć/u, "$1opšt"));
    if ((IJEKAVIAN_STEM.test(word) || IJEKAVIAN_LONG.test(word) || CONSONANT_JE.test(word)) && !NOT_IJEKAVIAN.test(word)) {
      const ekavian = toEkavian(word);
      if (ekavian !== word) return add(written, "ijekavian", ekavian);
      // A yat stem after l or n ("ljepota", "sljedeći"): ekavian drops the j.
      if (IJEKAVIAN_STEM.test(word) || IJEKAVIAN_LONG.test(word)) return add(written, "ijekavian", word.replace(/([ln])je/u, "$1e"));
    }
    const next = words[index + 1]?.[0];
    const gapToNext = words[index + 1] === undefined ? "" : latin.slice(match.index + written.length, words[index + 1]!.index);
    // "je li" asks a question in Croatian; Serbian asks with "da li".
    if (word === "je" && next === "li" && /^\s+$/u.test(gapToNext)) add(`${written} ${next}`, "croatian", "da li");
    // Interrogative "što" opening a question or after "ne znam": Serbian writes "šta" (relative "što",
    // "zato što" and "Što se tiče" are Serbian too).
    const previousWord = words[index - 1]?.[0].toLowerCase();
    if (word === "što" && (first || previousWord === "znam" || previousWord === "zna" || previousWord === "znaju") && next !== undefined && next.toLowerCase() !== "se") {
      if (first || /^\s+$/u.test(gapToNext)) add(written, "croatian", written.replace(/o$/u, "a").replace(/O$/u, "A"));
    }
    if (next !== undefined && FUTURE.has(next) && /^[\p{L}]{2,}[aeiu]t$/u.test(word) && !NOT_INFINITIVE.has(word) && /^\s+$/u.test(latin.slice(match.index + written.length, words[index + 1]!.index))) {
      add(`${written} ${next}`, "croatian", `${word}i ${next}`);
    }
  });
  return forms;
}
