import { runValidate } from "./validate.ts";

// Minimal dispatcher so `npm run cli -- validate` works; the full CLI replaces this file.
const [command, ...rest] = process.argv.slice(2);
const io = {
  out: (s: string) => process.stdout.write(s + "\n"),
  err: (s: string) => process.stderr.write(s + "\n"),
};
if (command === "validate") {
  process.exit(await runValidate(rest, io));
} else {
  io.err(`unknown command '${command ?? ""}': try 'validate'`);
  process.exit(2);
}
