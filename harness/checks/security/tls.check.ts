// Transport security (RFC 7644 §7.1, §7.2): TLS always, and at least TLS 1.2. Loopback targets are
// development setups (npm run conformance runs the reference server on 127.0.0.1): the TLS requirement
// is waived for them and the report says so (catalogue note on rfc7644.security.tls-required).
import { connect } from "node:tls";
import { scimCheck } from "../support/scim-check.js";

const loopback = /^(localhost|127(\.\d+){3}|\[::1\]|::1)$/i;

export const tlsRequired = scimCheck({
  id: "security.tls.required",
  title: "The service is offered over TLS",
  area: "security",
  requirements: ["rfc7644.security.tls-required"],
  expectation:
    "the base URL is https (RFC 7644 §7.1: TLS is required); waived for loopback development targets",
  async run(ctx) {
    const url = new URL(ctx.run.baseUrl);
    if (loopback.test(url.hostname))
      return {
        kind: "skip",
        reason: `${url.hostname} is a loopback development target: the TLS requirement is waived`,
      };
    const e = ctx.expect();
    e.that(
      url.protocol === "https:",
      `the target is served over ${url.protocol.replace(":", "")} at ${url.origin}`,
    );
    return e.done();
  },
});

export const tls12 = scimCheck({
  id: "security.tls.version-1-2",
  title: "The endpoint completes a TLS 1.2 handshake",
  area: "security",
  requirements: ["rfc7644.security.tls-1-2"],
  expectation:
    "a TLS connection limited to TLS 1.2 to the target's host and port completes its handshake (RFC 7644 §7.2)",
  async run(ctx) {
    const url = new URL(ctx.run.baseUrl);
    if (url.protocol !== "https:") return { kind: "skip", reason: "the target is not served over https" };
    if (loopback.test(url.hostname))
      return { kind: "skip", reason: `${url.hostname} is a loopback development target` };
    const port = Number(url.port || 443);
    const outcome = await new Promise<string | undefined>((resolve) => {
      // Certificate validation is not the question here (the HTTP client validates); only the version is.
      const socket = connect({
        host: url.hostname,
        port,
        servername: url.hostname,
        minVersion: "TLSv1.2",
        maxVersion: "TLSv1.2",
        rejectUnauthorized: false,
      });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve("no TLS 1.2 handshake within 10 s");
      }, 10_000);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        ctx.note(`negotiated ${socket.getProtocol() ?? "?"} with ${url.hostname}:${port}`);
        socket.end();
        resolve(undefined);
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        resolve(`a TLS 1.2-only handshake with ${url.hostname}:${port} failed: ${error.message}`);
      });
    });
    const e = ctx.expect();
    if (outcome !== undefined) e.fail(outcome);
    return e.done();
  },
});
