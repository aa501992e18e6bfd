// One resource type as the harness understands it (RFC 7643 §6): its endpoint, its base schema (with
// the RFC 7643 §3.1 common attributes), its extensions, and path resolution that accepts every form a
// SCIM path may take (RFC 7644 §3.10): "userName", "name.givenName", the base URN-qualified
// "urn:…:core:2.0:User:userName", and an extension's "urn:…:enterprise:2.0:User:manager.value", all
// case-insensitively (RFC 7643 §2.1).
import type { AttributeDef, ExtensionRef, ResolvedPath, SchemaDef } from "./schema-model.js";
import { findAttribute, sameUrn } from "./schema-model.js";

export interface ResourceTypeInit {
  readonly id: string | undefined;
  readonly name: string;
  readonly endpoint: string;
  readonly base: SchemaDef;
  readonly extensions: readonly ExtensionRef[];
}

export class ResourceTypeModel {
  readonly id: string | undefined;
  readonly name: string;
  /** Relative to the base URL, starting with "/" ("/Users"). */
  readonly endpoint: string;
  readonly base: SchemaDef;
  readonly extensions: readonly ExtensionRef[];
  readonly #bySchemaLength: readonly { schema: SchemaDef; extension: boolean }[];

  constructor(init: ResourceTypeInit) {
    this.id = init.id;
    this.name = init.name;
    this.endpoint = init.endpoint;
    this.base = init.base;
    this.extensions = init.extensions;
    // Longest URN first, so "urn:x:User" never swallows "urn:x:UserExtension:attr".
    this.#bySchemaLength = [
      { schema: init.base, extension: false },
      ...init.extensions.map((e) => ({ schema: e.schema, extension: true })),
    ].sort((a, b) => b.schema.id.length - a.schema.id.length);
  }

  /** The base schema URN followed by every extension URN. */
  get schemaUrns(): readonly string[] {
    return [this.base.id, ...this.extensions.map((e) => e.schema.id)];
  }

  /** The base schema or an extension, by URN (case-insensitive). */
  schemaByUrn(urn: string): { schema: SchemaDef; extension: boolean } | undefined {
    return this.#bySchemaLength.find((s) => sameUrn(s.schema.id, urn));
  }

  /** Every top-level attribute with the schema it belongs to: base first, then each extension. */
  topLevel(): { attribute: AttributeDef; schema: SchemaDef; extension: boolean }[] {
    return [
      ...this.base.attributes.map((attribute) => ({ attribute, schema: this.base, extension: false })),
      ...this.extensions.flatMap((e) =>
        e.schema.attributes.map((attribute) => ({ attribute, schema: e.schema, extension: true })),
      ),
    ];
  }

  /** Resolves a path in any RFC 7644 §3.10 form; undefined when it names nothing of this type. */
  resolve(path: string): ResolvedPath | undefined {
    let schema: SchemaDef = this.base;
    let extension = false;
    let rest = path;
    if (/^urn:/i.test(path)) {
      const lower = path.toLowerCase();
      const found = this.#bySchemaLength.find((s) => lower.startsWith(`${s.schema.id.toLowerCase()}:`));
      if (found === undefined) return undefined;
      schema = found.schema;
      extension = found.extension;
      rest = path.slice(found.schema.id.length + 1);
    }
    const [name = "", subName, ...more] = rest.split(".");
    if (more.length > 0) return undefined;
    const attribute = findAttribute(schema.attributes, name);
    if (attribute === undefined) return undefined;
    if (subName === undefined) return { schema, extension, attribute, sub: undefined, target: attribute };
    const sub = findAttribute(attribute.subAttributes, subName);
    if (sub === undefined) return undefined;
    return { schema, extension, attribute, sub, target: sub };
  }

  /** Every attribute and sub-attribute of the type, depth first. */
  allAttributes(): AttributeDef[] {
    return this.topLevel().flatMap(({ attribute }) => [attribute, ...attribute.subAttributes]);
  }
}
