// The wire under the recording client, described by the one method the client uses (STYLE.md §3), so
// tests can pass a fake and the node:http implementation stays small. The transport enforces the
// hostile-target limits itself: a deadline for the whole exchange and a cap on the body it reads.

export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface WireResponse {
  readonly status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  /** The body was longer than `maxBytes`; `body` holds its first `maxBytes` bytes. */
  readonly truncated: boolean;
}

export interface TransportLimits {
  /** Deadline for connecting, sending and reading the whole response. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

export type TransportFailureReason = "timeout" | "network" | "aborted";

export class TransportError extends Error {
  readonly reason: TransportFailureReason;

  constructor(reason: TransportFailureReason, message: string) {
    super(message);
    this.name = "TransportError";
    this.reason = reason;
  }
}

export interface HttpTransport {
  /** Resolves with whatever HTTP response arrived (any status); rejects only with TransportError. */
  send(request: WireRequest, limits: TransportLimits): Promise<WireResponse>;
  /** Releases pooled connections so the process can exit. */
  close(): void;
}
