// Which connection a TLS client certificate selects (PingFederate back-channel "SSL Client Certificate",
// D-bca): either a certificate pinned on the connection (unanchored: this exact certificate, compared by
// SHA-256 of its DER, inside its validity period), or anchored trust: the certificate chains to a CA the
// server was given with --tls-ca (the TLS layer checks chain and validity) and its subject DN, and issuer DN
// when configured, equal the connection's (compared as names, distinguished-name.ts). A DN alone proves
// nothing, since anyone can mint a certificate with any subject; hence the CA. When several anchored
// connections match, one that names the issuer wins over one that does not; a tie matches none.
import { createHash } from "node:crypto";
import type { AnchoredTrust, PinnedCertificate } from "./back-channel-auth.js";
import type { PresentedCertificate } from "./connection-resolver.js";
import { sameDn } from "./distinguished-name.js";
import { certificateNames } from "./x509-name.js";

export interface CertificateEntry {
  readonly connectionId: string;
  readonly certs: readonly PinnedCertificate[];
  readonly anchored: AnchoredTrust | undefined;
}

export interface CertificateMatch {
  readonly connectionId: string;
  /** Non-secret, for logs: "pinned:<fingerprint prefix>" or "anchored". */
  readonly credential: string;
}

function fingerprint(der: Uint8Array): string {
  const hex = createHash("sha256").update(der).digest("hex").toUpperCase();
  return hex.match(/../g)?.join(":") ?? hex;
}

export class CertificateTrust {
  readonly #entries: readonly CertificateEntry[];
  /** Whether the TLS layer verifies chains against CAs given for clients (--tls-ca). */
  readonly #anchorsConfigured: boolean;
  readonly #now: () => Date;

  constructor(
    entries: readonly CertificateEntry[],
    options: { readonly anchorsConfigured: boolean; readonly now?: () => Date },
  ) {
    this.#entries = entries.filter((e) => e.certs.length > 0 || e.anchored !== undefined);
    this.#anchorsConfigured = options.anchorsConfigured;
    this.#now = options.now ?? (() => new Date());
  }

  get empty(): boolean {
    return this.#entries.length === 0;
  }

  match(presented: PresentedCertificate): CertificateMatch | undefined {
    if (this.#entries.length === 0) return undefined;
    const print = fingerprint(presented.der);
    const now = this.#now();
    for (const entry of this.#entries) {
      const pinned = entry.certs.find((c) => c.fingerprint256 === print);
      if (pinned !== undefined && pinned.validFrom <= now && now <= pinned.validTo) {
        return { connectionId: entry.connectionId, credential: `pinned:${print.slice(0, 11)}` };
      }
    }
    if (!presented.authorized || !this.#anchorsConfigured) return undefined;
    let names: ReturnType<typeof certificateNames>;
    try {
      names = certificateNames(presented.der);
    } catch {
      return undefined;
    }
    const matching = this.#entries.filter(
      (e) =>
        e.anchored !== undefined &&
        sameDn(e.anchored.subject, names.subject) &&
        (e.anchored.issuer === undefined || sameDn(e.anchored.issuer, names.issuer)),
    );
    const specific = matching.filter((e) => e.anchored?.issuer !== undefined);
    const winners = specific.length > 0 ? specific : matching;
    const [only] = winners;
    return winners.length === 1 && only !== undefined
      ? { connectionId: only.connectionId, credential: "anchored" }
      : undefined;
  }
}
