/**
 * Writes the JSON Schemas of prevod's public files from their zod schemas (the single source of
 * truth): schemas/pipeline.schema.json (what pipeline.yaml may contain; editors can validate it)
 * and schemas/article.schema.json (out/articles/<id>.json and each line of articles.jsonl).
 * `npm test` fails when the committed files are out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { publicSchemas } from "../src/outputs/public-schemas.js";

const root = fileURLToPath(new URL("..", import.meta.url));
for (const [file, schema] of Object.entries(publicSchemas())) {
  writeFileSync(`${root}/${file}`, `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote ${file}\n`);
}
