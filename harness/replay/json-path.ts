// The small JSONPath subset fixture cases use: `$`, `.name`, `['name']` (for URN keys, which hold dots
// and colons), `[n]` and `[*]`. Keys match exactly first, then case-insensitively, because SCIM
// attribute names are case-insensitive (RFC 7643 §2.1): a server answering `UserName` is conforming.

export type PathSegment =
  | { readonly kind: "key"; readonly name: string }
  | { readonly kind: "index"; readonly index: number }
  | { readonly kind: "all" };

export class JsonPathError extends Error {
  override name = "JsonPathError";
}

export function parseJsonPath(path: string): PathSegment[] {
  if (!path.startsWith("$")) throw new JsonPathError(`a JSON path starts with "$": ${path}`);
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < path.length) {
    const c = path[i];
    if (c === ".") {
      const match = /^[^.[\]]+/.exec(path.slice(i + 1));
      if (!match) throw new JsonPathError(`empty name at ${i} in ${path}`);
      segments.push({ kind: "key", name: match[0] });
      i += 1 + match[0].length;
    } else if (c === "[") {
      const rest = path.slice(i);
      const quoted = /^\[(['"])((?:(?!\1)[^\\]|\\.)*)\1\]/.exec(rest);
      const index = /^\[(\d+)\]/.exec(rest);
      if (quoted) {
        segments.push({ kind: "key", name: (quoted[2] ?? "").replace(/\\(.)/g, "$1") });
        i += quoted[0].length;
      } else if (index) {
        segments.push({ kind: "index", index: Number(index[1]) });
        i += index[0].length;
      } else if (rest.startsWith("[*]")) {
        segments.push({ kind: "all" });
        i += 3;
      } else {
        throw new JsonPathError(`bad bracket at ${i} in ${path}`);
      }
    } else {
      throw new JsonPathError(`unexpected "${c}" at ${i} in ${path}`);
    }
  }
  return segments;
}

function child(value: unknown, name: string): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const object = value as Record<string, unknown>;
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}

export interface PathResult {
  /** A path without `[*]` selects at most one value; with it, the list of every match. */
  readonly value: unknown;
  readonly found: boolean;
}

export function evaluateJsonPath(document: unknown, path: string): PathResult {
  const segments = parseJsonPath(path);
  let nodes: unknown[] = [document];
  for (const segment of segments) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (segment.kind === "key") {
        const v = child(node, segment.name);
        if (v !== undefined) next.push(v);
      } else if (segment.kind === "index") {
        if (Array.isArray(node) && segment.index < node.length) next.push(node[segment.index]);
      } else if (Array.isArray(node)) {
        next.push(...node);
      } else if (typeof node === "object" && node !== null) {
        next.push(...Object.values(node));
      }
    }
    nodes = next;
  }
  if (segments.some((s) => s.kind === "all")) return { value: nodes, found: true };
  return nodes.length === 0 ? { value: undefined, found: false } : { value: nodes[0], found: true };
}
