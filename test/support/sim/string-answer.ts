import { exampleForPattern, matchesPattern } from "./regex-example.js";

/**
 * A deterministic string for a JSON Schema string node: a known example for the formats zod
 * emits, else one built from the pattern(s), else a few plain words; then fitted to
 * minLength / maxLength and checked against every pattern.
 */

const WORDS = ["river", "market", "council", "report", "city", "budget", "school", "weather", "road", "museum", "harbour", "festival", "bridge", "garden", "station", "library"];

const FORMAT_EXAMPLES: Record<string, (random: () => number) => string> = {
  email: () => "sim.answer@example.com",
  uuid: (random) => uuidFrom(random),
  guid: (random) => uuidFrom(random),
  "date-time": () => "2024-05-17T10:30:00Z",
  date: () => "2024-05-17",
  time: () => "10:30:00",
  duration: () => "P3D",
  uri: () => "https://example.com/sim",
  url: () => "https://example.com/sim",
  "uri-reference": () => "/sim",
  hostname: () => "example.com",
  ipv4: () => "192.0.2.1",
  ipv6: () => "2001:db8::1",
  cidrv4: () => "192.0.2.0/24",
  cidrv6: () => "2001:db8::/32",
  mac: () => "00:1a:2b:3c:4d:5e",
  cuid: () => "cjld2cjxh0000qzrmn831i7rn",
  cuid2: () => "tz4a98xxat96iws9zmbrgj3a",
  ulid: () => "01ARZ3NDEKTSV4RRFFQ69G5FAV",
  nanoid: () => "V1StGXR8_Z5jdHi6B-myT",
  xid: () => "9m4e2mr0ui3e8a215n4g",
  ksuid: () => "0ujtsYcgvSTl8PAuAdqWYSMnLOv",
  e164: () => "+359888123456",
  base64: () => "c2ltdWxhdG9y",
  base64url: () => "c2ltdWxhdG9y",
  hex: () => "5a3f",
  emoji: () => "🙂",
  jwt: () => `${base64Url('{"alg":"HS256","typ":"JWT"}')}.${base64Url('{"sub":"sim"}')}.c2lnbmF0dXJl`,
};

export interface StringConstraints {
  format?: string;
  patterns: string[];
  minLength?: number;
  maxLength?: number;
}

export function answerString(constraints: StringConstraints, random: () => number): string {
  const { patterns } = constraints;
  const candidates: string[] = [];
  const formatExample = constraints.format ? FORMAT_EXAMPLES[constraints.format]?.(random) : undefined;
  if (formatExample !== undefined) candidates.push(formatExample);
  for (const extraRepeats of patterns.length > 0 ? [0, 1, 2, 4, 8, 16, 32, 64] : []) {
    const parts = patterns.map((pattern) => exampleForPattern(pattern, extraRepeats));
    if (parts.every((part) => part !== undefined)) {
      candidates.push(parts.join(""), [...parts].reverse().join(""));
    }
  }
  if (patterns.length === 0 && formatExample === undefined) candidates.push(words(random));
  const fits = (value: string) =>
    patterns.every((pattern) => matchesPattern(pattern, value)) &&
    length(value) >= (constraints.minLength ?? 0) &&
    length(value) <= (constraints.maxLength ?? Number.POSITIVE_INFINITY);
  for (const candidate of candidates) {
    for (const fitted of fittings(candidate, constraints, random)) if (fits(fitted)) return fitted;
  }
  // Nothing met every constraint (an exotic pattern): the closest honest try.
  return fittings(candidates[0] ?? words(random), constraints, random)[0]!;
}

/** The candidate, padded or cut to the length limits in a few placements. */
function fittings(candidate: string, constraints: StringConstraints, random: () => number): string[] {
  const minimum = constraints.minLength ?? 0;
  const maximum = constraints.maxLength ?? Number.POSITIVE_INFINITY;
  const size = length(candidate);
  if (size > maximum) return [Array.from(candidate).slice(0, maximum).join("").trimEnd(), Array.from(candidate).slice(0, maximum).join("")];
  if (size >= minimum) return [candidate];
  let filler = "";
  while (length(filler) < minimum - size) filler += ` ${words(random)}`;
  filler = Array.from(filler).slice(0, minimum - size).join("");
  const plain = "x".repeat(minimum - size);
  const middle = Math.floor(size / 2);
  const characters = Array.from(candidate);
  return [
    candidate + filler,
    candidate + plain,
    plain + candidate,
    characters.slice(0, middle).join("") + plain + characters.slice(middle).join(""),
  ];
}

function words(random: () => number): string {
  const count = 2 + Math.floor(random() * 3);
  const chosen: string[] = [];
  for (let index = 0; index < count; index++) chosen.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return chosen.join(" ");
}

function uuidFrom(random: () => number): string {
  const hex = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 16).toString(16)).join("");
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}

function base64Url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

function length(text: string): number {
  return Array.from(text).length;
}
