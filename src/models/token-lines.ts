/**
 * Ollama streams one NDJSON line per token. ollama-js parses each line and hands it on through
 * two async generators, and prevod's loop handles each: per token, a JSON.parse and several
 * promise turns, about half a millisecond of CPU per call. When a network read brings several
 * plain token lines at once (a busy event loop, a fast server), they are merged here into one
 * line with the tokens' text joined: what the client sees is the same text, in fewer pieces.
 *
 * Only lines of exactly this shape are merged (Go's field order in Ollama's ChatResponse):
 *   {"model":"…","created_at":"…","message":{"role":"assistant","content":"…"},"done":false}
 * Anything else (thinking, tool calls, the final line with its counts, an error line, garbage)
 * ends a run of merged lines and passes through unchanged. Two JSON string literals join by
 * dropping the quotes between them: each holds only whole escapes.
 */
const TOKEN_LINE = /^\{"model":("(?:[^"\\]|\\.)*"),"created_at":("[^"\\]*"),"message":\{"role":"assistant","content":"((?:[^"\\]|\\.)*)"\},"done":false\}$/;

export interface Rechunker {
  /** The bytes to hand on for this read (possibly fewer lines, never a partial line held back longer than the next read). */
  push(chunk: Uint8Array): Uint8Array;
  /** What is left at the end of the body. */
  flush(): Uint8Array;
}

export function tokenLineCoalescer(): Rechunker {
  const decoder = new TextDecoder("utf-8");
  const encoder = new TextEncoder();
  let partial = "";
  /** The previous read ended with a line break: nothing of it is held back, in `partial` or the decoder. */
  let clean = true;
  return {
    push(chunk) {
      // A read that starts and ends on a line break and merges nothing is handed on as it came.
      const whole = clean && chunk.length > 0 && chunk[chunk.length - 1] === 0x0a;
      clean = chunk.length > 0 ? chunk[chunk.length - 1] === 0x0a : clean;
      const text = partial + decoder.decode(chunk, { stream: true });
      const last = text.lastIndexOf("\n");
      if (last < 0) {
        partial = text;
        return new Uint8Array(0);
      }
      partial = text.slice(last + 1);
      const lines = text.slice(0, last).split("\n");
      if (lines.length === 1) return whole ? chunk : encoder.encode(`${lines[0]}\n`);
      let merged = false;
      const out: string[] = [];
      let run: { model: string; createdAt: string; content: string[] } | undefined;
      const end = () => {
        if (!run) return;
        out.push(`{"model":${run.model},"created_at":${run.createdAt},"message":{"role":"assistant","content":"${run.content.join("")}"},"done":false}`);
        run = undefined;
      };
      for (const line of lines) {
        const match = TOKEN_LINE.exec(line);
        if (match && (!run || run.model === match[1])) {
          run ??= { model: match[1]!, createdAt: match[2]!, content: [] };
          run.createdAt = match[2]!;
          run.content.push(match[3]!);
          merged ||= run.content.length > 1;
          continue;
        }
        end();
        if (match) {
          run = { model: match[1]!, createdAt: match[2]!, content: [match[3]!] };
          continue;
        }
        out.push(line);
      }
      end();
      return whole && !merged ? chunk : encoder.encode(`${out.join("\n")}\n`);
    },
    flush() {
      const rest = partial + decoder.decode();
      partial = "";
      return encoder.encode(rest);
    },
  };
}
