import { describe, expect, it } from "vitest";
import { isPrevodError } from "../errors.js";
import { parseConfig } from "./load.js";

const minimal = (extra = "") => `version: 1\nmodels:\n  local: { kind: ollama, model: m }\n${extra}steps:\n  segment: { kind: segment }\n`;

describe("parseConfig", () => {
  it("reads durations into milliseconds, also the default timeout (10 min, the overall cap of a streamed request)", () => {
    expect(parseConfig(minimal(), "p.yaml").config.defaults.timeout).toBe(600_000);
    expect(parseConfig(minimal("defaults: { timeout: 90s }\n"), "p.yaml").config.defaults.timeout).toBe(90_000);
    expect(parseConfig(minimal("defaults: { timeout: 2m }\n"), "p.yaml").config.defaults.timeout).toBe(120_000);
    expect(parseConfig(minimal("defaults: { timeout: 1500ms }\n"), "p.yaml").config.defaults.timeout).toBe(1500);
    expect(parseConfig(minimal("defaults: { timeout: 1h }\n"), "p.yaml").config.defaults.timeout).toBe(3_600_000);
  });

  it("rejects a duration beyond what a Node timer holds (it would fire at once)", () => {
    expect(() => parseConfig(minimal("defaults: { timeout: 30000000 }\n"), "p.yaml")).toThrow(/between 1 ms and 24 days/);
    // Issue 13.10: 2147484 s is just past 2^31 ms and became 1 ms at run time; 2147483 s still fits.
    expect(() => parseConfig(minimal("defaults: { timeout: 2147484 }\n"), "p.yaml")).toThrow(/between 1 ms and 24 days/);
    const model = (option: string) => `version: 1\nmodels:\n  local: { kind: ollama, model: m, ${option} }\nsteps:\n  segment: { kind: segment }\n`;
    expect(() => parseConfig(model("timeout: 2147484"), "p.yaml")).toThrow(/between 1 ms and 24 days/);
    expect(() => parseConfig(model('idle_timeout: "2147484s"'), "p.yaml")).toThrow(/between 1 ms and 24 days/);
    expect(parseConfig(minimal("defaults: { timeout: 2147483 }\n"), "p.yaml").config.defaults.timeout).toBe(2_147_483_000);
  });

  it("gives every model think false, no omitted options and the idle, load and outage limits", () => {
    const model = parseConfig(minimal(), "p.yaml").config.models.local!;
    expect(model).toMatchObject({ think: false, omit: [], idle_timeout: 60_000, load_timeout: 600_000, outage_limit: 600_000 });
  });

  it("interpolates the environment, reading a whole ${VAR} as a number where one is expected", () => {
    const yaml = `version: 1\nmodels:\n  local:\n    kind: ollama\n    host: \${HOST:-localhost:8080}\n    model: \${MODEL}\n    parallel: \${SLOTS:-3}\nsteps:\n  segment: { kind: segment }\n`;
    const { config } = parseConfig(yaml, "p.yaml", { environment: { MODEL: "qwen2.5:7b" } });
    expect(config.models.local).toMatchObject({ host: "http://localhost:8080", model: "qwen2.5:7b", parallel: 3 });
  });

  it("names an unset variable without a default, with its position", () => {
    const error = (() => {
      try {
        parseConfig(`version: 1\nmodels:\n  local: { kind: ollama, model: "\${NOPE}" }\nsteps: {}\n`, "p.yaml", { environment: {} });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isPrevodError(error, "CONFIG_INVALID")).toBe(true);
    expect((error as Error).message).toMatch(/p\.yaml:3:\d+ models\.local\.model: environment variable NOPE is not set/);
  });

  it("bounds alias expansion (a 'billion laughs' file is one located error)", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}]`)].join("\n");
    expect(() => parseConfig(`${bomb}\n`, "p.yaml")).toThrow(/aliases are limited/);
  });
  it("names the environment variable a wrong value came from (PREVOD_PARALLEL=abc said only 'found abc')", () => {
    const yaml = `version: 1\nmodels:\n  local:\n    kind: ollama\n    model: m\n    parallel: \${PREVOD_PARALLEL:-1}\nsteps:\n  segment: { kind: segment }\n`;
    expect(() => parseConfig(yaml, "p.yaml", { environment: { PREVOD_PARALLEL: "abc" } })).toThrow(/found 'abc' \(from the environment variable PREVOD_PARALLEL\)/);
  });
});
