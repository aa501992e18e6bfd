// TEST SUPPORT: the directory schema of slapd 2.5 with scim.schema, read from fixtures/ldap/subschema.ldif,
// so that the codec and the compiler are unit-tested against the real attribute types without a server.
import { readFileSync } from "node:fs";
import { DirectorySchema } from "./ldap-directory-schema.js";

/** The fixture's LDIF text, for tests that edit it into an older or different schema. */
export function subschemaText(): string {
  return readFileSync(new URL("../../../fixtures/ldap/subschema.ldif", import.meta.url), "utf8");
}

/** The DirectorySchema an LDIF dump of `cn=Subschema` describes (base64 values included). */
export function schemaFromSubschema(text: string): DirectorySchema {
  const values = (name: string) =>
    text
      .split("\n")
      .filter((line) => line.startsWith(`${name}:`))
      .map((line) =>
        line.startsWith(`${name}::`)
          ? Buffer.from(line.slice(name.length + 2).trim(), "base64").toString("utf8")
          : line.slice(name.length + 1).trim(),
      );
  return new DirectorySchema(values("attributeTypes"), values("objectClasses"));
}

let schema: DirectorySchema | undefined;

export function fixtureSchema(): DirectorySchema {
  schema ??= schemaFromSubschema(subschemaText());
  return schema;
}
