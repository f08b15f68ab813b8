/**
 * Replay benchmark (issue 3): would acting on the forecast have beaten reacting, on real history?
 *
 * For each request-like NAB series: put it on its grid (the engine's `prepareSeries`), replay the last
 * min(14 days, half the series), fit the engine's forecasters once on the data before that period and
 * apply them at every evaluation (`engineForecaster.ts`), then run the same target-tracking rules
 * reactively (on the latest completed sample, like an HPA) and predictively (on the forecast mean or,
 * with headroom, its upper 80 % bound; each with and without a reactive floor).
 *
 * Capacity per replica = 99th percentile of the replayed load / 10, so the usual peak needs about 10
 * replicas (a series' few highest spikes would otherwise set the scale); min 2, max 15, lead time
 * 15 min, evaluation every 5 min, HPA tolerance 10 %, 5-min scale-down stabilisation. Each series is
 * replayed with the policy's target at 100 % of that capacity (as the issue states it) and at 80 %
 * (the usual way an HPA is run: the target leaves headroom below the hard limit).
 *
 * `runReplayBench()` is called by bench/run.ts; `npx tsx bench/replay/run.ts` runs it alone and
 * writes bench/replay/RESULTS.md and bench/replay/results.json.
 */
import { writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { medianSpacing, prepareSeries } from '../../src/engine';
import { initEngineNode } from '../../src/engine/node';
import {
  replay,
  validatePolicy,
  type Forecaster,
  type ReplayFigures,
  type ReplayInput,
  type ReplayRun,
  type ScalingPolicy,
} from '../../src/policy';
import { engineForecasts, replayMethods } from './engineForecaster';
import { readCsvSeries } from '../../src/io/csv';
import { causalSeries } from './causal';

const DAY_MS = 86_400_000;
const MAX_REPLAY_DAYS = 14;
const PEAK_QUANTILE = 0.99;
const PEAK_REPLICAS = 10;
/** Policy target as a fraction of the hard capacity per replica. */
const UTILISATION_TARGETS = [1, 0.8] as const;

/** Request-like shared series: request counts, taxi passengers, tweet volumes. */
export const REPLAY_SERIES: ReadonlyArray<{ name: string; file: string }> = [
  { name: 'elb_request_count_8c0756', file: 'realAWSCloudwatch/elb_request_count_8c0756.csv' },
  { name: 'nyc_taxi', file: 'realKnownCause/nyc_taxi.csv' },
  ...['AAPL', 'AMZN', 'CRM', 'CVS', 'FB'].map((s) => ({
    name: `Twitter_volume_${s}`,
    file: `realTweets/Twitter_volume_${s}.csv`,
  })),
];

export const BENCH_POLICY: Partial<ScalingPolicy> = {
  kind: 'target',
  tolerance: 0.1,
  minReplicas: 2,
  maxReplicas: 15,
  scaleDownStabilizationSec: 300,
  cooldownSec: 0,
  leadTimeSec: 900,
  evaluationIntervalSec: 300,
};

/** Predictive variants, each the same rules with one change, replayed against the same reactive run. */
const PREDICTIVE = {
  predictive: { label: 'predictive (mean)', change: { headroom: 'mean', reactiveFloor: false } },
  predictive_floor: { label: 'predictive (mean, reactive floor)', change: { headroom: 'mean', reactiveFloor: true } },
  predictive_upper80: { label: 'predictive (upper 80 %)', change: { headroom: 'upper80', reactiveFloor: false } },
  predictive_upper80_floor: {
    label: 'predictive (upper 80 %, reactive floor)',
    change: { headroom: 'upper80', reactiveFloor: true },
  },
} as const satisfies Record<string, { label: string; change: Partial<ScalingPolicy> }>;
type Predictive = keyof typeof PREDICTIVE;
/** The variant the policy's defaults give (DEFAULT_POLICY's headroom and reactive floor); see src/policy/README.md. */
const RECOMMENDED: Predictive = 'predictive_floor';
/** The variant that buys the largest cut with headroom: compared with a reactive static buffer of equal cost. */
const HEADROOM: Predictive = 'predictive_upper80_floor';
const PREDICTIVE_KEYS = Object.keys(PREDICTIVE) as Predictive[];
type Variant = 'reactive' | Predictive;

export interface Verdict {
  /** Share of reactive's under-provisioned minutes the predictive run removed (negative: added). */
  underCut: number;
  extraReplicaHours: number;
  /** underCut ≥ 50 % and extraReplicaHours ≤ 10 % (the issue's target). */
  met: boolean;
}

/** Reference runs that explain a result; not policies anyone could deploy as such. */
export interface Diagnostics {
  /** The same rules fed the true future load: the most any forecaster could give these rules. */
  perfectForecast: ReplayFigures;
  /**
   * Reactive with its target lowered until it spends the replica-hours of predictive (upper 80 %, reactive floor):
   * at equal cost, does the forecast beat a static buffer?
   */
  equalCostReactive: { targetFraction: number; figures: ReplayFigures };
}

export interface TargetReplay {
  /** Policy target as a fraction of the hard capacity. */
  utilisationTarget: number;
  runs: Record<Variant, ReplayFigures>;
  verdicts: Record<Predictive, Verdict>;
  diagnostics: Diagnostics;
}

export interface SeriesReplay {
  series: string;
  stepSeconds: number;
  replayDays: number;
  capacityPerReplica: number;
  /** Shape of the replayed load: sparse counts (median of a few per step) are mostly counting noise. */
  loadMedian: number;
  loadP99: number;
  zeroShare: number;
  /** The engine's choice by validation MAE before the replay period. */
  method: string;
  validationMae: Record<string, number>;
  fitMs: number;
  /** Replay origins re-forecast with the future hidden; identical forecasts prove no look-ahead. */
  leakChecks: number;
  /** Replayed slots with no measured sample (filled from the past for forecasts; not counted as load). */
  unmeasuredInReplay: number;
  minutes: number;
  unservableMinutes: number;
  targets: TargetReplay[];
}

function quantile(xs: number[], q: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))];
}

function figures(run: ReplayRun): ReplayFigures {
  const { timeline: _timeline, ...rest } = run;
  return rest;
}

function verdict(pred: ReplayFigures, react: ReplayFigures): Verdict {
  const underCut =
    react.underProvisionedMinutes > 0
      ? 1 - pred.underProvisionedMinutes / react.underProvisionedMinutes
      : pred.underProvisionedMinutes === 0
        ? 0
        : -Infinity;
  const extraReplicaHours = pred.replicaHours / react.replicaHours - 1;
  return { underCut, extraReplicaHours, met: underCut >= 0.5 && extraReplicaHours <= 0.1 };
}

/** Knows the future: the true load after the history (a ceiling for any forecaster, not a forecaster). */
function perfectForecaster(loads: number[], startMs: number, stepMs: number): Forecaster {
  return (history, horizon) => {
    const origin = Math.round((history.times[history.times.length - 1] - startMs) / stepMs) + 1;
    const mean = Array.from({ length: horizon }, (_, h) => loads[origin + h] ?? NaN);
    return { mean, lower80: mean, upper80: mean, lower95: mean, upper95: mean };
  };
}

/** Bisects the reactive policy's target until its replica-hours match `replicaHours`. */
async function equalCostReactive(
  common: Omit<ReplayInput, 'policy'>,
  policy: ScalingPolicy,
  capacity: number,
  replicaHours: number
): Promise<Diagnostics['equalCostReactive']> {
  const run = async (fraction: number) =>
    figures((await replay({ ...common, policy: { ...policy, capacityPerReplica: capacity * fraction } })).reactive);
  let lo = 0.02;
  let hi = 1;
  let best = { targetFraction: 1, figures: await run(1) };
  for (let i = 0; i < 12; i++) {
    const mid = (lo + hi) / 2;
    const r = await run(mid);
    if (Math.abs(r.replicaHours - replicaHours) < Math.abs(best.figures.replicaHours - replicaHours)) {
      best = { targetFraction: mid, figures: r };
    }
    if (r.replicaHours > replicaHours) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return best;
}

async function replaySeries(name: string, path: string): Promise<SeriesReplay> {
  const raw = readCsvSeries(path);
  const stepMs = medianSpacing([...raw.times].sort((a, b) => a - b));
  const prep = prepareSeries(raw, stepMs);
  const n = prep.values.length;
  const replayLen = Math.min(Math.round((MAX_REPLAY_DAYS * DAY_MS) / stepMs), Math.floor(n / 2));
  const startIndex = n - replayLen;
  const times = Array.from({ length: n }, (_, i) => prep.startMs + i * stepMs);
  // Forecasts see gaps filled from the past only; slots with no measured sample are no load.
  const causal = causalSeries(raw, prep, startIndex);
  const loads = causal.loads;
  const replayed = loads.slice(startIndex).filter((v) => Number.isFinite(v));
  const capacity = quantile(replayed, PEAK_QUANTILE) / PEAK_REPLICAS;
  const base = validatePolicy({ ...BENCH_POLICY, capacityPerReplica: capacity });
  const horizon = Math.ceil(((base.leadTimeSec + base.evaluationIntervalSec) * 1000) / stepMs) + 2;

  const ef = await engineForecasts({
    values: causal.values,
    observed: prep.observed,
    startMs: prep.startMs,
    stepMs,
    horizon,
    firstOrigin: startIndex,
    lastOrigin: n - 1,
  });
  const common = { times, values: loads, stepMs, forecaster: ef.forecaster, startIndex, capacityPerReplica: capacity };

  const targets: TargetReplay[] = [];
  let minutes = 0;
  let unservableMinutes = 0;
  for (const utilisationTarget of UTILISATION_TARGETS) {
    const policy: ScalingPolicy = { ...base, capacityPerReplica: capacity * utilisationTarget };
    const runs = {} as Record<Variant, ReplayFigures>;
    for (const key of PREDICTIVE_KEYS) {
      const result = await replay({ ...common, policy: { ...policy, ...PREDICTIVE[key].change } });
      if (result.forecastErrors > 0) {
        throw new Error(`the forecaster failed ${result.forecastErrors} times: ${result.firstForecastError}`);
      }
      // The reactive run does not depend on the predictive variant: any of them gives it.
      runs.reactive = figures(result.reactive);
      runs[key] = figures(result.predictive);
      minutes = result.minutes;
      unservableMinutes = result.unservableMinutes;
    }
    const verdicts = {} as Record<Predictive, Verdict>;
    for (const key of PREDICTIVE_KEYS) {
      verdicts[key] = verdict(runs[key], runs.reactive);
    }
    const perfect = await replay({
      ...common,
      policy: { ...policy, headroom: 'mean', reactiveFloor: false },
      forecaster: perfectForecaster(loads, prep.startMs, stepMs),
    });
    targets.push({
      utilisationTarget,
      runs,
      verdicts,
      diagnostics: {
        perfectForecast: figures(perfect.predictive),
        equalCostReactive: await equalCostReactive(common, policy, capacity, runs[HEADROOM].replicaHours),
      },
    });
  }
  const validationMae: Record<string, number> = {};
  for (const [method, score] of Object.entries(ef.validation)) {
    validationMae[method] = score.mae;
  }
  return {
    series: name,
    stepSeconds: stepMs / 1000,
    replayDays: (replayLen * stepMs) / DAY_MS,
    capacityPerReplica: capacity,
    loadMedian: quantile(replayed, 0.5),
    loadP99: quantile(replayed, PEAK_QUANTILE),
    zeroShare: replayed.filter((v) => v === 0).length / replayed.length,
    method: ef.method,
    validationMae,
    fitMs: Math.round(ef.fitMs),
    leakChecks: ef.leakChecks,
    unmeasuredInReplay: causal.unmeasuredInReplay,
    minutes,
    unservableMinutes,
    targets,
  };
}

const num = (x: number, digits = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : 'n/a';
const pct = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %` : 'n/a');
const cell = (f: ReplayFigures) =>
  `${num(f.underProvisionedMinutes)} · ${num(f.replicaHours)} · ${f.scaleEvents} · ${f.worstShortfallReplicas}`;
const vs = (v: Verdict) => `${pct(-v.underCut)} / ${pct(v.extraReplicaHours)}`;

function markdown(rows: SeriesReplay[], failed: Array<{ series: string; error: string }>, seconds: number): string {
  const out: string[] = [];
  const p = BENCH_POLICY;
  out.push('## Scale advisor replay: predictive vs reactive');
  out.push('');
  out.push(
    `Target tracking (HPA rule, ${num((p.tolerance ?? 0) * 100)} % tolerance), min ${p.minReplicas}, max ${p.maxReplicas}, ` +
      `lead time ${num((p.leadTimeSec ?? 0) / 60)} min, evaluation every ${num((p.evaluationIntervalSec ?? 0) / 60)} min, ` +
      `${num((p.scaleDownStabilizationSec ?? 0) / 60)}-min scale-down stabilisation. Capacity per replica = p${PEAK_QUANTILE * 100} ` +
      `of the replayed load / ${PEAK_REPLICAS}; the policy targets 100 % or 80 % of it. Replayed: the last min(${MAX_REPLAY_DAYS} days, ` +
      `half the series). Forecasts: the engine's \`auto\` as the product runs it (candidates ${replayMethods().join(' / ').replace(/_/g, ' ')}` +
      `${replayMethods().includes('lstm') ? '' : ' — narrowed by FORESIGHT_REPLAY_METHODS, no LSTM'}), validated, chosen and ` +
      `calibrated (80/95 % bands) once on the data before the replay, then applied at every evaluation seeing only the past ` +
      `(checked: ${rows[0]?.leakChecks ?? 0} origins per series re-forecast with the future hidden gave identical numbers; gaps in ` +
      `the replay are filled from the past only: ${rows.map((r) => r.unmeasuredInReplay).reduce((a, b) => a + b, 0)} slot(s)). ` +
      `Reactive = the same rules on the latest completed sample. Predictive = the rules on the peak of the forecast ` +
      `(mean or upper 80 % bound) over the next lead time + interval; "reactive floor" = never below what the latest sample needs ` +
      `(as AWS predictive + dynamic scaling). Under-provisioned = load > serving replicas × ` +
      `capacity; a scale-up serves 15 min after it is asked for; replica-hours bill the replicas asked for (booting ones included).`
  );
  out.push('');
  out.push(...headline(rows));
  out.push('');
  out.push(
    '| series | step | replayed | load median / p99 per step | zero steps | capacity per replica | forecaster (validation MAE) |'
  );
  out.push('|---|---:|---:|---:|---:|---:|---|');
  for (const r of rows) {
    const mae = Object.entries(r.validationMae)
      .map(([m, v]) => `${m.replace('_', ' ')} ${num(v, 1)}`)
      .join(', ');
    out.push(
      `| ${r.series} | ${num(r.stepSeconds / 60)} min | ${num(r.replayDays)} days | ${num(r.loadMedian, 1)} / ${num(r.loadP99, 1)} | ` +
        `${num(r.zeroShare * 100)} % | ${num(r.capacityPerReplica, 2)} | **${r.method.replace('_', ' ')}** (${mae}) |`
    );
  }
  out.push('');
  out.push(
    'Cells: under-provisioned minutes · replica-hours · scale events · worst shortfall (replicas). "vs reactive": change in under-provisioned minutes / in replica-hours. Target: ≥ 50 % fewer under-provisioned minutes for ≤ 10 % more replica-hours.'
  );
  out.push('');
  out.push(
    `| series | forecaster | target | reactive | ${PREDICTIVE_KEYS.map((k) => `${PREDICTIVE[k].label} | vs reactive`).join(' | ')} | target met |`
  );
  out.push(`|---|---|---:|---:|${PREDICTIVE_KEYS.map(() => '---:|---:|').join('')}:---:|`);
  for (const r of rows) {
    r.targets.forEach((t, i) => {
      const predictive = PREDICTIVE_KEYS.map((k) => `${cell(t.runs[k])} | ${vs(t.verdicts[k])}`).join(' | ');
      const met = PREDICTIVE_KEYS.map((k) => (t.verdicts[k].met ? 'yes' : 'no')).join(' / ');
      out.push(
        `| ${i === 0 ? r.series : ''} | ${i === 0 ? r.method.replace('_', ' ') : ''} | ${num(t.utilisationTarget * 100)} % | ` +
          `${cell(t.runs.reactive)} | ${predictive} | ${met} |`
      );
    });
  }
  out.push('');
  for (const target of UTILISATION_TARGETS) {
    const at = rows.map((r) => r.targets.find((t) => t.utilisationTarget === target)).filter((t) => t !== undefined);
    const met = (v: Predictive) => at.filter((t) => t.verdicts[v].met).length;
    out.push(
      `- Target ${num(target * 100)} %: the issue's target is met on ` +
        PREDICTIVE_KEYS.map((k) => `${met(k)} of ${at.length} series by ${PREDICTIVE[k].label}`).join(', ') +
        '.'
    );
  }
  out.push(
    `- Minutes where even ${p.maxReplicas} replicas could not serve the load (no policy avoids them): ` +
      rows.map((r) => `${r.series} ${num(r.unservableMinutes)} of ${num(r.minutes)}`).join(', ') +
      '.'
  );
  out.push('');
  out.push('### Why: where the reactive shortfall comes from, and what a forecast could give at best');
  out.push('');
  out.push(
    '"While booting" = minutes short although the replicas already asked for would have served the load: the lead-time part, ' +
      'which a forecast can remove. The rest is load above what was asked for (noise within an evaluation interval, the 10 % ' +
      'tolerance). "Within tolerance" = short by no more than the HPA tolerance (load ≤ 1.1 × serving capacity): overload the ' +
      'rule accepts by design (the two parts overlap). ' +
      '"Perfect forecast" = the same rules fed the true future load. "Equal-cost reactive" = reactive with its target ' +
      `lowered until it spends the replica-hours of ${PREDICTIVE[HEADROOM].label}: at equal cost, does the forecast beat a static buffer?`
  );
  out.push('');
  out.push(
    '| series | target | reactive under-prov. min (while booting / within tolerance) | perfect forecast: under-prov. min, replica-h vs reactive | ' +
      `${PREDICTIVE[HEADROOM].label}: under-prov. min, replica-h | equal-cost reactive: target, under-prov. min, replica-h |`
  );
  out.push('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    for (const t of r.targets) {
      const re = t.runs.reactive;
      const o = t.diagnostics.perfectForecast;
      const u = t.runs[HEADROOM];
      const e = t.diagnostics.equalCostReactive;
      out.push(
        `| ${r.series} | ${num(t.utilisationTarget * 100)} % | ${num(re.underProvisionedMinutes)} ` +
          `(${num(re.bootingMinutes)} / ${num(re.withinToleranceMinutes)}) | ` +
          `${num(o.underProvisionedMinutes)}, ${pct(o.replicaHours / re.replicaHours - 1)} | ` +
          `${num(u.underProvisionedMinutes)}, ${num(u.replicaHours)} | ` +
          `${num(e.targetFraction * 100)} %, ${num(e.figures.underProvisionedMinutes)}, ${num(e.figures.replicaHours)} |`
      );
    }
  }
  out.push('');
  out.push(...reading(rows));
  out.push('');
  for (const f of failed) {
    out.push(`- ${f.series}: not replayed: ${f.error}`);
  }
  out.push(`- Replay benchmark run time ${seconds.toFixed(1)} s.`);
  return out.join('\n') + '\n';
}

const figs = (f: ReplayFigures) =>
  `${num(f.underProvisionedMinutes)} | ${num(f.replicaHours)} | ${f.scaleEvents} | ${f.worstShortfallReplicas}`;

/** Why a variant missed the issue's target on one series, from the figures (empty when it met it). */
function whyMissed(v: Verdict, t: TargetReplay, r: SeriesReplay): string {
  if (v.met) {
    return '';
  }
  const re = t.runs.reactive;
  const perfect = t.diagnostics.perfectForecast;
  const parts: string[] = [];
  if (v.underCut < 0.5) {
    parts.push(`cuts only ${pct(v.underCut).replace('+', '')}`);
  }
  if (v.extraReplicaHours > 0.1) {
    parts.push(`costs ${pct(v.extraReplicaHours)}`);
  }
  const short = Math.max(1, re.underProvisionedMinutes);
  const perfectCost = perfect.replicaHours / re.replicaHours - 1;
  const perfectCut = 1 - perfect.underProvisionedMinutes / short;
  const context: string[] = [];
  if (perfectCost > 0.1) {
    context.push(`even a perfect forecast costs ${pct(perfectCost)} under these rules`);
  } else if (perfectCut < 0.5) {
    context.push(`even a perfect forecast cuts only ${num(perfectCut * 100)} % under these rules`);
  }
  if (perfectCost <= 0.1 && perfectCut >= 0.5) {
    context.push(
      `a perfect forecast would meet it (${pct(-perfectCut)} / ${pct(perfectCost)}): the forecast misses the surges`
    );
  }
  if (r.zeroShare > 0.5) {
    context.push(`the load is 0 on ${num(r.zeroShare * 100)} % of steps: counting noise more than traffic`);
  }
  const tolerated = re.withinToleranceMinutes / short;
  if (tolerated > 0.5) {
    context.push(
      `${num(tolerated * 100)} % of reactive's short minutes are load within the ${num((BENCH_POLICY.tolerance ?? 0) * 100)} % ` +
        'tolerance, which the rule accepts in both policies'
    );
  }
  const unservable = r.unservableMinutes / short;
  if (unservable > 0.1) {
    context.push(
      `${num(unservable * 100)} % of reactive's short minutes exceed even ${BENCH_POLICY.maxReplicas} replicas`
    );
  }
  if (context.length === 0) {
    context.push(`lead time causes ${num((re.bootingMinutes / short) * 100)} % of reactive's short minutes`);
  }
  return `${parts.join(', ')} (${context.join('; ')})`;
}

/** The issue's table: reactive vs the default predictive policy and the headroom variant, per series. */
function headline(rows: SeriesReplay[]): string[] {
  const out: string[] = [];
  const d = PREDICTIVE[RECOMMENDED].label;
  const h = PREDICTIVE[HEADROOM].label;
  out.push(`### Per series: reactive vs the default predictive policy, ${d.replace('predictive ', '')}, and ${h}`);
  out.push('');
  out.push(
    'Under-provisioned minutes · replica-hours · scale events · worst shortfall (replicas) for each policy; "vs": change in ' +
      'under-provisioned minutes / in replica-hours against reactive. Target met: ≥ 50 % fewer under-provisioned minutes for ' +
      '≤ 10 % more replica-hours.'
  );
  out.push('');
  out.push(
    '| series | target | reactive: under-prov. min | rep-h | events | worst | default: under-prov. min | rep-h | events | worst | vs | met | ' +
      'upper 80 % + floor: under-prov. min | rep-h | events | worst | vs | met | why not |'
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|:---:|---|');
  for (const r of rows) {
    for (const t of r.targets) {
      const vd = t.verdicts[RECOMMENDED];
      const vh = t.verdicts[HEADROOM];
      const why = [vd.met ? '' : `default: ${whyMissed(vd, t, r)}`, vh.met ? '' : `upper 80 %: ${whyMissed(vh, t, r)}`]
        .filter((x) => x !== '')
        .join('; ');
      out.push(
        `| ${r.series} | ${num(t.utilisationTarget * 100)} % | ${figs(t.runs.reactive)} | ${figs(t.runs[RECOMMENDED])} | ${vs(vd)} | ` +
          `${vd.met ? 'yes' : 'no'} | ${figs(t.runs[HEADROOM])} | ${vs(vh)} | ${vh.met ? 'yes' : 'no'} | ${why || '—'} |`
      );
    }
  }
  out.push('');
  for (const target of UTILISATION_TARGETS) {
    const at = rows.map((r) => r.targets.find((t) => t.utilisationTarget === target)).filter((t) => t !== undefined);
    const met = (v: Predictive) => at.filter((t) => t.verdicts[v].met).length;
    const either = at.filter((t) => t.verdicts[RECOMMENDED].met || t.verdicts[HEADROOM].met).length;
    out.push(
      `- Target ${num(target * 100)} %: met on ${met(RECOMMENDED)} of ${at.length} series by the default, ` +
        `${met(HEADROOM)} of ${at.length} by upper 80 % + floor, ${either} of ${at.length} by either.`
    );
  }
  return out;
}

/** Facts computed from the tables that answer "why" where the target is missed. */
function reading(rows: SeriesReplay[]): string[] {
  const lines: string[] = [];
  const chosen = new Map<string, number>();
  rows.forEach((r) => chosen.set(r.method, (chosen.get(r.method) ?? 0) + 1));
  lines.push(
    `- \`auto\` chose ${[...chosen].map(([m, k]) => `${m.replace('_', ' ')} on ${k}`).join(', ')} of ${rows.length} series ` +
      '(by validation MAE before the replay, as the product does).'
  );
  const worseBare = rows.filter((r) =>
    r.targets.some((t) => t.runs.predictive.underProvisionedMinutes > t.runs.reactive.underProvisionedMinutes)
  );
  const worseFloor = rows.filter((r) =>
    r.targets.some((t) => t.runs[RECOMMENDED].underProvisionedMinutes > t.runs.reactive.underProvisionedMinutes)
  );
  lines.push(
    `- Planning on the bare forecast mean left the service short more often than reactive on ${worseBare.length} of ` +
      `${rows.length} series (${worseBare.map((r) => r.series).join(', ') || 'none'}) at some target; with the reactive floor on ` +
      `${worseFloor.length} (${worseFloor.map((r) => r.series).join(', ') || 'none'}). This is why the floor is on by default.`
  );
  const naive = rows.filter((r) => r.method === 'naive').map((r) => r.series);
  if (naive.length > 0) {
    lines.push(
      `- The engine chose the last value (naive) as the best forecast on ${naive.length} of ${rows.length} series (${naive.join(', ')}): ` +
        'there predictive (mean) plans on what reactive sees and is identical to it by construction.'
    );
  }
  for (const target of UTILISATION_TARGETS) {
    const at = rows
      .map((r) => ({ r, t: r.targets.find((x) => x.utilisationTarget === target) }))
      .filter((x): x is { r: SeriesReplay; t: TargetReplay } => x.t !== undefined);
    const costly = at.filter(
      ({ t }) => t.diagnostics.perfectForecast.replicaHours / t.runs.reactive.replicaHours - 1 > 0.1
    );
    const bootShare = at.map(
      ({ t }) => t.runs.reactive.bootingMinutes / Math.max(1, t.runs.reactive.underProvisionedMinutes)
    );
    const beatsBuffer = at.filter(
      ({ t }) =>
        t.runs[HEADROOM].underProvisionedMinutes < t.diagnostics.equalCostReactive.figures.underProvisionedMinutes
    );
    lines.push(
      `- Target ${num(target * 100)} %: even a perfect forecast needs more than 10 % more replica-hours than reactive on ` +
        `${costly.length} of ${at.length} series (${costly.map(({ r }) => r.series).join(', ') || 'none'}): never being short means ` +
        `planning for the peak of the next ${num(((BENCH_POLICY.leadTimeSec ?? 0) + (BENCH_POLICY.evaluationIntervalSec ?? 0)) / 60)} minutes, ` +
        `while reactive is cheap because it is often short. Lead time (the part a forecast can remove) causes ` +
        `${num(Math.min(...bootShare) * 100)}–${num(Math.max(...bootShare) * 100)} % of reactive's under-provisioned minutes. ` +
        `At equal replica-hours, ${PREDICTIVE[HEADROOM].label} is short less often than reactive with a lowered target on ` +
        `${beatsBuffer.length} of ${at.length} series.`
    );
  }
  return lines;
}

export async function runReplayBench(
  opts: { nabDir?: string; log?: (line: string) => void } = {}
): Promise<{ json: unknown; markdown: string }> {
  const started = performance.now();
  const nabDir = opts.nabDir ?? process.env.FORESIGHT_NAB_DIR ?? '/work/shared/data/nab';
  const log = opts.log ?? ((line: string) => console.error(line));
  const init = await initEngineNode({ mstl: true });
  if (!init.mstl) {
    log(`replay: ${init.mstlError ?? 'MSTL unavailable'}; continuing with naive and seasonal naive`);
  }
  const rows: SeriesReplay[] = [];
  const failed: Array<{ series: string; error: string }> = [];
  for (const s of REPLAY_SERIES) {
    const t0 = performance.now();
    try {
      const row = await replaySeries(s.name, join(nabDir, s.file));
      rows.push(row);
      const t = row.targets[0];
      log(
        `replay: ${s.name} (${row.method}) under-provisioned min / replica-h: reactive ${cell(t.runs.reactive)}, ` +
          `predictive ${cell(t.runs.predictive)}, upper80 ${cell(t.runs.predictive_upper80)} ` +
          `(${((performance.now() - t0) / 1000).toFixed(1)} s)`
      );
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      failed.push({ series: s.name, error });
      log(`replay: ${s.name} failed: ${error}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const json = {
    policy: {
      ...BENCH_POLICY,
      capacity: `p${PEAK_QUANTILE * 100} of the replayed load / ${PEAK_REPLICAS}`,
      utilisationTargets: UTILISATION_TARGETS,
    },
    maxReplayDays: MAX_REPLAY_DAYS,
    series: rows,
    failed,
    seconds,
  };
  return { json, markdown: markdown(rows, failed, seconds) };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(__filename)) {
  runReplayBench()
    .then(({ json, markdown: md }) => {
      writeFileSync(join(__dirname, 'RESULTS.md'), md);
      writeFileSync(join(__dirname, 'results.json'), JSON.stringify(json, null, 2) + '\n');
      process.stdout.write(md);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.stack : e);
      process.exitCode = 1;
    });
}
