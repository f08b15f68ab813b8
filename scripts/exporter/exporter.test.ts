/** @jest-environment node */
import { exporterHistory, historyTotals } from './history';
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

  it('starts live counters where the backfilled history ends, so there is no reset at now', async () => {
    const totals = historyTotals(NOW, clock);
    const metrics = createDemoMetrics(clock, NOW);
    const text = await metrics.registry.metrics();
    const v7 = MODEL_VERSIONS.findIndex((v) => v.model_version === 'v7');
    const line = text.split('\n').find((l) => l.startsWith('model_call_count{') && l.includes('model_version="v7"'))!;
    expect(Number(line.split(' ').pop())).toBeCloseTo(totals.modelCalls[v7], 3);
  });

  it('never backfills a counter above the value the live exporter continues from (no fake reset)', () => {
    const totals = historyTotals(NOW, clock);
    const calls = exporterHistory(NOW, clock).filter((f) => f.name === 'model_call_count');
    calls.forEach((family, i) => {
      expect(family.samples[family.samples.length - 1].v).toBeLessThanOrEqual(totals.modelCalls[i]);
    });
  });

  it('validates FORESIGHT_DAY_SECONDS', () => {
    expect(dayLengthFromEnv({})).toBe(86_400);
    expect(dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: '600' })).toBe(600);
    expect(() => dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: 'soon' })).toThrow(/between 60 and 604800/);
    expect(() => dayLengthFromEnv({ FORESIGHT_DAY_SECONDS: '5' })).toThrow(/between 60/);
  });
});
