import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publicSchemas } from "../src/outputs/public-schemas.js";
import { ROOT } from "./support/cli.js";

describe("published JSON Schemas", () => {
  it.each(Object.keys(publicSchemas()))("%s is up to date with its zod schema (npm run schemas)", (file) => {
    expect(JSON.parse(readFileSync(join(ROOT, file), "utf8"))).toEqual(publicSchemas()[file]);
  });
});
