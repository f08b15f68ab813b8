/** Reads a real Prometheus's HTTP API the way the integration tests check it: one range query, matrix out. */

export interface MatrixResult {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

export async function queryRange(
  prometheusUrl: string,
  expr: string,
  startMs: number,
  endMs: number,
  stepSec: number
): Promise<MatrixResult[]> {
  const params = new URLSearchParams({
    query: expr,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepSec),
  });
  const res = await fetch(`${prometheusUrl}/api/v1/query_range?${params}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: MatrixResult[] } };
  if (body.status !== 'success') {
    throw new Error(`query_range ${expr}: ${body.error}`);
  }
  return body.data.result;
}
