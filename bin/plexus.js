#!/usr/bin/env node
// The `plexus` command. It runs the TypeScript sources directly through tsx, so a user can call
// `npx plexus ...` right after `npm ci` with no build step.
import { register } from "tsx/esm/api";

register();
await import("../node/cli/main.ts");
