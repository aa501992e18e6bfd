// `${…}` variables in fixture cases. A case's scope holds its vars and captures; namespaces give the
// run (`run.prefix`, `run.id`, `run.seed`, `baseUrl`), discovered endpoints (`endpoint.User`) and
// fresh unique values (`unique.userName`, memoised per case so every mention is the same value).
// Filters after `|`: upper, lower, json (a quoted JSON string, for filter literals, RFC 7644
// §3.4.2.2 uses JSON string syntax), url. A string that is exactly one `${…}` keeps the value's type.
import type { RunInfo, UniqueNames } from "../checks/check-context.js";

export class TemplateError extends Error {
  override name = "TemplateError";
}

export interface TemplateScope {
  readonly run: RunInfo;
  readonly endpoint: (type: string) => string | undefined;
  readonly unique: UniqueNames;
  /** vars and captures, by name. */
  readonly values: Map<string, unknown>;
  /** `unique.*` values already drawn in this case. */
  readonly drawn: Map<string, string>;
}

const filters: Readonly<Record<string, (value: unknown) => unknown>> = {
  upper: (v) => String(v).toUpperCase(),
  lower: (v) => String(v).toLowerCase(),
  json: (v) => JSON.stringify(typeof v === "string" ? v : String(v)),
  url: (v) => encodeURIComponent(String(v)),
};

function draw(unique: UniqueNames, kind: string): string {
  const base = kind.replace(/\d+$/, "");
  switch (base) {
    case "userName":
      return unique.userName();
    case "email":
      return unique.email();
    case "externalId":
      return unique.externalId();
    case "displayName":
      return unique.displayName();
    case "id":
      return unique.missingId();
    default:
      return unique.name(base.toLowerCase() || "x");
  }
}

function property(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Record<string, unknown>)[name];
}

/** The value of one name such as `run.prefix`, `unique.email2`, `user.id`. */
export function resolveName(name: string, scope: TemplateScope): unknown {
  const [head, ...rest] = name.split(".");
  const tail = rest.join(".");
  if (head === "run" && (tail === "prefix" || tail === "id" || tail === "seed")) return scope.run[tail];
  if (head === "baseUrl" && rest.length === 0) return scope.run.baseUrl;
  if (head === "endpoint" && tail.length > 0) {
    const endpoint = scope.endpoint(tail);
    if (endpoint === undefined) throw new TemplateError(`the target advertises no resource type "${tail}"`);
    return endpoint;
  }
  if (head === "unique" && tail.length > 0) {
    let value = scope.drawn.get(tail);
    if (value === undefined) {
      value = draw(scope.unique, tail);
      scope.drawn.set(tail, value);
    }
    return value;
  }
  if (head === undefined || !scope.values.has(head)) throw new TemplateError(`unknown variable "${name}"`);
  let value = scope.values.get(head);
  for (const part of rest) value = property(value, part);
  if (value === undefined) throw new TemplateError(`"${name}" has no value`);
  return value;
}

function evaluate(expression: string, scope: TemplateScope): unknown {
  const [name, ...pipes] = expression.split("|").map((p) => p.trim());
  let value = resolveName(name ?? "", scope);
  for (const pipe of pipes) {
    const filter = filters[pipe];
    if (filter === undefined) throw new TemplateError(`unknown filter "${pipe}" in \${${expression}}`);
    value = filter(value);
  }
  return value;
}

const pattern = /\$\{([^}]+)\}/g;

export function expandString(text: string, scope: TemplateScope): unknown {
  const whole = /^\$\{([^}]+)\}$/.exec(text);
  if (whole) return evaluate(whole[1] ?? "", scope);
  return text.replace(pattern, (_, expression: string) => {
    const value = evaluate(expression, scope);
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

/** Expands every string (and object key) of a JSON value. */
export function expand(value: unknown, scope: TemplateScope): unknown {
  if (typeof value === "string") return expandString(value, scope);
  if (Array.isArray(value)) return value.map((v) => expand(v, scope));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [String(expandString(k, scope)), expand(v, scope)]),
    );
  }
  return value;
}

/** Every variable name a value mentions (without filters), for load-time checks of case files. */
export function mentionedNames(value: unknown): string[] {
  const text = JSON.stringify(value) ?? "";
  return [...text.matchAll(pattern)].map((m) => (m[1] ?? "").split("|")[0]?.trim() ?? "");
}
