import { isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import { createRandom } from "./sim/prng.js";

/** One mutated pipeline file: what was done to it, and its bytes. */
export interface ConfigMutation {
  /** The kind of mistake, e.g. "deleted-key", "alias-bomb". */
  kind: string;
  /** What exactly was changed, for a failing assertion's message. */
  change: string;
  content: string | Buffer;
}

type Random = () => number;
type Path = Array<string | number>;
type Mutator = (text: string, random: Random) => Omit<ConfigMutation, "kind">;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/**
 * `count` seeded mutations of a pipeline.yaml, cycling through every kind of mistake a user (or
 * a broken tool) makes: deleted keys, wrong types, bad references, cycles, broken YAML, huge
 * values, long strings, alias bombs, unknown kinds, duplicated keys, wrong indentation, binary
 * junk, broken ${VAR} references, and plausible edits that keep the file valid. The same seed
 * gives the same files.
 */
export function configMutations(text: string, count: number, seed: number): ConfigMutation[] {
  const kinds = Object.keys(MUTATORS);
  return Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length]!;
    const random = createRandom(seed, `mutation:${index}`);
    return { kind, ...MUTATORS[kind]!(text, random) };
  });
}

const MUTATORS: Record<string, Mutator> = {
  "deleted-key": (text, random) => {
    const document = parseDocument(text);
    const path = pick(pathsOf(document).filter((candidate) => typeof candidate.at(-1) === "string"), random);
    document.deleteIn(path);
    return { change: `deleted ${path.join(".")}`, content: document.toString() };
  },
  "wrong-type": (text, random) => {
    const document = parseDocument(text);
    const path = pick(pathsOf(document), random);
    const value = pick<unknown>(["a string", 42, -1, 3.5, true, null, [], ["x", 1], { nested: { deeper: 1 } }, ""], random);
    document.setIn(path, value);
    return { change: `set ${path.join(".")} to ${JSON.stringify(value)}`, content: document.toString() };
  },
  "bad-reference": (text, random) => {
    const document = parseDocument(text);
    const choice = pick(
      [
        [["steps", "translate", "needs"], ["segmnt"]],
        [["steps", "extract-quotes", "needs"], ["segment", "translation"]],
        [["steps", "transliterate", "needs"], ["translate", "ghost-step"]],
        [["defaults", "model"], "cloud"],
        [["steps", "summarize", "model"], "missing-model"],
        [["steps", "translate", "prompt"], "prompts/does-not-exist.md"],
        [["steps", "summarize", "prompt"], "../../../../../../etc/hostname"],
        [["steps", "translate", "targets"], ["en", "de"]],
        [["steps", "translate", "targets"], ["sr-Latn"]],
        [["targets"], ["en", "fr"]],
        [["steps", "segment", "options", "translate"], ["headline"]],
        [["steps", "translate", "needs"], []],
      ] as Array<[Path, unknown]>,
      random,
    );
    document.setIn(choice[0], choice[1]);
    return { change: `set ${choice[0].join(".")} to ${JSON.stringify(choice[1])}`, content: document.toString() };
  },
  cycle: (text, random) => {
    const document = parseDocument(text);
    const choice = pick(
      [
        [["steps", "segment", "needs"], ["transliterate"]],
        [["steps", "translate", "needs"], ["segment", "extract-quotes"]],
        [["steps", "summarize", "needs"], ["summarize"]],
        [["steps", "segment", "needs"], ["segment", "translate"]],
      ] as Array<[Path, unknown]>,
      random,
    );
    document.setIn(choice[0], choice[1]);
    return { change: `set ${choice[0].join(".")} to ${JSON.stringify(choice[1])}`, content: document.toString() };
  },
  "broken-yaml": (text, random) => {
    const junk = pick(["[", "]", "{", "}", '"', "'", ": :", "- - -", "? ", "!!binary", "&", "*", "|", ">-", "%YAML 9.9", "---\n---", "key: [1, 2", 'x: "unterminated'], random);
    return atRandomLine(text, random, (line) => `${line}${junk}`, `appended ${JSON.stringify(junk)}`);
  },
  "huge-value": (text, random) => {
    const document = parseDocument(text);
    const choice = pick(
      [
        [["models", "local", "parallel"], 1e12],
        [["defaults", "articles_in_flight"], 999_999_999],
        [["defaults", "retries"], Number.MAX_SAFE_INTEGER],
        [["defaults", "temperature"], 1e308],
        [["defaults", "timeout"], "99999999999999m"],
        [["steps", "segment", "options", "max_chunk_tokens"], 1e300],
        [["models", "local", "context_size"], -4096],
        [["defaults", "seed"], 1.5],
        [["defaults", "max_output_tokens"], "9".repeat(400)],
      ] as Array<[Path, unknown]>,
      random,
    );
    document.setIn(choice[0], choice[1]);
    return { change: `set ${choice[0].join(".")} to ${String(choice[1]).slice(0, 40)}`, content: document.toString() };
  },
  "long-string": (text, random) => {
    const length = pick([10_000, 100_000, 600_000, 2_000_000], random);
    const long = "щ".repeat(length);
    const where = pick(["model", "host", "step-name", "key"], random);
    let content: string;
    if (where === "model") content = text.replace(/model: \$\{PREVOD_MODEL:-[^}]*\}/, `model: "${long}"`);
    else if (where === "host") content = text.replace(/host: \$\{OLLAMA_HOST[^}]*\}/, `host: http://${long}.example`);
    else if (where === "step-name") content = text.replace("  segment:\n", `  s${long}:\n`);
    else content = text.replace("defaults:\n", `defaults:\n  ${long}: 1\n`);
    return { change: `a ${length}-character ${where}`, content };
  },
  "alias-bomb": (text, random) => {
    const width = pick([9, 10, 16], random);
    const depth = pick([6, 9, 12], random);
    const layers = [`a0: &a0 [${Array(width).fill('"lol"').join(", ")}]`];
    for (let level = 1; level < depth; level++) layers.push(`a${level}: &a${level} [${Array(width).fill(`*a${level - 1}`).join(", ")}]`);
    const where = pick(["top", "options"], random);
    if (where === "top") return { change: `a ${width}^${depth} alias bomb at the top level`, content: `${text}\nbomb:\n${layers.map((layer) => `  ${layer}`).join("\n")}\n` };
    return {
      change: `a ${width}^${depth} alias bomb in segment options`,
      content: text.replace("      max_chunk_tokens: 500\n", `      max_chunk_tokens: 500\n${layers.map((layer) => `      ${layer}`).join("\n")}\n`),
    };
  },
  "unknown-kind": (text, random) => {
    const kind = pick(["translat", "Translate", "llm-translate", "", "segment ", "summarise", "translate\u0000", "ſegment"], random);
    const step = pick(["segment", "translate", "summarize", "extract-quotes", "transliterate"], random);
    const document = parseDocument(text);
    document.setIn(["steps", step, "kind"], kind);
    return { change: `steps.${step}.kind = ${JSON.stringify(kind)}`, content: document.toString() };
  },
  "duplicated-key": (text, random) => {
    const candidates = ["version: 1", "  translate:\n    kind: translate", "  temperature: 0", "steps:", "models:", "  local:", "    kind: segment"];
    const line = pick(candidates, random);
    const at = text.indexOf(line);
    return { change: `duplicated ${JSON.stringify(line.split("\n")[0])}`, content: `${text.slice(0, at)}${line}\n${text.slice(at)}` };
  },
  "wrong-indentation": (text, random) => {
    const shift = pick([-2, -1, 1, 3, 4], random);
    return atRandomLine(
      text,
      random,
      (line) => (shift > 0 ? `${" ".repeat(shift)}${line}` : line.slice(Math.min(-shift, line.length - line.trimStart().length))),
      `indentation ${shift > 0 ? "+" : ""}${shift}`,
      (line) => line.trim() !== "" && !line.trimStart().startsWith("#"),
    );
  },
  "binary-junk": (text, random) => {
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)));
    const mode = pick(["insert", "replace", "prefix"], random);
    const source = Buffer.from(text, "utf8");
    if (mode === "replace") return { change: `${bytes.length} random bytes only`, content: bytes };
    if (mode === "prefix") return { change: `${bytes.length} random bytes before the file`, content: Buffer.concat([bytes, source]) };
    const at = Math.floor(random() * source.length);
    return { change: `${bytes.length} random bytes at byte ${at}`, content: Buffer.concat([source.subarray(0, at), bytes, source.subarray(at)]) };
  },
  "broken-variable": (text, random) => {
    const replacement = pick(["${", "${OLLAMA_HOST", "${UNSET_PREVOD_FUZZ_VARIABLE}", "${:-x}", "${1BAD}", "$${OLLAMA_HOST}", "${OLLAMA_HOST:-}"], random);
    return { change: `host: ${replacement}`, content: text.replace(/\$\{OLLAMA_HOST:-[^}]*\}/, replacement) };
  },
  "whole-file": (_text, random) => {
    const content = pick(["", "# only a comment\n", "- a\n- list\n", "just a string\n", "42\n", "null\n", "version: 1\n", "---\n...\n", "\uFEFFversion: 1\n", "version: 2\nmodels: {}\nsteps: {}\n"], random);
    return { change: `the whole file is ${JSON.stringify(content)}`, content };
  },
  "valid-edit": (text, random) => {
    const document = parseDocument(text);
    const choice = pick(
      [
        [["defaults", "temperature"], 0.3],
        [["defaults", "seed"], 7],
        [["targets"], ["en", "ru"]],
        [["steps", "translate", "targets"], ["en"]],
        [["defaults", "articles_in_flight"], 4],
        [["steps", "segment", "options", "max_chunk_tokens"], 800],
        [["defaults", "timeout"], "2m"],
      ] as Array<[Path, unknown]>,
      random,
    );
    document.setIn(choice[0], choice[1]);
    if (choice[0].join(".") === "targets") document.setIn(["steps", "translate", "targets"], choice[1]);
    return { change: `set ${choice[0].join(".")} to ${JSON.stringify(choice[1])}`, content: document.toString() };
  },
};

function atRandomLine(text: string, random: Random, edit: (line: string) => string, change: string, eligible: (line: string) => boolean = () => true) {
  const lines = text.split("\n");
  const candidates = lines.map((line, index) => ({ line, index })).filter((entry) => eligible(entry.line));
  const { index } = pick(candidates, random);
  lines[index] = edit(lines[index]!);
  return { change: `line ${index + 1}: ${change}`, content: lines.join("\n") };
}

/** Every path to a value in the document's mappings and sequences. */
function pathsOf(document: Document): Path[] {
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key !== "string") continue;
        paths.push([...path, key]);
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        paths.push([...path, index]);
        walk(item, [...path, index]);
      });
    }
  };
  walk(document.contents, []);
  return paths;
}
