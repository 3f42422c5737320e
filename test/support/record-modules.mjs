// NODE_OPTIONS="--import=…/record-modules.mjs" with FAQ_BOT_MODULE_LOG=FILE: the URL of every module the
// process imports is appended to FILE, one a line (test/support/loaded-modules.ts reads it).
import { register } from "node:module";

const log = process.env.FAQ_BOT_MODULE_LOG;
if (log) {
  const hooks = `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + "\\n");
  return resolved;
}`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
}
