import { Command, Option } from "commander";
import { DEFAULT_STALL_MS } from "../queue/defaults.js";

type Action = (...args: unknown[]) => Promise<void>;
type Lazy = (load: () => Promise<{ default: (...args: any[]) => Promise<number> }>) => Action;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The options `run` and `watch` share: the pipeline, its overrides, the cache and the output folder's lock. */
function runOptions(command: Command): Command {
  return command
    .option("-c, --config <file>", "pipeline file", "pipeline.yaml")
    .option("-o, --out <dir>", "output folder (default: outputs.dir in pipeline.yaml)")
    .option("--model <provider:model>", "use this model for every model step")
    .option("--targets <list>", "comma-separated target languages, e.g. en,ru,sr-Cyrl")
    .option("--concurrency <n>", "parallel model calls per endpoint")
    .option("--no-cache", "do not read or write the answer cache")
    .option("--wait", "when another prevod writes to the output folder, wait for it (the default)")
    .option("--no-wait", "when another prevod writes to the output folder, fail at once naming it");
}

/**
 * Every command as data: name, arguments, flags, and the module that runs it. A command's
 * module receives commander's positional arguments and then its options object, and returns
 * the exit code.
 */
export function defineCommands(program: Command, lazy: Lazy): void {
  runOptions(program.command("run").description("translate articles through the pipeline").argument("[inputs...]", "files, folders, feeds (default: the inputs in pipeline.yaml)"))
    .option("--record <dir>", "record every model answer into this folder")
    .option("--replay <dir>", "answer every model call from this folder; a miss is an error")
    .option("--force", "process every article, also those already done and unchanged")
    .option("--dry-run", "say which articles would run and why, then stop (as prevod status)")
    .option("--queue <redis-url>", "hand the articles to `prevod worker` processes through this Redis (redis://host:6379/0)")
    .addOption(new Option("--progress <mode>", "progress on stderr").choices(["auto", "bar", "json", "none"]).default("auto"))
    .action(lazy(() => import("./run.js")));

  runOptions(
    program
      .command("watch")
      .description("poll feeds and folders, run new or changed articles each cycle, keep the bulletins current")
      .argument("[inputs...]", "feeds, folders, files (default: the inputs in pipeline.yaml)"),
  )
    .option("--every <duration>", "start a cycle this often: 30s, 15m, 1h", "15m")
    .option("--once", "run one cycle and exit (for cron)")
    .addOption(new Option("--progress <mode>", "one status line per cycle, or one JSON object per cycle and state change").choices(["text", "json"]).default("text"))
    .action(lazy(() => import("./watch.js")));

  program
    .command("worker")
    .description("run the articles of `prevod run --queue` coordinators, against this machine's models")
    .requiredOption("--queue <redis-url>", "the coordinators' Redis (redis://host:6379/0[?queue=name])")
    .option("-c, --config <file>", "pipeline file: the coordinator's, with this machine's model hosts", "pipeline.yaml")
    .option("--concurrency <n>", "articles at once (default: defaults.articles_in_flight)")
    .option("--name <name>", "this worker's name in the coordinator's notices (default: host-pid)")
    .option("--no-cache", "do not read or write this machine's answer cache")
    .option("--shared-cache <mb>", "share model answers with every worker through the queue's Redis, keeping at most this many MB (oldest out first)")
    .option("--stall-seconds <s>", `an article held by a worker that stopped (killed, cut off) goes to another after this long (default ${DEFAULT_STALL_MS / 1_000})`)
    .action(lazy(() => import("./worker.js")));

  program
    .command("validate")
    .description("check pipeline.yaml and print the plan")
    .option("-c, --config <file>", "pipeline file", "pipeline.yaml")
    .action(lazy(() => import("./validate.js")));

  program
    .command("status")
    .description("what the store holds (articles by status, last run, models, bulletin window); with inputs, per article whether a run would process it and why")
    .argument("[inputs...]", "files, folders, feeds to preview (with --preview and none given: the inputs in pipeline.yaml)")
    .option("-c, --config <file>", "pipeline file", "pipeline.yaml")
    .option("-o, --out <dir>", "output folder (default: outputs.dir in pipeline.yaml)")
    .option("--force", "as run --force: every article would run")
    .option("--preview", "per article of the pipeline's inputs: would a run process it, and why")
    .option("--json", "the store summary as one JSON object")
    .action(lazy(() => import("./status.js")));

  program
    .command("segment")
    .description("split Bulgarian text into sentences and structure")
    .argument("[file]", "text file, or - for stdin")
    .argument("[out]", "with --jsonl: write here instead of stdout")
    .option("--json", "print the structure as JSON")
    .option("--jsonl", "read lines {id,text}, write lines {id,sentences:[{text,start,end}],boundaries}")
    .option("--strings", "with --jsonl: sentences as plain strings")
    .action(lazy(() => import("./segment.js")));

  program
    .command("langid")
    .description("identify the language of each text")
    .argument("[file]", "JSONL file, or - for stdin")
    .option("--jsonl", "read lines {id,text}, write lines {id,lang,confidence}")
    .action(lazy(() => import("./langid.js")));

  program
    .command("check")
    .description("run the quality gates on translations")
    .argument("[file]", "JSONL file, or - for stdin")
    .option("--jsonl", "read lines {id,target,text,source?}, write lines {id,verdict,reasons}")
    .action(lazy(() => import("./check.js")));

  program
    .command("transliterate")
    .description("convert Serbian between Cyrillic and Latin script")
    .argument("[file]", "text file, or - for stdin")
    .addOption(new Option("--to <script>", "target script").choices(["sr-Latn", "sr-Cyrl"]).default("sr-Latn"))
    .action(lazy(() => import("./transliterate.js")));

  program
    .command("test")
    .description("run golden samples and compare with the blessed baseline")
    .argument("[samples...]", "sample folders (default: samples/*)")
    .option("-c, --config <file>", "pipeline file", "pipeline.yaml")
    .option("--replay <dir>", "replay recorded answers from this folder")
    .option("--live", "call the configured model")
    .option("--record <dir>", "with --live: record the answers into this folder")
    .option("--model <provider:model>", "use this model for every model step (as in run)")
    .option("-o, --out <dir>", "where the samples' outputs go (default: <outputs.dir>/test)")
    .option("--junit <file>", "write JUnit XML")
    .option("--repeat <n>", "run each sample N times and report pass rates", "1")
    .option("--baseline <file>", "the blessed baseline", "samples/baseline.json")
    .option("--update", "bless the current results as the new baseline")
    .action(lazy(() => import("./test.js")));

  program
    .command("eval")
    .description("score hypotheses against references with chrF / chrF++")
    .requiredOption("--hyp <file>", "hypothesis file, one segment per line")
    .requiredOption("--ref <file>", "reference file (repeat for several references)", collect)
    .addOption(new Option("--metric <name>", "metric").choices(["chrf", "chrf++"]).default("chrf"))
    .option("--sentence", "print a score per line")
    .action(lazy(() => import("./eval.js")));

  program
    .command("bulletin")
    .description("render bulletins from stored results, without any model call")
    .argument("<out-dir>", "output folder of a run")
    .option("--lang <list>", "comma-separated languages (default: every language in the results)")
    .option("--date <YYYY-MM-DD>", "one calendar day in the bulletin's time zone")
    .option("--since <duration>", "back from now: 90m, 24h, 7d")
    .option("--from <date-time>", "start of the window (a date is midnight in the zone)")
    .option("--until <date-time>", "end of the window, exclusive")
    .addOption(new Option("--order <order>", "newest or oldest first").choices(["newest", "oldest"]).default("newest"))
    .addOption(new Option("--group <by>", "group the entries").choices(["topic"]))
    .option("--timezone <zone>", "IANA zone for the times shown (default: the system's, e.g. Europe/Sofia)")
    .addOption(new Option("--format <format>", "md, html or both").choices(["md", "html", "both"]).default("both"))
    .action(lazy(() => import("./bulletin.js")));
}
