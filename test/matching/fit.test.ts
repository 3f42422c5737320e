import { describe, expect, it } from "vitest";
import { fitKindNearness, type KindPoint } from "../../src/matching/fit.ts";

const point = (nearness: number, topic: number, member: boolean): KindPoint => ({ nearness, topic, member });

describe("a kind read by meaning", () => {
  it("catches the most messages of the kind while the others stay clear", () => {
    const points = [
      point(0.9, 0.5, true),
      point(0.8, 0.6, true),
      point(0.7, 0.69, true),
      ...Array.from({ length: 100 }, (_, i) => point(0.3 + (i % 40) / 100, 0.6, false)),
      point(0.75, 0.8, false),
    ];
    const fitted = fitKindNearness(points);
    expect(fitted).toBeDefined();
    const fires = (p: KindPoint) => p.nearness >= fitted!.nearness && p.nearness - p.topic >= fitted!.lead;
    expect(points.filter((p) => p.member && fires(p))).toHaveLength(3);
    expect(points.filter((p) => !p.member && fires(p))).toHaveLength(0);
  });
  it("fits on what the patterns leave open: messages they decide already neither count nor block", () => {
    const decided = { ...point(0.95, 0.2, false), decided: true };
    const fitted = fitKindNearness([
      point(0.9, 0.5, true),
      { ...point(0.99, 0.1, true), decided: true },
      decided,
    ]);
    expect(fitted).toBeDefined();
    // The same false alarm left open would block every setting that catches the open message.
    expect(fitKindNearness([point(0.9, 0.5, true), point(0.95, 0.2, false)])).toBeUndefined();
    expect(fitKindNearness([{ ...point(0.9, 0.5, true), decided: true }])).toBeUndefined();
  });
  it("stays off when no setting catches one without false alarms", () => {
    expect(
      fitKindNearness([point(0.5, 0.4, true), point(0.6, 0.3, false), point(0.5, 0.4, false)]),
    ).toBeUndefined();
    expect(fitKindNearness([point(0.9, 0.2, false)])).toBeUndefined();
  });
});
