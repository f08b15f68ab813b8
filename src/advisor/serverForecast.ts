/**
 * Forecasts the headless runner already made, read back through Prometheus instead of training in
 * the browser: fifty people viewing a dashboard then train nothing. The runner publishes each
 * series' forecast at fixed lead times (`foresight_forecast{job, …series, lead, band}`); this reads
 * the newest evaluation, puts the leads back on a regular grid (linear between leads, said in the
 * warning line), and plans replicas and actions with the query's own policy, as a trained forecast
 * would be.
 */
import { formatDuration, parseDurationMs } from '../common/duration';
import { plural } from '../common/plural';
import { isMethodId } from '../common/methodNames';
import type { ModelReport, QueryResult, SeriesResult } from '../contract/types';
import { BANDS, LABEL, METRIC } from '../contract/metrics';
import { seriesLabels } from '../contract/seriesLabels';
import type { BaseMethod, Forecast, MethodChoice } from '../engine/api';
import { labelsKey } from '../io/prometheus/merge';
import { uniqueDisplayNames } from '../io/prometheus/legend';
import type { PromSeries } from '../io/prometheus/types';
import type { ScalingPolicy } from '../policy/types';
import { emptyResultError } from './errors';
import { dataSentences, planSeries } from './planSeries';
import type { RangeSource } from './ports';
import type { ForecastSpec } from './spec';
import { visibleWarnings } from './warnings';

/** How far back the newest evaluation is looked for: a few scrape and evaluation intervals. */
const LOOKBACK_MS = 15 * 60_000;
const LOOKBACK_STEP_MS = 30_000;

/** One series' newest values on Foresight's metrics, by metric and distinguishing label. */
interface Published {
  labels: Record<string, string>;
  /** lead (ms) → band → value */
  leads: Map<number, Map<string, number>>;
  method?: BaseMethod;
  /** The method label as published, when it is one this plugin does not know ('' when absent). */
  unknownMethod?: string;
  /** Forecast samples whose lead label is not a duration: not drawn. */
  unreadableLeads: number;
  /** What the job asked for (`auto`, or one method); absent from a server older than the label. */
  requested?: MethodChoice;
  relMaeVsNaive?: number;
  coverage: { 80?: number; 95?: number };
  /** Time of the newest sample read (ms): when Prometheus last scraped it, not when it was made. */
  atMs: number;
  /** The forecast's origin as the server published it (its series' last sample, ms). */
  originMs?: number;
}

function lastValue(s: PromSeries): { value: number; timeMs: number } | undefined {
  for (let i = s.values.length - 1; i >= 0; i--) {
    const v = s.values[i];
    if (v !== null && Number.isFinite(v)) {
      return { value: v, timeMs: s.times[i] };
    }
  }
  return undefined;
}

const OWN_LABELS = new Set<string>([
  '__name__',
  LABEL.lead,
  LABEL.band,
  LABEL.method,
  LABEL.requested,
  LABEL.model,
  LABEL.level,
]);

/** A lead label in milliseconds; undefined when it is not a duration (a server this plugin cannot read). */
function leadMs(label: string | undefined): number | undefined {
  try {
    const ms = parseDurationMs(label ?? '', 'lead');
    return ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When the job last evaluated (ms), from its `foresight_last_success_timestamp_seconds`; undefined
 * from a server that does not publish it. Why not the newest sample's time: that is when Prometheus
 * last scraped the result, so "evaluated 6s ago" was said of an evaluation 48 s old, and of a
 * stuck server still being scraped.
 */
export function evaluatedAtMs(series: PromSeries[]): number | undefined {
  let at: number | undefined;
  for (const s of series) {
    const last = s.labels.__name__ === METRIC.lastSuccess ? lastValue(s) : undefined;
    if (last) {
      at = Math.max(at ?? -Infinity, last.value * 1000);
    }
  }
  return at;
}

/** Groups the published samples by series (labels without Foresight's own); the job's own metrics are not a series. */
export function groupPublished(series: PromSeries[]): Map<string, Published> {
  const out = new Map<string, Published>();
  for (const s of series.filter((x) => x.labels.__name__ !== METRIC.lastSuccess)) {
    const last = lastValue(s);
    if (!last) {
      continue;
    }
    const labels = Object.fromEntries(Object.entries(s.labels).filter(([k]) => !OWN_LABELS.has(k)));
    const key = labelsKey(labels);
    const p: Published = out.get(key) ?? { labels, leads: new Map(), coverage: {}, atMs: 0, unreadableLeads: 0 };
    out.set(key, p);
    p.atMs = Math.max(p.atMs, last.timeMs);
    const name = s.labels.__name__;
    if (name === METRIC.forecast) {
      const lead = leadMs(s.labels[LABEL.lead]);
      if (lead === undefined) {
        p.unreadableLeads++;
        continue;
      }
      const bands = p.leads.get(lead) ?? new Map<string, number>();
      bands.set(s.labels[LABEL.band] ?? '', last.value);
      p.leads.set(lead, bands);
    } else if (name === METRIC.modelInfo) {
      // Any method the headless runner can publish, the base model and the medians included.
      const m = s.labels[LABEL.method] ?? '';
      p.method = isMethodId(m) ? m : undefined;
      p.unknownMethod = isMethodId(m) ? undefined : m;
      const r = s.labels[LABEL.requested] ?? '';
      p.requested = r === 'auto' || isMethodId(r) ? r : undefined;
    } else if (name === METRIC.relativeMae) {
      p.relMaeVsNaive = last.value;
    } else if (name === METRIC.intervalCoverage) {
      p.coverage[s.labels[LABEL.level] === '80' ? 80 : 95] = last.value;
    } else if (name === METRIC.lastSample) {
      p.originMs = last.value * 1000;
    }
  }
  return out;
}

/** The leads published with every band, shortest first. */
function completeLeads(p: Published): Array<[number, Map<string, number>]> {
  return [...p.leads.entries()]
    .filter(([, bands]) => BANDS.every(({ band }) => bands.has(band)))
    .sort((a, b) => a[0] - b[0]);
}

/**
 * The published leads on a regular grid (the shortest lead as step), linear between leads. Leads
 * missing a band are dropped (`serverSentences` says which); fewer than one complete lead gives no forecast.
 */
export function forecastFromLeads(p: Published, originMs: number): Forecast | undefined {
  const leads = completeLeads(p);
  if (leads.length === 0) {
    return undefined;
  }
  const stepMs = leads[0][0];
  const steps = Math.round(leads[leads.length - 1][0] / stepMs);
  const at = (band: string, leadMs: number): number => {
    let j = leads.findIndex(([l]) => l >= leadMs);
    j = j < 0 ? leads.length - 1 : j;
    const [l1, b1] = leads[j];
    if (j === 0 || l1 === leadMs) {
      return b1.get(band)!;
    }
    const [l0, b0] = leads[j - 1];
    const w = (leadMs - l0) / (l1 - l0);
    return b0.get(band)! * (1 - w) + b1.get(band)! * w;
  };
  const grid = Array.from({ length: steps }, (_, k) => (k + 1) * stepMs);
  const f = Object.fromEntries(BANDS.map(({ band, field }) => [field, grid.map((l) => at(band, l))])) as Pick<
    Forecast,
    'mean' | 'lower80' | 'upper80' | 'lower95' | 'upper95'
  >;
  return { ...f, startMs: originMs + stepMs, stepMs, method: p.method ?? 'naive' };
}

function serverReport(p: Published, originMs: number, evaluatedMs: number): ModelReport {
  const method = p.method ?? 'naive';
  return {
    // Without the label (an older server) the job's request is unknown; the method shown stands in.
    requested: p.requested ?? method,
    method,
    scores: {},
    mase: Number.NaN,
    relMaeVsSeasonalNaive: Number.NaN,
    // measured by the server on its own held-out origins: the headline says how it compares
    relMaeVsNaive: p.relMaeVsNaive,
    coverage80: p.coverage[80] ?? Number.NaN,
    coverage95: p.coverage[95] ?? Number.NaN,
    origins: Number.NaN,
    trainedFromMs: Number.NaN,
    trainedToMs: originMs,
    trainedAtMs: evaluatedMs,
    trainMs: 0,
    backend: 'server',
  };
}

/** Where the forecast came from, and what of what the server published is not drawn or not known. */
function serverSentences(job: string, p: Published, clockMs: number, evaluatedMs: number): string[] {
  const complete = completeLeads(p).map(([l]) => l);
  const age = formatDuration(Math.max(0, clockMs - evaluatedMs));
  const out = [
    `Forecast read from the Foresight server (job "${job}", evaluated ${age} ago), not trained in this browser; ` +
      `it publishes lead times ${complete.map(formatDuration).join(', ')} and the values between them are interpolated.`,
  ];
  const partial = [...p.leads.keys()].filter((l) => !complete.includes(l)).sort((a, b) => a - b);
  if (partial.length > 0) {
    const which = partial.map(formatDuration).join(', ');
    out.push(
      `Lead time${partial.length > 1 ? 's' : ''} ${which} came without every band and ${partial.length > 1 ? 'are' : 'is'} not drawn.`
    );
  }
  if (p.unreadableLeads > 0) {
    out.push(`${plural(p.unreadableLeads, 'forecast sample')} with a lead label that is not a duration: not drawn.`);
  }
  if (p.method === undefined) {
    const label = p.unknownMethod
      ? `its method label "${p.unknownMethod}" is not one this plugin knows`
      : 'it gave no method';
    out.push(
      `The server did not say which method made this forecast (${label}), so the card names the last value (naive) in its place; the server and this plugin may be different versions.`
    );
  }
  return out;
}

/**
 * The query's own series a published group belongs to: its labels, as the server publishes them
 * (`job` set, clashes renamed), are all on the group. The group may carry more (the `instance` and
 * target labels the scrape adds), so the match is by inclusion; the most specific series wins.
 */
export function matchActual(
  published: Record<string, string>,
  job: string,
  actualByKey: Map<string, PromSeries>
): PromSeries | undefined {
  let best: PromSeries | undefined;
  let bestSize = -1;
  for (const s of actualByKey.values()) {
    const mapped = Object.entries(seriesLabels(job, s.labels));
    if (mapped.length > bestSize && mapped.every(([k, v]) => published[k] === v)) {
      best = s;
      bestSize = mapped.length;
    }
  }
  return best;
}

export interface ServerReadContext {
  source: RangeSource;
  job: string;
  clockMs: number;
  /** Actuals of the displayed range, by series key (the query's own labels). */
  actualByKey: Map<string, PromSeries>;
  /**
   * The day before now, by series key, where the displayed range is not it: the retire rule, the
   * counter check and the reactive floor read it (`SeriesPlanInput.recent`).
   */
  lastDayByKey?: Map<string, PromSeries>;
  policy: ScalingPolicy;
  currentReplicas: number;
  timeZone: string;
  signal?: AbortSignal;
}

/**
 * Each published series with its actuals (matched by the query's own labels) and its display name,
 * unique within the query.
 */
function namedGroups(published: Published[], spec: ForecastSpec, ctx: ServerReadContext) {
  const matched = published.map((p) => {
    const actual = matchActual(p.labels, ctx.job, ctx.actualByKey);
    const labels = actual?.labels ?? Object.fromEntries(Object.entries(p.labels).filter(([k]) => k !== LABEL.job));
    return { p, actual, labels };
  });
  const names = uniqueDisplayNames(
    matched.map((m) => m.labels),
    spec.legendFormat,
    spec.expr
  );
  return matched.map((m, i) => ({ ...m, seriesName: names[i] }));
}

/** What a panel reads of a job's results: the forecast, how it was made and measured, and when. */
const PUBLISHED = [
  METRIC.forecast,
  METRIC.modelInfo,
  METRIC.relativeMae,
  METRIC.intervalCoverage,
  METRIC.lastSample,
  METRIC.lastSuccess,
];

export async function readServerForecast(spec: ForecastSpec, ctx: ServerReadContext): Promise<QueryResult> {
  const job = JSON.stringify(ctx.job); // a PromQL string literal: quotes and backslashes escaped
  const expr = `{__name__=~"${PUBLISHED.join('|')}", ${LABEL.job}=${job}}`;
  const published = await ctx.source.queryRange(
    {
      refId: spec.refId,
      expr,
      fromMs: ctx.clockMs - LOOKBACK_MS,
      toMs: ctx.clockMs,
      stepMs: LOOKBACK_STEP_MS,
      points: LOOKBACK_MS / LOOKBACK_STEP_MS + 1,
    },
    ctx.signal
  );
  const groups = groupPublished(published);
  const evaluated = evaluatedAtMs(published);
  if (groups.size === 0) {
    throw emptyResultError(
      expr,
      `the last ${formatDuration(LOOKBACK_MS)} (is the Foresight server running job ${job}, and does Prometheus scrape it?)`
    );
  }
  const series: SeriesResult[] = [];
  const actions: QueryResult['actions'] = [];
  const errors: string[] = [];
  for (const { p, actual, labels, seriesName } of namedGroups([...groups.values()], spec, ctx)) {
    // the leads count from the series' last sample (older servers: from when it was read)
    const originMs = p.originMs ?? p.atMs;
    const evaluatedMs = evaluated ?? p.atMs;
    const forecast = forecastFromLeads(p, originMs);
    if (!forecast) {
      errors.push(
        `${seriesName}: the server published no complete lead time (every band) in the last ${formatDuration(LOOKBACK_MS)}.`
      );
      continue;
    }
    const report = serverReport(p, originMs, evaluatedMs);
    const advice = planSeries({
      forecast,
      series: actual ?? { times: [], values: [] },
      recent: ctx.lastDayByKey && (matchActual(p.labels, ctx.job, ctx.lastDayByKey) ?? { times: [], values: [] }),
      policy: ctx.policy,
      currentReplicas: ctx.currentReplicas,
      retireThreshold: spec.retireThreshold,
      clockMs: ctx.clockMs,
      timeZone: ctx.timeZone,
      unit: spec.unit,
      labels: actual?.labels,
      expr: spec.expr,
    });
    const warnings = [
      ...serverSentences(ctx.job, p, ctx.clockMs, evaluatedMs),
      ...visibleWarnings({ report, dataWarnings: dataSentences(advice), staleness: advice.staleness, modelNotes: [] }),
    ];
    series.push({
      refId: spec.refId,
      seriesKey: labelsKey(labels),
      seriesName,
      labels,
      actual,
      forecast,
      plan: advice.plan,
      report,
      policy: ctx.policy,
      retire: advice.retire,
      unit: spec.unit,
      clockMs: ctx.clockMs,
      stale: advice.staleness.stale
        ? { ageMs: advice.staleness.ageMs, thresholdMs: advice.staleness.thresholdMs }
        : undefined,
      warnings,
      executedQueryString: `Expr: ${spec.expr}\nServer forecasts: ${expr}`,
    });
    actions.push(...advice.actions.map((a) => ({ ...a, series: seriesName })));
  }
  actions.sort((a, b) => a.timeMs - b.timeMs);
  return { refId: spec.refId, series, actions, errors };
}
