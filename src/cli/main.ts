import type { CliIo } from "./bootstrap.ts";
import { styleFor } from "./render-terminal.ts";

const USAGE = `usage: npm run --silent cli -- <command>
  ask [--json] [--explain] "question"   one answer (--explain shows how it was chosen)
  chat                                   a conversation in the terminal
  replay                                 JSON lines {"id","turns"} on stdin → {"id","replies"} on stdout
  eval FILE… [--pack DIR] [--verbose]    accuracy on a labelled set, by category, with every miss
  fit [PACK] [--dev FILE] [--dry-run]    fit the pack's calibration (dev set, or folds) into calibration.yaml
  validate [--sources DIR] [--dir DIR]   check the knowledge base
  import FILE --out DIR [--format qna-tsv|csv|json] [--name NAME] [--force]
                                         make a knowledge pack from a QnA Maker TSV, CSV or JSON FAQ
  unanswered [--since 7d] [--log FILE] [--feedback FILE] [--json]
                                         grouped unanswered questions and unhelpful answers`;

const io: CliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  columns: () => (process.stdout.isTTY ? process.stdout.columns : undefined),
};

// `cli eval … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

const [command, ...rest] = process.argv.slice(2);
// Each command loads only its own modules: `validate` never builds the matching index or loads a channel.
const commands: Record<string, () => Promise<number>> = {
  ask: async () => (await import("./ask.ts")).runAsk(rest, io, styleFor(process.stdout)),
  chat: async () => (await import("./chat.ts")).runChat(io, styleFor(process.stdout)),
  replay: async () => (await import("./replay.ts")).runReplay(process.stdin, io),
  eval: async () => (await import("./eval.ts")).runEval(rest, io),
  fit: async () => (await import("./fit.ts")).runFit(rest, io),
  validate: async () => (await import("./validate.ts")).runValidate(rest, io),
  import: async () => (await import("./import.ts")).runImport(rest, io),
  unanswered: async () => (await import("./unanswered.ts")).runUnanswered(rest, io),
};
const run = command ? commands[command] : undefined;
if (!run) {
  io.err(command ? `unknown command '${command}'\n${USAGE}` : USAGE);
  process.exitCode = 2;
} else {
  process.exitCode = await run();
}
