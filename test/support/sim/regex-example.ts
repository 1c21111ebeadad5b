/**
 * Builds one string that matches a JSON Schema `pattern`, for the patterns zod emits
 * (`.regex()`, `startsWith`, `endsWith`, `includes`, most string formats). Supported: literals,
 * escapes (\d \w \s \D \W \S \uXXXX \xXX), `.`, classes with ranges and negation, groups,
 * alternation (first branch), anchors, and quantifiers (the fewest repetitions, plus
 * `extraRepeats` where the quantifier allows more, to reach a minLength). Anything else
 * (lookarounds, back-references, \p{…}) gives `undefined`, and so does a result that the
 * pattern itself rejects: callers never get a string that fails the pattern.
 */

const ESCAPE_EXAMPLES: Record<string, string> = { d: "0", w: "a", s: " ", D: "a", W: "-", S: "a", n: "\n", t: "\t", r: "\r", f: "\f", v: "\v", b: "", B: "" };
const NEGATED_CANDIDATES = ["a", "x", "A", "0", "-", "_", " ", "~"];

class Unsupported extends Error {}

export function exampleForPattern(pattern: string, extraRepeats = 0): string | undefined {
  let example: string;
  try {
    example = new PatternReader(pattern, extraRepeats).readAll();
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return matchesPattern(pattern, example) ? example : undefined;
}

/** JSON Schema patterns are ECMA-262 regular expressions, unanchored unless they say so. */
export function matchesPattern(pattern: string, value: string): boolean {
  for (const flags of ["u", ""]) {
    try {
      return new RegExp(pattern, flags).test(value);
    } catch {
      // A pattern that is invalid with the u flag may still be valid without it.
    }
  }
  return false;
}

class PatternReader {
  private position = 0;
  constructor(
    private readonly pattern: string,
    private readonly extraRepeats: number,
  ) {}

  readAll(): string {
    const result = this.readAlternation();
    if (this.position < this.pattern.length) throw new Unsupported();
    return result;
  }

  private peek(): string | undefined {
    return this.pattern[this.position];
  }

  private readAlternation(): string {
    const first = this.readSequence();
    while (this.peek() === "|") {
      this.position++;
      this.readSequence();
    }
    return first;
  }

  private readSequence(): string {
    let result = "";
    while (this.position < this.pattern.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.readAtom();
      result += this.applyQuantifier(atom);
    }
    return result;
  }

  private readAtom(): string {
    const character = this.pattern[this.position++]!;
    switch (character) {
      case "^":
      case "$":
        return "";
      case ".":
        return "a";
      case "(":
        return this.readGroup();
      case "[":
        return this.readClass();
      case "\\":
        return this.readEscape();
      case "*":
      case "+":
      case "?":
      case "{":
        throw new Unsupported();
      default:
        return character;
    }
  }

  private readGroup(): string {
    if (this.peek() === "?") {
      const kind = this.pattern.slice(this.position, this.position + 2);
      if (kind === "?:") this.position += 2;
      else if (kind === "?<" && !["=", "!"].includes(this.pattern[this.position + 2] ?? "")) {
        this.position = this.pattern.indexOf(">", this.position) + 1;
        if (this.position === 0) throw new Unsupported();
      } else throw new Unsupported();
    }
    const inner = this.readAlternation();
    if (this.pattern[this.position++] !== ")") throw new Unsupported();
    return inner;
  }

  private readEscape(): string {
    const character = this.pattern[this.position++];
    if (character === undefined) throw new Unsupported();
    if (character in ESCAPE_EXAMPLES) return ESCAPE_EXAMPLES[character]!;
    if (character === "u" || character === "x") {
      const length = character === "u" ? 4 : 2;
      const hex = this.pattern.slice(this.position, this.position + length);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw new Unsupported();
      this.position += length;
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    if (/[1-9kpPc]/.test(character)) throw new Unsupported();
    return character;
  }

  /** Returns the first member of a class, or for a negated class a common character outside it. */
  private readClass(): string {
    const negated = this.peek() === "^";
    if (negated) this.position++;
    const members: string[] = [];
    const ranges: [string, string][] = [];
    while (this.position < this.pattern.length && this.peek() !== "]") {
      let member = this.pattern[this.position++]!;
      if (member === "\\") {
        const escaped = this.pattern[this.position++] ?? "";
        if (/[dwsDWS]/.test(escaped)) {
          ranges.push(...classEscapeRanges(escaped));
          continue;
        }
        this.position--;
        member = this.readEscape();
      }
      if (this.peek() === "-" && this.pattern[this.position + 1] !== "]" && this.position + 1 < this.pattern.length) {
        this.position++;
        let end = this.pattern[this.position++]!;
        if (end === "\\") end = this.readEscape();
        ranges.push([member, end]);
      } else members.push(member);
    }
    if (this.pattern[this.position++] !== "]") throw new Unsupported();
    const inClass = (candidate: string) =>
      members.includes(candidate) || ranges.some(([low, high]) => candidate >= low && candidate <= high);
    if (!negated) {
      const chosen = ranges[0]?.[0] ?? members[0];
      if (chosen === undefined) throw new Unsupported();
      return chosen;
    }
    const outside = NEGATED_CANDIDATES.find((candidate) => !inClass(candidate));
    if (outside === undefined) throw new Unsupported();
    return outside;
  }

  private applyQuantifier(atom: string): string {
    const quantifier = this.peek();
    let count: number;
    if (quantifier === "*") count = this.extraRepeats;
    else if (quantifier === "?") count = Math.min(1, this.extraRepeats);
    else if (quantifier === "+") count = 1 + this.extraRepeats;
    else if (quantifier === "{") {
      const match = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.pattern.slice(this.position));
      if (!match) return atom;
      this.position += match[0].length - 1;
      const minimum = Number(match[1]);
      const maximum = match[2] === undefined ? minimum : match[3] ? Number(match[3]) : Number.POSITIVE_INFINITY;
      count = Math.min(maximum, minimum + this.extraRepeats);
    } else return atom;
    this.position++;
    if (this.peek() === "?") this.position++;
    return atom.repeat(count);
  }
}

function classEscapeRanges(escape: string): [string, string][] {
  switch (escape) {
    case "d":
      return [["0", "9"]];
    case "w":
      return [["a", "z"], ["A", "Z"], ["0", "9"], ["_", "_"]];
    case "s":
      return [[" ", " "], ["\t", "\t"], ["\n", "\n"]];
    default:
      // Negated shorthands inside a class are rare in schemas; a safe stand-in member.
      return escape === "D" || escape === "S" ? [["a", "a"]] : [["-", "-"]];
  }
}
