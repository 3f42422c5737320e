// `npm run kernel`: compiles src/matching/row-scan-kernel.wat into row-scan-kernel.ts (the bytes, base64),
// so neither a start nor an install needs a WebAssembly toolchain. wabt is a dev dependency.
import { readFileSync, writeFileSync } from "node:fs";
import { kernelFile, kernelSource } from "./kernel-source.ts";

const wat = new URL("../src/matching/row-scan-kernel.wat", import.meta.url);
const ts = new URL("../src/matching/row-scan-kernel.ts", import.meta.url);
writeFileSync(ts, kernelFile(await kernelSource(readFileSync(wat, "utf8"))));
console.log(`kernel: ${ts.pathname} written`);
