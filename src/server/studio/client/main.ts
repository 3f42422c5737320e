/// <reference lib="dom.iterable" />
import { enhanceIntake } from "./intake.ts";
import { enhanceTopicForm } from "./topic-editor.ts";
import { enhanceTry, previewElement } from "./try.ts";

// One small script for every studio page: each part enhances the elements it finds.
function start(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("[data-topic-form]")) enhanceTopicForm(form);
  for (const root of document.querySelectorAll<HTMLElement>("[data-try]")) enhanceTry(root);
  for (const form of document.querySelectorAll<HTMLFormElement>("[data-intake-form]")) enhanceIntake(form);
  for (const form of document.querySelectorAll<HTMLFormElement>("[data-group-form]")) {
    form.querySelector("[data-preview]")?.addEventListener("click", async () => {
      const out = form.querySelector<HTMLElement>("[data-preview-result]")!;
      const texts = [...form.querySelectorAll<HTMLInputElement>('input[name="text"]:checked')].map(
        (i) => i.value,
      );
      out.replaceChildren(await previewElement(form.querySelector("select")!.value, texts));
    });
  }
  const filter = document.querySelector<HTMLInputElement>("[data-filter]");
  if (filter) {
    const rows = document.querySelectorAll<HTMLElement>(`#${filter.dataset.filter} tbody tr`);
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLowerCase();
      for (const row of rows) row.hidden = q !== "" && !(row.dataset.search ?? "").includes(q);
    });
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
