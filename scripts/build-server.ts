// Compiles the reference server to dist/ (git-ignored) so that it can run on plain `node`: under
// `node --import tsx`, Node 20 runs tsx's module hooks in a separate loader thread with its own V8 isolate,
// which measured 35-50 MB of resident memory for nothing once the modules are loaded (issue #8; the
// server's RSS target is 300 MB at a million users). dist/ mirrors the repository (dist/reference/...), and
// dist/spec and dist/fixtures link to the real folders, because the server finds its schemas and demo
// connections relative to its own files (import.meta.url). `npm run build` runs this; `npm start` builds
// first (prestart), so the compiled server is never older than the sources.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, rmSync, statSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../", import.meta.url));
export const distDir = join(repositoryRoot, "dist");
/** The compiled entry point, what `npm start` would run after `npm run build`. */
export const compiledMain = join(distDir, "reference", "main.js");

/** Folders the server reads at run time relative to its own files. */
const assetFolders = ["spec", "fixtures"] as const;

/** Emits dist/ with tsc (incremental: a second build with nothing changed takes a second) and links the assets. */
export function buildServer(): string {
  // One build at a time: test files that start the server as npm start does run in parallel, and two
  // tsc runs writing one dist/ (or two processes creating one link) would trip over each other.
  const release = takeBuildLock();
  try {
    return buildUnlocked();
  } finally {
    release();
  }
}

const lockDir = join(repositoryRoot, ".build-lock");
/** A lock older than this was left by a build that died; builds take seconds. */
const staleLockMs = 10 * 60_000;

function takeBuildLock(): () => void {
  const deadline = Date.now() + staleLockMs;
  for (;;) {
    try {
      mkdirSync(lockDir);
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleLockMs || Date.now() > deadline) rmSync(lockDir, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200); // a synchronous pause
    }
  }
}

function buildUnlocked(): string {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const project = join(repositoryRoot, "tsconfig.build.json");
  const result = spawnSync(process.execPath, [tsc, "-p", project], { encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(`building the server failed (tsc -p ${project}):\n${result.stdout}${result.stderr}`);
  mkdirSync(distDir, { recursive: true });
  for (const folder of assetFolders) {
    const link = join(distDir, folder);
    if (existsSync(link) || isDanglingLink(link)) continue;
    // Relative, so the checkout can move; Windows gets a junction, which needs no privilege but an
    // absolute target.
    if (process.platform === "win32") symlinkSync(join(repositoryRoot, folder), link, "junction");
    else symlinkSync(join("..", folder), link);
  }
  return compiledMain;
}

function isDanglingLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const started = performance.now();
  const main = buildServer();
  process.stdout.write(`built ${main} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
