import { describe, expect, it } from "vitest";
import { SAME_TOPIC, WIRE, WIRE_EDITED, result, stored } from "../../test/support/desk-articles.js";
import { SYNDICATION_THRESHOLD, groupStories, storySimilarity } from "./bulletin-syndication.js";
import { selectStories } from "./bulletin-desk.js";

const wire = result("bta-1", { title: "Казахстан и Сърбия ще добиват суровини", body: WIRE, outlet: "БТА", published: "2026-12-01T09:00:00+02:00" });
const edited = result("dnevnik-1", { title: "Токаев и Вучич подписаха за критичните суровини", body: WIRE_EDITED, outlet: "Дневник", published: "2026-12-01T09:40:00+02:00" });
const copy = result("mediapool-1", { title: "Суровини: Астана и Белград", body: WIRE.replace(/„|“/g, '"').toUpperCase(), outlet: "Медиапул", published: "2026-12-01T10:05:00+02:00" });
const other = result("novini-1", { title: "Казахстан ще изнася повече уран", body: SAME_TOPIC, outlet: "Новини", published: "2026-12-01T11:00:00+02:00" });

describe("syndicated copy (word 4-shingles, Jaccard)", () => {
  it("measures a re-edited wire story above the threshold and a different story on the same topic far below it", () => {
    const sameStory = storySimilarity(wire, edited);
    const differentStory = storySimilarity(wire, other);
    expect(sameStory).toBeGreaterThanOrEqual(SYNDICATION_THRESHOLD);
    expect(differentStory).toBeLessThan(0.1);
    // Case and punctuation are not part of the measure: an upper-cased copy is the same text.
    expect(storySimilarity(wire, copy)).toBe(1);
  });

  it("is deterministic and symmetric", () => {
    expect(storySimilarity(edited, wire)).toBe(storySimilarity(wire, edited));
    expect(groupStories([wire, edited, other, copy], (value) => value)).toEqual([[wire, edited, copy], [other]]);
  });

  it("shows a story once, under the first outlet, with the others as also", () => {
    const { stories } = selectStories([other, copy, edited, wire].map((value) => stored(value)));
    expect(stories.map((story) => story.article.id)).toEqual(["novini-1", "bta-1"]);
    expect(stories[1]!.also.map((story) => story.source.outlet)).toEqual(["Дневник", "Медиапул"]);
  });

  it("never merges articles too short to judge", () => {
    const a = result("short-a", { title: "А", body: "Кратко съобщение." });
    const b = result("short-b", { title: "Б", body: "Кратко съобщение." });
    expect(groupStories([a, b], (value) => value)).toHaveLength(2);
  });
});
