import { z } from "zod";
import { pipelineSchema } from "../config/schema.js";
import { articleResultSchema } from "./article-schema.js";

/** The JSON Schemas prevod publishes, by file name under the repository root. */
export function publicSchemas(): Record<string, Record<string, unknown>> {
  return {
    "schemas/pipeline.schema.json": {
      title: "prevod pipeline.yaml",
      ...z.toJSONSchema(pipelineSchema, { io: "input", unrepresentable: "any" }),
    },
    "schemas/article.schema.json": {
      title: "prevod article result (out/articles/<id>.json)",
      ...z.toJSONSchema(articleResultSchema, { io: "output" }),
    },
  };
}
