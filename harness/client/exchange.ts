// One recorded HTTP exchange: the evidence every verdict carries. Secrets never get this far: the
// recording client redacts `Authorization`, cookies and password values before it stores anything.

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body as sent (passwords redacted), parsed when it was JSON. */
  readonly body?: unknown;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The parsed JSON body, when the body was JSON. */
  readonly body?: unknown;
  /** The raw text when it was not JSON (or not parseable), capped. */
  readonly text?: string;
  /** True when the body exceeded the size cap and was cut off. */
  readonly truncated?: boolean;
  /** Characters of `text` left out of the evidence (bodies above 256 KiB are stored as an excerpt). */
  readonly elided?: number;
}

/** A mismatch between a response body and the spec's schema for that operation and status. */
export interface SchemaFinding {
  /** JSON Pointer of the offending value in the response body, e.g. "/Resources/0/emails/1/primary". */
  readonly pointer: string;
  readonly message: string;
  /** The spec schema location that failed, e.g. "#/components/schemas/Error/properties/status/type". */
  readonly schemaPath: string;
}

export interface Exchange {
  readonly seq: number;
  readonly request: RecordedRequest;
  /** Absent when no response arrived (timeout, connection refused, refused redirect). */
  readonly response?: RecordedResponse;
  /** Why no (complete) response arrived, e.g. "timeout after 10000 ms". */
  readonly failure?: string;
  readonly durationMs: number;
  readonly schemaFindings: readonly SchemaFinding[];
}
