import { z } from "zod";
import { PrevodError, isPrevodError } from "../errors.js";
import type { Model, ModelAnswer, ModelMessage, SamplingOptions } from "../models/types.js";
import type { ObjectRequest, ObjectResult } from "./types.js";
import { estimateTokens } from "../common/tokens.js";
import { parseAnswer } from "./parse-answer.js";

export interface GenerateObjectSettings {
  /** Re-asks after an invalid, off-schema or cut answer. */
  repairs: number;
  sampling: SamplingOptions;
  signal?: AbortSignal;
  priority?: number;
  /** Called for each answer, fresh or cached, so the caller can count usage. */
  onAnswer?: (answer: ModelAnswer, repair: boolean) => void;
}

const jsonSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();

/** The JSON Schema sent to the server for a zod schema (computed once per schema). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = jsonSchemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { target: "draft-2020-12" }) as Record<string, unknown>;
    jsonSchemas.set(schema, json);
  }
  return json;
}

/** Longest stretch of a rejected answer echoed back in a re-ask. */
const ECHO_LIMIT = 4000;

/**
 * Asks for one JSON object: the schema goes to the server as structured output, the answer is
 * parsed and validated, and an invalid, off-schema or cut answer is re-asked with the concrete
 * reasons (bounded). Invalid or truncated JSON is never accepted.
 */
export async function generateObject<T>(model: Model, request: ObjectRequest<T>, settings: GenerateObjectSettings): Promise<ObjectResult<T>> {
  const schema = request.jsonSchema ?? jsonSchemaOf(request.schema);
  let messages: ModelMessage[] = request.messages;
  let sampling: SamplingOptions = { ...settings.sampling, ...request.sampling };
  // The pipeline's max_output_tokens wins over a step's own estimate; without either, a model
  // that loops writes until its context is full (minutes on a laptop), so there is always a cap.
  const cap = settings.sampling.maxOutputTokens ?? request.sampling?.maxOutputTokens ?? defaultOutputCap(request.messages);
  sampling = { ...sampling, maxOutputTokens: cap };
  let failure: PrevodError | undefined;

  for (let attempt = 0; attempt <= settings.repairs; attempt++) {
    const answer = await model.generate({
      messages,
      schema,
      schemaName: request.schemaName,
      options: sampling,
      signal: settings.signal,
      origin: attempt === 0 ? request.origin : { ...request.origin, part: `${request.origin.part ?? "0"}.r${attempt}` },
      priority: settings.priority,
    });
    settings.onAnswer?.(answer, attempt > 0);

    if (answer.finishReason === "refusal" || answer.finishReason === "content_filter") {
      throw new PrevodError("MODEL_REFUSED", `the model declined to answer (${answer.finishReason})${answer.text ? `: ${answer.text.slice(0, 200)}` : ""}`);
    }
    let reasons: string[];
    if (answer.finishReason === "length") {
      reasons = ["the answer was cut off at the output limit before the JSON was complete; answer again, complete and without extra text"];
      failure = new PrevodError("TRUNCATED", `the answer was cut off at the output limit (${answer.usage.completionTokens} tokens)`);
      if (sampling.maxOutputTokens !== undefined) sampling = { ...sampling, maxOutputTokens: sampling.maxOutputTokens * 2 };
    } else if (answer.finishReason === "loop") {
      // A runaway answer (whitespace padding, a repeated phrase) was cut by the stream watch; the
      // same request would loop the same way at temperature 0, so the re-ask changes the seed too.
      reasons = ["the answer repeated itself (or padded with whitespace) instead of finishing the JSON; answer once, compactly, and end the JSON"];
      failure = new PrevodError("TRUNCATED", "the answer ran away (it repeated itself) and was cut", { details: { reason: "loop" } });
      sampling = { ...sampling, seed: (sampling.seed ?? 0) + 1 + attempt };
    } else {
      const parsed = parseAnswer(answer.text, request.schema);
      if (parsed.ok) return { value: parsed.value, ...(answer.reject ? { reject: answer.reject } : {}) };
      reasons = parsed.reasons;
      failure = new PrevodError("OUTPUT_SCHEMA", `the answer did not match the schema: ${reasons.join("; ")}`, { details: { reasons } });
    }
    // A stored answer that failed is never served again, to this run or a later one.
    await answer.reject?.();
    messages = [
      ...request.messages,
      { role: "assistant", content: answer.text.length > ECHO_LIMIT ? `${answer.text.slice(0, ECHO_LIMIT)}…` : answer.text },
      { role: "user", content: repairMessage(reasons) },
    ];
  }
  throw new PrevodError(failure!.code, `${failure!.message} (after ${settings.repairs + 1} attempt${settings.repairs ? "s" : ""})`, { details: failure!.details });
}

/** The output cap when the pipeline sets none: three times the request's own text, plus room for the JSON. */
export function defaultOutputCap(messages: ModelMessage[]): number {
  const user = messages.filter((message) => message.role === "user").reduce((sum, message) => sum + estimateTokens(message.content), 0);
  return 3 * user + 512;
}

function repairMessage(reasons: string[]): string {
  return `Your answer was rejected:\n${reasons.map((reason) => `- ${reason}`).join("\n")}\nReply again with only the JSON object that matches the schema, nothing else.`;
}

export function isOutputFailure(error: unknown): boolean {
  return isPrevodError(error) && (error.code === "OUTPUT_SCHEMA" || error.code === "TRUNCATED" || error.code === "MODEL_REFUSED");
}
