import { z } from "zod";
import { ask } from "../structured/ask.js";
import { LANGUAGE_NAMES, MODEL_TARGETS, type TargetLanguage } from "../common/languages.js";
import { wholeNumber } from "../config/whole-number.js";
import { estimateTokens } from "../common/tokens.js";
import type { Segment } from "../text/types.js";
import { leadOf, type Lead } from "./article-text.js";
import { askUntilAccepted } from "./ask-until-accepted.js";
import { recordOutcomes, rollUp } from "./outcomes.js";
import type { StepContext, StepKind } from "./types.js";

/** A JSON Schema given in pipeline.yaml, checked once when the plan is built. */
const jsonSchemaOption = z.record(z.string(), z.unknown()).superRefine((schema, context) => {
  if (schema.type !== "object") {
    context.addIssue({ code: "custom", message: `expected a JSON Schema of an object (type: object), found type ${JSON.stringify(schema.type)}` });
    return;
  }
  try {
    z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    context.addIssue({ code: "custom", message: `expected a JSON Schema zod can read: ${(error as Error).message}` });
  }
});

const options = z.strictObject({
  /** The answer's JSON Schema (an object): what the model must return, validated like every answer. */
  schema: jsonSchemaOption,
  /**
   * What {{article}} holds: the Bulgarian title and body, or the step's target translation
   * (then the step needs the translate step, and runs once per target).
   * @default "source"
   */
  input: z.enum(["source", "translation"]).default("source"),
  /**
   * The most of the article one answer is written from, in estimated tokens: a longer article is
   * given as its title and first sentences (its lead), and the article records how many in
   * `written_from`, like summarize.
   */
  max_input_tokens: wholeNumber(200, 1_000_000).default(4000),
});
type Options = z.output<typeof options>;

const PLACEHOLDERS = ["schema", "article", "title", "target_language", "target_tag", "feedback"] as const;
const schemas = new WeakMap<object, z.ZodType>();

/**
 * A step of the user's own: a prompt file and an answer schema declared in pipeline.yaml, e.g.
 * topics, named entities or a sentiment label. Runs once per article, or once per target when
 * the step lists `targets`. Answers are schema-validated and re-asked like every other; the
 * result lands in the article's `results[<step name>]` (per target when it has targets).
 */
export const llmStep: StepKind<Options> = {
  kind: "llm",
  description: "a user-defined model step: prompt file + answer schema in pipeline.yaml",
  usesModel: true,
  targets: MODEL_TARGETS,
  targetsOptional: true,
  requires: ["segments"],
  provides: [],
  options,
  placeholders: PLACEHOLDERS,
  validatePlan(step, upstream) {
    const problems: string[] = [];
    if (!step.prompt) problems.push("an llm step needs its own prompt file (prompt: prompts/<name>.md)");
    const input = (step.options as Options).input;
    if (input === "translation") {
      if (step.targets.length === 0) problems.push("input: translation needs targets: the translation into which language?");
      const translated = new Set(upstream.filter((other) => other.kind === "translate").flatMap((other) => other.targets));
      const missing = step.targets.filter((target) => !translated.has(target));
      if (missing.length > 0) problems.push(`input: translation needs a translate step producing ${missing.join(", ")} in needs`);
    }
    return problems;
  },
  async run(context) {
    const { step } = context;
    if (step.targets.length === 0) {
      const outcome = await answerFor(context, undefined);
      return recordOutcomes(context.work, step.name, undefined, [outcome]);
    }
    const outcomes = await Promise.all(step.targets.map((target) => answerFor(context, target)));
    return rollUp(step.targets.map((target, index) => recordOutcomes(context.work, step.name, target, [outcomes[index]!])));
  },
};

function answerSchema(json: Record<string, unknown>): z.ZodType {
  let schema = schemas.get(json);
  if (!schema) {
    schema = z.fromJSONSchema(json as Parameters<typeof z.fromJSONSchema>[0]);
    schemas.set(json, schema);
  }
  return schema;
}

async function answerFor(context: StepContext & { step: { options: Options } }, target: TargetLanguage | undefined) {
  const { work, step } = context;
  const schema = answerSchema(step.options.schema);
  const translated = target ? work.translations[target] : undefined;
  // Only the lead of a long article goes in (issue 13.2: a 5 MB article went whole into one
  // prompt, several copies of it in memory on the way, for a context no model has).
  const lead =
    step.options.input === "translation" && translated
      ? translatedLead(work.segments ?? [], translated, step.options.max_input_tokens)
      : leadOf(work.segments, ["title", "body"], step.options.max_input_tokens);
  const article = lead.text;
  if (lead.segments < lead.of) ((work.writtenFrom ??= {})[step.name] ??= {})[target ?? "all"] = { segments: lead.segments, of: lead.of };
  const outcome = await askUntilAccepted<unknown>(context, target, step.name, {
    async ask(feedback, attempt) {
      const result = await context.generate(
        ask({
          prompt: step.prompt!,
          schema,
          // Sent as the user wrote it: zod's round trip turns a plain object into
          // additionalProperties:{}, which OpenAI's strict mode refuses and llama.cpp reads as "any key".
          jsonSchema: step.options.schema,
          schemaName: step.name.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64),
          values: {
            // JSON strings: whatever fence the prompt puts around them, article text cannot close it.
            article: JSON.stringify(article),
            title: JSON.stringify(work.article.title ?? ""),
            target_language: target ? LANGUAGE_NAMES[target] : "",
            target_tag: target ?? "",
          },
          feedback: feedback.map((failure) => failure.detail),
          feedbackIntro: "Your previous answer was rejected; answer again, fixing these problems:",
          origin: { step: step.name, ...(target ? { target } : {}), part: attempt === 0 ? "answer" : `answer.g${attempt}` },
        }),
      );
      return result;
    },
    judge(value) {
      const results = (work.results[step.name] ??= {});
      results[target ?? "all"] = value;
      return [];
    },
  });
  return { accepted: outcome.accepted ? 1 : 0, total: 1, gates: outcome.gates, failures: outcome.failures };
}

/** The translated sentences, in article order and joined by a space, that fit `maxTokens`; at least the first. */
function translatedLead(segments: Segment[], translated: ReadonlyMap<string, string>, maxTokens: number): Lead {
  const texts = segments.filter((segment) => translated.has(segment.id)).map((segment) => translated.get(segment.id)!);
  let used = 0;
  let tokens = 0;
  while (used < texts.length) {
    const cost = estimateTokens(texts[used]!) + 1;
    if (used > 0 && tokens + cost > maxTokens) break;
    tokens += cost;
    used++;
  }
  return { text: texts.slice(0, used).join(" "), segments: used, of: texts.length };
}
