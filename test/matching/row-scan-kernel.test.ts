import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernelFile, kernelSource } from "../../scripts/kernel-source.ts";
import { ROW_SCAN_KERNEL } from "../../src/matching/row-scan-kernel.ts";

describe("row scan kernel", () => {
  it("is what `npm run kernel` compiles from its WebAssembly text, byte for byte", async () => {
    const wat = readFileSync(new URL("../../src/matching/row-scan-kernel.wat", import.meta.url), "utf8");
    const committed = readFileSync(new URL("../../src/matching/row-scan-kernel.ts", import.meta.url), "utf8");
    const bytes = await kernelSource(wat);
    expect(Buffer.from(ROW_SCAN_KERNEL, "base64").equals(Buffer.from(bytes))).toBe(true);
    expect(committed).toBe(kernelFile(bytes));
  });

  it("adds four weighted int8 lists to float32 sums, the rows past a lane's end included", () => {
    const { memory, accumulate4 } = new WebAssembly.Instance(
      new WebAssembly.Module(Buffer.from(ROW_SCAN_KERNEL, "base64")),
    ).exports as unknown as {
      memory: WebAssembly.Memory;
      accumulate4: (...args: number[]) => void;
    };
    const out = new Float32Array(memory.buffer, 0, 16).fill(1);
    const lists = new Int8Array(memory.buffer, 64, 64);
    for (let i = 0; i < 64; i++) lists[i] = (i % 16) - 8;
    // Ten rows: the kernel works in eights, so it writes sixteen.
    accumulate4(0, 10, 64, 0.5, 80, -1, 96, 2, 112, 0);
    for (let i = 0; i < 16; i++) expect(out[i]).toBeCloseTo(1 + (0.5 - 1 + 2) * ((i % 16) - 8), 5);
  });
});
