/** @jest-environment node */
import { exporterHistory } from './history';
import { historyStepMs, recordedCount, TrafficIntegral } from './integral';
import { createDemoMetrics } from './metrics';
import { dayLengthFromEnv } from './server';
import {
  HISTORY_DAYS,
  MODEL_VERSIONS,
  dailyShape,
  historyOrigin,
  latencyCdf,
  latencyQuantile,
  modelCallRate,
} from './traffic';

const clock = { dayLengthSec: 600 };
const NOW = Date.UTC(2026, 10, 21, 6, 0, 0);

describe('traffic model', () => {
  it('has a daily cycle with mean 1', () => {
    const mean = Array.from({ length: 1000 }, (_, i) => dailyShape(i / 1000)).reduce((a, b) => a + b) / 1000;
    expect(mean).toBeCloseTo(1, 5);
  });

  it('lets the old fraud-detector version decay to zero, for the retirement case', () => {
    const v1 = MODEL_VERSIONS.findIndex((v) => v.decayDays !== undefined);
    const origin = historyOrigin(NOW, clock);
    expect(modelCallRate(MODEL_VERSIONS[v1], v1, origin + 1000, origin, clock)).toBeGreaterThan(0);
    expect(modelCallRate(MODEL_VERSIONS[v1], v1, NOW, origin, clock)).toBe(0);
  });

  it('inverts its latency distribution', () => {
    expect(latencyCdf(latencyQuantile(0.9, 0.08), 0.08)).toBeCloseTo(0.9, 3);
  });
});

describe('history and live exporter', () => {
  it(`covers ${HISTORY_DAYS} simulated days with monotonic counters`, () => {
    const families = exporterHistory(NOW, clock);
    const calls = families.find((f) => f.name === 'model_call_count')!;
    expect(calls.samples[0].t).toBe(historyOrigin(NOW, clock));
    expect(calls.samples.every((s, i) => i === 0 || s.v >= calls.samples[i - 1].v)).toBe(true);
  });

  /** The live exporter's value of one model_call_count series. */
  async function liveCalls(metrics: ReturnType<typeof createDemoMetrics>, version: string): Promise<number> {
    const text = await metrics.registry.metrics();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('model_call_count{') && l.includes(`model_version="${version}"`));
    return Number(line?.split(' ').pop());
  }

  it('reports live counters as the integral up to the wall clock, however late it starts', async () => {
    const v7 = MODEL_VERSIONS.findIndex((v) => v.model_version === 'v7');
    const history = exporterHistory(NOW, clock).filter((f) => f.name === 'model_call_count')[v7].samples;
    const last = history[history.length - 1];
    // The backfill took 20 s: the exporter starts later than the "now" the history was made for.
    const startMs = NOW + 20_000;
    const metrics = createDemoMetrics(clock, startMs, NOW);
    const integral = new TrafficIntegral(historyOrigin(NOW, clock), clock);
    expect(await liveCalls(metrics, 'v7')).toBe(recordedCount(integral.at(startMs).modelCalls[v7]));
    // Across the seam the counter grows at the model's rate (before the fix it lagged by the start-up time).
    const seamRate = ((await liveCalls(metrics, 'v7')) - last.v) / ((startMs - last.t) / 1000);
    const fresh = () => new TrafficIntegral(historyOrigin(NOW, clock), clock);
    const modelRate =
      (fresh().at(startMs).modelCalls[v7] - fresh().at(last.t).modelCalls[v7]) / ((startMs - last.t) / 1000);
    expect(Math.abs(seamRate / modelRate - 1)).toBeLessThan(0.001);
    metrics.tick(startMs + 60_000);
    expect(await liveCalls(metrics, 'v7')).toBeCloseTo(recordedCount(integral.at(startMs + 60_000).modelCalls[v7]), 6);
  });

  it('backfills counter samples that equal the integral at their time, never above the live value', () => {
    const calls = exporterHistory(NOW, clock).filter((f) => f.name === 'model_call_count');
    const integral = new TrafficIntegral(historyOrigin(NOW, clock), clock);
    const live = integral.at(NOW);
    calls.forEach((family, i) => {
      const last = family.samples[family.samples.length - 1];
      expect(last.v).toBeLessThanOrEqual(live.modelCalls[i]);
      expect(NOW - last.t).toBeLessThanOrEqual(2 * historyStepMs(clock));
    });
    const mid = calls[0].samples[100];
    expect(mid.v).toBeCloseTo(new TrafficIntegral(historyOrigin(NOW, clock), clock).at(mid.t).modelCalls[0], 2);
  });

  it('continues a counter that stopped days ago with exactly its last backfilled value, so rate() reads 0', async () => {
    const v1 = MODEL_VERSIONS.findIndex((v) => v.decayDays !== undefined);
    const history = exporterHistory(NOW, clock).filter((f) => f.name === 'model_call_count')[v1].samples;
    const metrics = createDemoMetrics(clock, NOW + 20_000, NOW);
    // Before both sides rounded alike, the live value was the exact total, up to 0.001 above the
    // backfill's rounded one: 1.07e-6 req/s over a 15-minute window on a version nobody calls.
    expect(await liveCalls(metrics, 'v1')).toBe(history[history.length - 1].v);
    metrics.tick(NOW + 80_000);
    expect(await liveCalls(metrics, 'v1')).toBe(history[history.length - 1].v);
  });

  it('validates FORESIGHT_DAY_SECONDS', () => {
    expect(dayLengthFromEnv({})).toBe(86_400);
    expect(dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: '600' })).toBe(600);
    expect(() => dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: 'soon' })).toThrow(/between 60 and 604800/);
    expect(() => dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: '5' })).toThrow(/between 60/);
  });
});
