// Assembles one run's client configuration (transport, validator, ledger, redactor) and hands each
// check its own RecordingClient over it, so every check's evidence is exactly its own exchanges.
import { readFileSync } from "node:fs";
import type { ClientConfig, Credentials } from "./client-config.js";
import { defaultMaxResponseBytes, defaultTimeoutMs, normaliseBaseUrl, secretsOf } from "./client-config.js";
import type { HttpTransport } from "./http-transport.js";
import type { TlsOptions } from "./node-http-transport.js";
import { NodeHttpTransport } from "./node-http-transport.js";
import { RecordingClient } from "./recording-client.js";
import { Redactor } from "./redact.js";
import { ResourceLedger } from "./resource-ledger.js";
import { SpecValidator } from "./spec-validator.js";

const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};
export const harnessVersion = pkg.version;

export interface ClientSetup {
  readonly baseUrl: string;
  readonly credentials?: Credentials;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** PEM files' contents for mutual TLS. */
  readonly tls?: TlsOptions;
  /** The run prefix: ids starting with it are the harness's own inventions. */
  readonly prefix: string;
  readonly signal?: AbortSignal;
  readonly maxSockets?: number;
  /** Tests pass a fake; by default node:http/https. */
  readonly transport?: HttpTransport;
}

export class ClientFactory {
  readonly config: ClientConfig;
  readonly ledger: ResourceLedger;

  constructor(setup: ClientSetup) {
    const credentials = setup.credentials ?? { kind: "none" };
    const headers = setup.headers ?? {};
    this.ledger = new ResourceLedger(setup.prefix);
    this.config = {
      baseUrl: normaliseBaseUrl(setup.baseUrl),
      credentials,
      headers,
      timeoutMs: setup.timeoutMs ?? defaultTimeoutMs,
      maxResponseBytes: setup.maxResponseBytes ?? defaultMaxResponseBytes,
      transport:
        setup.transport ??
        new NodeHttpTransport({
          ...(setup.tls ? { tls: setup.tls } : {}),
          ...(setup.maxSockets ? { maxSockets: setup.maxSockets } : {}),
        }),
      validator: SpecValidator.shared(),
      ledger: this.ledger,
      redactor: new Redactor(secretsOf(credentials, headers), Object.keys(headers)),
      userAgent: `scim-conformance/${harnessVersion}`,
      ...(setup.signal ? { signal: setup.signal } : {}),
    };
  }

  /** A fresh client whose exchanges are `owner`'s evidence (a check id, "discovery", "cleanup"). */
  forCheck(owner: string, signal?: AbortSignal): RecordingClient {
    return new RecordingClient(signal ? { ...this.config, signal } : this.config, owner);
  }

  close(): void {
    this.config.transport.close();
  }
}
