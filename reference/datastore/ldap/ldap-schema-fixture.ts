// TEST SUPPORT: the directory schema of slapd 2.5 with scim.schema, read from fixtures/ldap/subschema.ldif,
// so that the codec and the compiler are unit-tested against the real attribute types without a server.
import { readFileSync } from "node:fs";
import { DirectorySchema } from "./ldap-directory-schema.js";

let schema: DirectorySchema | undefined;

export function fixtureSchema(): DirectorySchema {
  if (schema === undefined) {
    const text = readFileSync(new URL("../../../fixtures/ldap/subschema.ldif", import.meta.url), "utf8");
    const values = (name: string) =>
      text
        .split("\n")
        .filter((line) => line.startsWith(`${name}:`))
        .map((line) =>
          line.startsWith(`${name}::`)
            ? Buffer.from(line.slice(name.length + 2).trim(), "base64").toString("utf8")
            : line.slice(name.length + 1).trim(),
        );
    schema = new DirectorySchema(values("attributeTypes"), values("objectClasses"));
  }
  return schema;
}
