import { createHash } from "node:crypto";
import { z } from "zod";
import { PrevodError } from "../errors.js";
import type { ProcessedArticle } from "../engine/process-article.js";
import type { RunEvent } from "../engine/events.js";
import type { Article } from "../inputs/types.js";
import type { ArticleWork } from "../steps/types.js";

/**
 * The version of what goes through Redis (a job's data and its result). A worker reads only its
 * own version: a coordinator and workers of different prevod releases refuse each other's jobs
 * with one line instead of guessing at fields.
 */
export const PAYLOAD_VERSION = 1;

/** What the coordinator puts in a job: one article and what the worker must agree with. */
export interface JobPayload {
  v: number;
  /** prevod's version on the coordinator, for the error message. */
  prevod: string;
  /** The plan's answers hash: prompts, models, options, steps (graph/plan.ts); not the hosts. */
  answersHash: string;
  /** The article's place in the coordinator's input (earlier articles' calls go first). */
  index: number;
  article: Article;
}

/** What a worker returns: processArticle's result, with the translations' Maps as entries. */
export interface JobResult {
  v: number;
  worker: string;
  status: ProcessedArticle["status"];
  stepMs: Record<string, number>;
  work: Omit<ArticleWork, "translations"> & { translations: Record<string, Array<[string, string]>> };
}

/** Events a worker forwards to the coordinator's progress line, with job.updateProgress. */
export interface JobProgress {
  v: number;
  worker: string;
  events: RunEvent[];
}

const versioned = z.object({ v: z.number() }).loose();

const payloadSchema = z.object({
  v: z.literal(PAYLOAD_VERSION),
  prevod: z.string(),
  answersHash: z.string(),
  index: z.number().int().nonnegative(),
  article: z
    .object({
      id: z.string().min(1),
      text: z.string(),
      origin: z.string(),
      title: z.string().optional(),
      url: z.string().optional(),
      published: z.string().optional(),
      outlet: z.string().optional(),
      hints: z.array(z.unknown()).optional(),
    })
    .loose(),
});

/**
 * The job id: article id, input hash and answers hash. The same article with the same text
 * through the same pipeline is the same job, so a re-run (or a second coordinator) adds nothing
 * that is queued, running or done already: BullMQ keeps one job per id.
 */
export function jobId(articleId: string, input: string, answersHash: string): string {
  // The payload version too: a coordinator of another release never collects a result it cannot read.
  return `a-${createHash("sha256").update(JSON.stringify([PAYLOAD_VERSION, articleId, input, answersHash])).digest("hex").slice(0, 40)}`;
}

/** Reads a job's data; a payload of another version or shape is a PrevodError QUEUE naming both versions. */
export function readPayload(data: unknown, ownVersion: string): JobPayload {
  const head = versioned.safeParse(data);
  if (!head.success) throw new PrevodError("QUEUE", `job payload without a version field: not a prevod job (this worker reads payload version ${PAYLOAD_VERSION}, prevod ${ownVersion})`);
  if (head.data.v !== PAYLOAD_VERSION) {
    const from = typeof head.data.prevod === "string" ? ` from prevod ${head.data.prevod}` : "";
    throw new PrevodError(
      "QUEUE",
      `job payload version ${head.data.v}${from}, but this worker (prevod ${ownVersion}) reads payload version ${PAYLOAD_VERSION}: run the coordinator and the workers with the same prevod release`,
    );
  }
  const parsed = payloadSchema.safeParse(data);
  if (!parsed.success) throw new PrevodError("QUEUE", `job payload version ${PAYLOAD_VERSION} is malformed: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}`);
  return parsed.data as JobPayload;
}

export function toJobResult(processed: ProcessedArticle, worker: string): JobResult {
  const translations = Object.fromEntries(Object.entries(processed.work.translations).map(([target, map]) => [target, [...(map ?? new Map<string, string>())]]));
  return { v: PAYLOAD_VERSION, worker, status: processed.status, stepMs: processed.stepMs, work: { ...processed.work, translations } };
}

/** A job's return value back into processArticle's result; another version is a PrevodError QUEUE. */
export function fromJobResult(value: unknown): ProcessedArticle & { worker: string } {
  const head = versioned.safeParse(value);
  if (!head.success || head.data.v !== PAYLOAD_VERSION) {
    throw new PrevodError("QUEUE", `a worker returned a result of payload version ${head.success ? String(head.data.v) : "none"}; this coordinator reads version ${PAYLOAD_VERSION}: run the coordinator and the workers with the same prevod release`);
  }
  const result = value as JobResult;
  const translations = Object.fromEntries(Object.entries(result.work.translations).map(([target, entries]) => [target, new Map(entries)]));
  return { worker: result.worker, status: result.status, stepMs: result.stepMs, work: { ...result.work, translations } as ArticleWork };
}
