import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { KERNELS, kernelFile, kernelSource } from "../../scripts/kernel-source.ts";
import { ensureBytes, instantiateKernel } from "../../src/matching/kernel.ts";

describe("WebAssembly kernels", () => {
  it.each(KERNELS.map((k) => [basename(k.wat.pathname), k] as const))(
    "%s is what `npm run kernel` compiles from it, byte for byte",
    async (name, kernel) => {
      const bytes = await kernelSource(readFileSync(kernel.wat, "utf8"), name);
      const committed = readFileSync(kernel.ts, "utf8");
      expect(committed).toBe(kernelFile(bytes, kernel));
      const module = (await import(kernel.ts.href)) as Record<string, string>;
      expect(Buffer.from(module[kernel.constant]!, "base64").equals(Buffer.from(bytes))).toBe(true);
    },
  );

  it("gives every user an instance with a memory of its own, grown only when short", async () => {
    const { ROW_SCAN_KERNEL } = await import("../../src/matching/row-scan-kernel.ts");
    const a = instantiateKernel<object>(ROW_SCAN_KERNEL);
    const b = instantiateKernel<object>(ROW_SCAN_KERNEL);
    expect(a.memory).not.toBe(b.memory);
    const size = a.memory.buffer.byteLength;
    expect(ensureBytes(a.memory, size)).toBe(false);
    expect(ensureBytes(a.memory, size + 1)).toBe(true);
    expect(a.memory.buffer.byteLength).toBeGreaterThan(size);
    expect(b.memory.buffer.byteLength).toBe(size);
  });
});
