import { describe, expect, it } from "vitest";
import { classifyHttpFailure, classifyInBandError, readErrorBody } from "./classify-error.js";

/**
 * Error bodies of real servers, in the shapes their users reported them (sources beside each),
 * classified as prevod acts on them: stop the run once, retry, or treat as a cut prompt.
 */
const endpoint = "http://127.0.0.1:8000/v1";
const model = "m";
const classify = (status: number, body: string, headers: { retryAfter?: string } = {}) => classifyHttpFailure({ endpoint, model, status, ...readErrorBody(body), ...headers });

describe("classifyHttpFailure on real error bodies", () => {
  it("OpenAI reasoning models refusing temperature (tmc/langchaingo#1355): option refused, stops the run", () => {
    const error = classify(400, `{"error":{"message":"Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.","type":"invalid_request_error","param":"temperature","code":"unsupported_value"}}`);
    expect(error).toMatchObject({ code: "MODEL_OPTION_REFUSED", stopsRun: true, retryable: false });
    expect(error.details.option).toBe("temperature");
  });

  it("LiteLLM without drop_params (BerriAI/litellm#3923, kaiko-ai/eva#895): seed refused", () => {
    const error = classify(400, `{"error":{"message":"litellm.UnsupportedParamsError: azure does not support parameters: ['seed'], for model=gpt-4o. To drop these, set \`litellm.drop_params=True\` or for proxy:\\n\\n\`litellm_settings:\\n drop_params: true\`\\n","type":null,"param":null,"code":"400"}}`);
    expect(error).toMatchObject({ code: "MODEL_OPTION_REFUSED", stopsRun: true });
    expect(error.details.option).toBe("seed");
  });

  it("LiteLLM's older wording with a 500 and a dict of parameters is still the refused option", () => {
    const error = classify(500, `{"error":{"message":"litellm.UnsupportedParamsError: bedrock does not support parameters: {'seed': 42}, for model=anthropic.claude-3. To drop these, set litellm.drop_params=True","type":null,"param":null,"code":500}}`);
    expect(error.code).toBe("MODEL_OPTION_REFUSED");
    expect(error.details.option).toBe("seed");
  });

  it("Gemini behind an OpenAI-compatible gateway refusing a root $schema (QuantumNous/new-api#1037)", () => {
    const error = classify(400, `[{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \\"$schema\\" at 'generation_config.response_schema': Cannot find field.","status":"INVALID_ARGUMENT"}}]`);
    expect(error.code).toBe("MODEL_OPTION_REFUSED");
    expect(error.details.option).toBe("$schema");
  });

  it("Ollama without the memory for the model (continuedev/continue#12795): one message, no retry", () => {
    const error = classify(500, `{"error":"model requires more system memory (7.6 GiB) than is available (4.1 GiB)"}`);
    expect(error).toMatchObject({ code: "MODEL_MEMORY", stopsRun: true, retryable: false });
  });

  it("'Invalid schema for response_format' is a schema error, not a context overflow (dottxt-ai/outlines#844)", () => {
    const error = classify(400, `{"error":{"message":"Invalid schema for response_format 'answer': In context=(), 'additionalProperties' is required to be supplied and to be false.","type":"invalid_request_error","param":"response_format","code":null}}`);
    expect(error).toMatchObject({ code: "MODEL_SCHEMA_REFUSED", stopsRun: true });
  });

  it("insufficient_quota (a 429 no wait cures) stops the run instead of retrying", () => {
    const error = classify(429, `{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}`);
    expect(error).toMatchObject({ code: "MODEL_QUOTA", stopsRun: true, retryable: false });
  });

  it("OpenRouter's 402 for credits (openrouter.ai/docs/api/errors)", () => {
    expect(classify(402, `{"error":{"code":402,"message":"Insufficient credits. Add more using https://openrouter.ai/settings/credits"}}`).code).toBe("MODEL_QUOTA");
  });

  it("a rate limit is retried, after the wait the server names in its text or header", () => {
    const hinted = classify(429, `{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-x on tokens per min (TPM): Limit 200000, Used 199766. Please try again in 150ms.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}`);
    expect(hinted).toMatchObject({ code: "MODEL_HTTP", retryable: true, retryAfterMs: 150 });
    expect(classify(429, `{"error":"too many requests"}`, { retryAfter: "2" }).retryAfterMs).toBe(2000);
  });

  it("llama-server's 503 while it loads is a model still loading, retried", () => {
    expect(classify(503, `{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}`)).toMatchObject({ code: "MODEL_LOADING", retryable: true });
  });

  it("vLLM's context overflow is a cut prompt", () => {
    const error = classify(400, `{"object":"error","message":"This model's maximum context length is 8192 tokens. However, you requested 9120 tokens (8120 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}`);
    expect(error.code).toBe("TRUNCATED");
  });

  it("Ollama refusing think for a model without thinking (server/routes.go)", () => {
    const error = classify(400, `{"error":"\\"gemma3:12b\\" does not support thinking"}`);
    expect(error.code).toBe("MODEL_OPTION_REFUSED");
    expect(error.details.option).toBe("think");
  });

  it("a refused key stops the run; a missing model stops it too; a 500 is retried", () => {
    expect(classify(401, `{"error":{"message":"Incorrect API key provided: sk-***.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`)).toMatchObject({ code: "MODEL_AUTH", stopsRun: true });
    expect(classify(404, `{"error":"model 'qwen3:8b' not found"}`)).toMatchObject({ code: "MODEL_NOT_FOUND", stopsRun: true });
    expect(classify(500, `{"error":"llama runner process has terminated: exit status 2"}`)).toMatchObject({ code: "MODEL_HTTP", retryable: true, stopsRun: false });
  });
});

describe("classifyInBandError", () => {
  it("retries an OpenRouter error inside a 200 stream, keeping its status", () => {
    const error = classifyInBandError(endpoint, model, { message: "Provider returned error", code: 502 });
    expect(error).toMatchObject({ code: "MODEL_HTTP", retryable: true });
    expect(classifyInBandError(endpoint, model, { message: "Insufficient credits", code: 402 }).code).toBe("MODEL_QUOTA");
  });
});

describe("readErrorBody", () => {
  it("reads OpenAI, Ollama, old vLLM, Google-array and plain-text bodies", () => {
    expect(readErrorBody(`{"error":{"message":"a","type":"t","param":"p","code":"c"}}`)).toEqual({ message: "a", type: "t", param: "p", code: "c" });
    expect(readErrorBody(`{"error":"b"}`)).toEqual({ message: "b" });
    expect(readErrorBody(`{"object":"error","message":"c","type":"BadRequestError","param":null,"code":400}`)).toMatchObject({ message: "c", code: 400 });
    expect(readErrorBody(`[{"error":{"code":400,"message":"d"}}]`)).toMatchObject({ message: "d", code: 400 });
    expect(readErrorBody("Bad Gateway\n")).toEqual({ message: "Bad Gateway" });
  });
});
