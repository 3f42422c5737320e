import { createHash } from "node:crypto";
import type { ZodType, ZodTypeDef } from "zod";
import { checkAgainstArticles } from "./check-sources.ts";
import { checkTopic, isKebabCase, topicIdFromPath } from "./check-topic.ts";
import { lintConflicts } from "./conflict-lint.ts";
import { normalizedWords } from "./quote-match.ts";
import { CONVERSATION_FILE, SOURCES_FILE, TOPIC_FILE, type TopicFile, VOCABULARY_FILE } from "./schema.ts";
import { SPEC_TOPICS } from "./spec-topics.ts";
import { toConversation, toSources, toTopic, toVocabulary } from "./to-model.ts";
import type { KnowledgeIssue, LoadResult } from "./types.ts";
import { YamlFile } from "./yaml-file.ts";

export interface KnowledgeFile {
  /** Relative to the knowledge folder: "sources.yaml", "topics/pain.yaml". */
  path: string;
  text: string;
}

export interface ParseOptions {
  /** Article texts by file name; when given, titles and quotes are checked against them. */
  articles?: ReadonlyMap<string, string>;
  /** Topic ids that must exist; the 33 of the spec unless given. */
  requiredTopics?: ReadonlyArray<{ id: string; question: string }>;
}

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

  const sources = decodeRequired(SOURCES_PATH, SOURCES_FILE);
  const vocabulary = decodeRequired(VOCABULARY_PATH, VOCABULARY_FILE);
  const conversation = decodeRequired(CONVERSATION_PATH, CONVERSATION_FILE);

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
    issues.push(...checkTopic(decoded.file, decoded.value, sources ? sourceIds : new AnyIdSet()));
  }

  issues.push(
    ...checkAcrossTopics(
      topics,
      topicFiles.map((file) => file.path),
      options.requiredTopics ?? SPEC_TOPICS,
    ),
  );
  if (sources && options.articles) {
    issues.push(...checkAgainstArticles(sources.file, sources.value.sources, topics, options.articles));
  }
  for (const { file, topic } of topics) issues.push(...lintConflicts(topic, file));

  const errors = issues.filter((issue) => issue.severity === "error");
  if (errors.length > 0 || !sources || !vocabulary || !conversation) return { ok: false, issues };

  const topicList = topics.map(({ file, topic }) => toTopic(topic, file.path));
  return {
    ok: true,
    warnings: issues,
    kb: {
      sources: toSources(sources.value),
      topics: topicList,
      topicById: new Map(topicList.map((topic) => [topic.id, topic])),
      vocabulary: toVocabulary(vocabulary.value),
      conversation: toConversation(conversation.value),
      version: contentHash(files),
    },
  };
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
    message: `${path} is missing: every knowledge base needs it (see knowledge/README.md)`,
  };
}

/** Accepts every id: stands in for the source ids when sources.yaml itself is broken. */
class AnyIdSet extends Set<string> {
  override has(): boolean {
    return true;
  }
}

function checkAcrossTopics(
  topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>,
  topicPaths: readonly string[],
  required: ReadonlyArray<{ id: string; question: string }>,
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

  // A topic that failed to parse still exists: do not also call its id unknown or missing.
  const known = new Set([...firstById.keys(), ...topicPaths.map(topicIdFromPath)]);
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
  for (const { id, question } of required) {
    if (!known.has(id)) {
      issues.push({
        severity: "error",
        code: "missing-spec-topic",
        file: `topics/${id}.yaml`,
        line: 1,
        column: 1,
        message: `required topic '${id}' ("${question}") is missing: create topics/${id}.yaml`,
      });
    }
  }
  issues.push(...duplicatePhrasings(topics));
  return issues;
}

function duplicatePhrasings(topics: ReadonlyArray<{ file: YamlFile; topic: TopicFile }>): KnowledgeIssue[] {
  const issues: KnowledgeIssue[] = [];
  const seen = new Map<string, { file: YamlFile; index: number; topic: string }>();
  for (const { file, topic } of topics) {
    topic.phrasings.forEach((phrasing, index) => {
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
