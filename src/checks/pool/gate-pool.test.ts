import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Segment, SegmentKind } from "../../text/types.js";
import type { IdText } from "../types.js";
import { inThreadGates, openGates, type GateRunner } from "./gate-pool.js";
import type { QuotesCheckInput } from "./tasks.js";

// Written for these tests: a source, translations that pass and translations that fail
// (Bulgarian left in Russian, a number dropped, a sentence missing), summaries, quotes.
const SOURCE: IdText[] = [
  { id: "s1", text: "Общината ще похарчи 5 млн. лв. за ремонт на училищата." },
  { id: "s2", text: "Ремонтите ще започнат на 1 юли и ще продължат два месеца." },
];
const TRANSLATIONS = [
  { target: "en" as const, translation: [{ id: "s1", text: "The municipality will spend 5 million leva on repairing the schools." }, { id: "s2", text: "The repairs will begin on 1 July and will last two months." }] },
  { target: "ru" as const, translation: [{ id: "s1", text: "Общината ще похарчи 5 млн. лв. за ремонт на училищата!" }, { id: "s2", text: "Ремонт начнётся 1 июля и продлится два месяца." }] },
  { target: "sr-Cyrl" as const, translation: [{ id: "s1", text: "Општина ће потрошити милионе лева на реновирање школа." }] },
];
const ARTICLE = SOURCE.map((sentence) => sentence.text).join(" ");
const SUMMARIES = [
  { target: "en" as const, headline: "Schools repaired", summary: "The municipality will spend 5 million leva on school repairs from 1 July.", keyPoints: ["Repairs last two months."], sourceText: ARTICLE, maxWords: 60 },
  { target: "en" as const, headline: "Schools repaired", summary: "The municipality will spend 7 million leva.", keyPoints: [""], sourceText: ARTICLE, maxWords: 3 },
];
const LINES: Array<[SegmentKind, string]> = [
  ["title", "Кметът обеща ремонт"],
  ["body", "„Ще ремонтираме всички училища до септември“, каза кметът Иван Петров."],
  ["comment", "Мария: „Ще ремонтираме всички“ — да бе."],
];
function quotesInput(): QuotesCheckInput {
  let articleText = "";
  const segments: Segment[] = LINES.map(([kind, text], index) => {
    if (index > 0) articleText += "\n\n";
    const start = articleText.length;
    articleText += text;
    return { id: `s${index + 1}`, kind, text, start, end: articleText.length, paragraph: index };
  });
  return {
    articleText,
    segments,
    quotes: [
      { speaker: "Иван Петров", text: "Ще ремонтираме всички училища до септември" },
      { speaker: "Петров", text: "Ще ремонтираме всички училища до октомври" },
      { speaker: "Мария", text: "Ще ремонтираме всички" },
    ],
  };
}

async function everything(gates: GateRunner) {
  return {
    translations: await Promise.all(TRANSLATIONS.map((item) => gates.translation({ ...item, source: SOURCE }))),
    summaries: await Promise.all(SUMMARIES.map((item) => gates.summary(item))),
    quotes: await gates.quotes(quotesInput()),
  };
}

describe("gate pool", () => {
  const opened: GateRunner[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((gates) => gates.close()));
  });

  it("gives the same verdicts in worker threads as in this thread", async () => {
    const expected = await everything(inThreadGates);
    // The inputs do fail some gates: the comparison covers failures, not only passes.
    expect(expected.translations.flat().some((result) => result.status === "fail")).toBe(true);
    expect(expected.summaries.flat().some((result) => result.status === "fail")).toBe(true);
    expect(expected.quotes.some((quote) => quote.results.some((result) => result.status === "fail"))).toBe(true);

    const pool = openGates(2);
    opened.push(pool);
    const pooled = await everything(pool);
    expect(pooled).toEqual(expected);
    // Every task ran in the pool, none fell back to this thread.
    expect(pool.counts).toEqual({ inThread: 0, pooled: 6, failed: 0 });
  }, 60_000);

  it("auto runs the gates in this thread while the main thread is not busy", async () => {
    const auto = openGates("auto");
    opened.push(auto);
    const results = await everything(auto);
    expect(results).toEqual(await everything(inThreadGates));
    expect(auto.counts.pooled).toBe(0);
  });

  it("threads: 0 is the main thread", async () => {
    const gates = openGates(0);
    await everything(gates);
    expect(gates.counts).toEqual({ inThread: 6, pooled: 0, failed: 0 });
  });

  it("lets the process exit once closed: no worker thread or timer keeps it alive", () => {
    const module = fileURLToPath(new URL("./gate-pool.ts", import.meta.url));
    const script = `
      const { openGates } = await import(${JSON.stringify(module)});
      for (const threads of [2, "auto"]) {
        const gates = openGates(threads);
        const results = await gates.translation({ target: "en", source: [{ id: "s1", text: "Кметът каза, че ремонтът ще започне." }], translation: [{ id: "s1", text: "The mayor said the repairs would start." }] });
        if (!results.every((result) => result.status === "pass")) throw new Error("unexpected verdicts " + JSON.stringify(results));
        if (threads === 2 && (gates.counts.pooled !== 1 || gates.counts.failed !== 0)) throw new Error("not pooled " + JSON.stringify(gates.counts));
        await gates.close();
      }
      console.log("closed");
    `;
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("closed");
    // Killed by the timeout, a hanging process would end with a signal and no status.
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
  }, 70_000);
});
