import type { RunManifest } from "../outputs/run-manifest.js";
import type { RunEvent } from "./events.js";

type StepFigures = RunManifest["steps"][string];

/**
 * Adds up what a run paid and spent, from its events: model calls by source and tokens, per run and
 * per step, retries, and step timings. Calls of articles that were interrupted count too: they
 * were paid.
 */
export class UsageTally {
  private readonly totals = { calls: 0, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0, thinking_tokens: 0, repairs: 0, retries: 0 };
  private readonly perStep = new Map<string, StepFigures>();

  observe(event: RunEvent): void {
    if (event.type === "retry") this.totals.retries++;
    if (event.type !== "model-call") return;
    const step = event.step ? this.step(event.step) : undefined;
    if (event.source === "cache") {
      this.totals.cached++;
      if (step) step.cached++;
    } else if (event.source === "replay") {
      this.totals.replayed++;
      if (step) step.replayed++;
    } else {
      this.totals.calls++;
      this.totals.prompt_tokens += event.promptTokens;
      this.totals.completion_tokens += event.completionTokens;
      this.totals.thinking_tokens += event.thinkingTokens ?? 0;
      if (step) {
        step.calls++;
        step.prompt_tokens += event.promptTokens;
        step.completion_tokens += event.completionTokens;
      }
    }
  }

  /** A finished article's re-asks and step timings. */
  addArticle(repairs: number, stepMs: Record<string, number>): void {
    this.totals.repairs += repairs;
    for (const [name, ms] of Object.entries(stepMs)) {
      const step = this.step(name);
      step.runs++;
      step.total_ms += ms;
      step.mean_ms = step.total_ms / step.runs;
    }
  }

  usage(): RunManifest["usage"] {
    return { ...this.totals };
  }

  steps(): RunManifest["steps"] {
    return Object.fromEntries([...this.perStep].map(([name, figures]) => [name, { ...figures, total_ms: Math.round(figures.total_ms), mean_ms: Math.round(figures.mean_ms * 10) / 10 }]));
  }

  private step(name: string): StepFigures {
    let figures = this.perStep.get(name);
    if (!figures) {
      figures = { runs: 0, total_ms: 0, mean_ms: 0, calls: 0, cached: 0, replayed: 0, prompt_tokens: 0, completion_tokens: 0 };
      this.perStep.set(name, figures);
    }
    return figures;
  }
}
