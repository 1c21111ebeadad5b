import { createHash } from "node:crypto";
import { isCredentialParameter } from "../common/redact.js";

/** Ids longer than this are cut and given a hash suffix, so they stay usable as file names. */
export const MAX_ID_LENGTH = 100;

// Bulgarian streamlined system (the official one), extended with the letters of Russian,
// Serbian, Macedonian and Ukrainian that appear in names and URLs of Bulgarian news.
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", е: "e", ж: "zh", з: "z", и: "i", й: "y", к: "k",
  л: "l", м: "m", н: "n", о: "o", п: "p", р: "r", с: "s", т: "t", у: "u", ф: "f", х: "h",
  ц: "ts", ч: "ch", ш: "sh", щ: "sht", ъ: "a", ь: "y", ю: "yu", я: "ya", ѝ: "i",
  ё: "yo", ы: "y", э: "e", ђ: "dj", ј: "j", љ: "lj", њ: "nj", ћ: "c", џ: "dz",
  ѓ: "gj", ќ: "kj", ѕ: "dz", є: "ye", і: "i", ї: "yi", ґ: "g",
};

// Names that Windows refuses as file names whatever the extension.
const RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/;

/** First `length` hex digits of the SHA-256 of a string's UTF-8 bytes. */
export function shortHash(value: string, length = 16): string {
  return createHash("sha256").update(value, "utf8").digest("hex").slice(0, length);
}

/** The id of an article known only by its text: "sha256-" and 16 hex digits. */
export function contentHashId(text: string): string {
  return `sha256-${shortHash(text)}`;
}

/**
 * Turns any string into an id that is safe as a file name on every common system: lowercase
 * ASCII letters, digits, '-', '_' and '.', Cyrillic transliterated, no leading '.' or '-',
 * never "..", never a path separator, at most {@link MAX_ID_LENGTH} characters.
 * Long ids are cut and given a hash of the whole raw id, so distinct long ids stay distinct.
 * @example sanitizeId("../../etc/passwd") === "etc-passwd"
 * @example sanitizeId("Вучич в Астана") === "vuchich-v-astana"
 */
export function sanitizeId(raw: string): string {
  const latin = [...raw.normalize("NFC").toLowerCase()]
    .map((character) => CYRILLIC_TO_LATIN[character] ?? character)
    .join("")
    // Latin letters with diacritics keep their base letter (é → e) instead of becoming '-'.
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
  let id = latin
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/[-._]*-[-._]*/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/_{2,}/g, "_")
    .replace(/^[-._]+|[-._]+$/g, "");
  if (id === "") return `id-${shortHash(raw, 8)}`;
  if (RESERVED_NAMES.test(id)) id = `${id.replace(/\./g, "-")}-${shortHash(raw, 4)}`;
  if (id.length > MAX_ID_LENGTH) {
    const head = id.slice(0, MAX_ID_LENGTH - 9).replace(/[-._]+$/, "");
    id = `${head}-${shortHash(raw, 8)}`;
  }
  return id;
}

/**
 * The id of an article known by its URL: host without "www." and path, with dots of the host
 * as '-', percent-escapes decoded (so Cyrillic slugs transliterate), fragment and utm_* dropped.
 * @example idFromUrl("https://www.dnevnik.bg/2026/02/27/astana-belgrad/") === "dnevnik-bg-2026-02-27-astana-belgrad"
 */
export function idFromUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return sanitizeId(url);
  }
  const host = parsed.hostname.replace(/^www\./, "").replace(/\./g, "-");
  for (const key of [...parsed.searchParams.keys()]) {
    // A credential in a feed's item links must not become a file name.
    if (key.toLowerCase().startsWith("utm_") || isCredentialParameter(key)) parsed.searchParams.delete(key);
  }
  const query = parsed.searchParams.toString();
  return sanitizeId(`${host}${safeDecode(parsed.pathname)}${query === "" ? "" : `-${safeDecode(query)}`}`);
}

/** A URL without fragment and tracking parameters, as articles keep it. */
export function canonicalUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    for (const key of [...parsed.searchParams.keys()]) {
      if (key.toLowerCase().startsWith("utm_")) parsed.searchParams.delete(key);
    }
    return parsed.toString();
  } catch {
    return url;
  }
}

/** An id from a guid: URLs get the URL treatment, anything else is sanitised as it is. */
export function idFromGuid(guid: string): string {
  return /^https?:\/\//i.test(guid.trim()) ? idFromUrl(guid.trim()) : sanitizeId(guid);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/**
 * Hands out each id once per run, so two articles never overwrite each other's results, and the
 * caller is told of every rename. A repeated id with its article's content gets a suffix derived
 * from that content ("id-3f9a1c2b"): dropping one item of a feed must not move another item's
 * results onto a different id, as positional "-2", "-3" did. Without content (or when the same
 * content repeats), "-2", "-3", … are used, skipping ids already taken.
 */
export class UniqueIds {
  private readonly seen = new Set<string>();

  /** Returns `id` itself when new, else "id-<hash of content>" or the first free "id-N"; `renamed` tells which. */
  claim(id: string, content?: string): { id: string; renamed: boolean } {
    if (!this.seen.has(id)) {
      this.seen.add(id);
      return { id, renamed: false };
    }
    if (content !== undefined) {
      const derived = sanitizeId(`${id}-${shortHash(content, 8)}`);
      if (!this.seen.has(derived)) {
        this.seen.add(derived);
        return { id: derived, renamed: true };
      }
    }
    for (let suffix = 2; ; suffix += 1) {
      const candidate = `${id}-${suffix}`;
      if (!this.seen.has(candidate)) {
        this.seen.add(candidate);
        return { id: candidate, renamed: true };
      }
    }
  }
}
