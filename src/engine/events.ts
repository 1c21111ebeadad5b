import type { ArticleStatus } from "../outputs/article-schema.js";
import type { StepStatus } from "../steps/types.js";
import type { HostFigures } from "../models/host-pool.js";

/** What a run reports while it works; progress bars and `--progress json` are built on these. */
export type RunEvent =
  | { type: "run-started"; steps: string[]; models: string[] }
  | { type: "article-started"; id: string; index: number }
  | { type: "step-finished"; articleId: string; step: string; status: StepStatus | "skipped"; ms: number }
  | { type: "article-finished"; id: string; index: number; status: ArticleStatus; ms: number; file: string; reasons: string[] }
  | { type: "article-skipped"; id: string; index: number; reason: string }
  | {
      type: "model-call";
      articleId?: string;
      step?: string;
      target?: string;
      source: "model" | "cache" | "replay";
      promptTokens: number;
      completionTokens: number;
      /** Of the completion tokens, the model's reasoning. */
      thinkingTokens?: number;
      ms: number;
      /** The host of a pool that answered. */
      host?: string;
    }
  /** A host of a pool changed state (cooled down, back, left out) or failed a call: its figures so far. */
  | ({ type: "host"; model: string } & HostFigures)
  | { type: "retry"; articleId?: string; step?: string; target?: string; attempt: number; delayMs: number; reason: string }
  | { type: "warning"; message: string }
  /** Something to read once: a model loading, a server unreachable and waited for, a setting adapted. */
  | { type: "notice"; message: string }
  | { type: "run-finished"; counts: Record<ArticleStatus, number>; interrupted: boolean; wallMs: number };

export type RunEventListener = (event: RunEvent) => void;
