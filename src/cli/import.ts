import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  formatFromPath,
  IMPORT_FORMATS,
  type ImportFormat,
  importPack,
  readPackTemplate,
  writePackFolder,
} from "../knowledge/import/index.ts";
import type { CliIo } from "./bootstrap.ts";
import { formatIssue } from "./validate.ts";

const USAGE = `usage: import FILE --out DIR [--format ${IMPORT_FORMATS.join("|")}] [--name NAME] [--force]`;

/**
 * `import FILE --out DIR`: a QnA Maker TSV export, a question,answer CSV or a JSON entries file →
 * a knowledge pack that loads. Every problem in FILE is listed as `file:line:column`, and then
 * nothing is written. 0 done, 1 bad input, 2 bad arguments.
 */
export async function runImport(argv: string[], io: CliIo): Promise<number> {
  let values: { out?: string; format?: string; name?: string; force?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: {
        out: { type: "string" },
        format: { type: "string" },
        name: { type: "string" },
        force: { type: "boolean" },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    io.err(`import: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length || !values.out) {
    io.err(
      `import: ${!file ? "name the file to import" : extra.length ? `one file at a time (also got ${extra.join(", ")})` : "name the pack's folder with --out DIR"}\n${USAGE}`,
    );
    return 2;
  }
  const format = (values.format ?? formatFromPath(file)) as ImportFormat | undefined;
  if (!format || !IMPORT_FORMATS.includes(format)) {
    io.err(
      values.format
        ? `import: unknown --format '${values.format}': use ${IMPORT_FORMATS.join(", ")}`
        : `import: cannot tell the format of ${file} from its extension: add --format ${IMPORT_FORMATS.join(", ")}`,
    );
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    io.err(`import: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }

  const result = importPack(text, file, {
    format,
    dir: values.out,
    template: readPackTemplate(),
    ...(values.name !== undefined ? { name: values.name } : {}),
  });
  if (!result.ok) {
    for (const issue of result.issues) io.err(formatIssue(issue));
    io.err(
      `import: ${result.issues.length} problem${result.issues.length === 1 ? "" : "s"} in ${file}; nothing was written`,
    );
    return 1;
  }
  const written = writePackFolder(values.out, result.files, { force: values.force === true });
  if (!written.ok) {
    io.err(`import: ${written.message}`);
    return 1;
  }
  const { set, kb, warnings } = result;
  const questions = set.entries.reduce((n, entry) => n + entry.questions.length, 0);
  io.out(
    `imported ${file} → ${values.out}: ${kb.topics.length} topics from ${questions} questions ("${kb.pack.name}")`,
  );
  if (set.dev.length) io.out(`  dev.jsonl: ${set.dev.length} labelled queries to fit on`);
  if (set.offTopic.length) io.out(`  off-topic.yaml: ${set.offTopic.length} out-of-scope examples`);
  if (set.test.length)
    io.out(`  test split (${set.test.length} queries) left out of the pack: it is for evaluation only`);
  io.out(
    `the pack loads: 0 errors, ${warnings.length} warning${warnings.length === 1 ? "" : "s"}` +
      (warnings.length ? ` (list them: npm run --silent cli -- validate --dir ${values.out})` : ""),
  );
  io.out(`try it: KNOWLEDGE_DIR=${values.out} npm start`);
  return 0;
}
