// Entry of a sweep worker thread: workers do not inherit the parent's TypeScript loader, so this
// plain-JS file registers tsx in the worker and then loads the TypeScript worker module.
import { register } from "tsx/esm/api";

register();
await import("./sweep-worker.ts");
