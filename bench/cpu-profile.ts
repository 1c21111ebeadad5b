import { mkdirSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { dirname } from "node:path";

/** Where prevod's CPU time went, by area of the code, in milliseconds of samples. */
export interface CpuProfileResult {
  file: string;
  totalMs: number;
  areas: Array<{ area: string; ms: number }>;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Samples this process's CPU through the inspector (as `node --cpu-prof` does) and, when
 * stopped, writes the .cpuprofile (open it in Chrome DevTools) and sums the samples by area.
 * A sample belongs to the nearest frame of prevod's own code (src/<folder>) or of a package on
 * its stack, so native work (JSON.parse, socket writes) counts for whoever asked for it; src/text
 * counts for the src folder that called it (the gates' language identification, the providers'
 * token estimates).
 */
export async function startCpuProfile() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return {
    async stop(file: string): Promise<CpuProfileResult> {
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
      session.disconnect();
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(profile));
      return { file, ...summarise(profile) };
    },
  };
}

const RUNTIME = new Set(["(garbage collector)", "(idle)", "(program)"]);

function summarise(profile: Profile): { totalMs: number; areas: CpuProfileResult["areas"] } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const areaOf = new Map<number, string>();
  const find = (id: number): string => {
    const known = areaOf.get(id);
    if (known) return known;
    const frame = nodes.get(id)!.callFrame;
    let area: string | undefined;
    if (RUNTIME.has(frame.functionName)) area = frame.functionName;
    else area = codeArea(frame.url);
    // src/text is a library of its callers: langid for the gates, token estimates for providers.
    if (area === "src/text") {
      const caller = callerArea(id);
      area = caller?.startsWith("src/") ? caller : area;
    }
    if (!area) {
      const parent = parents.get(id);
      area = parent === undefined ? "node internals" : find(parent);
    }
    areaOf.set(id, area);
    return area;
  };
  const callerArea = (id: number): string | undefined => {
    for (let parent = parents.get(id); parent !== undefined; parent = parents.get(parent)) {
      const area = codeArea(nodes.get(parent)!.callFrame.url);
      if (area && area !== "src/text") return area;
    }
    return undefined;
  };
  const totals = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    total += ms;
    const area = find(id);
    totals.set(area, (totals.get(area) ?? 0) + ms);
  });
  const areas = [...totals].map(([area, ms]) => ({ area, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total, areas };
}

/** "src/checks", "undici (fetch)", "p-queue", … or undefined for node internals and natives. */
function codeArea(url: string): string | undefined {
  if (url.includes("deps/undici")) return "undici (fetch)";
  const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (packageName) return packageName;
  const own = /\/(src\/[^/]+|bench|test)\//.exec(url)?.[1];
  return own;
}
