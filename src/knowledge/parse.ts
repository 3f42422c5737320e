import { createHash } from "node:crypto";
import type { ZodType, ZodTypeDef } from "zod";
import { lintAnswer } from "./answer-lint.ts";
import { checkCopy } from "./check-copy.ts";
import { checkAgainstArticles } from "./check-sources.ts";
import { checkTopic, isKebabCase, topicIdFromPath } from "./check-topic.ts";
import { lintConflicts } from "./conflict-lint.ts";
import { EXAMPLES_PATH, examplesFrom } from "./examples.ts";
import { checkMarkup } from "./markup.ts";
import { normalizedWords } from "./quote-match.ts";
import { checkAgainstRecord, QUOTE_RECORD_FILE, QUOTE_RECORD_PATH } from "./quote-record.ts";
import {
  CALIBRATION_FILE,
  CONVERSATION_FILE,
  OFF_TOPIC_FILE,
  PACK_FILE,
  type PackFile,
  SOURCES_FILE,
  type SourcesFile,
  TOPIC_FILE,
  type TopicFile,
  VOCABULARY_FILE,
} from "./schema.ts";
import { DEFAULT_CHECKS, toConversation, toPack, toSources, toTopic, toVocabulary } from "./to-model.ts";
import type { KnowledgeIssue, LoadResult } from "./types.ts";
import { YamlFile } from "./yaml-file.ts";

export interface KnowledgeFile {
  /** Relative to the knowledge folder: "sources.yaml", "topics/pain.yaml". */
  path: string;
  text: string;
}

export interface ParseOptions {
  /**
   * Article texts by file name: titles and quotes are checked against them. Without them they are
   * checked against the pack's verified-quote record, and a pack it does not vouch for is refused.
   */
  articles?: ReadonlyMap<string, string>;
  /** Where the articles were looked for, for messages when they could not be read. */
  articlesDir?: string;
  /** Topic ids that must exist, instead of the manifest's `required_topics`. */
  requiredTopics?: readonly string[];
}

export const PACK_PATH = "pack.yaml";
export const CALIBRATION_PATH = "calibration.yaml";
export const OFF_TOPIC_PATH = "off-topic.yaml";
export const SOURCES_PATH = "sources.yaml";
export const VOCABULARY_PATH = "vocabulary.yaml";
export const CONVERSATION_PATH = "conversation.yaml";
const TOPIC_PATH = /^topics\/[^/]+\.ya?ml$/;

/** Validates knowledge files given as text and builds the knowledge base; never throws on bad content. */
export function parseKnowledge(files: ReadonlyArray<KnowledgeFile>, options: ParseOptions = {}): LoadResult {
  const issues: KnowledgeIssue[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));

  const decodeRequired = <T>(path: string, schema: ZodType<T, ZodTypeDef, unknown>) => {
    const entry = byPath.get(path);
    if (!entry) {
      issues.push(missingFile(path));
      return undefined;
    }
    return decode(new YamlFile(path, entry.text), schema, issues);
  };

  const manifest = decodeRequired(PACK_PATH, PACK_FILE);
  const citations = manifest?.value.citations ?? "articles";
  const checks = manifest ? toPack(manifest.value).checks : DEFAULT_CHECKS;
  // A pack in the clinic's own words has no articles, so no sources.yaml to require.
  const sources =
    citations === "own-words" && !byPath.has(SOURCES_PATH)
      ? { file: new YamlFile(SOURCES_PATH, "sources: []\n"), value: { sources: [] } }
      : decodeRequired(SOURCES_PATH, SOURCES_FILE);
  const vocabulary = decodeRequired(VOCABULARY_PATH, VOCABULARY_FILE);
  const conversation = decodeRequired(CONVERSATION_PATH, CONVERSATION_FILE);
  const decodeOptional = <T>(path: string, schema: ZodType<T, ZodTypeDef, unknown>) => {
    const entry = byPath.get(path);
    return entry ? decode(new YamlFile(path, entry.text), schema, issues) : undefined;
  };
  const calibration = decodeOptional(CALIBRATION_PATH, CALIBRATION_FILE);
  const offTopic = decodeOptional(OFF_TOPIC_PATH, OFF_TOPIC_FILE);

  const sourceIds = new Set<string>();
  if (sources) {
    sources.value.sources.forEach((source, i) => {
      if (!isKebabCase(source.id)) {
        issues.push(
          sources.file.issue(
            "id-not-kebab-case",
            ["sources", i, "id"],
            `source id '${source.id}' is not kebab-case: use lower-case words joined by '-'`,
          ),
        );
      }
      if (sourceIds.has(source.id)) {
        issues.push(
          sources.file.issue(
            "duplicate-source-id",
            ["sources", i, "id"],
            `source id '${source.id}' is used twice: give each article its own id`,
          ),
        );
      }
      sourceIds.add(source.id);
    });
  }

  const topics: Array<{ file: YamlFile; topic: TopicFile }> = [];
  const topicFiles = files
    .filter((file) => TOPIC_PATH.test(file.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const entry of topicFiles) {
    const decoded = decode(new YamlFile(entry.path, entry.text), TOPIC_FILE, issues);
    if (!decoded) continue;
    topics.push({ file: decoded.file, topic: decoded.value });
    // Without a readable sources.yaml every source id would look unknown: skip that check then.
    issues.push(
      ...checkTopic(decoded.file, decoded.value, sources ? sourceIds : new AnyIdSet(), { checks, citations }),
    );
  }

  const known = knownTopicIds(
    topics,
    topicFiles.map((file) => file.path),
  );
  issues.push(...checkAcrossTopics(topics, known));
  if (manifest) {
    issues.push(...checkManifest(manifest.file, manifest.value, known, options.requiredTopics));
    issues.push(...checkCopy(manifest.file, manifest.value));
  }
  if (sources) issues.push(...checkQuotes(byPath, sources, topics, options));
  for (const { file, topic } of topics) issues.push(...lintConflicts(topic, file));
  // A pack in the clinic's own words has no claims to hold its answers to.
  if (citations === "articles") {
    const sourceCount = sources?.value.sources.length ?? 0;
    for (const { file, topic } of topics) issues.push(...lintAnswer(topic, file, sourceCount));
  }

  // Shown to people as written: ids, phrasings, word lists and file names are not.
  const notShown = new Set([
    "id",
    "phrasings",
    "related",
    "source",
    "sources",
    "file",
    "red_flags",
    "symptoms",
    "severity",
    "after_effects",
    "names",
  ]);
  for (const { file, topic } of topics) issues.push(...checkMarkup(file, topic, [], notShown));
  if (conversation) issues.push(...checkMarkup(conversation.file, conversation.value, [], notShown));
  if (manifest) {
    issues.push(...checkMarkup(manifest.file, manifest.value.copy, ["copy"], notShown));
    issues.push(...checkMarkup(manifest.file, manifest.value.demo_contact, ["demo_contact"], notShown));
  }

  const labelled = byPath.get(EXAMPLES_PATH);
  const learned = labelled
    ? examplesFrom(labelled.text, new Set(topics.map(({ topic }) => topic.id)))
    : { examples: [], conversations: [], transitions: new Map<string, number[]>(), issues: [] };
  issues.push(...learned.issues);

  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0 || !manifest || !sources || !vocabulary || !conversation)
    return { ok: false, issues };

  const topicList = topics.map(({ file, topic }) => toTopic(topic, file.path, checks));
  // A fitted follow-up count about a topic since renamed or removed never acts: say so, and how to refit.
  const topicIds = new Set(topics.map(({ topic }) => topic.id));
  calibration?.value.followUps?.forEach((entry, i) => {
    for (const key of ["after", "asked"] as const)
      if (!topicIds.has(entry[key]))
        issues.push(
          calibration.file.issue(
            "follow-up-unknown-topic",
            ["followUps", i, key],
            `'${entry[key]}' is not a topic of this pack, so this follow-up count never acts: refit with \`cli fit --follow-ups-only\``,
            "warning",
          ),
        );
  });
  return {
    ok: true,
    warnings: issues,
    kb: {
      pack: toPack(manifest.value),
      ...(calibration ? { calibration: structuredClone(calibration.value) } : {}),
      offTopic: (offTopic?.value.examples ?? []).map((e) => e.trim()).filter(Boolean),
      examples: learned.examples,
      ...(learned.conversations.length ? { devConversations: new Set(learned.conversations) } : {}),
      ...(learned.transitions.size ? { transitions: learned.transitions } : {}),
      sources: toSources(sources.value),
      topics: topicList,
      topicById: new Map(topicList.map((topic) => [topic.id, topic])),
      vocabulary: toVocabulary(vocabulary.value),
      conversation: toConversation(conversation.value),
      version: contentHash(files),
    },
  };
}

/** Every title and quote the pack shows, checked against the articles, or else against the record. */
function checkQuotes(
  byPath: ReadonlyMap<string, KnowledgeFile>,
  sources: { file: YamlFile; value: SourcesFile },
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  options: ParseOptions,
): KnowledgeIssue[] {
  const list = sources.value.sources;
  if (options.articles) return checkAgainstArticles(sources.file, list, topics, options.articles);
  const recordText = byPath.get(QUOTE_RECORD_PATH)?.text;
  const recordFile = recordText === undefined ? undefined : new YamlFile(QUOTE_RECORD_PATH, recordText);
  const issues: KnowledgeIssue[] = [];
  const record = recordFile && decode(recordFile, QUOTE_RECORD_FILE, issues);
  if (recordFile && !record) return issues;
  return checkAgainstRecord(record, sources.file, list, topics, options.articlesDir);
}

/** Short sha256 over every file's path and text, in path order: changes whenever any file changes. */
export function contentHash(files: ReadonlyArray<KnowledgeFile>): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(file.path).update("\0").update(file.text).update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}

function decode<T>(
  file: YamlFile,
  schema: ZodType<T, ZodTypeDef, unknown>,
  issues: KnowledgeIssue[],
): { file: YamlFile; value: T } | undefined {
  const syntax = file.syntaxIssues();
  if (syntax.length > 0) {
    issues.push(...syntax);
    return undefined;
  }
  const result = file.decode(schema);
  if (!result.ok) {
    issues.push(...result.issues);
    return undefined;
  }
  return { file, value: result.value };
}

function missingFile(path: string): KnowledgeIssue {
  return {
    severity: "error",
    code: "missing-file",
    file: path,
    line: 1,
    column: 1,
    message: `${path} is missing: every knowledge pack needs it (see knowledge/README.md)`,
  };
}

/** Accepts every id: stands in for the source ids when sources.yaml itself is broken. */
class AnyIdSet extends Set<string> {
  override has(): boolean {
    return true;
  }
}

/** Ids of every topic file, parsed or not: a topic that failed to parse is still not "missing". */
function knownTopicIds(
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  topicPaths: readonly string[],
): Set<string> {
  return new Set([...topics.map(({ topic }) => topic.id), ...topicPaths.map(topicIdFromPath)]);
}

/** The manifest's references: required, starter, comparison and symptom topics exist; subjects are well formed. */
function checkManifest(
  file: YamlFile,
  pack: PackFile,
  known: ReadonlySet<string>,
  requiredOverride: readonly string[] | undefined,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const lists = ["starter_topics", "comparison_topics", "symptom_topics"] as const;
  for (const list of lists) {
    (pack[list] ?? []).forEach((id, i) => {
      if (!known.has(id)) {
        issues.push(
          file.issue(
            "unknown-topic",
            [list, i],
            `${list} names topic '${id}', which does not exist: use the id of a file in topics/`,
          ),
        );
      }
    });
  }
  const required = requiredOverride ?? pack.required_topics ?? [];
  required.forEach((id, i) => {
    if (known.has(id)) return;
    const at = requiredOverride ? { line: 1, column: 1 } : file.locate(["required_topics", i]);
    issues.push({
      severity: "error",
      code: "missing-required-topic",
      file: `topics/${id}.yaml`,
      line: 1,
      column: 1,
      message: `required topic '${id}' is missing (${PACK_PATH}:${at.line}:${at.column} requires it): create topics/${id}.yaml`,
    });
  });
  const subjectIds = new Set<string>();
  const names = new Map<string, string>();
  pack.subjects.forEach((subject, i) => {
    if (!isKebabCase(subject.id)) {
      issues.push(
        file.issue(
          "id-not-kebab-case",
          ["subjects", i, "id"],
          `subject id '${subject.id}' is not kebab-case: use lower-case words joined by '-'`,
        ),
      );
    }
    if (subjectIds.has(subject.id)) {
      issues.push(
        file.issue("duplicate-subject", ["subjects", i, "id"], `subject '${subject.id}' is listed twice`),
      );
    }
    subjectIds.add(subject.id);
    if (subject.names.length === 0) {
      issues.push(
        file.issue(
          "subject-without-names",
          ["subjects", i, "names"],
          `subject '${subject.id}' has no names: list the words people use for it`,
        ),
      );
    }
    subject.names.forEach((name, n) => {
      const key = normalizedWords(name).join(" ");
      const other = names.get(key);
      if (other && other !== subject.id) {
        issues.push(
          file.issue(
            "ambiguous-subject-name",
            ["subjects", i, "names", n],
            `'${name}' names both '${other}' and '${subject.id}': give it to one subject only`,
          ),
        );
      }
      names.set(key, subject.id);
    });
  });
  return issues;
}

function checkAcrossTopics(
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  known: ReadonlySet<string>,
): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const firstById = new Map<string, YamlFile>();
  for (const { file, topic } of topics) {
    const first = firstById.get(topic.id);
    if (first) {
      const at = first.locate(["id"]);
      issues.push(
        file.issue(
          "duplicate-topic-id",
          ["id"],
          `duplicate topic id '${topic.id}': also defined at ${first.path}:${at.line}:${at.column}; give each topic its own id`,
        ),
      );
    } else {
      firstById.set(topic.id, file);
    }
  }

  for (const { file, topic } of topics) {
    (topic.related ?? []).forEach((id, i) => {
      if (!known.has(id)) {
        issues.push(
          file.issue(
            "unknown-related-topic",
            ["related", i],
            `related topic '${id}' does not exist: use the id of a file in topics/`,
          ),
        );
      }
    });
  }
  issues.push(...duplicatePhrasings(topics));
  return issues;
}

function duplicatePhrasings(topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const seen = new Map<string, { file: YamlFile; index: number; topic: string }>();
  for (const { file, topic } of topics) {
    (topic.phrasings ?? []).forEach((phrasing, index) => {
      const key = normalizedWords(phrasing).join(" ");
      if (key === "") return;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { file, index, topic: topic.id });
        return;
      }
      const at = first.file.locate(["phrasings", first.index]);
      const where = first.topic === topic.id ? "this topic" : `topic '${first.topic}'`;
      issues.push(
        file.issue(
          "duplicate-phrasing",
          ["phrasings", index],
          `phrasing "${phrasing}" repeats one in ${where} (${first.file.path}:${at.line}:${at.column}): remove it or reword it`,
          "warning",
        ),
      );
    });
  }
  return issues;
}
