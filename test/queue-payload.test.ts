import { describe, expect, it } from "vitest";
import { newWork } from "../src/engine/process-article.js";
import { isPrevodError } from "../src/errors.js";
import { parseQueueUrl } from "../src/queue/connection.js";
import { fromJobResult, jobId, PAYLOAD_VERSION, readPayload, toJobResult } from "../src/queue/payload.js";
import { redact } from "../src/common/redact.js";

/** What goes through Redis (issue 15.4), without a Redis: the queue address, the payload, the result. */
const article = { id: "a1", text: "Текст.", origin: "test:1" };

describe("--queue addresses", () => {
  it("takes redis:// with a db and ?queue=, and prints it without the password", () => {
    const address = parseQueueUrl("redis://:s3cret-pass@queue-host:6380/2?queue=desk");
    expect(address.name).toBe("desk");
    expect(address.url).toBe("redis://:s3cret-pass@queue-host:6380/2");
    expect(address.shown).not.toContain("s3cret-pass");
    // Registered as a secret: nothing printed carries it.
    expect(redact("connecting with s3cret-pass")).not.toContain("s3cret-pass");
    expect(parseQueueUrl("redis://127.0.0.1:6379/0").name).toBe("prevod");
  });

  it("refuses what is not a Redis URL or a queue name with one usage line", () => {
    for (const [raw, message] of [
      ["127.0.0.1:6379", /expected a redis:\/\/ or rediss:\/\/ URL|not a URL/],
      ["http://127.0.0.1:6379", /expected a redis:\/\/ or rediss:\/\/ URL/],
      ["redis://h:1/0?queue=a b", /queue name/],
    ] as const) {
      try {
        parseQueueUrl(raw);
        expect.unreachable(raw);
      } catch (error) {
        expect(isPrevodError(error, "USAGE"), String(error)).toBe(true);
        expect((error as Error).message).toMatch(message);
      }
    }
  });
});

describe("job payload and result", () => {
  it("the job id depends on the article, its input and the pipeline (and the payload version, a constant here)", () => {
    const id = jobId("a1", "input", "answers");
    expect(jobId("a1", "input", "answers")).toBe(id);
    expect(jobId("a2", "input", "answers")).not.toBe(id);
    expect(jobId("a1", "other", "answers")).not.toBe(id);
    expect(jobId("a1", "input", "other")).not.toBe(id);
    // BullMQ refuses ids that are bare integers or hold ':'.
    expect(id).toMatch(/^a-[0-9a-f]{40}$/);
  });

  it("reads its own version, and names both versions for another one", () => {
    const payload = { v: PAYLOAD_VERSION, prevod: "0.1.0", answersHash: "h", index: 3, article };
    expect(readPayload(payload, "0.1.0")).toEqual(payload);
    expect(() => readPayload({ ...payload, v: PAYLOAD_VERSION + 1, prevod: "9.0.0" }, "0.1.0")).toThrow(
      `job payload version ${PAYLOAD_VERSION + 1} from prevod 9.0.0, but this worker (prevod 0.1.0) reads payload version ${PAYLOAD_VERSION}`,
    );
    expect(() => readPayload({ hello: 1 }, "0.1.0")).toThrow(/without a version field/);
    expect(() => readPayload({ ...payload, article: { id: "" } }, "0.1.0")).toThrow(/malformed: article/);
  });

  it("a result survives JSON (Redis) with its translation maps, and another version is refused", () => {
    const work = newWork(article);
    work.translations.en = new Map([["s1", "Text."]]);
    const result = JSON.parse(JSON.stringify(toJobResult({ work, status: "ok", stepMs: { translate: 5 } }, "w1")));
    const back = fromJobResult(result);
    expect(back.worker).toBe("w1");
    expect(back.status).toBe("ok");
    expect(back.work.translations.en).toEqual(new Map([["s1", "Text."]]));
    expect(() => fromJobResult({ ...result, v: PAYLOAD_VERSION + 1 })).toThrow(`payload version ${PAYLOAD_VERSION + 1}; this coordinator reads version ${PAYLOAD_VERSION}`);
    expect(() => fromJobResult(null)).toThrow(/payload version none/);
  });
});
