// Resolves a request's credential to one of the configured connections (PingFederate: the back-channel
// credential selects the IdP connection, D-bca, pingfederate-model.md §6). The resolver holds an immutable
// snapshot (connections, one credential verifier over every active connection, certificate trust) and an
// admin change installs a new one in one assignment: requests in flight finish on the snapshot they
// started with, the credential cache starts empty (a changed password stops working at once), and
// discovery follows because each connection carries its own registry. Connections whose prepared
// configuration did not change are reused, so a change recompiles only the connection it touches.
import type { Datastore } from "../datastore/datastore.js";
import { bearerScheme, schemesFor } from "./authentication-schemes.js";
import { buildConnection } from "./build-connection.js";
import { CertificateTrust } from "./certificate-trust.js";
import type { AuthenticationScheme, Connection } from "./connection.js";
import type { Authentication, ConnectionResolver, PresentedCredential } from "./connection-resolver.js";
import { CredentialVerifier, type StoredCredential } from "./credential-verifier.js";
import type { PasswordHasher } from "./password-hasher.js";
import type { PreparedConnection } from "./seal-connection.js";

export interface ConfiguredResolverOptions {
  readonly datastore: Datastore;
  readonly hasher: PasswordHasher;
  /** Whether the server verifies client certificates against CAs (--tls-ca): anchored trust needs it. */
  readonly anchorsConfigured: boolean;
  /**
   * The datastore of a connection whose repository is not the embedded store (an LDAP directory for
   * `userRepository.type: LDAP` when the server has one); undefined means `datastore`.
   */
  readonly datastoreFor?: (prepared: PreparedConnection) => Datastore | undefined;
}

interface Snapshot {
  /** Every configured connection, active or not, by id. */
  readonly connections: ReadonlyMap<string, Connection>;
  readonly built: ReadonlyMap<PreparedConnection, Connection>;
  readonly verifier: CredentialVerifier;
  /** Connection id of each stored credential. */
  readonly owners: ReadonlyMap<StoredCredential, string>;
  readonly certificates: CertificateTrust;
  readonly schemes: readonly AuthenticationScheme[];
}

export function configuredConnection(prepared: PreparedConnection, datastore: Datastore): Connection {
  const { auth, settings, mappings } = prepared;
  return buildConnection({
    id: prepared.id,
    name: prepared.name,
    registry: mappings.registry,
    datastore,
    mappingFor: (rt) => mappings.mappings.mappingFor(rt),
    // PingFederate D-del: actionOnDelete applies to users; a Group DELETE always removes the group.
    deleteModeFor: (rt) =>
      rt.id === "User" && settings.actionOnDelete === "DISABLE_USER" ? "disable" : "delete",
    documentationUri: settings.documentationUri,
    requireSsl: auth.requireSsl,
    authenticationSchemes: schemesFor({
      bearer: auth.bearerTokens.length > 0,
      basic: auth.basic !== undefined,
    }),
  });
}

export class ConfiguredResolver implements ConnectionResolver {
  readonly #options: ConfiguredResolverOptions;
  #snapshot: Snapshot;

  constructor(options: ConfiguredResolverOptions) {
    this.#options = options;
    this.#snapshot = this.#build([], new Map());
  }

  get authenticationSchemes(): readonly AuthenticationScheme[] {
    return this.#snapshot.schemes;
  }

  /** Serves exactly these connections from now on. */
  install(prepared: readonly PreparedConnection[]): void {
    this.#snapshot = this.#build(prepared, this.#snapshot.built);
  }

  #build(
    prepared: readonly PreparedConnection[],
    previous: ReadonlyMap<PreparedConnection, Connection>,
  ): Snapshot {
    const built = new Map<PreparedConnection, Connection>();
    const connections = new Map<string, Connection>();
    const credentials: StoredCredential[] = [];
    const owners = new Map<StoredCredential, string>();
    const own = (credential: StoredCredential, connectionId: string) => {
      credentials.push(credential);
      owners.set(credential, connectionId);
    };
    for (const p of prepared) {
      const connection =
        previous.get(p) ??
        configuredConnection(p, this.#options.datastoreFor?.(p) ?? this.#options.datastore);
      built.set(p, connection);
      connections.set(p.id, connection);
      // An inactive connection's credentials are simply absent: they fail like unknown ones, same timing.
      if (!p.active) continue;
      const { basic, bearerTokens } = p.auth;
      if (basic !== undefined) {
        own(
          { id: `${p.id}:basic`, kind: "basic", username: basic.username, secretHash: basic.passwordHash },
          p.id,
        );
      }
      for (const token of bearerTokens) {
        own({ id: `${p.id}:bearer:${token.id}`, kind: "bearer", secretHash: token.tokenHash }, p.id);
      }
    }
    const active = prepared.filter((p) => p.active);
    const certificates = new CertificateTrust(
      active.map((p) => ({ connectionId: p.id, certs: p.auth.certs, anchored: p.auth.anchored })),
      { anchorsConfigured: this.#options.anchorsConfigured },
    );
    const schemes = schemesFor({
      bearer: credentials.some((c) => c.kind === "bearer"),
      basic: credentials.some((c) => c.kind === "basic"),
    });
    return {
      connections,
      built,
      verifier: new CredentialVerifier(credentials, this.#options.hasher),
      owners,
      certificates,
      // RFC 7235 §4.1: a 401 needs at least one challenge, even when only certificates are configured.
      schemes: schemes.length > 0 ? schemes : [{ ...bearerScheme, primary: true }],
    };
  }

  #authentication(snapshot: Snapshot, matched: StoredCredential | undefined): Authentication | undefined {
    if (matched === undefined) return undefined;
    const connectionId = snapshot.owners.get(matched);
    const connection = connectionId === undefined ? undefined : snapshot.connections.get(connectionId);
    return connection === undefined
      ? undefined
      : { connection, credentialId: matched.id, linkedUserId: undefined };
  }

  async resolve(credential: PresentedCredential): Promise<Authentication | undefined> {
    const snapshot = this.#snapshot;
    if (credential.kind === "certificate") {
      const match = snapshot.certificates.match(credential);
      const connection = match === undefined ? undefined : snapshot.connections.get(match.connectionId);
      if (match === undefined || connection === undefined) return undefined;
      return {
        connection,
        credentialId: `${match.connectionId}:cert:${match.credential}`,
        linkedUserId: undefined,
      };
    }
    return this.#authentication(snapshot, await snapshot.verifier.verify(credential));
  }

  resolveVerified(credential: PresentedCredential): Authentication | undefined {
    if (credential.kind === "certificate") return undefined;
    const snapshot = this.#snapshot;
    const seen = snapshot.verifier.peek(credential);
    return seen.hit ? this.#authentication(snapshot, seen.value) : undefined;
  }

  connections(): readonly Connection[] {
    return [...this.#snapshot.connections.values()];
  }

  connection(id: string): Connection | undefined {
    return this.#snapshot.connections.get(id);
  }
}
