// `npm run kernel`: compiles each WebAssembly kernel's text (src/matching/*-kernel.wat) into its .ts (the
// bytes, base64), so neither a start nor an install needs a WebAssembly toolchain. wabt is a dev dependency.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { KERNELS, kernelFile, kernelSource } from "./kernel-source.ts";

for (const kernel of KERNELS) {
  const bytes = await kernelSource(readFileSync(kernel.wat, "utf8"), basename(kernel.wat.pathname));
  writeFileSync(kernel.ts, kernelFile(bytes, kernel));
  console.log(`kernel: ${kernel.ts.pathname} written`);
}
