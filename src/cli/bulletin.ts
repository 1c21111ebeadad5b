import { PrevodError } from "../errors.js";
import type { BulletinFormat } from "../outputs/write-bulletins.js";
import { writeDeskBulletins } from "../outputs/bulletin-desk.js";
import { readRunFacts } from "../outputs/bulletin-source.js";
import { checkTimeZone, readStoredArticles, resolveWindow, systemTimeZone } from "../outputs/bulletin-window.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";

interface BulletinOptions {
  lang?: string;
  format: "md" | "html" | "both";
  date?: string;
  since?: string;
  from?: string;
  until?: string;
  order?: string;
  group?: string;
  timezone?: string;
}

/** "en, SR-latn" → ["en", "sr-Latn"]; tags are matched without regard to case, as BCP 47 says. */
export function parseLanguages(list: string): TargetLanguage[] {
  const languages: TargetLanguage[] = [];
  for (const raw of list.split(",").map((item) => item.trim()).filter((item) => item !== "")) {
    const language = TARGET_LANGUAGES.find((known) => known.toLowerCase() === raw.toLowerCase());
    if (!language) throw new PrevodError("USAGE", `--lang: expected one of ${TARGET_LANGUAGES.join(", ")}, got '${raw}'`);
    if (!languages.includes(language)) languages.push(language);
  }
  if (languages.length === 0) throw new PrevodError("USAGE", `--lang: expected a comma-separated list of ${TARGET_LANGUAGES.join(", ")}, got '${list}'`);
  return languages;
}

/**
 * `prevod bulletin OUT_DIR [--date D | --since 24h | --from … --until …] [--order newest|oldest]
 * [--lang en,ru] [--group topic] [--format md|html|both]`: a bulletin over every article of the
 * output folder in the window, and the article pages it links to; prints the files it wrote.
 */
export default async function bulletin(outputDir: string, options: BulletinOptions): Promise<number> {
  const languages = options.lang === undefined ? undefined : parseLanguages(options.lang);
  const formats: BulletinFormat[] = options.format === "both" ? ["md", "html"] : [options.format];
  if (options.order !== undefined && options.order !== "newest" && options.order !== "oldest") throw new PrevodError("USAGE", `--order: expected newest or oldest, got '${options.order}'`);
  if (options.group !== undefined && options.group !== "topic") throw new PrevodError("USAGE", `--group: expected topic, got '${options.group}'`);
  const timeZone = checkTimeZone(options.timezone ?? systemTimeZone());
  const window = resolveWindow({ ...pick(options, ["date", "since", "from", "until"]) }, timeZone, Date.now());
  const articles = await readStoredArticles(outputDir, window);
  // Failures the last run recorded without a result file (too large, unreadable) stay listed.
  const runFailures = (await readRunFacts(outputDir))?.failed.filter((entry) => entry.status === "failed").map((entry) => ({ id: entry.id, reasons: entry.reasons })) ?? [];
  const written = await writeDeskBulletins(outputDir, articles, {
    ...(languages ? { languages } : {}),
    formats,
    window,
    timeZone,
    runFailures,
    ...(options.order ? { order: options.order as "newest" | "oldest" } : {}),
    ...(options.group ? { group: "topic" as const } : {}),
  });
  await writeOut(written.map((file) => `${file.path}\n`).join(""));
  const count = written[0]?.articles ?? 0;
  process.stderr.write(`prevod: ${written.length} bulletin file(s) for ${count} article(s) in ${outputDir}\n`);
  return EXIT.ok;
}

function pick(options: BulletinOptions, keys: Array<"date" | "since" | "from" | "until">): Partial<Record<"date" | "since" | "from" | "until", string>> {
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]!]));
}
