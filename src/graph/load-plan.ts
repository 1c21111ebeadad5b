import { configError, type ConfigIssue } from "../config/issues.js";
import { loadConfigFile, type LoadedConfig } from "../config/load.js";
import { isPrevodError } from "../errors.js";
import { buildPlan, type Plan, type PlanOverrides } from "./plan.js";
import { checkRawReferences } from "./validate.js";

/**
 * pipeline.yaml → validated Plan, reporting every problem at once: when the schema rejects the
 * file, the step references (kinds, needs, cycles) are still checked on what was written.
 */
export async function loadPlan(file: string, overrides: PlanOverrides = {}): Promise<Plan> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfigFile(file, { environment: overrides.environment });
  } catch (error) {
    if (isPrevodError(error, "CONFIG_INVALID") && error.details.data !== undefined) {
      const data = error.details.data as { steps?: unknown };
      const locate = error.details.locate as LoadedConfig["locate"];
      const extra = checkRawReferences(data.steps, locate);
      if (extra.length > 0) throw configError(file, [...(error.details.issues as ConfigIssue[]), ...extra]);
    }
    throw error;
  }
  return buildPlan(loaded, overrides);
}
