import { parseArgs } from "node:util";

/** What `npm run bench -- …` can change. */
export interface BenchOptions {
  /** Articles in the throughput run. @default 1000 */
  articles: number;
  /** Parallel slots of the simulated server (and prevod's `parallel`). @default 8 */
  slots: number;
  /** Fixed cost of every call in ms. @default 20 */
  perCallMs: number;
  /** Time to first token in ms, on top of perCallMs. @default 0 */
  firstTokenMs: number;
  /** Generation speed; 0 = off, so every call costs exactly perCallMs + firstTokenMs. @default 0 */
  tokensPerSecond: number;
  /** defaults.articles_in_flight for prevod; the pipeline default when absent. */
  inFlight?: number;
  /** Use NTREX sentences (../shared/data/ntrex) when present. @default true */
  ntrex: boolean;
  phases: Set<"throughput" | "baselines" | "pool" | "memory" | "gates">;
  /** Slot counts of the gates runs. @default [8, 16] */
  gateSlots: number[];
  /** defaults.gate_threads of the gates runs, each beside the others. @default [0, 1, "auto"] */
  gateThreads: Array<number | "auto">;
  /** Articles of each pool run. @default 100 */
  poolArticles: number;
  /** Call time on the pool's fastest host; the others take 2× and 4×. @default 120 */
  poolPerCallMs: number;
  /** Slots of each pool host. @default 4 */
  poolSlots: number;
  /** Article counts of the memory runs. @default [500, 5000] */
  memorySizes: number[];
  /** Per-call latency of the memory runs' simulator, in ms. @default 0 */
  memoryPerCallMs: number;
  /** Write a CPU profile of prevod's run and print where the time went. @default false */
  profile: boolean;
  /** Exit 1 when a target is missed. @default false */
  strict: boolean;
}

export const USAGE = `npm run bench -- [options]

  --articles N            articles in the throughput run (default 1000)
  --slots S               parallel slots of the simulated server (default 8)
  --per-call-ms MS        fixed cost of every call (default 20)
  --first-token-ms MS     time to the first token, added to every call (default 0)
  --tokens-per-second T   generation speed; 0 = off (default 0)
  --in-flight K           prevod's articles_in_flight (default: the pipeline default)
  --no-ntrex              build articles from the samples only
  --only LIST             phases to run: throughput,baselines,gates,pool,memory (default all)
  --gate-slots A,B        slot counts of the gates runs (default 8,16)
  --gate-threads A,B      gate_threads of the gates runs, side by side (default 0,1,auto)
  --pool-articles N       articles of each pool run (default 300: a run's ~1 s of start and end is then 1 % of it, as on a desk's feed)
  --pool-per-call-ms MS   call time on the pool's fastest host; the others 2x and 4x (default 120)
  --pool-slots S          slots of each pool host (default 4)
  --memory                the memory runs only (same as --only memory)
  --memory-sizes A,B      article counts of the memory runs (default 500,5000)
  --memory-per-call-ms MS per-call latency of the memory runs (default 0)
  --profile               CPU-profile prevod's run; print where the time went
  --strict                exit 1 when a target is missed
`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      articles: { type: "string" },
      slots: { type: "string" },
      "per-call-ms": { type: "string" },
      "first-token-ms": { type: "string" },
      "tokens-per-second": { type: "string" },
      "in-flight": { type: "string" },
      "no-ntrex": { type: "boolean" },
      only: { type: "string" },
      memory: { type: "boolean" },
      "pool-articles": { type: "string" },
      "gate-slots": { type: "string" },
      "gate-threads": { type: "string" },
      "pool-per-call-ms": { type: "string" },
      "pool-slots": { type: "string" },
      "memory-sizes": { type: "string" },
      "memory-per-call-ms": { type: "string" },
      profile: { type: "boolean" },
      strict: { type: "boolean" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const phases = values.memory ? ["memory"] : (values.only ?? "throughput,baselines,gates,pool,memory").split(",").map((phase) => phase.trim());
  for (const phase of phases) {
    if (!["throughput", "baselines", "pool", "memory", "gates"].includes(phase)) throw new Error(`--only: expected throughput, baselines, gates, pool or memory, got '${phase}'`);
  }
  return {
    articles: whole("--articles", values.articles, 1000, 1),
    slots: whole("--slots", values.slots, 8, 1),
    perCallMs: amount("--per-call-ms", values["per-call-ms"], 20),
    firstTokenMs: amount("--first-token-ms", values["first-token-ms"], 0),
    tokensPerSecond: amount("--tokens-per-second", values["tokens-per-second"], 0),
    inFlight: values["in-flight"] === undefined ? undefined : whole("--in-flight", values["in-flight"], 32, 1),
    ntrex: !values["no-ntrex"],
    phases: new Set(phases as Array<"throughput" | "baselines" | "pool" | "memory" | "gates">),
    gateSlots: (values["gate-slots"] ?? "8,16").split(",").map((slots) => whole("--gate-slots", slots, 8, 1)),
    gateThreads: (values["gate-threads"] ?? "0,1,auto").split(",").map((threads) => (threads.trim() === "auto" ? "auto" : whole("--gate-threads", threads, 0, 0))),
    poolArticles: whole("--pool-articles", values["pool-articles"], 300, 1),
    poolPerCallMs: amount("--pool-per-call-ms", values["pool-per-call-ms"], 120),
    poolSlots: whole("--pool-slots", values["pool-slots"], 4, 1),
    memorySizes: (values["memory-sizes"] ?? "500,5000").split(",").map((size) => whole("--memory-sizes", size, 0, 1)),
    memoryPerCallMs: amount("--memory-per-call-ms", values["memory-per-call-ms"], 0),
    profile: values.profile ?? false,
    strict: values.strict ?? false,
  };
}

function whole(flag: string, value: string | undefined, fallback: number, minimum: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) throw new Error(`${flag}: expected a whole number of at least ${minimum}, got '${value}'`);
  return number;
}

function amount(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new Error(`${flag}: expected a number of at least 0, got '${value}'`);
  return number;
}
