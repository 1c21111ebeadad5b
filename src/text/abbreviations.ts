/**
 * Abbreviation knowledge for sentence splitting in Bulgarian, Russian and Serbian (Cyrillic and
 * Latin), plus the Latin-script abbreviations that turn up in their news. Every entry is the
 * abbreviation without its final period, lower-cased; dotted ones keep their inner periods.
 *
 * The split between the sets is what matters: an abbreviation either never ends a sentence
 * (a title or prefix always has a word after it), ends one only after a number (a unit:
 * "през 2027 г."), or may end one anywhere ("и др.", "Inc.").
 */

/** Never end a sentence: titles, place and reference prefixes, "for example" words. */
export const NON_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Bulgarian: places and references
  "гр", "ул", "бул", "пл", "кв", "ж.к", "ал", "чл", "т", "стр", "с", "р", "о", "п", "бл", "вх", "ет",
  "ап", "тел", "моб", "рег", "изд", "прев", "съст", "вж", "ср", "пр",
  // Bulgarian: "that is", "so-called", "for example", "including", "about"
  "т.е", "т.нар", "нар", "т.к", "т.ч", "напр", "вкл", "ок", "прибл", "англ", "фр", "лат", "бълг", "engl", "сп", "изкл", "пом",
  // Bulgarian: titles and ranks
  "проф", "доц", "акад", "инж", "арх", "ген", "полк", "подп", "лейт", "св", "зам", "пред", "гл",
  "ст.н.с", "н.с", "дипл", "о.з", "адм", "ас", "г-жа", "г-н", "г-ца", "д-р", "м-р", "к-н", "чл.-кор",
  // Russian
  "пер", "наб", "корп", "табл", "см", "тов", "пос", "дер", "оз", "д",
  // Serbian (Cyrillic and Latin)
  "нпр", "тзв", "тј", "бр", "гђа", "гђица", "npr", "tzv", "tj", "ul", "br", "str", "prof", "inž",
  "dipl", "sv", "gđa", "tel", "ing",
  // English and international
  "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "rev", "hon",
  "pres", "mt", "no", "nr", "vol", "pp", "fig", "e.g", "i.e", "cf", "vs", "approx", "dept", "mr", "sens",
  "reps", "det", "insp", "supt", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "u.s", "u.k",
]);

/**
 * Units and counters: a sentence may end on them when a number precedes ("на 67 г.", "до 20 ч.",
 * "през XX в."); without a number they are prefixes ("г. Москва", "в. „Труд“", "ч. 2").
 */
export const UNIT_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "г", "гг", "в", "вв", "ч", "мин", "бр", "ст", "м", "л", "т", "см", "гр", "год", "god", "h", "min",
]);

/**
 * Month abbreviations ("1 ян. 2026 г.", "15 февр.", "3. sept. 2025."): after a day number or
 * before a year they are dates, so a year after them continues the sentence.
 */
export const MONTH_ABBREVIATIONS: ReadonlySet<string> = new Set([
  // Bulgarian
  "ян", "яну", "фев", "февр", "мар", "апр", "авг", "сеп", "септ", "окт", "ное", "дек",
  // Russian
  "янв", "сен", "сент", "ноя", "нояб",
  // Serbian (Cyrillic and Latin)
  "јан", "феб", "сеп", "нов", "дец", "jan", "feb", "mar", "apr", "avg", "aug", "sep", "sept", "okt", "oct", "nov", "dec",
]);

/** May end a sentence wherever they stand: amounts, "and so on", company suffixes, eras. */
export const FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "млн", "млрд", "хил", "лв", "тыс", "руб", "долл", "дол", "дин", "коп", "щ.д", "т.д", "т.п", "итд",
  "итн", "itd", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "plc", "llc", "a.m", "p.m", "пр.н.е",
  "н.е", "сл.хр", "пр.хр", "т.г", "м.г", "с.г", "т.м", "м.м", "mln", "mlrd", "mil", "млд", "кг", "км", "мм",
  "мл", "мг", "дка", "сек", "шт", "экз", "кв.м", "куб.м", "кв.км", "млн.лв", "млрд.лв", "хил.лв",
]);

/**
 * End a sentence only after "и" / "i" ("и др.", "и т.н.", "i sl."); elsewhere they are prefixes
 * ("др. Петровић" in Serbian, "т.н. санкции" in Russian, "пр. 5").
 */
export const AFTER_AND_ABBREVIATIONS: ReadonlySet<string> = new Set(["др", "т.н", "пр", "сл", "sl", "dr", "др.п"]);

/** Letters that close "т. д.", "т. п.", "т. н." written with a space ("и т. д. Это …"). */
export const AFTER_T_LETTERS: ReadonlySet<string> = new Set(["д", "п", "н"]);

/**
 * Written after a name ("Софийска обл.", "Пловдивски окр."): they may end a sentence when a
 * capitalised name precedes them.
 */
export const POSTPOSED_ABBREVIATIONS: ReadonlySet<string> = new Set(["обл", "окр", "р-н"]);

/** Area and volume prefixes that make a unit a quantity ("85 кв. м."). */
export const MEASURE_PREFIXES: ReadonlySet<string> = new Set(["кв.", "куб.", "кв", "куб"]);

/** The words for "and" after which AFTER_AND_ABBREVIATIONS close a list. */
export const AND_WORDS: ReadonlySet<string> = new Set(["и", "i"]);

/** Units whose sentence-final use is blocked by a date opener ("През 1879 г. Търновската …"). */
export const TIME_UNITS: ReadonlySet<string> = new Set(["г", "гг", "в", "вв", "ч", "год", "god", "h"]);

/**
 * Two-letter first-name abbreviations that contain a vowel ("Ив. Вазов"); vowel-less ones
 * ("Хр.", "Ст.", "Дж.") are recognised without a list.
 */
export const NAME_ABBREVIATIONS: ReadonlySet<string> = new Set([
  "ив", "ал", "ан", "ат", "ас", "ев", "ек", "ел", "ем", "ил", "ир", "юл", "ог", "ed", "al",
]);

/**
 * Words a sentence may open with before a date or time ("През 1879 г.", "В началото на 2020 г.",
 * "На 5 май 2026 г.", "В 10 ч."): when everything before the unit is made of these and numbers,
 * a capitalised word after the unit continues the sentence.
 */
export const DATE_OPENER_PREPOSITIONS: ReadonlySet<string> = new Set([
  "през", "в", "във", "на", "от", "до", "след", "преди", "около", "към", "още", "едва", "чак", "между",
  "считано", "во", "с", "со", "после", "к", "у", "од", "након", "пре", "током", "почетком", "крајем",
  "средином", "u", "od", "do", "nakon", "pre", "tokom",
]);

export const DATE_OPENER_WORDS: ReadonlySet<string> = new Set([
  ...DATE_OPENER_PREPOSITIONS,
  "началото", "края", "средата", "есента", "пролетта", "лятото", "зимата", "периода", "първата",
  "втората", "половината", "годината", "година", "и", "или", "г", "г.", "в.", "ч.", "начале",
  "конце", "середине", "году", "годах", "года", "половине", "године", "godine", "почетку", "крају",
  "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
  "ноември", "декември", "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
  "сентября", "октября", "ноября", "декабря", "јануара", "фебруара", "априла", "маја", "јуна",
  "јула", "септембра", "октобра", "новембра", "децембра", "-", "–",
  ...[...MONTH_ABBREVIATIONS].map((month) => `${month}.`),
]);

/**
 * Words after which a line cannot end a sentence: a line ending on one of them was wrapped.
 * Bulgarian, Russian and Serbian conjunctions and prepositions.
 */
export const CONTINUATION_WORDS: ReadonlySet<string> = new Set([
  "и", "а", "но", "или", "че", "да", "на", "в", "във", "с", "със", "за", "от", "до", "по", "при", "към",
  "през", "след", "пред", "над", "под", "между", "без", "като", "който", "която", "което", "които",
  "когато", "ако", "защото", "докато", "не", "ще", "се", "си", "е", "са", "обаче", "нито", "ни",
  "для", "из", "к", "о", "об", "у", "что", "это", "чтобы", "the", "a", "an", "of", "to", "and", "in",
  "од", "је", "су", "који", "која", "које", "i", "u", "na", "za", "od", "je", "su", "koji",
]);

/**
 * Currency and country codes that follow an amount inside a sentence ("37 млрд. долл. США",
 * "2,8 mlrd. GBP"), so a capitalised word after the amount does not start a new sentence.
 */
export const AMOUNT_FOLLOWERS: ReadonlySet<string> = new Set([
  "сащ", "сша", "сад", "sad", "usd", "eur", "bgn", "rsd", "rub", "gbp", "chf", "jpy", "cny", "евро",
]);

/**
 * Function words that open sentences and are never surnames: after "A." or "Б." they show the
 * letter was a grade or a label that ended the sentence ("получи оценка A. Това …").
 */
export const SENTENCE_OPENING_WORDS: ReadonlySet<string> = new Set([
  // Bulgarian
  "това", "този", "тази", "тези", "той", "тя", "то", "те", "ние", "вие", "аз", "но", "и", "а", "в",
  "във", "на", "след", "при", "за", "от", "с", "със", "според", "по", "през", "когато", "ако", "освен",
  "също", "така", "тогава", "там", "тук", "днес", "вчера", "утре", "сега", "затова", "обаче", "още", "как",
  "какво", "кой", "коя", "кое", "кои", "защо", "къде", "всички", "някои", "повечето", "до", "към",
  "над", "под", "пред", "без", "между", "докато", "въпреки", "вместо", "заради", "първо", "накрая",
  "междувременно", "не", "да", "нито", "едва", "само",
  // Russian
  "это", "этот", "эта", "эти", "он", "она", "оно", "они", "мы", "вы", "я", "для", "после",
  "что", "здесь", "сегодня", "завтра", "однако", "также", "тогда", "во", "со", "из",
  // Serbian
  "ово", "овај", "ова", "али", "у", "од", "са", "према", "када",
  "такође", "данас", "јуче", "сутра", "to", "ovo", "ovaj", "ova", "on", "ona", "oni", "ali", "i", "u",
  "na", "za", "od", "sa", "po", "prema", "kada", "ako", "takođe", "danas", "juče", "sutra",
  // English
  "the", "this", "that", "these", "those", "he", "she", "it", "they", "we", "but", "and", "in",
  "at", "for", "from", "with", "after", "when", "if", "however", "also", "there", "today", "a", "an",
]);
