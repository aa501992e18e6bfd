// Latency series: one request at a time, alternating between the two sides compared, so that a pause of
// the machine hits both alike. Every request must answer with the expected status: a fast error is not a
// fast answer.
import type { LoadClient, LoadRequest } from "../../harness/load/load-client.js";

export interface TimedRequest {
  readonly client: LoadClient;
  readonly request: (i: number) => LoadRequest;
  readonly expect: readonly number[];
}

export async function timeOne(side: TimedRequest, i: number): Promise<number> {
  const request = side.request(i);
  const outcome = await side.client.send(request);
  if (outcome.kind === "failure") throw new Error(`${request.method} ${request.path}: ${outcome.reason}`);
  if (!side.expect.includes(outcome.status))
    throw new Error(
      `${request.method} ${request.path}: HTTP ${outcome.status}, expected ${side.expect.join(" or ")}`,
    );
  return outcome.ms;
}

export async function alternatingLatencies(
  a: TimedRequest,
  b: TimedRequest,
  count: number,
): Promise<{ readonly a: number[]; readonly b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      out.a.push(await timeOne(a, i));
      out.b.push(await timeOne(b, i));
    } else {
      out.b.push(await timeOne(b, i));
      out.a.push(await timeOne(a, i));
    }
  }
  return out;
}
