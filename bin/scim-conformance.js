#!/usr/bin/env node
// The published entry point is plain JavaScript so that `npx scim-conformance` works without a build
// step: it registers tsx's loader and hands over to the TypeScript command line.
import { register } from "tsx/esm/api";

register();
await import("./cli.ts");
