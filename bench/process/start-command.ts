// How `npm start` starts the reference server, read from package.json, so that the bench starts it the
// same way whatever the script says: plain `node --import tsx reference/main.ts`, or the compiled
// dist/reference/main.js with V8 flags and an environment. The compiled form is built (incrementally)
// before its first start, as `npm run build` would.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { buildServer, distDir, repositoryRoot } from "../../scripts/build-server.js";

export interface StartCommand {
  /** Node options before the script, e.g. ["--import", "tsx"]. */
  readonly nodeArgs: readonly string[];
  /** Absolute path of the entry point. */
  readonly script: string;
  /** Variables the script sets before `node` (`NAME=value node …`). */
  readonly env: Readonly<Record<string, string>>;
  /** Where the line came from, when it was read for a run. */
  readonly source?: string;
}

/** Node options that take the next word as their value when written without `=`. */
const optionsWithValue = new Set(["--import", "--require", "-r", "--loader", "--experimental-loader"]);

/** Parses `[NAME=value …] node [options …] <script>`; anything else is refused with the reason. */
export function parseStartScript(text: string): StartCommand {
  const words = text.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ""); i++) {
    const word = words[i] ?? "";
    env[word.slice(0, word.indexOf("="))] = word.slice(word.indexOf("=") + 1);
  }
  if (words[i] !== "node")
    throw new Error(`the start script must run node ("[NAME=value …] node [options] <script>"): ${text}`);
  const nodeArgs: string[] = [];
  for (i += 1; i < words.length; i++) {
    const word = words[i] ?? "";
    if (!word.startsWith("-")) break;
    nodeArgs.push(word);
    if (optionsWithValue.has(word) && i + 1 < words.length) nodeArgs.push(words[++i] ?? "");
  }
  const script = words[i];
  if (script === undefined || i !== words.length - 1)
    throw new Error(`the start script must end with the server's entry point and nothing after it: ${text}`);
  return { nodeArgs, script: isAbsolute(script) ? script : join(repositoryRoot, script), env };
}

let prepared: StartCommand | undefined;

/**
 * The reference server's start command from package.json (or SCIM_BENCH_START_SCRIPT), built first when
 * it runs compiled code.
 */
export function referenceStartCommand(): StartCommand {
  if (prepared !== undefined) return prepared;
  const pkg = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  // SCIM_BENCH_START_SCRIPT measures a start line before package.json adopts it (same syntax).
  const override = process.env.SCIM_BENCH_START_SCRIPT || undefined;
  const start = override ?? pkg.scripts?.start;
  if (start === undefined) throw new Error("package.json has no start script");
  const command = {
    ...parseStartScript(start),
    source: override === undefined ? "package.json's start script" : "SCIM_BENCH_START_SCRIPT",
  };
  if (command.script.startsWith(`${distDir}/`) || command.script.startsWith(`${distDir}\\`)) buildServer();
  prepared = command;
  return command;
}

/** The start command as a reader would type it, for the notes of the figures that depend on it. */
export function describeStartCommand(command: StartCommand = referenceStartCommand()): string {
  const env = Object.entries(command.env).map(([k, v]) => `${k}=${v} `);
  const script = command.script.startsWith(repositoryRoot)
    ? command.script.slice(repositoryRoot.length)
    : command.script;
  const line = `${env.join("")}node ${[...command.nodeArgs, script].join(" ")}`;
  return command.source === undefined ? line : `\`${line}\` (${command.source})`;
}
