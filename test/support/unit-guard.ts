import childProcess from "node:child_process";
import { syncBuiltinESMExports } from "node:module";
import { Server } from "node:net";

// The unit project's setup file: a unit test starts no server and no process, so it stays fast and
// cannot leave anything running. Doing either fails at once, saying where the test belongs.
const MOVE =
  "so it is not a unit test: name the file *.integration.test.ts (servers, processes, Redis) or " +
  "*.browser.test.ts (Chromium); test/README.md says which";

function refuse(what: string): never {
  throw new Error(`This unit test ${what}, ${MOVE}.`);
}

Server.prototype.listen = function listen(): never {
  refuse("opens a server (listen)");
};

const spawning = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;
for (const name of spawning) {
  Object.defineProperty(childProcess, name, {
    value: () => refuse(`starts a child process (child_process.${name})`),
    configurable: true,
    writable: true,
  });
}
syncBuiltinESMExports(); // so `import { spawn } from "node:child_process"` sees the guard too
