import { describe, expect, it } from "vitest";
import { recordStems, rememberStems, stem } from "../../src/matching/natural.ts";

describe("stems kept for the index cache", () => {
  it("records the words stemmed inside the build, and none stemmed before or after it", () => {
    stem("visitors");
    const { result, stems } = recordStems(() => ["treatments", "hurting"].map(stem));
    stem("afterwards");
    expect(result).toEqual(["treatment", "hurt"]);
    expect([...stems]).toEqual([
      ["treatments", "treatment"],
      ["hurting", "hurt"],
    ]);
  });

  it("gives back a remembered stem as Porter's own", () => {
    rememberStems([["needling", "needl"]]);
    expect(stem("needling")).toBe("needl");
    expect(stem("sessions")).toBe("session");
  });
});
