/**
 * Evidence that separates Serbian (Latin script) from Croatian and Bosnian, which share most of
 * their words. Three kinds, all from the grammars of the standard languages:
 * - the reflex of old ě: ekavian Serbian writes e (mesto, vreme, predsednik), ijekavian Croatian
 *   and Bosnian write je/ije (mjesto, vrijeme, predsjednik). Matched on word stems, after the
 *   usual prefixes, so inflected and derived forms count too;
 * - the complement of modal verbs: Serbian prefers "da" + present (može da dođe), Croatian the
 *   infinitive (može doći); Bosnian uses both;
 * - the future: Croatian and Bosnian split a short infinitive from the auxiliary (bit će,
 *   radit ću), Serbian joins them (biće, radiću).
 */

type Target = "sr-Latn" | "hr" | "bs";

const PREFIX = "(?:ne|po|pre|pro|na|za|iz|raz|u|o|s|pri|od|pod|nad|do|sa)";
const PREFIXES = `${PREFIX}?${PREFIX}?`;

/** A word-start pattern: optional prefixes, then one of the space-separated stems. */
const stems = (list: string): RegExp => new RegExp(`^${PREFIXES}(?:${list.trim().split(/\s+/u).join("|")})`, "u");

/** Ekavian yat stems; each has an ijekavian twin below. */
const EKAVIAN_STEM = stems(`
  mest[aeiou] mesec mer[aeiu] (?:pro|za|iz|pri|s|o)men[aeiu] (?:pro|za|iz|pri|s|o)menj
  lep[aeiosu] cen[aeiu] cenj del[oau] delov delimičn dec[aeiu] dete$ deteta detet bel[aeiou]
  reč$ reči rečima rečju vreme$ sneg hleb mlek posle posled sled verov veruj poveren sedn sedi
  sedeo predsed sused poset besn besan namen umest zvezd tel[aou]$ hte[lo] videl videt lek[aou]
  lekar lečen seć svest svetl cvet vest[ie] nedelj primer smer namer uspe[hšl] uspeo pobed gde
  ovde negde dve$ pesm peva mesečn mešan mešav zaver pretn nemačk razume
`);

export const IJEKAVIAN_STEM = stems(`
  mjest mjesec mjer mjen mijen lijep ljep cijen cjen dijel djel dio$ djec dijete$ djeteta bijel
  bjel riječ vrijeme snijeg hljeb mlijek poslije poslj slijed sljed vjerov vjeruj povjeren sjedn
  sjedi(?!nj) predsjed susjed posjet bijes bjes namjen namijen umjest zvijezd tijel htje htio
  vidje lijek liječ ljekar ljet sjeć svijest svjest svjetl cvijet vijest nedjelj primjer smjer
  namjer uspje uspio pobjed pobijed gdje ovdje negdje dvije pjesm pjev mjesečn miješ mješ zavjer
  prijetn prijet prije$ njemačk razumij
`);

/**
 * Ijekavian spelling anywhere in a word: a consonant before je (djeca, savjet, tjedan, rješenje)
 * or before ije and another letter (upotrijebio, lijevo, srijeda). Not after n or l, where nj
 * and lj are letters of their own, and not in the few Serbian words that spell so for other
 * reasons (objekat, subjekt, Sjedinjene, klijent, hijerarhija, izjednačiti).
 */
export const IJEKAVIAN_SPELLING = /(?:[bcdmprstv]je|[bcdlmrstvz]ije)\p{L}/u;
export const NOT_IJEKAVIAN = /bjek|sjedinj|klijen|hijer|izje|medij|dijet[aeiu]/u;

/** Croatian (and often Bosnian) -irati verbs whose Serbian twins end in -ovati or -isati. */
export const CROATIAN_VERB = /(?:izir|ificir|angažir|reagir|definir|kontrolir|komentir|informir|formulir|garantir|interesir)a|^(?:ne)?opć/u;
export const SERBIAN_VERB = /(?:izov|ifikov|angažov|reagov|defini[sš]|kontroli[sš]|komentari[sš]|informi[sš]|formuli[sš]|garantov|interesov)a|^(?:ne)?opšt/u;

export const MODALS = new Set(
  ("može mogu možemo možete možeš mogao mogla mogli mora moraju moramo morate morao morala morali treba " +
    "trebalo trebaju želi žele želim želimo želite želio želeo htjeli hteli pokušao pokušava počeo počela " +
    "počeli nastavio nastavlja odlučio odlučili uspio uspeo nastoje planira planiraju namerava namjerava").split(" "),
);
const FUTURE_AUXILIARIES = new Set(["ću", "ćeš", "će", "ćemo", "ćete"]);
const STEM_WEIGHT = 1.5;
const SYNTAX_WEIGHT = 1.5;
const SPELLING_WEIGHT = 1;

/**
 * Adds the evidence of one Latin word (lower-cased) given the word before it; `capitalized`
 * tells whether it was written with a capital (names are often transcribed, not inherited).
 */
export function scoreShtokavian(word: string, previous: string | undefined, capitalized: boolean, scores: Record<Target, number>): void {
  if (EKAVIAN_STEM.test(word)) scores["sr-Latn"] += STEM_WEIGHT;
  if (IJEKAVIAN_STEM.test(word)) {
    scores.hr += STEM_WEIGHT;
    scores.bs += STEM_WEIGHT;
  }
  // Transcribed names break vowels with ij as well (San Dijego, Danijel): only common words count.
  if (!capitalized && IJEKAVIAN_SPELLING.test(word) && !NOT_IJEKAVIAN.test(word)) {
    scores.hr += SPELLING_WEIGHT;
    scores.bs += SPELLING_WEIGHT;
  }
  if (CROATIAN_VERB.test(word)) {
    scores.hr += STEM_WEIGHT;
    scores.bs += STEM_WEIGHT / 2;
  }
  if (SERBIAN_VERB.test(word)) scores["sr-Latn"] += STEM_WEIGHT;
  if (previous === undefined) return;
  if (word === "li" && previous === "je") scores.hr += SYNTAX_WEIGHT;
  if (word === "li" && previous === "da") {
    scores["sr-Latn"] += SYNTAX_WEIGHT / 2;
    scores.bs += SYNTAX_WEIGHT / 2;
  }
  if (MODALS.has(previous)) {
    if (word === "da") scores["sr-Latn"] += SYNTAX_WEIGHT;
    else if (/(?:ti|ći)$/u.test(word)) {
      // Serbian uses the infinitive here too, only less often: weak evidence.
      scores.hr += SYNTAX_WEIGHT / 3;
      scores.bs += SYNTAX_WEIGHT / 6;
    }
  }
  if (FUTURE_AUXILIARIES.has(word) && /[aeiu]t$/u.test(previous)) {
    scores.hr += SYNTAX_WEIGHT;
    scores.bs += SYNTAX_WEIGHT;
  }
}
