import type { ForecastOutcome } from '../engine/api';
import type { PromSeries } from '../io/prometheus/types';
import { ForesightError } from './errors';
import { MemoryModelCache } from './memoryModelCache';
import type { ForecastRunner, RangeRequest, RangeSource, RunnerRequest, RunOptions } from './ports';
import { QueryAdvisor, type RunContext } from './queryAdvisor';
import { withSpecDefaults } from './spec';

const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const STEP = 5 * 60_000;

/** Two series on a 5-minute grid ending at now; values climb so the plan scales up. */
class GridSource implements RangeSource {
  readonly name = 'prom';
  readonly asked: RangeRequest[] = [];
  /** `sinceMs`: Prometheus holds nothing earlier (a young series, a short retention). */
  constructor(
    private readonly instances = ['a', 'b'],
    private readonly sinceMs = -Infinity
  ) {}
  async queryRange(r: RangeRequest): Promise<PromSeries[]> {
    this.asked.push(r);
    return this.instances.map((instance, k) => {
      const times: number[] = [];
      const from = Math.max(r.fromMs, this.sinceMs);
      for (let t = Math.ceil(from / r.stepMs) * r.stepMs; t <= Math.min(r.toMs, NOW); t += r.stepMs) {
        times.push(t);
      }
      return { labels: { instance }, times, values: times.map((_, i) => 100 * (k + 1) + i) };
    });
  }
}

/** Forecast = last value, for every step; records what it was asked. */
class LastValueRunner implements ForecastRunner {
  readonly mode = 'in-thread' as const;
  readonly calls: RunnerRequest[] = [];
  async run(req: RunnerRequest, _options?: RunOptions) {
    this.calls.push(req);
    const last = req.series.values[req.series.values.length - 1] ?? 0;
    const mean = new Array<number>(req.horizon).fill(last * 3);
    const outcome = {
      forecast: {
        startMs: req.series.times[req.series.times.length - 1] + req.stepMs,
        stepMs: req.stepMs,
        method: 'naive',
        mean,
        lower80: mean,
        upper80: mean,
        lower95: mean,
        upper95: mean,
      },
      report: {
        requested: req.method,
        method: 'naive',
        scores: {},
        mase: 1,
        relMaeVsSeasonalNaive: 1,
        warning: 'The LSTM lost.',
      },
    } as unknown as ForecastOutcome;
    return { outcome, backend: 'test' };
  }
  dispose() {}
}

function setup(options: { runner?: LastValueRunner; source?: GridSource } = {}) {
  const source = options.source ?? new GridSource();
  const runner = options.runner ?? new LastValueRunner();
  const advisor = new QueryAdvisor({
    runner: async () => runner,
    modelCache: new MemoryModelCache(),
    clock: { now: () => NOW },
    settings: { backend: 'auto', maxSeries: 10, storage: 'indexeddb' },
  });
  const ctx: RunContext = { prometheus: async () => source, slot: 'job' };
  return { source, runner, advisor, ctx };
}

const spec = withSpecDefaults({
  refId: 'checkout',
  expr: 'rate(http_requests_total[5m])',
  trainingWindow: '1d',
  trainingStep: '5m',
  horizon: '30m',
  policy: { kind: 'target', capacityPerReplica: 100, minReplicas: 1, maxReplicas: 50 },
});

describe('QueryAdvisor (the use case both front doors run)', () => {
  it('checks the spec before it asks for a Prometheus or fetches anything', async () => {
    const { advisor } = setup();
    const prometheus = jest.fn();
    await expect(advisor.run({ ...spec, horizon: 'soon' }, { prometheus, slot: 'x' })).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/^horizon: "soon" is not a duration/),
    });
    expect(prometheus).not.toHaveBeenCalled();
    await expect(advisor.run({ ...spec, expr: '  ' }, { prometheus, slot: 'x' })).rejects.toMatchObject({
      kind: 'config',
      message: 'The PromQL expression is empty: enter the query whose series Foresight should forecast.',
    });
  });

  it("says a displayed range that ends before it starts is the dashboard's, before fetching anything", async () => {
    const { advisor } = setup();
    const prometheus = jest.fn();
    const display = { fromMs: NOW, toMs: NOW - 6 * 3_600_000 };
    await expect(advisor.run(spec, { prometheus, slot: 'x', display })).rejects.toMatchObject({
      kind: 'config',
      message: expect.stringMatching(/^The dashboard's time range is invalid: from .* UTC\. Pick a range whose end/),
    });
    expect(prometheus).not.toHaveBeenCalled();
  });

  it('forecasts every series, plans each from its own replicas, and fetches no actuals without a display range', async () => {
    const { advisor, ctx, source, runner } = setup();
    const result = await advisor.run(spec, { ...ctx, currentReplicasFor: (l) => (l.instance === 'b' ? 7 : undefined) });
    expect(result.series.map((s) => s.seriesKey)).toEqual(['{instance="a"}', '{instance="b"}']);
    expect(runner.calls.map((c) => c.stepMs)).toEqual([STEP, STEP]);
    expect(source.asked).toHaveLength(1); // the training window only
    expect(result.series[0].plan?.replicas[0]).toBeGreaterThan(1);
    const fromB = result.actions.filter((a) => a.series === '{instance="b"}');
    expect(fromB[0]?.from).toBe(7);
    expect(result.series.every((s) => s.actual === undefined)).toBe(true);
    // Each series' warnings travel in its own frame, unnamed: the panel names them (once).
    expect(result.series.map((s) => s.warnings)).toEqual([['The LSTM lost.'], ['The LSTM lost.']]);
  });

  it('reads the actuals of a range that reaches past now only up to now, and none of a range all in the future', async () => {
    const { advisor, ctx, source } = setup();
    const HOUR = 3_600_000;
    // A zoom onto the forecast: Prometheus would evaluate the query at future times too.
    await advisor.run(spec, { ...ctx, display: { fromMs: NOW - HOUR, toMs: NOW + HOUR, stepMs: 60_000 } });
    const read = source.asked.filter((r) => r.stepMs === 60_000);
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ fromMs: NOW - HOUR, toMs: NOW, points: 61 });
    source.asked.length = 0;
    const later = await advisor.run(spec, { ...ctx, display: { fromMs: NOW + HOUR, toMs: NOW + 2 * HOUR } });
    expect(source.asked.filter((r) => r.fromMs === NOW + HOUR)).toHaveLength(0);
    expect(later.series.every((s) => s.actual === undefined || s.actual.times.length === 0)).toBe(true);
  });

  it('names series that share a legend apart, so each keeps its own scale actions', async () => {
    const { advisor, ctx } = setup();
    const result = await advisor.run(
      { ...spec, legendFormat: 'checkout' },
      { ...ctx, currentReplicasFor: (l) => (l.instance === 'b' ? 7 : undefined) }
    );
    expect(result.series.map((s) => s.seriesName)).toEqual(['checkout {instance="a"}', 'checkout {instance="b"}']);
    const fromB = result.actions.filter((a) => a.series === 'checkout {instance="b"}');
    expect(fromB[0]?.from).toBe(7);
    expect(result.actions.every((a) => a.series !== 'checkout')).toBe(true);
  });

  it('answers progressively when asked: quick forecasts first, then own runs, a pending scale action first', async () => {
    const { advisor, ctx, runner } = setup();
    const partials: Array<{ models: Array<string | undefined>; pending: number }> = [];
    const result = await advisor.run(spec, {
      ...ctx,
      // b already runs the 15 replicas its forecast needs; a (the smaller series) must scale up.
      currentReplicasFor: (l) => (l.instance === 'b' ? 15 : undefined),
      onPartial: (p, pending) => partials.push({ models: p.series.map((x) => x.run?.model), pending }),
    });
    expect(runner.calls.filter((c) => c.quick)).toHaveLength(2);
    const own = runner.calls.filter((c) => !c.quick);
    // By level b would go first; a's pending scale-up puts it ahead.
    expect(own.map((c) => c.series.values[0])).toEqual([100, 200]);
    // The end of the quick pass always goes out; the next interim is paced (400 ms), the final is the result.
    expect(partials[partials.length - 1]).toEqual({ models: ['base', 'base'], pending: 2 });
    expect(result.series.map((x) => x.run?.model)).toEqual(['trained', 'trained']);
  });

  it('says no model was needed for a constant series, on the quick answer and on the final one', async () => {
    /** What the engine says of a constant series: its forecast is the constant, and nothing was trained. */
    class ConstantRunner extends LastValueRunner {
      async run(req: RunnerRequest, options?: RunOptions) {
        const ran = await super.run(req, options);
        ran.outcome.report.constantValue = req.series.values[0] ?? 0;
        return ran;
      }
    }
    const { advisor, ctx } = setup({ runner: new ConstantRunner() });
    const partials: Array<Array<string | undefined>> = [];
    const result = await advisor.run(spec, {
      ...ctx,
      onPartial: (p) => partials.push(p.series.map((x) => x.run?.model)),
    });
    expect(partials.length).toBeGreaterThan(0);
    expect(partials.flat().every((m) => m === 'none')).toBe(true);
    expect(result.series.map((x) => x.run?.model)).toEqual(['none', 'none']);
  });

  describe('a refresh of a progressive answer (same fit, models cached)', () => {
    /** A runner whose own runs return a model to cache, so the next run of the query finds it. */
    /** `trainedAtMs`: the time written into every model trained (two days back: older than the maximum model age). */
    function cachingSetup(instances: string[], trainedAtMs = NOW) {
      const source = new GridSource(instances);
      const runner = new LastValueRunner();
      const plain = runner.run.bind(runner);
      runner.run = async (req) => {
        const r = await plain(req);
        // Cached runs land one after another, as they do in a worker.
        await new Promise((resolve) => setTimeout(resolve, req.savedModel ? 5 * runner.calls.length : 0));
        if (!req.quick && !req.savedModel) {
          const model = { meta: { trainedAtMs, fingerprint: req.fingerprint }, artifacts: {} };
          r.outcome = { ...r.outcome, model } as unknown as ForecastOutcome;
        }
        return r;
      };
      const clock = { nowMs: NOW, now: () => clock.nowMs };
      const modelCache = new MemoryModelCache();
      const advisor = new QueryAdvisor({
        runner: async () => runner,
        modelCache,
        clock,
        settings: { backend: 'auto', maxSeries: 10, storage: 'indexeddb' },
        keepTrainingOnCancel: true,
      });
      const partials: Array<Array<string | undefined>> = [];
      const ctx: RunContext = {
        prometheus: async () => source,
        slot: 'panel',
        onPartial: (p) => partials.push(p.series.map((x) => x.run?.model)),
      };
      return { runner, advisor, ctx, partials, clock, modelCache };
    }

    it("keeps each series' last answer on screen until its cached model answers: no quick forecast in between", async () => {
      // Six series: more than run at once, so without their last answers they would get quick forecasts first.
      const { runner, advisor, ctx, partials } = cachingSetup(['a', 'b', 'c', 'd', 'e', 'f']);
      await advisor.run(spec, ctx);
      expect(partials.some((p) => p.includes('base'))).toBe(true); // the first visit: quick forecasts first
      runner.calls.length = 0;
      partials.length = 0;
      const result = await advisor.run(spec, ctx);
      expect(runner.calls.filter((c) => c.quick)).toHaveLength(0);
      expect(partials.length).toBeGreaterThan(0);
      for (const p of partials) {
        expect(p).toHaveLength(6);
        expect(p).not.toContain('base');
      }
      expect(result.series.map((x) => x.run?.model)).toEqual(new Array(6).fill('cache'));
    });

    it('switching the method between auto and lstm uses the cached LSTM, and forecasts anew with the method asked', async () => {
      const { runner, advisor, ctx } = cachingSetup(['a', 'b']);
      await advisor.run(spec, ctx);
      runner.calls.length = 0;
      const result = await advisor.run({ ...spec, method: 'lstm' }, ctx);
      // no training: each own run starts from the model auto cached, and asks for lstm
      const own = runner.calls.filter((c) => !c.quick);
      expect(own).toHaveLength(2);
      expect(own.every((c) => c.savedModel !== undefined && c.method === 'lstm')).toBe(true);
      expect(result.series.map((x) => x.run?.model)).toEqual(['cache', 'cache']);
    });

    it('never shows fewer series than it has while a few cached series land one by one', async () => {
      const { advisor, ctx, partials } = cachingSetup(['a', 'b', 'c']);
      await advisor.run(spec, ctx);
      partials.length = 0;
      await advisor.run(spec, ctx);
      expect(partials.length).toBeGreaterThan(0);
      expect(partials.every((p) => p.length === 3)).toBe(true);
    });

    it("keeps each series' own answer while its model, older than the maximum age, is fine-tuned: no quick forecast", async () => {
      const { runner, advisor, ctx, partials } = cachingSetup(['a', 'b', 'c', 'd', 'e', 'f'], NOW - 2 * 86_400_000);
      await advisor.run(spec, ctx);
      runner.calls.length = 0;
      partials.length = 0;
      const result = await advisor.run(spec, ctx);
      expect(runner.calls.filter((c) => c.quick)).toHaveLength(0);
      expect(runner.calls.filter((c) => c.fineTune)).toHaveLength(6);
      expect(partials.length).toBeGreaterThan(0);
      for (const p of partials) {
        expect(p).toEqual(new Array(6).fill('trained'));
      }
      expect(result.series.map((x) => x.run?.warmStart)).toEqual(new Array(6).fill(true));
    });

    it('after a refresh cut the last run short, every series it showed stays on screen through the next run', async () => {
      // A first visit on auto-refresh: the refresh cancels the run once two series have their own model.
      const { runner, advisor, ctx, partials } = cachingSetup(['a', 'b', 'c', 'd', 'e', 'f']);
      const cut = new AbortController();
      const plain = runner.run.bind(runner);
      let trained = 0;
      runner.run = async (req) => {
        if (cut.signal.aborted) {
          throw new ForesightError('cancelled', 'The request was cancelled.');
        }
        const r = await plain(req);
        if (!req.quick && !req.savedModel && ++trained === 2) {
          cut.abort();
        }
        return r;
      };
      await expect(advisor.run(spec, { ...ctx, signal: cut.signal })).rejects.toThrow(/cancelled/);
      expect(partials.at(-1)).toHaveLength(6);
      runner.run = plain;
      partials.length = 0;
      await advisor.run(spec, ctx);
      expect(partials.length).toBeGreaterThan(0);
      expect(partials.every((p) => p.length === 6)).toBe(true);
    });

    /** Trainings wait at a gate the test opens, and stop when cancelled, as in the worker. */
    function gatedTrainings(runner: LastValueRunner) {
      const plain = runner.run.bind(runner);
      let release = () => {};
      const gate = new Promise<void>((resolve) => (release = resolve));
      const started: string[] = [];
      const waiters: Array<{ count: number; resolve(): void }> = [];
      runner.run = async (req, options) => {
        if (!req.quick && !req.savedModel) {
          started.push(req.fingerprint ?? '');
          waiters.filter((w) => started.length >= w.count).forEach((w) => w.resolve());
          await new Promise<void>((done, fail) => {
            gate.then(done);
            options?.signal?.addEventListener('abort', () =>
              fail(new ForesightError('cancelled', 'Forecast cancelled.'))
            );
          });
        }
        return plain(req, options);
      };
      /** Resolves once `count` trainings have started. */
      const reached = (count: number) =>
        new Promise<void>((resolve) => {
          waiters.push({ count, resolve });
          waiters.filter((w) => started.length >= w.count).forEach((w) => w.resolve());
        });
      return { started, reached, release: () => release() };
    }

    it('a refresh that cancels a training leaves it going: the next run joins it instead of training again', async () => {
      const { runner, advisor, ctx } = cachingSetup(['a', 'b']);
      const trainings = gatedTrainings(runner);
      const refresh = new AbortController();
      const first = advisor.run(spec, { ...ctx, signal: refresh.signal });
      await trainings.reached(1); // b (the larger series) is training
      refresh.abort();
      await expect(first).rejects.toThrow(/cancelled/);
      const next = advisor.run(spec, ctx);
      trainings.release();
      const result = await next;
      // b trained once, kept its model, and the next run forecast with it; a trained after it.
      expect(trainings.started).toHaveLength(2);
      expect(result.series.map((x) => [x.labels.instance, x.run?.model])).toEqual([
        ['a', 'trained'],
        ['b', 'cache'],
      ]);
    });

    it('a refresh that fetched no new sample keeps the quick forecasts it showed instead of computing them again', async () => {
      const { runner, advisor, ctx, partials } = cachingSetup(['a', 'b']);
      const trainings = gatedTrainings(runner);
      const refresh = new AbortController();
      const first = advisor.run(spec, { ...ctx, signal: refresh.signal });
      await trainings.reached(1);
      refresh.abort();
      await expect(first).rejects.toThrow(/cancelled/);
      expect(runner.calls.filter((c) => c.quick)).toHaveLength(2);
      partials.length = 0;
      const next = advisor.run(spec, ctx);
      trainings.release();
      const result = await next;
      // The same points (the grid ends where it did): the held quick forecasts are those answers.
      expect(runner.calls.filter((c) => c.quick)).toHaveLength(2);
      expect(partials.every((p) => p.length === 2)).toBe(true);
      expect(result.series.map((x) => x.run?.model)).toEqual(['trained', 'cache']);
    });

    it("one panel's training does not stop the training another panel's refresh cut short", async () => {
      const { runner, advisor, ctx } = cachingSetup(['a']);
      const trainings = gatedTrainings(runner);
      const refresh = new AbortController();
      const left = advisor.run(spec, { ...ctx, slot: 'dash/1/A', signal: refresh.signal });
      await trainings.reached(1);
      refresh.abort();
      await expect(left).rejects.toThrow(/cancelled/);
      // The other panel (another query) starts its training before the left panel refreshes.
      const right = advisor.run({ ...spec, expr: 'other_metric' }, { ...ctx, slot: 'dash/2/A' });
      await trainings.reached(2);
      const again = advisor.run(spec, { ...ctx, slot: 'dash/1/A' });
      trainings.release();
      const [r, l] = await Promise.all([right, again]);
      // Two trainings, one per panel: the left panel joined its own instead of starting it again.
      expect(trainings.started).toHaveLength(2);
      expect([l.series[0].run?.model, r.series[0].run?.model]).toEqual(['cache', 'trained']);
    });

    it('two panels asking for the same model at once share one training per series', async () => {
      const { runner, advisor, ctx } = cachingSetup(['a', 'b']);
      const [left, right] = await Promise.all([
        advisor.run(spec, { ...ctx, slot: 'panel-1' }),
        advisor.run(spec, { ...ctx, slot: 'panel-2' }),
      ]);
      expect(runner.calls.filter((c) => !c.quick && !c.savedModel)).toHaveLength(2);
      // One panel trained; the other joined and forecast with the model that training cached.
      const models = [left, right].map((r) => r.series.map((x) => x.run?.model).join(','));
      expect(models.sort()).toEqual(['cache,cache', 'trained,trained']);
    });

    it('a quick forecast standing in for a cached model says so, with the model, not "nothing trained yet"', async () => {
      // Six cached series, more than run at once: after a reload (no answer kept) quick forecasts come first.
      const first = cachingSetup(['a', 'b', 'c', 'd', 'e', 'f']);
      await first.advisor.run(spec, first.ctx);
      const reloaded = new QueryAdvisor({
        runner: async () => first.runner,
        modelCache: first.modelCache,
        clock: { now: () => NOW },
        settings: { backend: 'auto', maxSeries: 10, storage: 'indexeddb' },
      });
      const seen: Array<{ warmStart?: boolean; at?: number; warnings: string }> = [];
      await reloaded.run(spec, {
        ...first.ctx,
        onPartial: (p) =>
          p.series
            .filter((x) => x.run?.model === 'base')
            .forEach((x) =>
              seen.push({
                warmStart: x.run?.warmStart,
                at: x.run?.modelTrainedAtMs,
                warnings: (x.warnings ?? []).join(' '),
              })
            ),
      });
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) {
        expect(s).toMatchObject({ warmStart: true, at: NOW });
        expect(s.warnings).toMatch(/cached model runs on the fresh data/);
        expect(s.warnings).not.toMatch(/nothing trained yet/);
      }
    });

    it('does not hold an answer that is stale by now: the series gets a quick forecast as on a first visit', async () => {
      const { runner, advisor, ctx, clock } = cachingSetup(['a', 'b', 'c', 'd', 'e', 'f']);
      // The data ends at NOW. Answered 6 minutes later, then again 10 minutes after that (the memo
      // still holds it), when its last sample is 16 minutes old: stale after 15 at a 5-minute step.
      clock.nowMs = NOW + 6 * 60_000;
      await advisor.run(spec, ctx);
      clock.nowMs = NOW + 16 * 60_000;
      runner.calls.length = 0;
      await advisor.run(spec, ctx);
      expect(runner.calls.filter((c) => c.quick)).toHaveLength(6);
    });
  });

  it('says one reason shared by several failed series once, with the series (told apart by label where the legend names them alike)', async () => {
    const { advisor, ctx, runner } = setup();
    runner.run = async () => {
      throw Object.assign(new Error('Too little history.'), { name: 'EngineError', code: 'too_short' });
    };
    const result = await advisor.run({ ...spec, legendFormat: 'checkout' }, ctx);
    expect(result.series).toEqual([]);
    expect(result.errors).toEqual(['checkout {instance="a"} and checkout {instance="b"}: Too little history.']);
  });

  it('says when Prometheus holds less history than the training window asks, so "widen it" is not the remedy', async () => {
    const { advisor, ctx } = setup({ source: new GridSource(['a'], NOW - 2 * 86_400_000) });
    const young = await advisor.run({ ...spec, trainingWindow: '7d' }, ctx);
    expect(young.series[0].warnings).toEqual([
      'Prometheus holds data for only the last 2d of the 7d training window (the first sample is at Nov 30 12:00): ' +
        'a wider training window will not add history; the forecast learns from what there is.',
      'The LSTM lost.',
    ]);
    // a day short of the window is the common case (a series a few hours younger), and says nothing
    const nearly = await advisor.run({ ...spec, trainingWindow: '3d' }, ctx);
    expect(nearly.series[0].warnings).toEqual(['The LSTM lost.']);
  });

  it('says when refreshes keep cancelling runs that still wait for a slow Prometheus, and stops once one answers', async () => {
    const { advisor, ctx, source } = setup();
    const answer = source.queryRange.bind(source);
    let slow = true;
    // never answers while slow, until the run is cancelled (as the next refresh does)
    source.queryRange = (r: RangeRequest, signal?: AbortSignal): Promise<PromSeries[]> =>
      slow
        ? new Promise<PromSeries[]>((_, reject) =>
            signal?.addEventListener('abort', () => reject(new Error('aborted')))
          )
        : answer(r);
    const fetchNotes = async () => {
      const controller = new AbortController();
      const said: string[] = [];
      const run = advisor.run(spec, {
        ...ctx,
        signal: controller.signal,
        onProgress: (p) => p.phase === 'fetch' && said.push(p.message ?? ''),
      });
      if (slow) {
        await new Promise((r) => setTimeout(r, 0));
        controller.abort();
        await expect(run).rejects.toThrow();
      } else {
        await run;
      }
      return said;
    };
    await fetchNotes();
    expect((await fetchNotes()).join()).not.toMatch(/cancelled/);
    expect((await fetchNotes())[0]).toMatch(
      /^fetching 288 points in 1 chunk\(s\) · the last 2 refreshes were cancelled by the next one before Prometheus answered \(no new forecast for 0s\): it answers more slowly than the refresh interval, so choose a longer interval or a shorter training window$/
    );
    slow = false;
    expect((await fetchNotes())[0]).toMatch(/cancelled/); // said while this run waits; it answers
    expect((await fetchNotes()).join()).not.toMatch(/cancelled/);
  });

  it('keeps only the series a shard selects, before the series cap', async () => {
    const { advisor, ctx, runner } = setup();
    const result = await advisor.run(spec, { ...ctx, selectSeries: (l) => l.instance === 'b' });
    expect(result.series.map((s) => s.labels.instance)).toEqual(['b']);
    expect(runner.calls).toHaveLength(1);
  });

  it('carries the policy only when someone stated the replicas: no made-up "3 → 0" for a version nobody sized', async () => {
    const { advisor, ctx } = setup();
    const unsized = await advisor.run({ ...spec, policy: undefined }, ctx);
    expect(unsized.series.map((x) => x.policy)).toEqual([undefined, undefined]);
    // the built-in policy still plans (a default panel draws its replica line)
    expect(unsized.series[0].plan).toBeDefined();
    const running = await advisor.run({ ...spec, policy: undefined, currentReplicas: 4 }, ctx);
    expect(running.series[0].policy?.minReplicas).toBe(3);
    const sized = await advisor.run(spec, ctx);
    expect(sized.series[0].policy?.capacityPerReplica).toBe(100);
  });

  it('re-plans on the kept forecast when only advice changed, and fits again on an unchanged re-run', async () => {
    const { advisor, ctx, runner } = setup();
    await advisor.run(spec, ctx);
    const replanned = await advisor.run({ ...spec, currentReplicas: 4 }, ctx);
    expect(runner.calls).toHaveLength(2);
    expect(replanned.series[0].run?.replanned).toBe(true);
    await advisor.run({ ...spec, currentReplicas: 4 }, ctx);
    expect(runner.calls).toHaveLength(4);
  });

  it('asks for the server job by name before it reads server forecasts', async () => {
    const { advisor } = setup();
    const prometheus = jest.fn();
    await expect(
      advisor.run({ ...spec, forecastFrom: 'server', serverJob: '  ' }, { prometheus, slot: 'x' })
    ).rejects.toMatchObject({ kind: 'config', message: expect.stringMatching(/need the job name/) });
    expect(prometheus).not.toHaveBeenCalled();
  });

  it('reads the last day for a server-read forecast shown on a shorter range (retire rule) or a past one (reactive floor)', async () => {
    const asked = async (retireThreshold: number | undefined, fromMs: number) => {
      const { advisor, source, ctx } = setup();
      const display = { fromMs, toMs: NOW, stepMs: 60_000 };
      // The Foresight server published nothing here: the read fails after the actuals were asked for.
      await advisor
        .run({ ...spec, forecastFrom: 'server', serverJob: 'api', retireThreshold }, { ...ctx, display })
        .catch(() => undefined);
      return source.asked.filter((r) => !r.expr.includes('foresight_')).map((r) => [r.fromMs, r.toMs, r.stepMs]);
    };
    const hour = NOW - 3_600_000;
    const day = [NOW - 86_400_000, NOW, STEP];
    expect(await asked(1, hour)).toEqual([[hour, NOW, 60_000], day]);
    expect(await asked(undefined, hour)).toEqual([[hour, NOW, 60_000]]);
    expect(await asked(1, NOW - 2 * 86_400_000)).toEqual([[NOW - 2 * 86_400_000, NOW, 60_000]]);
    // A range that ends before now: the reactive floor must not start from its last, old sample.
    const { advisor, source, ctx } = setup();
    const past = { fromMs: NOW - 3 * 86_400_000, toMs: NOW - 2 * 86_400_000, stepMs: 60_000 };
    await advisor
      .run({ ...spec, forecastFrom: 'server', serverJob: 'api' }, { ...ctx, display: past })
      .catch(() => undefined);
    expect(source.asked.filter((r) => !r.expr.includes('foresight_')).map((r) => [r.fromMs, r.toMs])).toEqual([
      [past.fromMs, past.toMs],
      [NOW - 86_400_000, NOW],
    ]);
  });
});
