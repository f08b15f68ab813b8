/**
 * A prom-client gauge whose label names are not known in advance: a job's series labels come from
 * its query's result. prom-client fixes a metric's label names at construction, so this gauge keeps
 * its own samples per job and hands them to prom-client at scrape time; prom-client still writes the
 * exposition text (and escapes every label value: `"`, `\` and newlines).
 *
 * Samples are replaced per job as a whole, so a series that leaves a job's result leaves `/metrics`
 * at the same moment (no stale series kept forever).
 */
import { Gauge, type Registry } from 'prom-client';

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

type GaugeSnapshot = Awaited<ReturnType<Gauge['get']>>;

export class SeriesGauge extends Gauge<string> {
  private readonly byJob = new Map<string, Sample[]>();

  constructor(name: string, help: string, registry: Registry) {
    super({ name, help, registers: [registry] });
  }

  /** Replaces every sample of a job (none: the job's series disappear). */
  replaceJob(job: string, samples: Sample[]): void {
    if (samples.length === 0) {
      this.byJob.delete(job);
    } else {
      this.byJob.set(
        job,
        samples.filter((s) => Number.isFinite(s.value))
      );
    }
  }

  samples(job: string): readonly Sample[] {
    return this.byJob.get(job) ?? [];
  }

  override async get(): Promise<GaugeSnapshot> {
    const base = await super.get();
    const values = [...this.byJob.values()].flat().map((s) => ({ labels: s.labels, value: s.value }));
    return { ...base, values };
  }
}
