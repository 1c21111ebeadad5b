/**
 * What a single line of a scraped news page looks like on its own: page furniture
 * (share buttons, cookie notices, related-article headings), meta data (dates, counters,
 * bylines, "Тема: …"), the parts of a reader comment (header, votes, timestamp), or content.
 * structure.ts decides from these and from the line's place on the page.
 */

/** What one line of a page is, judged alone. */
export type LinePattern =
  | "boilerplate"
  | "related-heading"
  | "comments-heading"
  | "comment-header"
  | "meta"
  | "content";

const normalize = (line: string): string =>
  line
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/^[\s•·▪●◦‣∙*|>»«›‹\-–—:]+|[\s•·▪●◦‣∙*|>»«›‹\-–—:.!]+$/g, "");

/** Whole lines that are buttons, menus or section labels of the site. */
const BOILERPLATE_LINES = new Set([
  "сподели", "споделете", "сподели в facebook", "сподели във facebook", "споделяне", "туитни", "tweet",
  "share", "харесай", "харесайте", "like", "коментирай", "напиши коментар", "добави коментар",
  "напишете коментар", "вход", "регистрация", "изход", "търсене", "меню", "начало", "реклама",
  "advertisement", "всички новини", "зареди още", "покажи още", "приемам", "приемам всички",
  "съгласен съм", "разбрах", "затвори", "принтирай", "печат", "изпрати", "назад", "напред", "read more",
  "accept", "абонирай се", "абонирайте се", "последвайте ни", "последвай ни", "изпрати на приятел",
  "следете ни", "чети още", "прочети повече", "виж повече", "към статията", "гласувай", "копирай линк",
  "facebook", "twitter", "x", "linkedin", "viber", "telegram", "whatsapp", "e-mail", "email", "print",
]);

/** Headings after which the page lists other articles' headlines. */
const RELATED_HEADINGS = new Set([
  "още по темата", "още от категорията", "още от рубриката", "свързани новини", "свързани статии",
  "свързани публикации", "най-четени", "най-четено", "най-коментирани", "последни новини", "прочетете още",
  "прочети още", "виж още", "вижте още", "още новини", "още от автора", "препоръчано", "препоръчваме",
  "може да ви интересува", "related", "related articles", "read also", "also read",
]);

const BOILERPLATE_FRAGMENTS = /бисквитк|cookies?\b|©|всички права запазени|all rights reserved|политика за поверителност|условия за ползване|privacy policy|terms of use/i;

/** Labelled meta lines: "Тема: …", "Снимка: …", "Автор: …". */
const META_LABEL = /^(?:тема|теми|рубрика|категория|раздел|автор|автори|снимка|снимки|фото|фотограф|илюстрация|източник|видео|етикети|тагове|ключови думи|публикувано|публикуван[ао]?|обновено|обновена|последна промяна|редактор|превод|преводач|дата|posted|published|updated|by|author|photo|source|tags)\s*[:：]/i;

const READ_COUNTER = /^(?:прочетена|прочетено|прочитания|видяна|гледана|гледания|преглеждания)\s*:?\s*\d[\d\s]*(?:пъти)?$|^\d[\d\s]*\s*(?:прочитания|преглеждания|гледания|коментара?|харесвания|views|comments)$/i;

const COMMENTS_HEADING = /^(?:коментари|мнения|коментари на читателите|comments)\s*(?:\(\s*\d+\s*\)|:\s*\d+|\d+)?$/i;

/** "• 1 Гориил", "#12 Иван_П", "3. anonymous": a numbered user name without punctuation. */
const COMMENT_HEADER = /^(?:[•·▪●◦‣∙*]\s*\d{1,4}[.)]?|#\d{1,4}|\d{1,4}[.)])\s+[^\s.!?,;:]+(?:\s+[^\s.!?,;:]+){0,2}$/u;

const MONTHS = "януари|февруари|март|април|май|юни|юли|август|септември|октомври|ноември|декември";
const WEEKDAYS = "понеделник|вторник|сряда|четвъртък|петък|събота|неделя";
const NUMERIC_DATE_OR_TIME = /\d{1,2}:\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}/;

/** Tokens a date, counter or vote line is made of. */
const META_TOKEN = new RegExp(
  `^(?:\\d[\\d.,:/\\-]*|(?:${MONTHS}|${WEEKDAYS})[,.]?|г\\.?|ч\\.?|часа?|мин\\.?|минути|преди|днес|вчера|пъти|` +
    `прочитания|коментара?|коментари|харесвания|гледания|отговор|отговори|цитирай|харесай|докладвай|` +
    `views|comments|reply|[|•·/\\-–—,])$`,
  "iu",
);

/**
 * A line made of dates, times, counters and vote buttons: "27 Февруари, 2026 16:37 423 1",
 * "1 0 Отговор", "16:43 27.02.2026". Around a user name it proves a reader comment.
 */
export function isDateOrCounterLine(line: string): boolean {
  const tokens = line.split(/[\s\u00a0]+/).filter((token) => token !== "");
  return tokens.length > 0 && tokens.every((token) => META_TOKEN.test(token)) && /\d/.test(line);
}

/**
 * A short line carrying a numeric date or a time next to a name: "Иван Петров, 27.02.2026 16:37".
 * Month names alone do not count: "Протест на 5 март" is a headline.
 */
function isDatedByline(line: string): boolean {
  return NUMERIC_DATE_OR_TIME.test(line) && line.split(/\s+/).length <= 6 && !/[.!?…]["“”»)]?$/.test(line);
}

/** The pattern of one trimmed, non-empty line. */
export function classifyLine(line: string): LinePattern {
  const normal = normalize(line);
  if (RELATED_HEADINGS.has(normal)) return "related-heading";
  // "Сподели: Facebook Twitter" — JavaScript's \b does not work on Cyrillic, hence the explicit space.
  if (BOILERPLATE_LINES.has(normal) || (/^сподели(?:[\s:]|$)/.test(normal) && normal.split(" ").length <= 6)) return "boilerplate";
  if (BOILERPLATE_FRAGMENTS.test(line) && line.length <= 600) return "boilerplate";
  if (COMMENTS_HEADING.test(normal)) return "comments-heading";
  if (COMMENT_HEADER.test(line)) return "comment-header";
  if ((META_LABEL.test(line) && line.length <= 200) || READ_COUNTER.test(normal)) return "meta";
  if (isDateOrCounterLine(line) || isDatedByline(line)) return "meta";
  return "content";
}

/** A line that reads like a headline or label: short, no final period. */
export function isHeadlineLike(line: string): boolean {
  return line.length <= 200 && !/[.:;,]["“”»)]?$/.test(line);
}

/** A line that reads like running text: ends with final punctuation. */
export function isSentenceLike(line: string): boolean {
  return /[.!?…]["“”»)]*$/.test(line) && line.split(/\s+/).length >= 4;
}
