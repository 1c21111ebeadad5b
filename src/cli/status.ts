import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { bulletinSettings } from "../outputs/bulletin-desk.js";
import { summarizeStore, type StoreSummary } from "../store/summary.js";
import { loadPlan } from "../graph/load-plan.js";
import { EXIT } from "./exit-codes.js";
import { writeOut } from "./io.js";
import { resolveSources } from "./sources.js";

export interface StatusOptions {
  config: string;
  out?: string;
  force?: boolean;
  /** The run's overrides, which change what shapes the answers (and so the decisions). */
  targets?: string;
  model?: string;
  /** Preview the pipeline's inputs even when none is given on the command line (`run --dry-run`). */
  preview?: boolean;
  /** The store summary as one JSON object. */
  json?: boolean;
}

/**
 * `prevod status` (and `prevod run --dry-run`): per article, whether a run would process it and
 * why — `run<TAB>new<TAB>id`, `skip<TAB>unchanged<TAB>id` — on stdout; a count on stderr.
 */
export default async function status(inputs: string[], options: StatusOptions): Promise<number> {
  if (inputs.length === 0 && !options.preview && !options.force) return summary(options);
  // Loaded here, not at the top: the store summary needs neither the models nor the inputs.
  const [{ currentIdentities }, { previewRun }] = await Promise.all([import("../engine/model-stack.js"), import("../engine/preview-run.js")]);
  const plan = await loadPlan(options.config, { outputDir: options.out, targets: options.targets, model: options.model });
  const sources = resolveSources(inputs, plan);
  const reasons = new Map<string, number>();
  let lines: string[] = [];
  // The servers say which weights answer now; a model changed under the same name is a reason to run.
  const identities = await currentIdentities(plan);
  for await (const { article, decision } of previewRun(plan, sources, { force: options.force, identities, onWarning: (message) => process.stderr.write(`prevod: warning: ${message}\n`) })) {
    reasons.set(decision.reason, (reasons.get(decision.reason) ?? 0) + 1);
    lines.push(`${decision.run ? "run" : "skip"}\t${decision.reason}\t${article.id}\t${article.origin}\n`);
    if (lines.length >= 256) {
      await writeOut(lines.join(""));
      lines = [];
    }
  }
  await writeOut(lines.join(""));
  const wouldRun = [...reasons].filter(([reason]) => reason !== "unchanged").reduce((sum, [, count]) => sum + count, 0);
  const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(", ");
  process.stderr.write(`prevod: ${wouldRun} article(s) would run${detail ? ` (${detail})` : ""}; outputs in ${plan.outputDir}\n`);
  return EXIT.ok;
}

/**
 * `prevod status [-o out]` without inputs: what the store holds — articles by status, the last
 * run and when, its models, the articles in the bulletins' window, the feeds watched. Indexed
 * counts only (store/summary.ts): no input is read, no model server asked.
 */
async function summary(options: StatusOptions): Promise<number> {
  let out = options.out === undefined ? undefined : resolve(options.out);
  let window: { name: string; from?: number; until?: number } | undefined;
  if (existsSync(options.config) || out === undefined) {
    const plan = await loadPlan(options.config, { outputDir: options.out });
    out = plan.outputDir;
    const settings = bulletinSettings(plan.config);
    if (settings.formats.length > 0) window = { name: `${settings.windowName}${settings.windowName === "all" ? "" : ` (${settings.timeZone})`}`, ...settings.window };
  }
  const found = summarizeStore(out!, window);
  if (options.json) {
    await writeOut(`${JSON.stringify(found ? toJson(found, window?.name) : { store: null, folder: out })}\n`);
    return EXIT.ok;
  }
  if (!found) {
    await writeOut(`store     none in ${out}: nothing has run into it yet\n`);
    return EXIT.ok;
  }
  await writeOut(describeSummary(found, window?.name).join("\n") + "\n");
  return EXIT.ok;
}

const STATUS_ORDER = ["ok", "partial", "failed", "interrupted"];

/** The summary as lines of `label  value`. */
export function describeSummary(found: StoreSummary, windowName?: string, now = Date.now()): string[] {
  const statuses = [...STATUS_ORDER.filter((name) => found.articles.byStatus[name] !== undefined), ...Object.keys(found.articles.byStatus).filter((name) => !STATUS_ORDER.includes(name))];
  const lines = [
    `store     ${found.path} (schema ${found.schema}, ${(found.bytes / 1024 / 1024).toFixed(1)} MB)`,
    `articles  ${found.articles.total}${statuses.length > 0 ? `: ${statuses.map((name) => `${found.articles.byStatus[name]} ${name}`).join(", ")}` : ""}`,
  ];
  const last = found.lastRun?.manifest;
  if (last) {
    const c = last.counts;
    lines.push(`last run  ${last.finished_at} (${ago(now - Date.parse(last.finished_at))})${last.interrupted ? ", interrupted" : ""}: ${c.total} read, ${c.ok - c.skipped} ok, ${c.partial} partial, ${c.failed} failed, ${c.skipped} unchanged; ${last.usage.calls} model calls; ${Math.round(last.wall_ms / 100) / 10} s${last.error ? `; error: ${last.error}` : ""}`);
    lines.push(`runs      ${found.runs}`);
    for (const [name, model] of Object.entries(last.models)) lines.push(`model     ${name}: ${model.provider} ${model.model} @ ${model.endpoint}`);
  } else lines.push("last run  none");
  if (found.inWindow !== undefined) lines.push(`bulletin  ${found.inWindow} articles in the window${windowName ? ` ${windowName}` : ""}`);
  if (found.feeds && found.feeds.watched > 0) lines.push(`watch     ${found.feeds.watched} feed(s) with validators${found.feeds.lastChecked ? `, last whole cycle ${found.feeds.lastChecked}` : ""}`);
  return lines;
}

function toJson(found: StoreSummary, windowName?: string): Record<string, unknown> {
  const last = found.lastRun?.manifest;
  return {
    store: found.path,
    schema: found.schema,
    bytes: found.bytes,
    articles: { total: found.articles.total, ...found.articles.byStatus },
    runs: found.runs,
    last_run: last ? { started_at: last.started_at, finished_at: last.finished_at, interrupted: last.interrupted, counts: last.counts, calls: last.usage.calls, wall_ms: last.wall_ms, models: last.models, ...(last.error ? { error: last.error } : {}) } : null,
    ...(found.inWindow !== undefined ? { bulletin: { window: windowName, articles: found.inWindow } } : {}),
    ...(found.feeds ? { watch: { feeds: found.feeds.watched, last_checked: found.feeds.lastChecked ?? null } } : {}),
  };
}

function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
