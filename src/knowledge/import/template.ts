import { readFileSync } from "node:fs";

/** The files a new pack starts from: the language's copy, with `{{name}}`-style slots. */
export interface PackTemplate {
  pack: string;
  conversation: string;
  vocabulary: string;
  readme: string;
}

/** The template of `language` (only "en" so far), from src/lang/<language>/pack-template/. */
export function readPackTemplate(language = "en"): PackTemplate {
  const dir = new URL(`../../lang/${language}/pack-template/`, import.meta.url);
  const read = (name: string) => readFileSync(new URL(name, dir), "utf8");
  return {
    pack: read("pack.yaml"),
    conversation: read("conversation.yaml"),
    vocabulary: read("vocabulary.yaml"),
    readme: read("README.md"),
  };
}

/** "Hi {{name}}" with { name: "Acme" } → "Hi Acme"; an unknown slot is left as it is. */
export function fillSlots(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}
