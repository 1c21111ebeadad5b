import type { TargetLanguage } from "../common/languages.js";
import { toLatin } from "../text/transliterate.js";

/** What a bulletin may say is missing from one article in its language. */
export type MissingPart = "summary" | "translation" | "incompleteTranslation" | "quoteTranslations";

/** The fixed words of a bulletin, in the bulletin's language. */
export interface BulletinWords {
  title: string;
  period: string;
  noDates: string;
  articles: string;
  ok: string;
  partial: string;
  failed: string;
  interrupted: string;
  inputError: string;
  keyPoints: string;
  keyQuotes: string;
  source: string;
  notTranslated: string;
  reasons: string;
  noReasons: string;
  articleId: string;
  noDate: string;
  partialResult: string;
  missing: string;
  parts: Record<MissingPart, string>;
  inBulgarian: string;
  /** Introduces the translation's first paragraph shown where a summary is missing. */
  fromTranslation: string;
  paraphrased: string;
  footer: string;
  /** Month names as they stand after a day number ("14 марта"). */
  months: readonly string[];
  /** "14." in Serbian, "14" elsewhere. */
  dayDot: boolean;
  quoteMarks: readonly [string, string];
}

const en: BulletinWords = {
  title: "News bulletin",
  period: "Period",
  noDates: "no publication dates",
  articles: "Articles",
  ok: "complete",
  partial: "partial",
  failed: "not translated",
  interrupted: "not processed (run interrupted)",
  inputError: "Reading the inputs stopped early",
  keyPoints: "Key points",
  keyQuotes: "Key quotes",
  source: "Source",
  notTranslated: "Not translated",
  reasons: "Reasons",
  noReasons: "no reason recorded",
  articleId: "ID",
  noDate: "date unknown",
  partialResult: "Partial result.",
  missing: "Missing",
  parts: { summary: "summary", translation: "translation", incompleteTranslation: "part of the translation", quoteTranslations: "translations of some quotes" },
  inBulgarian: "in Bulgarian",
  fromTranslation: "From the translation",
  paraphrased: "paraphrased",
  footer: "Rendered by prevod from stored results; no model was called.",
  months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  dayDot: false,
  quoteMarks: ["“", "”"],
};

const ru: BulletinWords = {
  title: "Сводка новостей",
  period: "Период",
  noDates: "даты публикации не указаны",
  articles: "Статьи",
  ok: "полностью",
  partial: "частично",
  failed: "не переведены",
  interrupted: "не обработаны (запуск прерван)",
  inputError: "Чтение входных данных прервалось",
  keyPoints: "Главное",
  keyQuotes: "Ключевые цитаты",
  source: "Источник",
  notTranslated: "Не переведено",
  reasons: "Причины",
  noReasons: "причина не записана",
  articleId: "ID",
  noDate: "дата неизвестна",
  partialResult: "Частичный результат.",
  missing: "Нет",
  parts: { summary: "резюме", translation: "перевода", incompleteTranslation: "части перевода", quoteTranslations: "перевода некоторых цитат" },
  inBulgarian: "на болгарском",
  fromTranslation: "Из перевода",
  paraphrased: "в пересказе",
  footer: "Сформировано prevod из сохранённых результатов, без обращения к модели.",
  months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
  dayDot: false,
  quoteMarks: ["«", "»"],
};

const serbianCyrillic: BulletinWords = {
  title: "Преглед вести",
  period: "Период",
  noDates: "датуми објаве нису наведени",
  articles: "Чланци",
  ok: "комплетно",
  partial: "делимично",
  failed: "није преведено",
  interrupted: "није обрађено (покретање прекинуто)",
  inputError: "Читање улазних података је прекинуто",
  keyPoints: "Најважније",
  keyQuotes: "Кључни цитати",
  source: "Извор",
  notTranslated: "Није преведено",
  reasons: "Разлози",
  noReasons: "разлог није забележен",
  articleId: "ID",
  noDate: "датум непознат",
  partialResult: "Делимичан резултат.",
  missing: "Недостаје",
  parts: { summary: "сажетак", translation: "превод", incompleteTranslation: "део превода", quoteTranslations: "превод неких цитата" },
  inBulgarian: "на бугарском",
  fromTranslation: "Из превода",
  paraphrased: "парафраза",
  footer: "Приказао prevod из сачуваних резултата, без позива модела.",
  months: ["јануар", "фебруар", "март", "април", "мај", "јун", "јул", "август", "септембар", "октобар", "новембар", "децембар"],
  dayDot: true,
  quoteMarks: ["„", "“"],
};

/** Serbian Latin words are the Cyrillic ones transliterated, so the two can never drift apart. */
function transliterated(words: BulletinWords): BulletinWords {
  const parts = Object.fromEntries(Object.entries(words.parts).map(([key, value]) => [key, toLatin(value)])) as Record<MissingPart, string>;
  const latin = Object.fromEntries(Object.entries(words).map(([key, value]) => [key, typeof value === "string" ? toLatin(value) : value]));
  return { ...(latin as unknown as BulletinWords), parts, months: words.months.map(toLatin) };
}

const WORDS: Record<TargetLanguage, BulletinWords> = { en, ru, "sr-Cyrl": serbianCyrillic, "sr-Latn": transliterated(serbianCyrillic) };

export function bulletinWords(language: TargetLanguage): BulletinWords {
  return WORDS[language];
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A publication time as the language writes it, in the zone the source gave ("09:12" stays
 * 09:12 whatever the offset): en "14 March 2026, 09:12", ru "14 марта 2026, 09:12",
 * sr-Cyrl "14. март 2026, 09:12". A value that is not ISO 8601 is returned as it is.
 */
export function formatPublished(published: string, language: TargetLanguage): string {
  const parts = ISO_DATE.exec(published.trim());
  if (!parts) return published;
  const [, year, month, day, hour, minute] = parts;
  const words = WORDS[language];
  const date = `${Number(day)}${words.dayDot ? "." : ""} ${words.months[Number(month) - 1] ?? month} ${year}`;
  return hour === undefined ? date : `${date}, ${hour}:${minute}`;
}

const ZONE_TIME = { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" } as const;

const FORMATS = new Map<string, [Intl.DateTimeFormat, Intl.DateTimeFormat]>();

/** Intl formatters are slow to make: one pair per zone. */
function zoneFormats(timeZone: string): [Intl.DateTimeFormat, Intl.DateTimeFormat] {
  let formats = FORMATS.get(timeZone);
  if (!formats) {
    formats = [new Intl.DateTimeFormat("en-US", { timeZone, ...ZONE_TIME }), new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" })];
    FORMATS.set(timeZone, formats);
  }
  return formats;
}

/**
 * A publication time shown in `timeZone` with its offset: "1 December 2026, 09:12 GMT+2". A
 * value without a time of day stays a date; one that is not a date is returned as it is.
 */
export function formatInZone(published: string, language: TargetLanguage, timeZone: string): string {
  const parts = ISO_DATE.exec(published.trim());
  const instant = publishedInstant(published);
  if (!parts || instant === undefined || parts[4] === undefined) return formatPublished(published, language);
  const [wallFormat, zoneFormat] = zoneFormats(timeZone);
  const wall = Object.fromEntries(wallFormat.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const zone = zoneFormat.formatToParts(new Date(instant)).find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  const zoneName = zone === "GMT" || zone === "GMT+0" ? "UTC" : zone;
  const hour = String(Number(wall.hour) % 24).padStart(2, "0");
  return `${formatPublished(`${wall.year}-${wall.month}-${wall.day}T${hour}:${wall.minute}`, language)} ${zoneName}`;
}

/** Just the time of day of an ISO value, when it has one ("09:12"). */
function timeOf(published: string): string | undefined {
  const parts = ISO_DATE.exec(published.trim());
  return parts?.[4] === undefined ? undefined : `${parts[4]}:${parts[5]}`;
}

/** "12 March 2026, 18:25 – 14 March 2026, 09:12"; within one day "14 March 2026, 09:12–18:25". */
export function formatRange(earliest: string, latest: string, language: TargetLanguage): string {
  const first = formatPublished(earliest, language);
  if (earliest === latest) return first;
  const sameDay = earliest.slice(0, 10) === latest.slice(0, 10) && ISO_DATE.test(earliest.trim()) && ISO_DATE.test(latest.trim());
  const lastTime = timeOf(latest);
  if (sameDay && timeOf(earliest) !== undefined && lastTime !== undefined) return `${first}–${lastTime}`;
  return `${first} – ${formatPublished(latest, language)}`;
}

/**
 * A sortable instant for a published value: the offset is honoured when given; a value without
 * one is read as UTC (the best guess available), and a value that is not a date has none.
 */
export function publishedInstant(published: string | undefined): number | undefined {
  if (published === undefined) return undefined;
  const parts = ISO_DATE.exec(published.trim());
  if (!parts) return undefined;
  const [, year, month, day, hour = "00", minute = "00", second = "00", zone] = parts;
  const offset = zone === undefined || zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const value = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(value) ? undefined : value;
}
