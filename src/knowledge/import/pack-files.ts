import { Document, parseDocument, visit } from "yaml";
import type { KnowledgeFile } from "../parse.ts";
import { shortFrom } from "../to-model.ts";
import { fillSlots, type PackTemplate } from "./template.ts";
import type { TopicIds } from "./topic-ids.ts";
import type { ImportedEntry, ImportedSet, LabelledQuery } from "./types.ts";

export const IMPORT_DEFAULTS = Object.freeze({
  /** Topics suggested where a conversation has nothing better: the first few of the file. */
  starterTopics: 5,
  /** Example questions and widget starters in the channel copy. */
  examples: 3,
  /** Cards on the demo page, each a question and the start of its answer. */
  cards: 3,
  cardChars: 160,
  lineWidth: 100,
});

const FORMAT_NAMES: Record<ImportedSet["format"], string> = {
  "qna-tsv": "QnA Maker TSV export",
  csv: "question,answer CSV",
  json: "JSON entries",
};

export interface PackFileOptions {
  /** The pack's name, filled into its copy. */
  name: string;
  /** The folder the pack is written to, as the user named it (for the pack's README). */
  dir: string;
}

/**
 * An imported set → the files of a complete pack: manifest and conversation copy from the
 * language's template with the name filled in, one topic per entry, the dev split as dev.jsonl
 * and out-of-scope examples as off-topic.yaml. The test split is never written.
 */
export function packFiles(
  set: ImportedSet,
  topicIds: TopicIds,
  template: PackTemplate,
  options: PackFileOptions,
): KnowledgeFile[] {
  const slots = { name: options.name };
  const { ids } = topicIds;
  const files: KnowledgeFile[] = [
    { path: "pack.yaml", text: manifest(set, ids, template.pack, slots) },
    { path: "conversation.yaml", text: filledYaml(template.conversation, slots).toString() },
    { path: "vocabulary.yaml", text: filledYaml(template.vocabulary, slots).toString() },
  ];
  set.entries.forEach((entry, i) => {
    files.push({ path: `topics/${ids[i]}.yaml`, text: topicText(entry, ids[i]!, set, topicIds) });
  });
  if (set.dev.length) {
    const lines = set.dev.map((query, i) =>
      JSON.stringify({
        id: `dev-${i + 1}`,
        turns: [query.q],
        expect: [expectLabel(query, topicIds.byGivenId)],
      }),
    );
    files.push({ path: "dev.jsonl", text: `${lines.join("\n")}\n` });
  }
  if (set.offTopic.length) {
    const doc = new Document({ examples: set.offTopic });
    doc.commentBefore = " Questions this FAQ does not answer, labelled as such: what the bot should decline.";
    files.push({ path: "off-topic.yaml", text: doc.toString({ lineWidth: IMPORT_DEFAULTS.lineWidth }) });
  }
  files.push({ path: "README.md", text: readme(set, template.readme, options) });
  return files;
}

/** The label `cli eval` and `cli fit` read: a topic id, "a|b" when several are right, or "fallback". */
export function expectLabel(query: LabelledQuery, byGivenId: ReadonlyMap<string, string>): string {
  const right = query.accept?.length ? query.accept : query.expect === null ? [] : [query.expect];
  const labels = [...new Set(right.map((id) => byGivenId.get(id)).filter((id) => id !== undefined))];
  return labels.length ? labels.join("|") : "fallback";
}

function filledYaml(text: string, slots: Record<string, string>): Document {
  const doc = parseDocument(text);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string") node.value = fillSlots(node.value, slots);
    },
  });
  return doc;
}

function manifest(set: ImportedSet, ids: readonly string[], template: string, slots: Record<string, string>) {
  const doc = filledYaml(template, slots);
  const first = set.entries.slice(0, IMPORT_DEFAULTS.examples);
  const questions = first.map((entry) => entry.questions[0]!.text);
  const put = (path: string[], value: unknown) => doc.setIn(path, doc.createNode(value));
  put(["starter_topics"], ids.slice(0, IMPORT_DEFAULTS.starterTopics));
  put(["copy", "examples"], questions);
  put(["copy", "widget", "starters"], questions);
  put(
    ["copy", "demo_page", "cards"],
    set.entries.slice(0, IMPORT_DEFAULTS.cards).map((entry) => ({
      title: entry.questions[0]!.text,
      text: shortFrom(entry.answer, IMPORT_DEFAULTS.cardChars),
    })),
  );
  return doc.toString({ lineWidth: IMPORT_DEFAULTS.lineWidth });
}

function topicText(entry: ImportedEntry, id: string, set: ImportedSet, topicIds: TopicIds): string {
  const [first, ...rest] = entry.questions;
  const related = entry.related.map((given) => topicIds.byGivenId.get(given)!).filter((r) => r !== id);
  const doc = new Document({
    id,
    question: first!.text,
    ...(rest.length ? { phrasings: rest.map((q) => q.text) } : {}),
    answer: entry.answer,
    ...(related.length ? { related } : {}),
  });
  const origin = entry.givenId !== undefined && entry.givenId !== id ? ` (id '${entry.givenId}' there)` : "";
  const lines = [`Imported from ${set.file}, line ${entry.at.line}${origin}.`, ...entry.notes];
  doc.commentBefore = lines.map((line) => ` ${line.replace(/\s+/g, " ")}`).join("\n");
  return doc.toString({ lineWidth: IMPORT_DEFAULTS.lineWidth });
}

function readme(set: ImportedSet, template: string, options: PackFileOptions): string {
  const questions = set.entries.reduce((n, entry) => n + entry.questions.length, 0);
  const extras: string[] = [];
  if (set.dev.length)
    extras.push(
      `- \`dev.jsonl\`: ${set.dev.length} labelled queries to fit the pack on (\`npm run --silent cli -- fit ${options.dir}\`).`,
    );
  if (set.offTopic.length)
    extras.push(`- \`off-topic.yaml\`: ${set.offTopic.length} queries this FAQ does not answer.`);
  if (set.test.length)
    extras.push(
      `- The file's ${set.test.length} test queries are not here: they are kept for evaluation only (\`npm run eval:public\`).`,
    );
  return fillSlots(template, {
    name: options.name,
    file: set.file,
    format: FORMAT_NAMES[set.format],
    topics: String(set.entries.length),
    questions: String(questions),
    attribution: set.attribution.length ? `\n${set.attribution.map((line) => `- ${line}`).join("\n")}\n` : "",
    dir: options.dir,
    extras: extras.join("\n"),
  }).replace(/\n{3,}/g, "\n\n");
}
