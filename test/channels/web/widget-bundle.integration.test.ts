import { describe, expect, it } from "vitest";
import { buildWidgetBundle } from "../../../src/channels/web/widget-bundle.ts";

describe("the widget bundle", () => {
  it("stays under 30 KB gzipped", async () => {
    const bundle = await buildWidgetBundle();
    expect(bundle.gzipped.byteLength).toBeLessThan(30 * 1024);
  });

  it("never assigns innerHTML, outerHTML or uses document.write", async () => {
    const { code } = await buildWidgetBundle();
    expect(code).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/);
  });
});
