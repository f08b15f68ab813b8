/**
 * @jest-environment node
 */
import type { QueryResult, SeriesResult } from '../contract/types';
import { DEFAULT_POLICY } from '../policy/defaults';
import { ForesightMetrics } from './metrics';

const STEP = 300_000;

function series(
  labels: Record<string, string>,
  opts: { retire?: boolean; actions?: Array<'up' | 'down'> } = {}
): SeriesResult {
  const n = 12;
  const mean = Array.from({ length: n }, (_, i) => 100 + i);
  const startMs = 1_700_000_000_000;
  return {
    refId: 'j',
    seriesKey: JSON.stringify(labels),
    seriesName: 'x',
    labels,
    forecast: {
      mean,
      lower80: mean.map((v) => v - 10),
      upper80: mean.map((v) => v + 10),
      lower95: mean.map((v) => v - 20),
      upper95: mean.map((v) => v + 20),
      startMs,
      stepMs: STEP,
      method: 'lstm',
    },
    plan: {
      times: mean.map((_, i) => startMs + i * STEP),
      replicas: mean.map((_, i) => (i < 6 ? 3 : 5)),
      actions: (opts.actions ?? []).map((action, i) => ({
        timeMs: startMs + (i + 1) * STEP,
        action,
        from: 3,
        to: 5,
        reason: 'r',
      })),
    },
    report: {
      requested: 'auto',
      method: 'lstm',
      scores: {
        lstm: { mae: 5, rmse: 6, mase: 0.5, coverage80: 0.8, coverage95: 0.95, fitMs: 1 },
        naive: { mae: 10, rmse: 12, mase: 1, coverage80: 0.7, coverage95: 0.9, fitMs: 1 },
      },
      mase: 0.5,
      relMaeVsSeasonalNaive: 0.4,
      coverage80: 0.78,
      coverage95: 0.93,
      origins: 10,
      trainedFromMs: 0,
      trainedToMs: 0,
      trainedAtMs: 0,
      trainMs: 1,
      backend: 'wasm',
    },
    policy: DEFAULT_POLICY,
    retire: opts.retire ? { retire: true, reason: 'idle' } : undefined,
    run: {
      compute: 'in-thread',
      backend: 'wasm',
      model: 'cache',
      fetchMs: 1,
      trainMs: 1,
      trainingPoints: 100,
      chunks: 1,
    },
  };
}

function result(list: SeriesResult[]): QueryResult {
  return { refId: 'j', series: list, actions: [], errors: [] };
}

const clock = { now: () => 1_700_000_100_000 };

describe('ForesightMetrics', () => {
  it('writes forecasts at the lead ladder, plan, actions, model and accuracy', async () => {
    const m = new ForesightMetrics(['checkout'], clock);
    m.recordSuccess('checkout', result([series({ instance: 'a' }, { actions: ['up'] })]), 3_600_000, 1.5);
    const text = await m.text();
    // 5m is step 1 (index 0), 1h is step 12 (index 11); no 2h lead beyond a 1 h horizon.
    expect(text).toContain('foresight_forecast{job="checkout",instance="a",lead="5m",band="mean"} 100');
    expect(text).toContain('foresight_forecast{job="checkout",instance="a",lead="30m",band="upper_95"} 125');
    expect(text).toContain('foresight_forecast{job="checkout",instance="a",lead="1h",band="lower_80"} 101');
    expect(text).not.toContain('lead="2h"');
    expect(text).toContain('foresight_recommended_replicas{job="checkout",instance="a"} 3');
    expect(text).toContain('foresight_recommended_replicas_max{job="checkout",instance="a"} 5');
    expect(text).toContain('foresight_scale_action{job="checkout",instance="a",action="up"} 1');
    expect(text).toContain('foresight_scale_action{job="checkout",instance="a",action="hold"} 0');
    expect(text).toContain(
      'foresight_model_info{job="checkout",instance="a",method="lstm",requested="auto",model="cache"} 1'
    );
    expect(text).toContain('foresight_relative_mae{job="checkout",instance="a"} 0.5');
    expect(text).toContain('foresight_interval_coverage{job="checkout",instance="a",level="95"} 0.93');
    expect(text).toContain('foresight_series{job="checkout"} 1');
    // The forecast's first step is at 1_700_000_000_000 ms: the last sample one 5-minute step before.
    expect(text).toContain('foresight_last_sample_timestamp_seconds{job="checkout",instance="a"} 1699999700');
    expect(text).toContain('foresight_evaluation_duration_seconds{job="checkout"} 1.5');
    expect(text).toContain('foresight_last_success_timestamp_seconds{job="checkout"} 1700000100');
  });

  it('exports last success as 0 for a job that never succeeded, so an age alert fires for it too', async () => {
    const m = new ForesightMetrics(['never', 'ok'], clock);
    m.recordFailure('never', 'promql', 0.1);
    const text = await m.text();
    expect(text).toContain('foresight_last_success_timestamp_seconds{job="never"} 0');
    expect(text).toContain('foresight_last_success_timestamp_seconds{job="ok"} 0');
  });

  it('escapes label values and renames labels that clash with its own', async () => {
    const m = new ForesightMetrics(['j'], clock);
    const nasty = 'a"b\\c\nd';
    m.recordSuccess(
      'j',
      result([series({ job: 'api', lead: 'x', __name__: 'rps', path: nasty }, { retire: true })]),
      300_000,
      1
    );
    const text = await m.text();
    expect(text).toContain(
      'foresight_recommended_replicas{job="j",path="a\\"b\\\\c\\nd",exported_job="api",exported_lead="x",exported_name="rps"} 3'
    );
    expect(text).toContain('action="retire"} 1');
    // One exposition line per sample: the newline inside the value never breaks a line.
    expect(text.split('\n').filter((l) => l.startsWith('foresight_recommended_replicas{'))).toHaveLength(1);
  });

  it('drops series that vanish from a result, keeps others, and keeps results on failure', async () => {
    const m = new ForesightMetrics(['j', 'k'], clock);
    m.recordSuccess('j', result([series({ instance: 'a' }), series({ instance: 'b' })]), 300_000, 1);
    m.recordSuccess('k', result([series({ instance: 'z' })]), 300_000, 1);
    m.recordSuccess('j', result([series({ instance: 'b' })]), 300_000, 1);
    m.recordFailure('j', 'unreachable', 0.2);
    const text = await m.text();
    expect(text).not.toContain('instance="a"');
    expect(text).toContain('foresight_recommended_replicas{job="j",instance="b"} 3');
    expect(text).toContain('foresight_recommended_replicas{job="k",instance="z"} 3');
    expect(text).toContain('foresight_evaluation_errors_total{job="j",reason="unreachable"} 1');
  });

  it('lets the result age grow at scrape time', async () => {
    let now = 1_000_000;
    const m = new ForesightMetrics(['j'], { now: () => now });
    expect(await m.text()).not.toContain('foresight_result_age_seconds{');
    m.recordSuccess('j', result([series({ instance: 'a' })]), 300_000, 1);
    now += 90_000;
    expect(await m.text()).toContain('foresight_result_age_seconds{job="j"} 90');
  });
});
