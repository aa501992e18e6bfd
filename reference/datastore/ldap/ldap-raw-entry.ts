// An entry as ldapts returns it, and its values read as text. Apart from the directory client
// (ldap-directory.ts) so that the modules that read entries do not import the client, which imports them.

export type RawEntry = Readonly<Record<string, unknown>> & { readonly dn: string };

/** ldapts gives one value as a string and several as an array; Buffers only when asked. */
export function texts(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((v): v is string => typeof v === "string");
}
