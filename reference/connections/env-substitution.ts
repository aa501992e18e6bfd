// `${env:NAME}` and `${env:NAME:-default}` in a connections file are filled from the environment when the
// file is loaded, so secrets stay out of the file (fixtures/connections/demo.yaml takes the first demo
// connection's credentials from SCIM_BEARER_TOKEN and SCIM_BASIC_USER/SCIM_BASIC_PASSWORD this way).
// A value that is exactly one reference to an unset (or empty) variable without a default is left out, with
// its key, and an object or list item emptied that way goes too: an unset SCIM_BEARER_TOKEN removes that
// bearer token instead of configuring an empty one. A reference inside a longer string cannot be left out
// and is an issue. Other `${…}` (PingFederate's `uid=${userName}` filters) are not touched.
import { isJsonObject, type JsonValue } from "../protocol/resource/json.js";
import { type ConnectionIssue, connectionIssue, fieldPath } from "./connection-issue.js";

export type Environment = Readonly<Record<string, string | undefined>>;

const reference = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const whole = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}$/;

/** Marks a value that was left out. */
const omitted = Symbol("omitted");

function fillString(
  text: string,
  env: Environment,
  path: string,
  issues: ConnectionIssue[],
): string | typeof omitted {
  const single = whole.exec(text);
  if (single !== null) {
    const value = env[single[1] as string];
    if (value !== undefined && value !== "") return value;
    return single[2] ?? omitted;
  }
  return text.replace(reference, (match, name: string, fallback: string | undefined) => {
    const value = env[name];
    if (value !== undefined && value !== "") return value;
    if (fallback !== undefined) return fallback;
    issues.push(
      connectionIssue(
        path,
        "unset_variable",
        `The environment variable ${name} is not set, and ${match} is part of a longer value.`,
        `Set ${name}, or give a default: \${env:${name}:-value}.`,
      ),
    );
    return match;
  });
}

function fill(value: unknown, env: Environment, path: string, issues: ConnectionIssue[]): unknown {
  if (typeof value === "string") return fillString(value, env, path, issues);
  if (Array.isArray(value)) {
    const items = value
      .map((item, i) => [item, fill(item, env, fieldPath(path, i), issues)] as const)
      .filter(([before, after]) => after !== omitted && !emptied(before, after))
      .map(([, after]) => after);
    return items;
  }
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const filled = fill(inner, env, fieldPath(path, key), issues);
      if (filled !== omitted && !emptied(inner, filled)) out[key] = filled;
    }
    return out;
  }
  return value;
}

/** An object that had members and lost all of them to unset variables. */
function emptied(before: unknown, after: unknown): boolean {
  return (
    isJsonObject(before) &&
    Object.keys(before).length > 0 &&
    isJsonObject(after) &&
    Object.keys(after).length === 0
  );
}

export function fillEnvironment(
  document: unknown,
  env: Environment,
  path = "",
): { readonly value: JsonValue; readonly issues: readonly ConnectionIssue[] } {
  const issues: ConnectionIssue[] = [];
  const value = fill(document, env, path, issues);
  return { value: (value === omitted ? null : value) as JsonValue, issues };
}
