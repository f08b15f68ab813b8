import type { ForecastOutcome, SavedModelMeta } from '../engine/api';
import { ForecastCancelledError, WorkerCrashError, WorkerStartError } from './errors';
import type { MainToWorker, WorkerForecastRequest, WorkerToMain } from './protocol';
import { InThreadForecastRunner, WorkerForecastRunner, type WorkerLike } from './runner';
import { createWorkerHost, runEngineRequest, type EngineApi } from './workerHost';

const outcome = { forecast: { mean: [1] }, report: { method: 'naive' } } as unknown as ForecastOutcome;
const request = {
  series: { times: [1, 2], values: [1, 2] },
  stepMs: 1,
  horizon: 1,
  method: 'naive',
} as WorkerForecastRequest;

/** An engine whose forecast waits until aborted or released, reporting progress first. */
function fakeEngine(opts: { hang?: boolean; fail?: Error } = {}): EngineApi & { inits: number } {
  const engine = {
    inits: 0,
    initEngine: async () => {
      engine.inits++;
      return { backend: 'wasm', mstl: false };
    },
    forecastSeries: async (req: Parameters<EngineApi['forecastSeries']>[0]) => {
      req.onProgress?.({ phase: 'train', fraction: 0.5 });
      if (opts.fail) {
        throw opts.fail;
      }
      if (opts.hang) {
        await new Promise<void>((_resolve, reject) =>
          req.signal?.addEventListener('abort', () =>
            reject(Object.assign(new Error('Forecast cancelled.'), { name: 'EngineError', code: 'cancelled' }))
          )
        );
      }
      return outcome;
    },
  };
  return engine;
}

/** A Worker stand-in that runs the real worker host on the same thread, asynchronously. */
class LoopbackWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerToMain>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly sent: MainToWorker[] = [];
  private readonly handle: (msg: MainToWorker) => Promise<void>;
  constructor(
    engine: EngineApi,
    private readonly ignoreCancel = false
  ) {
    const post = (msg: WorkerToMain) =>
      setTimeout(() => !this.terminated && this.onmessage?.({ data: msg } as MessageEvent<WorkerToMain>));
    this.handle = createWorkerHost(engine, post);
    // As forecast.worker.ts does once its script has loaded.
    post({ type: 'ready' });
  }
  postMessage(msg: MainToWorker) {
    this.sent.push(msg);
    if (msg.type === 'cancel' && this.ignoreCancel) {
      return;
    }
    setTimeout(() => void this.handle(msg));
  }
  terminate() {
    this.terminated = true;
  }
}

describe('WorkerForecastRunner', () => {
  it('sends the request with the wasm URL, relays progress and resolves with the result', async () => {
    const worker = new LoopbackWorker(fakeEngine());
    const runner = new WorkerForecastRunner(() => worker, {
      wasmBaseUrl: 'http://g/public/plugins/app/datasource/wasm/',
    });
    const progress: number[] = [];
    const result = await runner.run(request, { onProgress: (p) => progress.push(p.fraction) });
    expect(result).toEqual({ outcome, backend: 'wasm' });
    expect(progress).toContain(0.5);
    expect(worker.sent[0]).toMatchObject({
      type: 'forecast',
      init: { wasmBaseUrl: 'http://g/public/plugins/app/datasource/wasm/' },
    });
  });

  it('keeps one warm worker across requests and initialises the engine once', async () => {
    const engine = fakeEngine();
    const spawn = jest.fn(() => new LoopbackWorker(engine));
    const runner = new WorkerForecastRunner(spawn, {});
    await runner.run(request);
    await runner.run(request);
    expect(spawn).toHaveBeenCalledTimes(1);
    expect(engine.inits).toBe(1);
  });

  it('cancels through the engine’s signal when the query is superseded', async () => {
    const worker = new LoopbackWorker(fakeEngine({ hang: true }));
    const runner = new WorkerForecastRunner(() => worker, {});
    const controller = new AbortController();
    const p = runner.run(request, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toBeInstanceOf(ForecastCancelledError);
    expect(worker.sent.map((m) => m.type)).toEqual(['forecast', 'cancel']);
    expect(worker.terminated).toBe(false);
  });

  it('terminates a worker that ignores cancellation, and spawns a fresh one next time', async () => {
    const workers: LoopbackWorker[] = [];
    const runner = new WorkerForecastRunner(
      () => {
        workers.push(new LoopbackWorker(fakeEngine({ hang: true }), true));
        return workers[workers.length - 1];
      },
      {},
      10
    );
    const controller = new AbortController();
    const p = runner.run(request, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(p).rejects.toBeInstanceOf(ForecastCancelledError);
    expect(workers[0].terminated).toBe(true);
    void runner.run(request).catch(() => undefined);
    expect(workers).toHaveLength(2);
    runner.dispose();
  });

  it('reports a worker crash with a specific error', async () => {
    let worker: LoopbackWorker | undefined;
    const runner = new WorkerForecastRunner(() => {
      worker = new LoopbackWorker(fakeEngine({ hang: true }));
      return worker;
    }, {});
    let running!: () => void;
    const started = new Promise<void>((r) => (running = r));
    const p = runner.run(request, { onProgress: () => running() });
    await started;
    worker!.onerror?.({ message: 'RangeError: Out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(p).rejects.toBeInstanceOf(WorkerCrashError);
    await expect(p).rejects.toThrow(/The forecast worker crashed: RangeError: Out of memory/);
  });

  it('a run stuck past the grace period ends as cancelled and the next query still runs (issue 13 item 6)', async () => {
    const workers: LoopbackWorker[] = [];
    const runner = new WorkerForecastRunner(
      () => {
        // The first worker is stuck (ignores cancel and never finishes); later ones are healthy.
        const stuck = workers.length === 0;
        workers.push(new LoopbackWorker(fakeEngine({ hang: stuck }), stuck));
        return workers[workers.length - 1];
      },
      {},
      20
    );
    const controller = new AbortController();
    const first = runner.run(request, { signal: controller.signal, onProgress: () => controller.abort() });
    const firstOutcome = first.then(
      () => 'resolved',
      (e: Error) => e
    );
    // Wait for the event itself (the first progress message aborts), not for a timer.
    await new Promise((r) => controller.signal.addEventListener('abort', r, { once: true }));
    // The superseding query is posted to the same (stuck) worker before the grace timer fires.
    const second = runner.run(request);
    const outcomeOfFirst = await firstOutcome;
    expect(outcomeOfFirst).toBeInstanceOf(ForecastCancelledError);
    expect(outcomeOfFirst).not.toBeInstanceOf(WorkerCrashError);
    await expect(second).resolves.toEqual({ outcome, backend: 'wasm' });
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    runner.dispose();
  });

  it('tells a worker that never loaded its script from a crash, without advice about model size', async () => {
    const broken: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage() {
        // A script that failed to load answers nothing but an error event (no message text).
        setTimeout(() => broken.onerror?.({ message: '', preventDefault: () => undefined } as ErrorEvent));
      },
      terminate() {},
    };
    const runner = new WorkerForecastRunner(() => broken, {});
    const err = await runner.run(request).catch((e: Error) => e);
    expect(err).toBeInstanceOf(WorkerStartError);
    expect((err as Error).message).toMatch(/could not start/);
    expect((err as Error).message).not.toMatch(/LSTM units|crashed/);
  });

  it('disposing ends pending runs as cancelled, not as a crash', async () => {
    const runner = new WorkerForecastRunner(() => new LoopbackWorker(fakeEngine({ hang: true })), {});
    const p = runner.run(request);
    runner.dispose();
    await expect(p).rejects.toBeInstanceOf(ForecastCancelledError);
  });

  it('passes engine errors through with their code', async () => {
    const tooShort = Object.assign(new Error('Only 10 points'), { name: 'EngineError', code: 'too_short' });
    const runner = new WorkerForecastRunner(() => new LoopbackWorker(fakeEngine({ fail: tooShort })), {});
    await expect(runner.run(request)).rejects.toMatchObject({
      name: 'EngineError',
      code: 'too_short',
      message: 'Only 10 points',
    });
  });
});

describe('InThreadForecastRunner', () => {
  it('runs the engine on this thread and says why', async () => {
    const engine = fakeEngine();
    const runner = new InThreadForecastRunner(
      async () => engine,
      (e) => e.initEngine({}),
      'no workers'
    );
    expect(runner.mode).toBe('in-thread');
    expect(runner.fallbackReason).toBe('no workers');
    await expect(runner.run(request)).resolves.toEqual({ outcome, backend: 'wasm' });
    await runner.run(request);
    expect(engine.inits).toBe(1);
  });
});

describe('runEngineRequest', () => {
  it('loads a saved model from its URL before forecasting', async () => {
    const engine = fakeEngine();
    const loaded = { meta: { stepMs: 1 } as SavedModelMeta, artifacts: { w: 1 } };
    const seen: unknown[] = [];
    const withLoader: EngineApi = {
      ...engine,
      loadModelFromUrl: async (url) => (url === 'https://m/x/model.json' ? loaded : Promise.reject(new Error('404'))),
      forecastSeries: async (req) => {
        seen.push(req.savedModel);
        return outcome;
      },
    };
    await runEngineRequest(withLoader, { ...request, savedModelUrl: 'https://m/x/model.json' }, undefined, undefined);
    expect(seen).toEqual([loaded]);
    await expect(
      runEngineRequest(engine, { ...request, savedModelUrl: 'https://m/y' }, undefined, undefined)
    ).rejects.toThrow(/not available here/);
  });
});
