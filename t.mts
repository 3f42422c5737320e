import { shippedEngine } from "/work/main/test/support/shipped.ts";
const e = shippedEngine();
for (const t of ["Woke up this morning and the skin around my eye has puffed up so much I can barely open it."]) {
  const r = e.explain({ text: t, context: null });
  console.log(r.reply.kind, "|", r.trace.decidedBy.slice(0, 90));
}
