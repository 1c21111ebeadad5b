import { PrevodError } from "../errors.js";
import { writeBulletins, type BulletinFormat } from "../outputs/write-bulletins.js";
import { TARGET_LANGUAGES, type TargetLanguage } from "../common/languages.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";

interface BulletinOptions {
  lang?: string;
  format: "md" | "html" | "both";
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

/** `prevod bulletin OUT_DIR [--lang en,ru] [--format md|html|both]`: prints the files it wrote. */
export default async function bulletin(outputDir: string, options: BulletinOptions): Promise<number> {
  const languages = options.lang === undefined ? undefined : parseLanguages(options.lang);
  const formats: BulletinFormat[] = options.format === "both" ? ["md", "html"] : [options.format];
  const written = await writeBulletins(outputDir, { ...(languages ? { languages } : {}), formats });
  await writeOut(written.map((file) => `${file.path}\n`).join(""));
  const articles = written[0]?.articles ?? 0;
  process.stderr.write(`prevod: ${written.length} bulletin file(s) for ${articles} article(s) in ${outputDir}\n`);
  return EXIT.ok;
}
