import { BANDS, LABEL, METRIC } from '../contract/metrics';
import { seriesLabels } from '../contract/seriesLabels';
import { DEFAULT_POLICY } from '../policy';
import type { PromSeries } from '../io/prometheus/types';
import type { RangeRequest, RangeSource } from './ports';
import { forecastFromLeads, groupPublished, readServerForecast, type ServerReadContext } from './serverForecast';
import { withSpecDefaults } from './spec';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const EVAL = NOW - 60_000;
const LEADS: Array<[string, number]> = [
  ['5m', 100],
  ['15m', 120],
  ['30m', 180],
];

/** What Prometheus returns after scraping a Foresight server: one series per lead × band, plus the model's gauges. */
function published(
  job: string,
  labels: Record<string, string>,
  method = 'lstm',
  info: Record<string, string> = { [LABEL.requested]: 'auto' }
): PromSeries[] {
  const base = seriesLabels(job, labels);
  const at = (name: string, extra: Record<string, string>, value: number): PromSeries => ({
    // `pod` stands for the target labels a scrape adds: the query's own series lacks them.
    labels: { __name__: name, ...base, pod: 'serve-0', ...extra },
    times: [EVAL - 30_000, EVAL],
    values: [null, value],
  });
  const out: PromSeries[] = [];
  for (const [lead, mean] of LEADS) {
    const offset: Record<string, number> = { mean: 0, lower_80: -10, upper_80: 10, lower_95: -20, upper_95: 20 };
    BANDS.forEach(({ band }) =>
      out.push(at(METRIC.forecast, { [LABEL.lead]: lead, [LABEL.band]: band }, mean + offset[band]))
    );
  }
  out.push(at(METRIC.modelInfo, { [LABEL.method]: method, [LABEL.model]: 'cache', ...info }, 1));
  out.push(at(METRIC.relativeMae, {}, 0.8));
  return out;
}

class Recording implements RangeSource {
  readonly name = 'prom';
  readonly asked: RangeRequest[] = [];
  constructor(private readonly answer: (r: RangeRequest) => PromSeries[]) {}
  async queryRange(r: RangeRequest) {
    this.asked.push(r);
    return this.answer(r);
  }
}

describe('forecasts read back from a Foresight server', () => {
  const labels = { job: 'api', instance: 'a:9090' };

  it('groups samples per series and interpolates between lead times on the shortest lead', () => {
    const groups = groupPublished(published('checkout', labels));
    expect(groups.size).toBe(1);
    const p = [...groups.values()][0];
    expect(p.method).toBe('lstm');
    expect(p.relMaeVsNaive).toBe(0.8);
    const f = forecastFromLeads(p, EVAL)!;
    expect(f.stepMs).toBe(5 * 60_000);
    expect(f.startMs).toBe(EVAL + 5 * 60_000);
    // 5m: 100, 10m: between 100 and 120, 15m: 120, then linear to 180 at 30m.
    expect(f.mean).toEqual([100, 110, 120, 140, 160, 180]);
    expect(f.upper95[0]).toBe(120);
    expect(f.lower95[0]).toBe(80);
  });

  it('reads back every method the server can publish (the base model, the ensemble), and no unknown label', () => {
    for (const method of ['lstm_base', 'ensemble']) {
      expect([...groupPublished(published('checkout', labels, method)).values()][0].method).toBe(method);
    }
    expect([...groupPublished(published('checkout', labels, 'rm -rf')).values()][0].method).toBeUndefined();
  });

  it('says what the job asked for, so a job on auto is not shown as having asked for the method it got', () => {
    const asked = (info: Record<string, string>) =>
      [...groupPublished(published('checkout', labels, 'naive', info)).values()][0].requested;
    expect(asked({ [LABEL.requested]: 'auto' })).toBe('auto');
    expect(asked({ [LABEL.requested]: 'mstl' })).toBe('mstl');
    // an older server (no label) or an unknown value: unknown, and the method shown stands in
    expect(asked({})).toBeUndefined();
    expect(asked({ [LABEL.requested]: '$(reboot)' })).toBeUndefined();
  });

  const actual: PromSeries = { labels, times: [NOW - 120_000, NOW - 60_000], values: [90, 95] };

  /** The panel's view of what the server published for job `check"out`, and what was asked of Prometheus. */
  async function readBack(
    publishedSeries: PromSeries[],
    extra: Partial<ServerReadContext> = {},
    retireThreshold?: number
  ) {
    const source = new Recording((r) => (r.expr.includes('foresight_') ? publishedSeries : [actual]));
    const result = await readServerForecast(
      withSpecDefaults({ refId: 'A', expr: 'rate(x[5m])', serverJob: 'check"out', retireThreshold }),
      {
        source,
        job: 'check"out',
        clockMs: NOW,
        actualByKey: new Map([['k', actual]]),
        policy: { ...DEFAULT_POLICY, kind: 'target', capacityPerReplica: 50 },
        currentReplicas: 2,
        timeZone: 'UTC',
        ...extra,
      }
    );
    return { result, asked: source.asked };
  }

  it('matches the query’s own series (labels renamed on publishing) and plans with the query’s policy', async () => {
    const { result, asked } = await readBack(published('check"out', labels));
    // The job name is a PromQL string literal, quotes escaped: never spliced in raw.
    expect(asked[0].expr).toBe(
      '{__name__=~"foresight_forecast|foresight_model_info|foresight_relative_mae|foresight_interval_coverage|' +
        'foresight_last_sample_timestamp_seconds|foresight_last_success_timestamp_seconds", job="check\\"out"}'
    );
    expect(result.series).toHaveLength(1);
    const s = result.series[0];
    expect(s.labels).toEqual(labels);
    expect(s.actual).toBe(actual);
    expect(s.plan?.replicas.length).toBe(6);
    expect(s.warnings?.[0]).toMatch(
      /^Forecast read from the Foresight server \(job "check"out", evaluated 1m ago\), not trained in this browser; it publishes lead times 5m, 15m, 30m/
    );
    // the server's own measurement goes to the report, whose headline says it once (accuracy.ts)
    expect(s.warnings?.[0]).not.toMatch(/MAE/);
    expect(s.report?.relMaeVsNaive).toBe(0.8);
    expect(s.report?.requested).toBe('auto');
    expect(s.report?.method).toBe('lstm');
  });

  it('times the forecast by the server: leads from its series’ last sample, the age from its last evaluation', async () => {
    // Scraped a minute after the server evaluated at EVAL - 2m, on data whose last sample was EVAL - 5m.
    const lastSample = EVAL - 5 * 60_000;
    const evaluated = EVAL - 2 * 60_000;
    const base = published('check"out', labels);
    const stamp = (name: string, value: number, own: Record<string, string>): PromSeries => ({
      labels: { __name__: name, ...own },
      times: [EVAL],
      values: [value / 1000],
    });
    const withTimes = [
      ...base,
      stamp(METRIC.lastSample, lastSample, { ...seriesLabels('check"out', labels), pod: 'serve-0' }),
      // job-level: its own group would be a series without a forecast
      stamp(METRIC.lastSuccess, evaluated, { job: 'check"out', instance: 'serve:9465' }),
    ];
    const { result } = await readBack(withTimes);
    expect(result.series).toHaveLength(1);
    expect(result.errors).toEqual([]);
    const s = result.series[0];
    expect(s.forecast?.startMs).toBe(lastSample + 5 * 60_000);
    expect(s.report?.trainedToMs).toBe(lastSample);
    expect(s.report?.trainedAtMs).toBe(evaluated);
    expect(s.warnings?.[0]).toMatch(/evaluated 3m ago/);
  });

  it('says which published lead times are not drawn, and a method it does not know, in the warning line', async () => {
    const odd = published('check"out', labels, 'prophet').flatMap((x) => {
      // the 30m lead lost its upper 95 % band; one sample's lead label is not a duration
      if (x.labels[LABEL.lead] === '30m' && x.labels[LABEL.band] === BANDS[BANDS.length - 1].band) {
        return [{ ...x, labels: { ...x.labels, [LABEL.lead]: 'soon' } }];
      }
      return [x];
    });
    const { result } = await readBack(odd);
    const s = result.series[0];
    expect(s.forecast?.mean).toHaveLength(3);
    expect(s.warnings?.slice(0, 4)).toEqual([
      expect.stringMatching(/it publishes lead times 5m, 15m and the values between them are interpolated\.$/),
      'Lead time 30m came without every band and is not drawn.',
      '1 forecast sample with a lead label that is not a duration: not drawn.',
      'The server did not say which method made this forecast (its method label "prophet" is not one this plugin knows), so the card names the last value (naive) in its place; the server and this plugin may be different versions.',
    ]);
    expect(s.report?.method).toBe('naive');
  });

  it('judges retiring by the last day, not by the two minutes on screen', async () => {
    // Published forecasts peak at 200 and the two samples in view are under 100: on the view alone,
    // a threshold of 1,000 would retire a version that, for all the view shows, was busy an hour ago.
    const inView = await readBack(published('check"out', labels), {}, 1000);
    expect(inView.result.series[0].retire?.retire).toBe(false);
    expect(inView.result.series[0].warnings).toContainEqual(
      expect.stringMatching(/^Retire check not made: the data covers only the last 2m of the 24 hours/)
    );
    const dayTimes = Array.from({ length: 289 }, (_, i) => NOW - 24 * 3_600_000 + i * 300_000);
    const busy: PromSeries = { labels, times: dayTimes, values: dayTimes.map((_, i) => (i === 200 ? 1500 : 50)) };
    const quiet: PromSeries = { ...busy, values: dayTimes.map(() => 50) };
    const withDay = (day: PromSeries) =>
      readBack(published('check"out', labels), { lastDayByKey: new Map([['k', day]]) }, 1000);
    expect((await withDay(busy)).result.series[0].retire?.retire).toBe(false);
    const retired = (await withDay(quiet)).result;
    expect(retired.series[0].retire?.retire).toBe(true);
    expect(retired.actions.map((a) => a.action)).toContain('retire');
  });

  it('says what to check when the server published nothing', async () => {
    const source = new Recording(() => []);
    await expect(
      readServerForecast(withSpecDefaults({ refId: 'A', expr: 'x', serverJob: 'gone' }), {
        source,
        job: 'gone',
        clockMs: NOW,
        actualByKey: new Map(),
        policy: DEFAULT_POLICY,
        currentReplicas: 1,
        timeZone: 'UTC',
      })
    ).rejects.toMatchObject({
      kind: 'empty',
      message: expect.stringMatching(/is the Foresight server running job "gone"/),
    });
  });
});
