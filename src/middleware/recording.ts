import { join } from "node:path";
import type { CallOrigin, Model, ModelAnswer, ModelCall } from "../models/types.js";

/** One recorded call: what was asked, of which model, and what it answered. */
export interface Recording {
  prevod_recording: 1;
  key: string;
  origin: CallOrigin;
  provider: string;
  model: string;
  endpoint: string;
  request: Pick<ModelCall, "messages" | "schema" | "schemaName" | "options">;
  answer: Pick<ModelAnswer, "text" | "finishReason" | "usage">;
}

const SAFE = /[^A-Za-z0-9._-]+/g;

/** `<dir>/<article>/<step>.<target>.<part>.<key16>.json`: browsable, one folder per article. */
export function recordingPath(dir: string, origin: CallOrigin | undefined, key: string): string {
  const part = (value: string | undefined, fallback: string) => (value ?? fallback).replace(SAFE, "_") || fallback;
  const article = part(origin?.articleId, "_");
  const name = `${part(origin?.step, "call")}.${part(origin?.target, "all")}.${part(origin?.part, "0")}.${key.slice(0, 16)}.json`;
  return join(dir, article, name);
}

/** The part of a recording's file name that names its origin, without the key. */
export function originOfFile(relativePath: string): { origin: string; key16: string } | undefined {
  const match = /^(.*)\.([0-9a-f]{16})\.json$/.exec(relativePath.replace(/\\/g, "/"));
  return match ? { origin: match[1]!, key16: match[2]! } : undefined;
}

export function toRecording(model: Model, call: ModelCall, key: string, answer: ModelAnswer): Recording {
  return {
    prevod_recording: 1,
    key,
    origin: call.origin ?? {},
    provider: model.provider,
    model: model.modelId,
    endpoint: model.endpoint,
    request: { messages: call.messages, schema: call.schema, schemaName: call.schemaName, options: call.options },
    answer: { text: answer.text, finishReason: answer.finishReason, usage: answer.usage },
  };
}
