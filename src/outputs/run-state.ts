import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../storage/atomic-write.js";

/**
 * `out/state.json`: what the output folder holds, per article — the hash of its input, the hash of
 * everything that shaped its answers, and its status — so a later run over the same feed
 * processes only new, changed or previously failed articles.
 */
const entrySchema = z.object({
  input: z.string(),
  answers: z.string(),
  /** The identities (digest, served id) of the models that answered. */
  models: z.string().optional(),
  /** `interrupted`: the run stopped (Ctrl-C, a run-stopping error) while the article was in flight. */
  status: z.enum(["ok", "partial", "failed", "interrupted"]),
  updated_at: z.string(),
});
const stateSchema = z.object({ version: z.literal(1), articles: z.record(z.string(), entrySchema) });

export type StateEntry = z.infer<typeof entrySchema>;
export type RunState = z.infer<typeof stateSchema>;

export const STATE_FILE = "state.json";

/** The folder's state; an absent file is an empty state, a damaged one too (with a warning). */
export async function readRunState(outputDir: string, warn: (message: string) => void = () => {}): Promise<RunState> {
  const path = join(outputDir, STATE_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { version: 1, articles: {} };
  }
  try {
    return stateSchema.parse(JSON.parse(text));
  } catch {
    warn(`${path} is damaged; every article will be processed again (answers still come from the cache)`);
    return { version: 1, articles: {} };
  }
}

export async function writeRunState(outputDir: string, state: RunState): Promise<void> {
  await writeFileAtomic(join(outputDir, STATE_FILE), `${JSON.stringify(state)}\n`);
}
