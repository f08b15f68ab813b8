/**
 * An in-process Prometheus stand-in for tests and the serve benchmark: `count` series with a daily
 * wave plus deterministic noise, answered on any step grid, and a fixed instant value for replica
 * queries. It can be switched to fail like an unreachable Prometheus.
 */
import type { RangeRequest } from '../advisor/ports';
import { PrometheusUnreachableError } from '../io/prometheus/errors';
import type { PromSeries } from '../io/prometheus/types';
import type { JobSource } from './evaluateJob';
import type { ReplicaSample } from './currentReplicas';

export interface SyntheticOptions {
  count: number;
  /** Label sets of the series (default `{instance: "s<i>"}`). */
  labels?: (i: number) => Record<string, string>;
  replicas?: ReplicaSample[];
}

export class SyntheticSource implements JobSource {
  readonly name = 'synthetic';
  readonly timeoutMs = 30_000;
  down = false;
  rangeQueries = 0;

  constructor(private readonly options: SyntheticOptions) {}

  private labels(i: number): Record<string, string> {
    return this.options.labels?.(i) ?? { instance: `s${i}` };
  }

  async queryRange(request: RangeRequest): Promise<PromSeries[]> {
    if (this.down) {
      throw new PrometheusUnreachableError(`${this.name}: connection refused (ECONNREFUSED)`);
    }
    this.rangeQueries += 1;
    const out: PromSeries[] = [];
    for (let i = 0; i < this.options.count; i++) {
      const times: number[] = [];
      const values: number[] = [];
      for (let t = request.fromMs; t <= request.toMs; t += request.stepMs) {
        const day = (2 * Math.PI * (t % 86_400_000)) / 86_400_000;
        // Deterministic "noise" from the time and series index, so runs are reproducible.
        const noise = Math.sin(t / 7_777_777 + i * 1.3) * 3;
        times.push(t);
        values.push(100 + 10 * i + 40 * Math.sin(day + i) + noise);
      }
      out.push({ labels: this.labels(i), times, values });
    }
    return out;
  }

  async instant(): Promise<ReplicaSample[]> {
    if (this.down) {
      throw new PrometheusUnreachableError(`${this.name}: connection refused (ECONNREFUSED)`);
    }
    return this.options.replicas ?? [];
  }
}
