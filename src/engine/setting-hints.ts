import { PrevodError } from "../errors.js";
import type { Plan } from "../graph/plan.js";

/**
 * Adds to an error that stops the run the pipeline.yaml setting that cures it, by the model's
 * name: providers say what went wrong, the engine knows where the user changes it.
 */
export function withSettingHint(error: PrevodError, modelName: string, plan: Plan): PrevodError {
  const config = plan.endpoints[modelName];
  const where = `models.${modelName}`;
  const option = typeof error.details.option === "string" ? error.details.option : undefined;
  let hint: string | undefined;
  switch (error.code) {
    case "MODEL_OPTION_REFUSED":
      hint =
        option === "think" || option === "reasoning_effort"
          ? `set ${where}.think: false in ${plan.configFile}`
          : `add ${option ?? "the option"} to ${where}.omit in ${plan.configFile} (omit: [${[...new Set([...(config?.omit ?? []), option ?? "temperature"])].join(", ")}])`;
      break;
    case "MODEL_SCHEMA_REFUSED":
      hint = config?.kind === "openai" && config.strict ? `try ${where}.strict: false in ${plan.configFile}` : "this server cannot take prevod's answer schema";
      break;
    case "MODEL_QUOTA":
      hint = "add credits or quota to the account, or use another key or model";
      break;
    case "MODEL_MEMORY":
      hint = `choose a smaller model, or lower ${where}.context_size or parallel in ${plan.configFile}`;
      break;
    case "MODEL_AUTH":
      hint = config?.kind === "openai" ? `check the key in the variable ${config.apiKeyEnv} (${where}.api_key_env)` : "check the server's credentials";
      break;
    case "MODEL_NOT_FOUND":
      hint = config?.kind === "ollama" ? `the model went away mid-run: run \`ollama pull ${config.model}\`` : `check ${where}.model in ${plan.configFile}`;
      break;
    case "MODEL_TIMEOUT":
      hint = `raise ${where}.load_timeout in ${plan.configFile}`;
      break;
    case "MODEL_UNREACHABLE":
      hint = `raise ${where}.outage_limit in ${plan.configFile} to wait longer`;
      break;
    default:
      break;
  }
  if (!hint || error.message.includes(hint)) return error;
  return new PrevodError(error.code, `${error.message}: ${hint}`, { details: { ...error.details, model: modelName }, stopsRun: true, cause: error });
}
