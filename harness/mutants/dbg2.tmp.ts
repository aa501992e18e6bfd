import { defaultCheckSources } from "../engine/check-sources.js";
import { runAgainstMutant } from "./run-against.js";

const quirks = (process.env.QUIRKS ?? "").split(",").filter(Boolean) as never[];
const { report } = await runAgainstMutant({
  checks: defaultCheckSources(),
  quirks,
  only: [process.env.ONLY ?? ""],
});
for (const r of report.results)
  for (const x of r.exchanges)
    console.log(
      x.request.method,
      decodeURIComponent(x.request.url),
      x.response?.status,
      JSON.stringify(x.response?.body).slice(0, 150),
    );
