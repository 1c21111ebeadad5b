import { PrevodError } from "../errors.js";
import type { SourcePosition } from "./issues.js";
import { pipelineSchema, type PipelineConfig } from "./schema.js";
import { parseYaml, readYamlFile } from "./yaml-file.js";

/** A parsed pipeline file that can still tell where each value came from. */
export interface LoadedConfig {
  config: PipelineConfig;
  /** The file as given (for messages). */
  file: string;
  /** Finds the line and column of a path; falls back to the nearest existing parent. */
  locate(path: ReadonlyArray<string | number>, at?: "key" | "value"): SourcePosition | undefined;
}

export interface LoadOptions {
  environment?: NodeJS.ProcessEnv;
}

const EXPECTED = "a mapping with version, models and steps";

export async function loadConfigFile(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  try {
    const source = await readYamlFile(file, pipelineSchema, { environment: options.environment ?? process.env, expected: EXPECTED });
    return { config: source.data, file: source.file, locate: source.locate };
  } catch (error) {
    if (error instanceof PrevodError && error.details.code === "ENOENT") {
      throw new PrevodError("CONFIG_INVALID", `${error.message} (create one, or pass -c FILE)`);
    }
    throw error;
  }
}

/** Parses and validates pipeline YAML; throws CONFIG_INVALID listing every issue with its position. */
export function parseConfig(text: string, file: string, options: LoadOptions = {}): LoadedConfig {
  const source = parseYaml(text, file, pipelineSchema, { environment: options.environment ?? process.env, expected: EXPECTED });
  return { config: source.data, file: source.file, locate: source.locate };
}
