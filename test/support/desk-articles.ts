import type { ArticleResult } from "../../src/outputs/article-schema.js";
import { storedFromResult, type StoredArticle } from "../../src/outputs/bulletin-window.js";

/** Our own wire story, as an agency sent it. */
export const WIRE =
  "Президентът на Казахстан Касим-Жомарт Токаев и сръбският президент Александър Вучич подписаха в Белград споразумение за сътрудничество в добива и преработката на критични суровини. Според документа двете страни ще създадат съвместна работна група, която до края на годината трябва да предложи първите общи проекти. Особен акцент е поставен върху енергетиката и индустрията, отбеляза казахстанският президент пред журналисти след срещата.";
/** The same story as an outlet re-edited it: a sentence cut short, words changed, one added. */
export const WIRE_EDITED =
  "Президентът на Казахстан Касим-Жомарт Токаев и сръбският президент Александър Вучич подписаха в Белград споразумение за сътрудничество в добива и преработката на критични суровини. Според документа двете страни ще създадат съвместна работна група, която до края на годината ще предложи първите общи проекти. Особен акцент е поставен върху енергетиката и индустрията, отбеляза Токаев. Вучич определи посещението като историческо.";
/** A different story on the same topic: the same names, another event. */
export const SAME_TOPIC =
  "Казахстан ще увеличи износа на уран за Европа през следващата година, съобщи министърът на енергетиката в Астана. Президентът Касим-Жомарт Токаев поиска от правителството нови договори с европейски компании, а Сърбия и Унгария вече са заявили интерес към доставките. Според анализатори решението ще засили ролята на страната на енергийния пазар.";

/** A small but complete article result: a title, one body paragraph of sentences, translations. */
export function result(id: string, options: { title: string; body: string; published?: string; outlet?: string; url?: string; topic?: string; status?: ArticleResult["status"]; comment?: string }): ArticleResult {
  const lines = [options.title, ...(options.topic ? [`Тема: ${options.topic}`] : [])];
  const sentences = options.body.match(/[^.!?]+[.!?]/g)!.map((sentence) => sentence.trim());
  const segments: ArticleResult["segments"] = [];
  let text = "";
  const add = (kind: ArticleResult["segments"][number]["kind"], value: string, paragraph: number) => {
    const start = text.length;
    text += value;
    segments.push({ id: `s${segments.length + 1}`, kind, text: value, start, end: text.length, paragraph });
    text += "\n\n";
  };
  add("title", lines[0]!, 0);
  if (options.topic) add("meta", lines[1]!, 1);
  sentences.forEach((sentence) => add("body", sentence, 2));
  if (options.comment) add("comment", options.comment, 3);
  const english = segments.filter((segment) => segment.kind !== "meta").map((segment) => ({ id: segment.id, text: `EN ${segment.id}: ${segment.kind === "title" ? `Headline of ${id}` : "an English sentence"}.` }));
  return {
    id,
    status: options.status ?? "ok",
    source: {
      title: options.title,
      ...(options.url ? { url: options.url } : {}),
      ...(options.published ? { published: options.published } : {}),
      ...(options.outlet ? { outlet: options.outlet } : {}),
      origin: options.url ?? `${id}.html`,
      sha256: "0".repeat(64),
    },
    segments,
    translations: { en: { segments: english, text: english.map((segment) => segment.text).join(" ") } },
    summaries: { en: { headline: `Headline of ${id}`, summary: `Summary of ${id}.`, key_points: [`Point of ${id}`] } },
    quotes: [],
    checks: [],
    errors: [],
    usage: { calls: 0, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0, repairs: 0 },
  };
}

export function stored(value: ArticleResult, firstSeen = "2026-12-01T00:00:00Z"): StoredArticle {
  return storedFromResult(value, { firstSeen, updated: firstSeen });
}
