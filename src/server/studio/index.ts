export { createStudio, type StudioDeps } from "./studio.ts";
