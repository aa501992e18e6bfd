// index.html: ONE self-contained file that works offline (inline CSS and script, the report as inline
// JSON). The target's data is hostile input: it travels as JSON inside a non-executable script element
// with every "<" escaped, and the page script only ever inserts it as text. A Content-Security-Policy
// with hashes allows exactly our own style and script and nothing else — no network, no injected code.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Report } from "../report.js";

const css = readFileSync(new URL("report.css", import.meta.url), "utf8");
const script = readFileSync(new URL("report-app.js", import.meta.url), "utf8");

/** JSON safe to embed in HTML: no "<", ">", "&" or JS line separators can end the element. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

const hash = (text: string): string =>
  `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

export function renderHtml(report: Report): string {
  const policy = [
    "default-src 'none'",
    `style-src ${hash(css)}`,
    `script-src ${hash(script)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SCIM conformance: ${escapeHtml(report.target.baseUrl)}</title>
<style>${css}</style>
</head>
<body>
<main id="app"><noscript>This report needs JavaScript to render; report.json holds the same data.</noscript></main>
<script type="application/json" id="report-data">${embedJson(report)}</script>
<script>${script}</script>
</body>
</html>
`;
}
