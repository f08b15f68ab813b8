/**
 * What one job's `QueryResult` says, as metric samples: forecast values at fixed lead times, the
 * replica plan, the next scale action, the model and its measured accuracy. Pure: the metrics
 * registry decides where they go.
 */
import { formatDuration } from '../common/duration';
import type { QueryResult, SeriesResult } from '../contract/types';
import { ACTIONS, BANDS, COVERAGE_LEVELS, LABEL, LEAD_LADDER_MS } from '../contract/metrics';
import type { Sample } from './seriesGauge';
import { seriesLabels } from '../contract/seriesLabels';

export interface JobSamples {
  forecast: Sample[];
  recommendedReplicas: Sample[];
  recommendedReplicasMax: Sample[];
  scaleAction: Sample[];
  modelInfo: Sample[];
  relativeMae: Sample[];
  intervalCoverage: Sample[];
  lastSample: Sample[];
}

/** The ladder's lead times that fit the job: at least one step, at most the horizon. */
export function leadsFor(horizonMs: number, stepMs: number): number[] {
  return LEAD_LADDER_MS.filter((lead) => lead >= stepMs && lead <= horizonMs);
}

/**
 * Index of the forecast step `leadMs` after the last observation (step 1 is index 0). Leads that
 * fall between steps take the nearest step; past the forecast's end: undefined.
 */
export function leadIndex(leadMs: number, stepMs: number, length: number): number | undefined {
  const index = Math.max(1, Math.round(leadMs / stepMs)) - 1;
  return index < length ? index : undefined;
}

function forecastSamples(job: string, s: SeriesResult, horizonMs: number): Sample[] {
  const base = seriesLabels(job, s.labels);
  const f = s.forecast;
  const out: Sample[] = [];
  for (const leadMs of leadsFor(horizonMs, f.stepMs)) {
    const i = leadIndex(leadMs, f.stepMs, f.mean.length);
    if (i === undefined) {
      continue;
    }
    for (const { band, field } of BANDS) {
      out.push({ labels: { ...base, [LABEL.lead]: formatDuration(leadMs), [LABEL.band]: band }, value: f[field][i] });
    }
  }
  return out;
}

/** The next action within the horizon: retire when advised, else the plan's first action, else hold. */
export function nextAction(s: SeriesResult): (typeof ACTIONS)[number] | undefined {
  if (s.retire?.retire) {
    return 'retire';
  }
  if (!s.plan) {
    return undefined;
  }
  const first = [...s.plan.actions].sort((a, b) => a.timeMs - b.timeMs)[0];
  return first?.action ?? 'hold';
}

/** MAE of the chosen method over last-value naive's, on the same held-out origins; none when either is missing. */
export function relativeMaeVsNaive(s: SeriesResult): number | undefined {
  const chosen = s.report.scores[s.report.method]?.mae;
  const naive = s.report.scores.naive?.mae;
  if (chosen === undefined || naive === undefined || !(naive > 0)) {
    return undefined;
  }
  return chosen / naive;
}

function planSamples(job: string, s: SeriesResult, out: JobSamples): void {
  const labels = seriesLabels(job, s.labels);
  if (s.plan && s.plan.replicas.length > 0) {
    out.recommendedReplicas.push({ labels, value: s.plan.replicas[0] });
    out.recommendedReplicasMax.push({ labels, value: Math.max(...s.plan.replicas) });
  }
  const next = nextAction(s);
  if (next) {
    for (const action of ACTIONS) {
      out.scaleAction.push({ labels: { ...labels, [LABEL.action]: action }, value: action === next ? 1 : 0 });
    }
  }
}

function modelSamples(job: string, s: SeriesResult, out: JobSamples): void {
  const labels = seriesLabels(job, s.labels);
  out.modelInfo.push({
    labels: {
      ...labels,
      [LABEL.method]: s.report.method,
      [LABEL.requested]: s.report.requested,
      [LABEL.model]: s.run?.model ?? 'trained',
    },
    value: 1,
  });
  const rel = relativeMaeVsNaive(s);
  if (rel !== undefined) {
    out.relativeMae.push({ labels, value: rel });
  }
  const coverage = { '80': s.report.coverage80, '95': s.report.coverage95 };
  for (const level of COVERAGE_LEVELS) {
    if (Number.isFinite(coverage[level])) {
      out.intervalCoverage.push({ labels: { ...labels, [LABEL.level]: level }, value: coverage[level] });
    }
  }
}

/** When the series' data ends: the forecast starts one step after the last observation. */
function lastSampleSample(job: string, s: SeriesResult): Sample {
  return { labels: seriesLabels(job, s.labels), value: (s.forecast.startMs - s.forecast.stepMs) / 1000 };
}

export function jobSamples(job: string, result: QueryResult, horizonMs: number): JobSamples {
  const out: JobSamples = {
    forecast: [],
    recommendedReplicas: [],
    recommendedReplicasMax: [],
    scaleAction: [],
    modelInfo: [],
    relativeMae: [],
    intervalCoverage: [],
    lastSample: [],
  };
  for (const s of result.series) {
    out.forecast.push(...forecastSamples(job, s, horizonMs));
    planSamples(job, s, out);
    modelSamples(job, s, out);
    out.lastSample.push(lastSampleSample(job, s));
  }
  return out;
}
