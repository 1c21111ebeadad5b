import { analyse } from "chardet";
import iconv from "iconv-lite";

// Single-byte encodings Bulgarian (and neighbouring) sites have used. windows-1251 comes first:
// on a tie it is by far the most likely one for Bulgarian text.
const FALLBACKS = ["windows-1251", "koi8-r", "iso-8859-5", "cp866", "windows-1252"];

/**
 * Guesses the encoding of bytes that are not UTF-8. chardet's statistics are unreliable on short
 * texts (a lone "Министър" in windows-1251 comes out as Shift_JIS), so every candidate (chardet's
 * and the Cyrillic single-byte family) is decoded and scored by how plausible its words look;
 * a tie goes to the Cyrillic family first (this is a tool for Bulgarian text), then to chardet.
 */
export function guessEncoding(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 64 * 1024);
  // Only the Cyrillic family (and windows-1252 last) are candidates for Bulgarian news: chardet
  // alone read UTF-8 mixed with cp1251 as GB18030. Its guess is taken only within that family.
  const fromChardet = analyse(sample)
    .map((match) => match.name.toLowerCase())
    .filter((name) => FALLBACKS.includes(name));
  const candidates = [...new Set([...FALLBACKS, ...fromChardet])];
  const highBytes = sample.filter((byte) => byte >= 0x80).length;
  let best = { encoding: "windows-1251", score: -Infinity, rank: Infinity };
  for (const encoding of candidates) {
    // Capped at 1: a re-encoding may take more bytes than the original, which is no merit.
    const score = Math.min(1, plausibility(iconv.decode(Buffer.from(sample), encoding), encoding) / Math.max(highBytes, 1));
    const rank = FALLBACKS.includes(encoding) ? FALLBACKS.indexOf(encoding) : FALLBACKS.length + fromChardet.indexOf(encoding);
    if (score > best.score || (score === best.score && rank < best.rank)) best = { encoding, score, rank };
  }
  return best.encoding;
}

/**
 * Bytes of non-ASCII letters that sit in believable words, less twice the junk: one script per
 * word, ordinary capitalisation (lower, UPPER or Capitalised), in Latin words accented letters a
 * minority. Counting bytes, not letters, keeps multi-byte and single-byte candidates comparable.
 * Wrong decodings of Cyrillic give Latin words made only of accented letters (windows-1252) or
 * inverted case (KOI8-R read as windows-1251 and back); control characters count against.
 */
export function plausibility(text: string, encoding: string): number {
  const sizes = new Map<string, number>();
  const size = (character: string): number => {
    let bytes = sizes.get(character);
    if (bytes === undefined) sizes.set(character, (bytes = iconv.encode(character, encoding).length));
    return bytes;
  };
  let good = 0;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    const foreign = [...word].filter((character) => character > "\u007f");
    if (foreign.length === 0) continue;
    if (singleScript(word) && ordinaryCase(word) && (!/\p{Script=Latin}/u.test(word) || foreign.length * 2 <= [...word].length)) {
      good += foreign.reduce((sum, character) => sum + size(character), 0);
    }
  }
  const junk = (text.match(/[\u0080-\u009f\ufffd]/g) ?? []).length;
  return good - 2 * junk;
}

function singleScript(word: string): boolean {
  return /^(\p{Script=Cyrillic}+|\p{Script=Latin}+|\p{Script=Greek}+|\p{Script=Hebrew}+|\p{Script=Arabic}+|[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|\p{Script=Hangul}+)$/u.test(word);
}

function ordinaryCase(word: string): boolean {
  const rest = word.slice(1);
  return rest === rest.toLowerCase() || word === word.toUpperCase();
}
