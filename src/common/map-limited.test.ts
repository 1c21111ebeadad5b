import { describe, expect, it } from "vitest";
import { mapLimited } from "./map-limited.js";

describe("mapLimited", () => {
  it("never runs more than the limit at once (translate used to start every chunk of an article together) and keeps item order", async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await mapLimited([5, 1, 4, 2, 3, 0, 6, 7], 3, async (item) => {
      started.push(item);
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      for (let turn = 0; turn < item; turn++) await Promise.resolve();
      running--;
      return item * 10;
    });
    expect(most).toBe(3);
    expect(started).toEqual([5, 1, 4, 2, 3, 0, 6, 7]);
    expect(results).toEqual([50, 10, 40, 20, 30, 0, 60, 70]);
  });

  it("rejects with the first error and starts no further item", async () => {
    const started: number[] = [];
    await expect(
      mapLimited([0, 1, 2, 3, 4, 5], 2, async (item) => {
        started.push(item);
        if (item === 1) throw new Error("boom");
        await new Promise((resolve) => setImmediate(resolve));
        return item;
      }),
    ).rejects.toThrow("boom");
    expect(started.length).toBeLessThan(6);
  });
});
