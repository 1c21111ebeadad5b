import { PrevodError } from "../errors.js";
import { chrfCorpus, chrfSentence, type ChrfOptions } from "../eval/chrf.js";
import { splitSegments } from "../eval/segment-lines.js";
import { chrfSignature, formatScore } from "../eval/signature.js";
import { EXIT } from "./exit-codes.js";
import { readTextInput, writeOut } from "./io.js";

export interface EvalOptions {
  /** Hypothesis file, or "-" for stdin. */
  hyp: string;
  /** One or more reference files, aligned line by line with the hypotheses. */
  ref: string[];
  metric: "chrf" | "chrf++";
  sentence?: boolean;
}

function displayName(path: string): string {
  return path === "-" ? "stdin" : path;
}

/**
 * `prevod eval`: corpus chrF / chrF++ as sacreBLEU computes it, printed as `chrF2 = 59.73`
 * and then the signature line. With --sentence, stdout holds "line<TAB>score" rows and the
 * signature goes to stderr, so the rows stay easy to cut, sort and join.
 */
export default async function evalCommand(options: EvalOptions): Promise<number> {
  if (options.ref.filter((path) => path === "-").length + (options.hyp === "-" ? 1 : 0) > 1) {
    throw new PrevodError("USAGE", "stdin (-) can be read only once: give at most one of --hyp/--ref as -");
  }
  const hypotheses = splitSegments(await readTextInput(options.hyp));
  if (hypotheses.length === 0) {
    throw new PrevodError("INPUT_INVALID", `${displayName(options.hyp)}: expected one segment per line, found no lines`);
  }
  const referenceStreams: string[][] = [];
  for (const path of options.ref) {
    const references = splitSegments(await readTextInput(path));
    if (references.length !== hypotheses.length) {
      throw new PrevodError(
        "INPUT_INVALID",
        `line counts differ: ${displayName(options.hyp)} has ${hypotheses.length} lines, ${displayName(path)} has ${references.length}`,
      );
    }
    referenceStreams.push(references);
  }
  const chrfOptions: ChrfOptions = { wordOrder: options.metric === "chrf++" ? 2 : 0 };
  const signature = chrfSignature(chrfOptions, referenceStreams.length);

  if (options.sentence) {
    const rows = hypotheses.map((hypothesis, index) => {
      const references = referenceStreams.map((stream) => stream[index] as string);
      return `${index + 1}\t${formatScore(chrfSentence(hypothesis, references, chrfOptions).score)}\n`;
    });
    await writeOut(rows.join(""));
    process.stderr.write(`${signature}\n`);
    return EXIT.ok;
  }

  const result = chrfCorpus(hypotheses, referenceStreams, chrfOptions);
  await writeOut(`${result.name} = ${formatScore(result.score)}\n${signature}\n`);
  return EXIT.ok;
}
