import type { z } from "zod";
import type { CallOrigin, SamplingOptions } from "../models/types.js";
import { jsonSchemaOf } from "./generate-object.js";
import { renderPrompt, type PromptTemplate } from "./prompt-template.js";
import type { ObjectRequest } from "./types.js";

export interface AskOptions<T> {
  prompt: PromptTemplate;
  schema: z.ZodType<T>;
  /** A user's JSON Schema, sent and shown as written (an `llm` step's); else derived from `schema`. */
  jsonSchema?: Record<string, unknown>;
  schemaName: string;
  /** The step's own placeholders; {{schema}} and {{feedback}} are filled here. */
  values: Record<string, string>;
  /** The previous attempt's failures, one reason per line (empty at first). */
  feedback: string[];
  /** The sentence that introduces the failures in the re-ask. */
  feedbackIntro: string;
  origin: CallOrigin;
  sampling?: SamplingOptions;
}

/**
 * The one way a step asks a model for an object: the prompt with {{schema}} (the schema as sent)
 * and {{feedback}} (the reasons of a rejected answer, at most 20) filled, the schema to enforce,
 * the call's origin and sampling.
 */
export function ask<T>(options: AskOptions<T>): ObjectRequest<T> {
  const schema = options.jsonSchema ?? jsonSchemaOf(options.schema);
  const reasons = [...new Set(options.feedback)].slice(0, 20);
  const feedback = reasons.length === 0 ? "" : `${options.feedbackIntro}\n${reasons.map((line) => `- ${line}`).join("\n")}`;
  return {
    schema: options.schema,
    ...(options.jsonSchema ? { jsonSchema: options.jsonSchema } : {}),
    schemaName: options.schemaName,
    messages: renderPrompt(options.prompt, { ...options.values, schema: JSON.stringify(schema), feedback }),
    origin: options.origin,
    ...(options.sampling ? { sampling: options.sampling } : {}),
  };
}
