/** What every WebAssembly kernel exports besides its functions: its own memory. */
export interface KernelMemory {
  memory: WebAssembly.Memory;
}

/** Each kernel compiled once: every user gets an instance of its own, with its own memory. */
const compiled = new Map<string, WebAssembly.Module>();

/** A fresh instance of the kernel whose bytes are `base64` (as `npm run kernel` writes them). */
export function instantiateKernel<T>(base64: string): T & KernelMemory {
  let module = compiled.get(base64);
  if (!module) {
    module = new WebAssembly.Module(Buffer.from(base64, "base64"));
    compiled.set(base64, module);
  }
  return new WebAssembly.Instance(module).exports as unknown as T & KernelMemory;
}

/** Grows `memory` to hold at least `bytes`: true when it grew (and every view of it must be renewed). */
export function ensureBytes(memory: WebAssembly.Memory, bytes: number, atLeastPages = 1): boolean {
  const short = bytes - memory.buffer.byteLength;
  if (short <= 0) return false;
  memory.grow(Math.max(atLeastPages, Math.ceil(short / PAGE)));
  return true;
}

const PAGE = 65_536;
