/**
 * Forms that standard (ekavian) Serbian does not use, for the Serbian targets of the language
 * gate: ijekavian reflexes of old ě ("rijeka", "djeca", "mjesto"), Croatian vocabulary
 * ("tisuća", "tijekom", "siječanj", "zrakoplov", "tvrtka", "obitelj"), Croatian -irati verbs
 * ("organizirati") and the Croatian split future ("bit će", "radit ću"). Each comes with the
 * Serbian form a model can write instead. Written from the grammars and the word lists of
 * ./langid-features.ts and ./langid-shtokavian.ts; nothing is counted from evaluation data.
 */
import { CROATIAN_ONLY_WORDS } from "./langid-features.js";
import { CROATIAN_VERB, IJEKAVIAN_STEM, MODALS, NOT_IJEKAVIAN } from "./langid-shtokavian.js";
import { memoize } from "../common/memo.js";
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
  [/^kruh/u, "hleb"], [/^nogomet/u, "fudbal"], [/^glazb/u, "muzika"], [/^sveučiliš/u, "univerzitet"],
  [/^živežn/u, "prehrambeni"], [/^točk/u, "tačka"], [/^pokraj$/u, "pored"], [/^glede$/u, "u vezi sa"], [/^dapače$/u, "štaviše"],
  [/^spašav/u, "spasavati"], [/^osobn/u, "lični"], [/^vlastit/u, "sopstveni"], [/^(?:i|sva)tko$/u, "iko / svako"], [/^(?:pri|s|ob|za|do|pre)?hvać(?:a|aj|anj)\p{L}*$/u, "prihvatati / shvatati"], [/^ocean/u, "okean"],
  [/^ljestvic/u, "lestvica / tabela"], [/^(?:dojam|dojm)/u, "utisak"],
  [/^općin/u, "opština"], [/^tjed(?:an|na|nu|nom|ni|ana)$/u, "nedelja"], [/^točn/u, "tačno"], [/^gospodarst/u, "privreda"],
  [/^suradn/u, "saradnja"], [/^milijun/u, "milion"], [/^izvješ/u, "izveštaj"], [/^priopć/u, "saopštenje"],
  [/^europ/u, "evropski"], [/^povijes/u, "istorija"], [/^unatoč$/u, "uprkos"], [/^uvjet/u, "uslov"],
  [/^liječni/u, "lekar"], [/^momčad/u, "ekipa"], [/^kemij/u, "hemija"], [/^znanost/u, "nauka"], [/^znanstven/u, "naučni"],
  [/^kazališt/u, "pozorište"], [/^sustav/u, "sistem"], [/^čimbenik/u, "faktor"],
  [/^zrak(?:a|u|om)?$/u, "vazduh"], [/^siječ/u, "januar"], [/^veljač/u, "februar"], [/^ožuj/u, "mart"],
  [/^trav(?:anj|nja|nju)$/u, "april"], [/^svib(?:anj|nja|nju)$/u, "maj"], [/^lip(?:anj|nja|nju)$/u, "jun"],
  [/^srp(?:anj|nja|nju)$/u, "jul"], [/^ruj(?:an|na|nu)$/u, "septembar"],
  [/^listopad/u, "oktobar"], [/^studen(?:i|oga?|ome?|om)$/u, "novembar"], [/^kolovoz(?:a|u)$/u, "avgust"], [/^prosin(?:ac|ca|cu)$/u, "decembar"],
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
  [/^popriličn/u, "prilično"],
  [/^stoljeć/u, "vek"], [/^stup(?:anj|nja|nju|njem|njevi|njeva|njevima)$/u, "stepen"], [/^kolodvor/u, "stanica"], [/^zračn/u, "vazdušni"],
  [/^vojarn/u, "kasarna"], [/^postrojb/u, "jedinica"], [/^časni(?:k|ka|ku|kom|ci|ke|cima)$/u, "oficir"], [/^glasova(?:nj|t|l|o|ti|še)/u, "glasanje"],
  [/^neovisn/u, "nezavisan"], [/^ovisn|^ovisi/u, "zavisan"], [/^potpor/u, "podrška"], [/^skupin/u, "grupa"], [/^iznim/u, "izuzetno"],
  [/^dužnosni/u, "zvaničnik"], [/^veleposlan/u, "ambasada"], [/^ministric/u, "ministarka"], [/^odvjetni/u, "advokat"],
  [/^ozlije|^ozljed/u, "povređen"], [/^(?:auto)?cest(?:a|e|i|u|om|ama)$/u, "put"], [/^oborin/u, "padavine"],
  [/^valov/u, "talasi"], [/^toplinsk/u, "toplotni"], [/^nogometa/u, "fudbaler"],
  [/^vratar/u, "golman"], [/^izbornik/u, "selektor"], [/^(?:gleda|čita|sluša|posjeti|promatra|počini|izdava|istraživa|brani|stvara|predava)tel/u, "gledalac / čitalac / posetilac"],
  [/^promatra/u, "posmatrati"], [/^poduzeć|^poduze[tlm]|^poduzim/u, "preduzeće"], [/^tržnic/u, "pijaca"], [/^proračun/u, "budžet"],
  [/^ured(?:a|u|om|ima)?$/u, "kancelarija"], [/^tajni(?:k|ka|ku|kom|ci|ce|štv)/u, "sekretar"], [/^obavijest/u, "obaveštenje"], [/^zemljopis/u, "geografija"],
  [/^juh[aeiu]$/u, "supa"], [/^rajčic/u, "paradajz"], [/^krumpir/u, "krompir"], [/^mrkv/u, "šargarepa"], [/^grah$/u, "pasulj"], [/^tjestenin/u, "testenina"],
  [/^kuh(?:ar|ati|an|ala|alo|ali|ao|am|aju)/u, "kuvar / kuvati"], [/^ljekarn/u, "apoteka"], [/^uho$/u, "uvo"], [/^zaslon/u, "ekran"],
  [/^tipkovnic/u, "tastatura"], [/^sigurnosn/u, "bezbednosni"], [/^kaznen/u, "krivični"], [/^usprkos$/u, "uprkos"], [/^osobit/u, "posebno"],
  [/^također$/u, "takođe"], [/^jučer(?:ašnj\p{L}*)?$/u, "juče"], [/^posvuda$/u, "svuda"], [/^kamo$/u, "kuda"], [/^surađ/u, "sarađivati"],
  [/^financ/u, "finansije"], [/^(?:projekt|objekt|subjekt|efekt)$/u, "projekat / objekat / efekat"], [/^županij/u, "okrug"], [/^župlj|^žup[aeiu]$/u, "parohija"],
  [/^židov/u, "jevrejski"], [/^diljem$/u, "širom"], [/^vanjsk/u, "spoljni"], [/^historij/u, "istorija"], [/^knjižnic/u, "biblioteka"],
  [/^(?:profesor|senator|autor|direktor|doktor|pjevač)ic/u, "profesorka / direktorka"], [/^nadahnuć/u, "inspiracija"], [/^izvrsn/u, "odličan"],
  [/^zabio$|^zabila$|^zabili$/u, "postigao"], [/^pozornic/u, "bina / scena"], [/^obvez/u, "obavez"], [/^nazoč/u, "prisustvovati"],
  [/^jamčevin/u, "kaucija"], [/^tečaj/u, "kurs"], [/^trenutačn/u, "trenutno"], [/^kušnj/u, "iskušenje"],
  [/^(?:ne)?utemeljen/u, "(ne)osnovan"], [/^komplicira/u, "komplikovati"],
  [/^branič/u, "bek"], [/^(?:dvama|trima|četirima)$/u, "četiri"], [/^materinj/u, "maternji"], [/^krilatic/u, "slogan"],
  [/^središnj/u, "centralni"], [/^kat(?:a|u|om|ovi|ova)?$/u, "sprat"], [/^putovnic/u, "pasoš"], [/^iskaznic/u, "lična karta"],
  [/^blagajn/u, "kasa"], [/^hlač/u, "pantalone"], [/^pisač/u, "štampač"], [/^tvornic/u, "fabrika"], [/^dionic/u, "akcija"], [/^burz/u, "berza"],
  [/^upravitelj/u, "upravnik"], [/^zemljovid/u, "mapa"], [/^kirur/u, "hirurg"], [/^uopće$/u, "uopšte"], [/^prekjučer$/u, "prekjuče"],
  [/^katkad/u, "ponekad"], [/^svezi$/u, "vezi"], [/^pridon/u, "doprineti"], [/^vodstv/u, "vođstvo"], [/^tisk(?:a|u|om)$/u, "štampa"], [/^uspoređ/u, "upoređen"], [/^sveučilištar/u, "student"], [/^mirovinsk/u, "penzioni"], [/^sadržava/u, "sadrži"], [/^ispriječ/u, "isprečiti"], [/^tjedn/u, "nedeljni"], [/^dakako$/u, "naravno"], [/^poglavito$/u, "uglavnom"], [/^svećeni/u, "sveštenik"], [/^kršćan/u, "hrišćanski"], [/^općenito$/u, "uopšte"],
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
const IJEKAVIAN_LONG = /^(?:ne|po|pre|pro|na|za|iz|raz|u|o|s|pri|od|do|bez)?(?:rijek|rije[cč]|cijel|bijel|lijev|lijep|mlijek|snijeg|vrijem|vrijed|sprije[cč]|nijem|slijep|sijed|svijet|vijek|vijest|tijel|pobijed|srijed|dospije|razumije|smije[mšo]?|lijek|lije[cč]|cvijet|zvijezd|mijen|miješ|sije[cč]|dijel|dijet(?!a)|pijes|vrije[dt]|želje[lt]|volje[lt])/u;

/**
 * Croatian -irati verbs (and their -iran participles) whose Serbian twins end in -ovati or -isati:
 * registrirati → registrovati, definirati → definisati. Serbian keeps -irati in others
 * (analizirati, koordinirati, blokirati, citirati, formirati, testirati), which are not listed.
 */
const IRATI: ReadonlyArray<readonly [string, "ov" | "is"]> = [
  ["organiz", "ov"], ["realiz", "ov"], ["kritiz", "ov"], ["specijaliz", "ov"], ["favoriz", "ov"], ["minimaliz", "ov"], ["moderniz", "ov"],
  ["mobiliz", "ov"], ["legaliz", "ov"], ["privatiz", "ov"], ["stabiliz", "ov"], ["normaliz", "ov"], ["aktualiz", "ov"], ["centraliz", "ov"],
  ["identific", "ov"], ["kvalific", "ov"], ["klasific", "ov"], ["modific", "ov"], ["verific", "ov"], ["certific", "ov"], ["diskvalific", "ov"],
  ["registr", "ov"], ["diskut", "ov"], ["protest", "ov"], ["emit", "ov"], ["evaku", "is"], ["kandid", "ov"], ["argument", "ov"],
  ["prezent", "ov"], ["reag", "ov"], ["garant", "ov"], ["interes", "ov"], ["angaž", "ov"], ["financ", "ov"], ["sponzor", "is"],
  ["regul", "is"], ["stimul", "is"], ["toler", "is"], ["ignor", "is"], ["elimin", "is"], ["funkcion", "is"], ["oper", "is"],
  ["reform", "is"], ["transform", "is"], ["koncentr", "is"], ["defin", "is"], ["kontrol", "is"], ["koment", "is"], ["inform", "is"],
  ["formul", "is"], ["fotograf", "is"], ["konzult", "ov"], ["rezerv", "is"], ["dokument", "ov"],
  ["inspir", "is"], ["kompenz", "ov"], ["konstat", "ov"], ["motiv", "is"], ["nomin", "ov"],
];
const IRATI_FORM = new RegExp(`^(\\p{L}*?(?:${IRATI.map(([root]) => root).join("|")}))ir(a\\p{L}*)$`, "u");
const IRATI_SUFFIX = new Map(IRATI.map(([root, suffix]) => [root, suffix]));

/** The Serbian form of a Croatian -irati verb form, or undefined: "registrirali" → "registrovali". */
function serbianOfIrati(word: string): string | undefined {
  const match = IRATI_FORM.exec(word);
  if (match === null) return undefined;
  const stem = match[1] as string;
  const root = IRATI.find(([candidate]) => stem.endsWith(candidate))?.[0] as string;
  // -iran participles: registriran → registrovan, definiran → definisan.
  return `${stem}${IRATI_SUFFIX.get(root)}${match[2]}`;
}

/**
 * Long ijekavian reflexes that no ekavian word contains, wherever they stand in a word, so that
 * any prefix counts: obavijest, ispovijest, podsmijeh, unaprijed, prijedlog, pogriješiti,
 * proslijeđen, donijeti, oblijepiti. "prije" before m is Serbian (prijem), and "-nije-" only
 * after a verb prefix ("nije", "ranije" are Serbian).
 */
const IJEKAVIAN_ANYWHERE = /donije[tlv]|prinije[tlv]|bdije|bdje|crijev|gnjev|^njeg(?:e|u|om)$|htije|mrzje|trijeb|^koljen|^(?:ni|svu|i|on)gdje$|^ondje$|vijest|vijeć|smijeh|smiješ|prije(?!m)\p{L}|grije[šsh]|slijeđ|slijed|rije[šs]|rijetk|lijep|vrijem|mije[ćt]|umije|cijep|cijev|gnijezd|strijel|zvijer|tijest|blijed|^(?:do|od|na|pre|iz|u|za|pri|po|raz|pro|s)nije[tlv]/u;

/** Ijekavian spelling in names Serbian spells ekavian: Sjeverna Koreja → Severna Koreja, Bijela kuća → Bela kuća, Svjetska banka. */
/** The ijekavian past of -jeti verbs: vidio, živio, volio (ekavian video, živeo, voleo). */
const IJEKAVIAN_PAST = /^(?:ne|po|pre|pro|na|za|iz|raz|u|o|s|pri|od|do|pod|nad|ot)?(?:vid|živ|vol|žel|razum|sjed|let|trp|um|sm|gor|vis|mrz|vrt|zavol|zavid|htj|ht)io$|^(?:do|od|pre|iz|u|za|pod|na|po|raz|pri|s)nio$/u;

const IJEKAVIAN_NAME = /^(?:sjever|bijel[aeiou]|svjetsk|vijeć|nijem[ac]|njemač)/u;

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
 * What one lower-case word says on its own: a Croatian or ijekavian form and its Serbian twin, or
 * nothing. Computed once per word (a few hundred patterns; words recur across sentences).
 */
const wordForm = memoize((word: string): { kind: VariantForm["kind"]; serbian?: string } | undefined => {
  const croatian = CROATIAN_STEMS.find(([pattern]) => pattern.test(word));
  if (croatian !== undefined) return { kind: "croatian", serbian: croatian[1] };
  if (CROATIAN_WORDS.has(word)) return { kind: "croatian" };
  const irati = serbianOfIrati(word);
  if (irati !== undefined) return { kind: "croatian", serbian: irati };
  if (CROATIAN_VERB.test(word)) return { kind: "croatian", serbian: word.replace(/ir(a\p{L}*)$/u, "ov$1").replace(/^(ne)?opć/u, "$1opšt") };
  if ((IJEKAVIAN_STEM.test(word) || IJEKAVIAN_LONG.test(word) || IJEKAVIAN_ANYWHERE.test(word) || IJEKAVIAN_PAST.test(word) || CONSONANT_JE.test(word)) && !NOT_IJEKAVIAN.test(word)) {
    const ekavian = toEkavian(word);
    if (ekavian !== word) return { kind: "ijekavian", serbian: ekavian };
    // A yat stem after l or n ("ljepota", "sljedeći", "koljeno", "gnjev"): ekavian drops the j.
    if (IJEKAVIAN_STEM.test(word) || IJEKAVIAN_LONG.test(word) || IJEKAVIAN_ANYWHERE.test(word)) return { kind: "ijekavian", serbian: word.replace(/([ln])je/u, "$1e") };
  }
  return undefined;
});

/**
 * The forms of `text` that standard Serbian does not use, each once, in text order. `text` may be
 * in either script; Cyrillic is read through the standard transliteration.
 */
export function nonSerbianForms(text: string): VariantForm[] {
  // Cyrillic words are read through the standard transliteration and shown back in Cyrillic; Latin
  // words (names, a foreign title) in a Cyrillic line stay as they are.
  const latin = toLatin(text);
  const forms: VariantForm[] = [];
  const seen = new Set<string>();
  let cyrillic = false;
  const shown = (form: string): string => (cyrillic ? toCyrillic(form) : form);
  const add = (found: string, kind: VariantForm["kind"], serbian?: string) => {
    if (seen.has(found.toLowerCase())) return;
    seen.add(found.toLowerCase());
    forms.push({ found: shown(found), kind, ...(serbian === undefined ? {} : { serbian: shown(serbian) }) });
  };
  const words = [...latin.matchAll(WORD)];
  const original = [...text.matchAll(WORD)];
  words.forEach((match, index) => {
    cyrillic = original.length === words.length && /\p{Script=Cyrillic}/u.test(original[index]?.[0] ?? "");
    const written = match[0];
    const word = written.toLowerCase();
    // Names are transcribed, not inherited (Rijeka, Mjesto, Danijel): only common words count, and a sentence's first word.
    const capitalised = written !== word;
    const first = index === 0 || /(?:[.!?:…]["“”»«„‚‘’]?|[„“"«‚‘(])\s*$/u.test(latin.slice(0, match.index));
    // Croatian spelling of a name Serbian spells otherwise ("Europske unije" → "Evropske unije").
    if (capitalised && !first && /^europ/u.test(word)) return add(written, "croatian", written.replace(/^Europ/u, "Evrop"));
    if (capitalised && !first && /^(?:španjol|švicar|nizozem)/u.test(word)) return add(written, "croatian", written.replace(/^Španjol/u, "Španij").replace(/^Švicar/u, "Švajcar").replace(/^Nizozem\p{L}*/u, "Holandija"));
    if (capitalised && !first && IJEKAVIAN_NAME.test(word)) return add(written, "ijekavian", toEkavian(word));
    if (capitalised && !first) return;
    const form = wordForm(word);
    if (form !== undefined) return add(written, form.kind, form.serbian);
    const next = words[index + 1]?.[0];
    const gapToNext = words[index + 1] === undefined ? "" : latin.slice(match.index + written.length, words[index + 1]!.index);
    // "No" for "but" opens a clause in Croatian ("No pregovori su zapeli", ", no ..."); Serbian writes "ali".
    if (word === "no" && next !== undefined && (first || /,\s*$/u.test(latin.slice(0, match.index))) && /^\s+$/u.test(gapToNext)) add(written, "croatian", capitalised ? "Ali" : "ali");
    // "je li" asks a question in Croatian; Serbian asks with "da li".
    if (word === "je" && next === "li" && /^\s+$/u.test(gapToNext)) add(`${written} ${next}`, "croatian", "da li");
    // Interrogative "što" opening a question or after "ne znam": Serbian writes "šta" (relative "što",
    // "zato što" and "Što se tiče" are Serbian too).
    const previousWord = words[index - 1]?.[0].toLowerCase();
    if (word === "što" && (first || previousWord === "znam" || previousWord === "zna" || previousWord === "znaju") && next !== undefined && next.toLowerCase() !== "se") {
      if (first || /^\s+$/u.test(gapToNext)) add(written, "croatian", written.replace(/o$/u, "a").replace(/O$/u, "A"));
    }
    // "potiče" for "encourages" (Serbian "podstiče"); "potiče iz/od" (comes from) is Serbian.
    if (/^poti[cč](?:e|u|ao|ala|ali|ati|anje|anja|aj|ala)?\p{L}{0,2}$/u.test(word) && !/^(?:iz|od|sa|s)$/iu.test(next ?? "")) add(written, "croatian", word.replace(/^poti/u, "podsti"));
    if (next !== undefined && FUTURE.has(next) && word === "bit" && /^\s+$/u.test(gapToNext)) add(`${written} ${next}`, "croatian", `biće`);
    // A whole -ti infinitive before the future auxiliary ("raditi će"): Serbian joins them ("radiće").
    if (next !== undefined && FUTURE.has(next) && /^\p{L}{2,}[aeiu]ti$/u.test(word) && !first && /^\s+$/u.test(gapToNext)) add(`${written} ${next}`, "croatian", `${word.slice(0, -2)}${next}`);
    // Personal "trebati" with an infinitive ("trebamo prebroditi", "trebao bi doći"): Serbian "treba da …".
    const afterNext = words[index + 2]?.[0];
    if (/^treba(?:m|š|mo|te|ju|o|la|lo|li|le)$/u.test(word) && next !== undefined && /^\s+$/u.test(gapToNext)) {
      const infinitive = (candidate: string | undefined) => candidate !== undefined && /^\p{L}{2,}(?:ti|ći)$/u.test(candidate) && !/^(?:dosti|pošti)$/u.test(candidate.toLowerCase());
      if (infinitive(next) || (/^(?:bi|bismo|biste|bih)$/u.test(next) && infinitive(afterNext))) add(`${written} ${next}`, "croatian", "treba da …");
    }
    // "Što?" alone asks "what?": Serbian "Šta?".
    if (word === "što" && /^\s*\?/u.test(latin.slice(match.index + written.length))) add(written, "croatian", written.replace(/o$/u, "a").replace(/O$/u, "A"));
    if (next !== undefined && FUTURE.has(next) && /^[\p{L}]{2,}[aeiu]t$/u.test(word) && !NOT_INFINITIVE.has(word) && /^\s+$/u.test(latin.slice(match.index + written.length, words[index + 1]!.index))) {
      add(`${written} ${next}`, "croatian", `${word}i ${next}`);
    }
  });
  if (forms.length === 0) for (const cue of weakCroatianCues(latin)) add(cue.found, "croatian", cue.serbian);
  return forms;
}

/**
 * Croatian syntax that Serbian writes only now and then, so that one alone proves nothing: the
 * infinitive after a modal ("može doći"; Serbian "može da dođe"), a question opened by a verb
 * and "li" ("Jeste li"; Serbian "Da li ste"), "te" for "and" ("te je stoga"), "ponovno" (Serbian
 * "ponovo") and an impersonal "ga se" ("da ga se zove"). Two of them in one sentence are
 * returned; fewer, none.
 */
function weakCroatianCues(latin: string): Array<{ found: string; serbian: string }> {
  const cues: Array<{ found: string; serbian: string }> = [];
  const words = [...latin.matchAll(WORD)];
  words.forEach((match, index) => {
    const word = match[0].toLowerCase();
    const next = words[index + 1]?.[0];
    const joined = next !== undefined && /^\s+$/u.test(latin.slice(match.index + match[0].length, words[index + 1]!.index));
    if (!joined || next === undefined) {
      if (word === "ponovno") cues.push({ found: match[0], serbian: "ponovo" });
      return;
    }
    const pair = `${match[0]} ${next}`;
    if ((MODALS.has(word) || /^nastav(?:i|lj)\p{L}*$/u.test(word)) && /\p{L}{2,}(?:ti|ći)$/u.test(next)) cues.push({ found: pair, serbian: `${match[0]} da …` });
    // The short preposition "s" ("s njim", "s obzirom" aside): Croatian writes it where Serbian mostly writes "sa".
    else if (word === "s" && match[0] === "s" && next.toLowerCase() !== "obzirom") cues.push({ found: pair, serbian: `sa ${next}` });
    else if (next === "li" && word !== "da" && word !== "je" && /^\p{Lu}/u.test(match[0]) && /(?:^|[.!?:„“"«‚‘]\s*)$/u.test(latin.slice(0, match.index))) cues.push({ found: pair, serbian: `Da li ${word}` });
    else if (word === "te" && index > 0 && /,?\s+$/u.test(latin.slice(words[index - 1]!.index + words[index - 1]![0].length, match.index)) && /^(?:je|su|se|će|da|i)$/u.test(next)) cues.push({ found: pair, serbian: "i" });
    else if ((word === "ga" || word === "ih" || word === "me") && next === "se") cues.push({ found: pair, serbian: "da ga …" });
    else if (word === "ponovno") cues.push({ found: match[0], serbian: "ponovo" });
  });
  return cues.length >= 2 ? cues : [];
}
