// A deep copy of JSON data. The mappings hand out values the pipeline may reshape, taken from a request
// or from a datastore's own state, so they copy; structuredClone did that at about 1 µs even for a
// string (it serialises and deserialises through V8's value serializer), and a User write or read copies
// a dozen values. Strings, numbers, booleans and null are immutable and are returned as they are.

/** The JSON values the mappings copy (JsonValue and the datastore's EntryValue are both of this shape). */
export type JsonData =
  | string
  | number
  | boolean
  | null
  | readonly JsonData[]
  | { readonly [key: string]: JsonData };

export function copyJson<T extends JsonData>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item: JsonData) => copyJson(item)) as unknown as T;
  const out: Record<string, JsonData> = {};
  for (const key of Object.keys(value)) {
    const item = copyJson((value as { readonly [key: string]: JsonData })[key] as JsonData);
    // JSON.parse makes "__proto__" an own key; plain assignment would set the prototype instead.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
    else out[key] = item;
  }
  return out as T;
}
