// The browser half of index.html (inlined by html-reporter.ts; runs offline, no external assets).
// Everything shown comes from the target, so it is hostile input: it is only ever put into the page as
// text (textContent, createTextNode), never as markup.
(() => {
  const report = JSON.parse(document.getElementById("report-data").textContent);
  const verdicts = ["pass", "fail", "warn", "skip", "error"];
  const levels = ["MUST", "SHOULD", "MAY", "interop"];
  const app = document.getElementById("app");

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === "class") node.className = value;
      else if (name.startsWith("data-")) node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(
        typeof child === "string" || typeof child === "number"
          ? document.createTextNode(String(child))
          : child,
      );
    }
    return node;
  }

  const pretty = (value) => (typeof value === "string" ? value : JSON.stringify(value, null, 2));

  function countsTable(title, rows) {
    return el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", {}, title), ...verdicts.map((v) => el("th", {}, v)))),
      el(
        "tbody",
        {},
        ...rows.map(([name, counts]) =>
          el("tr", {}, el("td", {}, name), ...verdicts.map((v) => el("td", {}, counts[v]))),
        ),
      ),
    );
  }

  function banner() {
    const code = report.summary.exitCode;
    const text = !report.target.reachable
      ? "The target could not be reached: nothing was checked."
      : code === 2
        ? "Incomplete: some checks could not be evaluated (errors)."
        : code === 1
          ? `Not conformant: ${report.summary.byStatus.fail} failing check(s).`
          : "Conformant: every MUST check passed.";
    return el(
      "div",
      { class: `banner exit-${code}`, id: "verdict" },
      text,
      report.run.interrupted ? " (interrupted run: partial results)" : "",
    );
  }

  function summary() {
    const s = report.summary;
    const coverageRows = levels
      .filter((l) => report.coverage.byLevel[l].requirements > 0)
      .map((l) =>
        el(
          "tr",
          {},
          el("td", {}, l),
          el("td", {}, report.coverage.byLevel[l].covered),
          el("td", {}, report.coverage.byLevel[l].requirements),
        ),
      );
    return el(
      "section",
      { id: "summary" },
      el("h2", {}, "Summary"),
      el(
        "div",
        { class: "cards" },
        ...verdicts.map((v) =>
          el(
            "div",
            { class: "card", "data-status": v },
            el("b", {}, s.byStatus[v]),
            el("span", { class: `badge s-${v}` }, v),
          ),
        ),
      ),
      el("h3", {}, "By level"),
      countsTable(
        "level",
        levels.map((l) => [l, s.byLevel[l]]),
      ),
      el("h3", {}, "By area"),
      countsTable(
        "area",
        Object.keys(s.byArea)
          .sort()
          .map((a) => [a, s.byArea[a]]),
      ),
      el("h3", {}, "Requirement coverage"),
      el(
        "table",
        {},
        el(
          "thead",
          {},
          el("tr", {}, el("th", {}, "level"), el("th", {}, "covered"), el("th", {}, "requirements")),
        ),
        el("tbody", {}, ...coverageRows),
      ),
      el(
        "p",
        { class: "meta" },
        `Schema findings in responses: ${s.schemaFindings}. Cleanup: ${report.cleanup.deleted} deleted, ${report.cleanup.leftBehind.length} left behind.`,
      ),
    );
  }

  // The attribute fidelity table (harness/properties/compare/fidelity-table.ts): the rows that lost,
  // altered or invented data first, each with one example, then every path the properties wrote.
  const troubled = (row) => row.lost > 0 || row.altered > 0 || row.invented > row.inventedTolerated;
  const short = (value) => {
    const text = JSON.stringify(value) ?? "(absent)";
    return text.length > 160 ? `${text.slice(0, 160)}…` : text;
  };

  function fidelityExample(row) {
    const e = row.examples;
    if (e.lost) return `lost: sent ${short(e.lost.sent)}`;
    if (e.altered) return `altered: sent ${short(e.altered.sent)}, got ${short(e.altered.got)}`;
    if (e.invented && row.invented > row.inventedTolerated) return `invented: got ${short(e.invented.got)}`;
    if (e.invented) return `default: ${short(e.invented.got)} (${e.invented.tolerated || "tolerated"})`;
    return "";
  }

  function fidelityTable(id, rows) {
    const head = ["resource type", "attribute", "equal", "lost", "altered", "invented", "example"];
    return el(
      "table",
      { id, class: "fidelity" },
      el("thead", {}, el("tr", {}, ...head.map((h) => el("th", {}, h)))),
      el(
        "tbody",
        {},
        ...rows.map((r) =>
          el(
            "tr",
            { class: troubled(r) ? "troubled" : "" },
            el("td", {}, r.resourceType),
            el("td", {}, el("code", {}, r.path)),
            el("td", {}, r.equal),
            el("td", { class: r.lost > 0 ? "bad" : "" }, r.lost),
            el("td", { class: r.altered > 0 ? "bad" : "" }, r.altered),
            el(
              "td",
              { class: r.invented > r.inventedTolerated ? "bad" : "" },
              r.inventedTolerated > 0 ? `${r.invented} (${r.inventedTolerated} tolerated)` : r.invented,
            ),
            el("td", { class: "example" }, fidelityExample(r)),
          ),
        ),
      ),
    );
  }

  function fidelity() {
    const table = report.fidelity;
    if (!table) return null;
    const bad = table.rows.filter(troubled);
    return el(
      "section",
      { id: "fidelity" },
      el("h2", {}, "Attribute fidelity"),
      el(
        "p",
        { class: "meta" },
        `${table.comparisons} read-back comparison(s) by the property checks over ${table.rows.length} attribute path(s): ` +
          "how often a value was accepted and returned equal, lost, altered, or invented without being sent.",
      ),
      bad.length > 0
        ? el(
            "div",
            {},
            el("h3", {}, `${bad.length} attribute path(s) lost, altered or invented data`),
            fidelityTable("fidelity-troubled", bad),
          )
        : el(
            "p",
            { id: "fidelity-clean" },
            "Every attribute path read back as written (or as RFC 7643 allows).",
          ),
      el(
        "details",
        {},
        el("summary", {}, `All ${table.rows.length} attribute path(s)`),
        fidelityTable("fidelity-all", table.rows),
      ),
    );
  }

  function exchangeView(exchange) {
    const request = exchange.request;
    const response = exchange.response;
    const parts = [
      el(
        "div",
        {},
        el("strong", {}, `#${exchange.seq} ${request.method} `),
        el("code", {}, request.url),
        ` (${exchange.durationMs} ms)`,
      ),
      el(
        "pre",
        {},
        Object.entries(request.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join("\n") + (request.body !== undefined ? `\n\n${pretty(request.body)}` : ""),
      ),
    ];
    if (response) {
      const head = Object.entries(response.headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n");
      const body = response.body !== undefined ? pretty(response.body) : response.text || "";
      const notes = `${response.truncated ? "\n[body truncated at the size cap]" : ""}${response.elided ? `\n[${response.elided} more characters not stored]` : ""}`;
      parts.push(
        el("div", {}, el("strong", {}, `→ HTTP ${response.status}`)),
        el("pre", {}, `${head}${body ? `\n\n${body}` : ""}${notes}`),
      );
    } else {
      parts.push(el("div", { class: "finding" }, `no response: ${exchange.failure || ""}`));
    }
    for (const finding of exchange.schemaFindings) {
      parts.push(
        el(
          "div",
          { class: "finding" },
          `spec: ${finding.pointer || "/"} ${finding.message} (${finding.schemaPath})`,
        ),
      );
    }
    return el("div", { class: "exchange" }, ...parts);
  }

  function checkBody(result) {
    const rows = [["Expectation", result.expectation]];
    if (result.status === "fail" || result.status === "warn") rows.push(["Actual", result.actual]);
    if (result.status === "warn" || result.status === "skip") rows.push(["Reason", result.reason]);
    if (result.status === "error") rows.push(["Error", result.error]);
    rows.push(["Gate", `${result.gate} (profile ${result.profile})`], ["Source", result.source || "code"]);
    if (result.replay)
      rows.push([
        "Replay",
        `scim-conformance test ${report.target.baseUrl} --only ${result.id} --seed ${result.replay.seed} --path ${result.replay.path}`,
      ]);
    const body = el(
      "div",
      { class: "body" },
      el(
        "dl",
        {},
        ...rows.flatMap(([k, v]) => [el("dt", {}, k), el("dd", { class: `field-${k.toLowerCase()}` }, v)]),
      ),
      el("h3", {}, "Requirements"),
      el(
        "ul",
        {},
        ...result.requirements.map((r) =>
          el("li", {}, `${r.level} · RFC ${r.rfc} §${r.section} · `, el("code", {}, r.id), ` — ${r.summary}`),
        ),
      ),
    );
    if (result.notes && result.notes.length > 0)
      body.append(el("h3", {}, "Notes"), el("ul", {}, ...result.notes.map((n) => el("li", {}, n))));
    body.append(el("h3", {}, `Exchanges (${result.exchanges.length})`));
    if (result.exchanges.length === 0) body.append(el("p", { class: "empty" }, "none"));
    for (const exchange of result.exchanges) body.append(exchangeView(exchange));
    return body;
  }

  function checkView(result) {
    const details = el(
      "details",
      {
        class: `check st-${result.status}`,
        id: `check-${result.id}`,
        "data-status": result.status,
        "data-area": result.area,
        "data-level": result.level,
      },
      el(
        "summary",
        {},
        el("span", { class: `badge s-${result.status}` }, result.status),
        el("span", { class: "id" }, result.id),
        el("span", { class: "title" }, result.title),
        el("span", { class: "tags" }, `${result.level} · ${result.area} · ${result.durationMs} ms`),
      ),
    );
    // Bodies are built on first open: a report of hundreds of checks stays quick to load.
    details.addEventListener("toggle", () => {
      if (details.open && !details.querySelector(".body")) details.append(checkBody(result));
    });
    details.searchText = [
      result.id,
      result.title,
      result.expectation,
      result.actual,
      result.reason,
      result.error,
      ...result.requirements.map((r) => r.id),
    ]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    return details;
  }

  function select(id, label, values) {
    return el(
      "label",
      {},
      `${label} `,
      el(
        "select",
        { id },
        el("option", { value: "" }, "all"),
        ...values.map((v) => el("option", { value: v }, v)),
      ),
    );
  }

  function checks() {
    const order = { fail: 0, error: 1, warn: 2, skip: 3, pass: 4 };
    const sorted = [...report.results].sort(
      (a, b) => order[a.status] - order[b.status] || a.id.localeCompare(b.id),
    );
    const list = el("div", { id: "checks" }, ...sorted.map(checkView));
    const statusBoxes = verdicts.map((v) =>
      el(
        "label",
        {},
        el("input", { type: "checkbox", checked: true, value: v, class: "status-filter" }),
        ` ${v}`,
      ),
    );
    const count = el("span", { id: "shown", class: "meta" });
    const filters = el(
      "div",
      { class: "filters" },
      ...statusBoxes,
      select("area-filter", "area", [...new Set(report.results.map((r) => r.area))].sort()),
      select("level-filter", "level", levels),
      el("input", {
        type: "search",
        id: "search",
        placeholder: "search id, title, expectation, requirement…",
      }),
      count,
    );
    const apply = () => {
      const statuses = new Set(
        statusBoxes
          .map((b) => b.querySelector("input"))
          .filter((i) => i.checked)
          .map((i) => i.value),
      );
      const area = filters.querySelector("#area-filter").value;
      const level = filters.querySelector("#level-filter").value;
      const needle = filters.querySelector("#search").value.trim().toLowerCase();
      let shown = 0;
      for (const node of list.children) {
        const visible =
          statuses.has(node.dataset.status) &&
          (!area || node.dataset.area === area) &&
          (!level || node.dataset.level === level) &&
          (!needle || node.searchText.includes(needle));
        node.classList.toggle("hidden", !visible);
        if (visible) shown += 1;
      }
      count.textContent = `${shown} of ${report.results.length} checks shown`;
    };
    filters.addEventListener("input", apply);
    filters.addEventListener("change", apply);
    apply();
    return el("section", {}, el("h2", {}, "Checks"), filters, list);
  }

  function discovery() {
    const d = report.discovery;
    const section = el(
      "section",
      { id: "discovery" },
      el("h2", {}, "Discovery"),
      el(
        "table",
        {},
        el("thead", {}, el("tr", {}, el("th", {}, "feature"), el("th", {}, "state"))),
        el(
          "tbody",
          {},
          ...Object.entries(d.features).map(([g, s]) => el("tr", {}, el("td", {}, g), el("td", {}, s))),
        ),
      ),
    );
    if (d.problems.length > 0)
      section.append(el("ul", {}, ...d.problems.map((p) => el("li", { class: "finding" }, p))));
    for (const [name, doc] of Object.entries(d.documents)) {
      section.append(el("details", {}, el("summary", {}, name), el("pre", {}, pretty(doc))));
    }
    if (report.cleanup.leftBehind.length > 0) {
      section.append(
        el("h3", {}, "Left behind by cleanup (remove by hand)"),
        el(
          "ul",
          {},
          ...report.cleanup.leftBehind.map((l) =>
            el("li", {}, `${l.path} (created by ${l.owner}): ${l.problem}`),
          ),
        ),
      );
    }
    return section;
  }

  app.replaceChildren(
    el("h1", {}, "SCIM conformance report"),
    el(
      "div",
      { class: "meta" },
      "Target ",
      el("code", {}, report.target.baseUrl),
      ` · run ${report.run.id} · seed ${report.run.seed} · ${report.run.startedAt} · ${report.run.durationMs} ms · scim-conformance ${report.harness.version} · profiles ${report.run.options.profiles.join(", ")}`,
    ),
    ...[banner(), summary(), fidelity(), checks(), discovery()].filter(Boolean),
  );
})();
