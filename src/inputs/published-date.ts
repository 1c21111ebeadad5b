// Dates arrive as ISO 8601 / RFC 3339 (meta tags, JSON-LD, Atom, <time>), RFC 822 (RSS pubDate)
// or the way Bulgarian sites print them ("27.02.2026 16:37", "27 Февруари, 2026 16:37").
// They are normalised to ISO 8601 keeping the writer's UTC offset: a desk in Sofia reads 16:37,
// not 14:37Z. A date without an offset stays without one rather than getting a guessed zone.

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  яну: 1, фев: 2, мар: 3, апр: 4, май: 5, юни: 6, юли: 7, авг: 8, сеп: 9, окт: 10, ное: 11, дек: 12,
};

// Zone names RSS feeds use; JavaScript's Date knows only the US ones.
const ZONES: Record<string, string> = {
  z: "Z", ut: "Z", utc: "Z", gmt: "Z",
  est: "-05:00", edt: "-04:00", cst: "-06:00", cdt: "-05:00",
  mst: "-07:00", mdt: "-06:00", pst: "-08:00", pdt: "-07:00",
  wet: "+00:00", west: "+01:00", bst: "+01:00", cet: "+01:00", cest: "+02:00",
  eet: "+02:00", eest: "+03:00", msk: "+03:00",
};

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DAY_MONTH_YEAR = /^(?:[\p{L}]+,?\s+)?(\d{1,2})\.?\s+([\p{L}]+)\.?,?\s+(\d{2}|\d{4})(?:,?\s+(?:в\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*ч\.?)?)?(?:\s+([+-]\d{4}|[a-z]{1,5}))?$/iu;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?(?:,?\s+(?:в\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*ч\.?)?)?$/iu;

/**
 * Normalises a published date to ISO 8601, or returns undefined when it cannot be read.
 * @example normalizePublished("Fri, 27 Feb 2026 16:37:00 EET") === "2026-02-27T16:37:00+02:00"
 * @example normalizePublished("27.02.2026 16:37") === "2026-02-27T16:37:00"
 */
export function normalizePublished(value: string | undefined | null): string | undefined {
  const text = value?.trim().replace(/\s+/g, " ");
  if (!text) return undefined;
  const iso = ISO.exec(text);
  if (iso) {
    const [, year, month, day, hour, minute, second, fraction, zone] = iso;
    return build(+year!, +month!, +day!, hour, minute, second, fraction, zone === undefined ? undefined : offset(zone));
  }
  const named = DAY_MONTH_YEAR.exec(text);
  if (named) {
    const [, day, monthName, year, hour, minute, second, zone] = named;
    const month = MONTHS[monthName!.toLowerCase().slice(0, 3)];
    if (month === undefined) return undefined;
    const fullYear = year!.length === 2 ? 2000 + +year! - (+year! > 69 ? 100 : 0) : +year!;
    return build(fullYear, month, +day!, hour, minute, second, undefined, zone === undefined ? undefined : offset(zone));
  }
  const dotted = DOTTED.exec(text);
  if (dotted) {
    const [, day, month, year, hour, minute, second] = dotted;
    return build(+year!, +month!, +day!, hour, minute, second, undefined, undefined);
  }
  return undefined;
}

function offset(zone: string): string | undefined {
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!numeric) return undefined;
  const [, sign, hours, minutes = "00"] = numeric;
  return sign === "+" && hours === "00" && minutes === "00" ? "Z" : `${sign}${hours}:${minutes}`;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
  fraction: string | undefined,
  zone: string | undefined,
): string | undefined {
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return undefined;
  }
  const date = `${year}-${pad(month)}-${pad(day)}`;
  if (hour === undefined) return date;
  if (+hour > 23 || +minute! > 59 || +(second ?? 0) > 60) return undefined;
  const millis = fraction === undefined || /^\.0*$/.test(fraction) ? "" : fraction.slice(0, 4);
  return `${date}T${pad(+hour)}:${minute}:${second ?? "00"}${millis}${zone ?? ""}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A date at the start of a line: "14 Март, 2026 09:12 1187 3", "27.02.2026 16:43". */
const DATELINE = /^(\d{1,2}\s+\p{L}+,?\s+\d{4}(?:,?\s+\d{1,2}:\d{2})?|\d{1,2}\.\d{1,2}\.\d{4}(?:\s+\d{1,2}:\d{2})?)(?:\s|$)/u;

/**
 * The publication date of a scraped plain-text page: the first of its opening lines that starts
 * with a date (news sites put it under the title, followed by view and comment counters).
 */
export function datelineOf(text: string, lines = 8): string | undefined {
  for (const line of text.split("\n", lines)) {
    const match = DATELINE.exec(line.trim());
    const date = match ? normalizePublished(match[1]) : undefined;
    if (date) return date;
  }
  return undefined;
}
