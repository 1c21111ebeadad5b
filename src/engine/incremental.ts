import { createHash } from "node:crypto";
import type { Article } from "../inputs/types.js";
import type { StateEntry } from "../outputs/run-state.js";

/** Why an article runs, or why it does not. */
export type Decision =
  | { run: true; reason: "new" | "text changed" | "prompt or model changed" | "model changed" | "interrupted" | "failed before" | "output missing" | "forced" }
  | { run: false; reason: "unchanged" };

/** Hash of everything of an input that reaches the output: text, title, link, date. */
export function inputHash(article: Article): string {
  return createHash("sha256")
    .update(JSON.stringify([article.text, article.title ?? null, article.url ?? null, article.published ?? null]))
    .digest("hex");
}

/**
 * Whether an article must run again: it is new, its input changed, what shapes its answers
 * changed (prompts, models, options, steps), the model that answers is another (its digest or
 * served id), it did not end ok, or its output file is gone.
 */
export function decide(previous: StateEntry | undefined, input: string, answersHash: string, outputExists: boolean, force = false, models?: string): Decision {
  if (force) return { run: true, reason: "forced" };
  if (!previous) return { run: true, reason: "new" };
  if (previous.input !== input) return { run: true, reason: "text changed" };
  if (previous.answers !== answersHash) return { run: true, reason: "prompt or model changed" };
  // The same name may be other weights (re-pulled, another server, the demo's simulator).
  if (models !== undefined && previous.models !== undefined && previous.models !== models) return { run: true, reason: "model changed" };
  if (previous.status === "interrupted") return { run: true, reason: "interrupted" };
  if (previous.status !== "ok") return { run: true, reason: "failed before" };
  if (!outputExists) return { run: true, reason: "output missing" };
  return { run: false, reason: "unchanged" };
}
