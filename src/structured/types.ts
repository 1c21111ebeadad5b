import type { z } from "zod";
import type { CallOrigin, ModelMessage, SamplingOptions } from "../models/types.js";

/** One request for a JSON object of a known shape. */
export interface ObjectRequest<T> {
  schema: z.ZodType<T>;
  /**
   * The JSON Schema to send, when it must go out exactly as a user wrote it (an `llm` step's
   * schema); otherwise it is derived from `schema`.
   */
  jsonSchema?: Record<string, unknown>;
  /** `[a-zA-Z0-9_-]{1,64}` */
  schemaName: string;
  messages: ModelMessage[];
  origin: CallOrigin;
  sampling?: SamplingOptions;
}

export interface ObjectResult<T> {
  /** The schema-valid answer. */
  value: T;
  /** Forgets the stored answer behind `value` when a gate rejects it (see ModelAnswer.reject). */
  reject?: () => Promise<void>;
}
