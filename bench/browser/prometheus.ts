/**
 * The project's real Prometheus (scripts/prometheus/stack.ts) filled with the benchmark's CSVs
 * only: no exporter, no other series. Before anything is timed, the selector is checked through
 * the HTTP API: it must return every series, each with the whole history.
 */
import path from 'node:path';
import { startStack, type StackHandle } from '../../scripts/prometheus/stack';
import { specForCsv } from '../../scripts/prometheus/catalogue';

export interface BenchPrometheus {
  stack: StackHandle;
  /** `{job="<folder>"}`: every benchmark series. */
  selector: string;
  /** Samples per series as Prometheus counts them (min and max over the series). */
  samplesPerSeries: { min: number; max: number };
}

interface VectorResponse {
  status: string;
  data?: { result?: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

async function instantQuery(prometheusUrl: string, query: string): Promise<VectorResponse> {
  const response = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  if (!response.ok) {
    throw new Error(`Prometheus answered ${response.status} to ${query}: ${await response.text()}`);
  }
  return (await response.json()) as VectorResponse;
}

/** The selector the catalogue gives the CSVs of one folder (job = folder name). */
export function selectorFor(csvFile: string): string {
  return `{job="${specForCsv(csvFile).labels.job}"}`;
}

export async function startBenchPrometheus(
  csvDir: string,
  firstCsv: string,
  expected: number
): Promise<BenchPrometheus> {
  const stack = await startStack({ csvDir, exporter: false });
  try {
    const selector = selectorFor(path.join(csvDir, path.basename(firstCsv)));
    // 15 days reach past the 14 days of history wherever "now" falls within the last step.
    const counts = await instantQuery(stack.prometheusUrl, `count_over_time(${selector}[15d])`);
    const perSeries = (counts.data?.result ?? []).map((r) => Number(r.value[1]));
    if (perSeries.length !== expected) {
      throw new Error(`${selector} returned ${perSeries.length} series from Prometheus, expected ${expected}.`);
    }
    return {
      stack,
      selector,
      samplesPerSeries: { min: Math.min(...perSeries), max: Math.max(...perSeries) },
    };
  } catch (e) {
    await stack.stop();
    throw e;
  }
}
