/**
 * The headless runner's figures (`npm run bench:serve`, writes bench/serve-results.json):
 * - the time of one evaluation of a job with `--series` series (default 100) from an in-process
 *   Prometheus stand-in, method `auto` on a short window (LSTM skipped for want of history, so
 *   naive, seasonal naive and MSTL are validated per series), and per series;
 * - RSS and heap after 10 and after `--evaluations` (default 100) evaluations, after a forced GC,
 *   so growth between them shows a leak;
 * - `tf.memory().numTensors` before and after (must not grow).
 *
 *   npx tsx bench/serve.ts [--series 100] [--evaluations 100] [--window 2d] [--step 5m] [--horizon 1h]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { validateConfig } from '../src/headless/config';
import { ServeService } from '../src/headless/service';
import { SyntheticSource } from '../src/headless/syntheticSource';
import { initEngineNode } from '../src/engine/node';
import { tf } from '../src/engine/tf';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

/** A collectable heap without restarting node with --expose-gc (the npm script is plain tsx). */
function gcNow(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function memoryMb(): { rssMb: number; heapUsedMb: number; externalMb: number } {
  gcNow();
  const m = process.memoryUsage();
  const mb = (b: number) => Math.round((b / 1048576) * 10) / 10;
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external + m.arrayBuffers) };
}

interface Phase {
  label: string;
  series: number;
  evaluations: number;
  window: string;
  step: string;
  horizon: string;
  method: string;
  lstm?: Record<string, number>;
}

/** One job evaluated `evaluations` times over `series` synthetic series; timings, memory, tensors. */
async function runPhase(phase: Phase) {
  const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-bench-serve-'));
  const { config, errors } = validateConfig({
    prometheus: { url: 'http://127.0.0.1:1' },
    modelDir,
    maxSeries: phase.series,
    jobs: [
      {
        name: 'bench',
        query: 'bench_rps',
        trainingWindow: phase.window,
        trainingStep: phase.step,
        horizon: phase.horizon,
        interval: '1m',
        method: phase.method,
        lstm: phase.lstm,
      },
    ],
  });
  if (!config) {
    throw new Error(errors.join('\n'));
  }
  const source = new SyntheticSource({ count: phase.series });
  const service = new ServeService(config, { source, log: () => undefined });
  const tensorsBefore = tf.memory().numTensors;
  const durations: number[] = [];
  let memoryAfter10: ReturnType<typeof memoryMb> | undefined;
  const models: Record<string, number> = {};
  const rssTrend: Array<{ evaluations: number } & ReturnType<typeof memoryMb>> = [];
  for (let i = 1; i <= phase.evaluations; i++) {
    const t0 = performance.now();
    if (!(await service.evaluateOnce())) {
      throw new Error(`evaluation ${i} failed: ${service.states[0].lastError?.message}`);
    }
    durations.push(performance.now() - t0);
    service.states[0].last?.result.series.forEach((x) => {
      const origin = x.run?.model ?? 'trained';
      models[origin] = (models[origin] ?? 0) + 1;
    });
    if (i === Math.min(10, phase.evaluations)) {
      memoryAfter10 = memoryMb();
    }
    if (i % 25 === 0) {
      rssTrend.push({ evaluations: i, ...memoryMb() });
    }
  }
  const memoryAfterAll = memoryMb();
  const last = service.states[0].last?.result;
  await service.stop();
  fs.rmSync(modelDir, { recursive: true, force: true });
  const rest = durations.slice(1).sort((a, b) => a - b);
  const median = rest.length > 0 ? rest[Math.floor(rest.length / 2)] : durations[0];
  const methods: Record<string, number> = {};
  last?.series.forEach((x) => (methods[x.report.method] = (methods[x.report.method] ?? 0) + 1));
  const round1 = (x: number) => Math.round(x * 10) / 10;
  return {
    ...phase,
    methodsChosen: methods,
    modelOrigins: models,
    firstEvaluationMs: Math.round(durations[0]),
    medianLaterEvaluationMs: Math.round(median),
    medianPerSeriesMs: round1(median / phase.series),
    memoryAfter10: memoryAfter10 ?? null,
    memoryAfterAll,
    rssGrowthMb: memoryAfter10 ? round1(memoryAfterAll.rssMb - memoryAfter10.rssMb) : null,
    heapGrowthMb: memoryAfter10 ? round1(memoryAfterAll.heapUsedMb - memoryAfter10.heapUsedMb) : null,
    memoryTrend: rssTrend,
    tensorsBefore,
    tensorsAfter: tf.memory().numTensors,
  };
}

async function main(): Promise<void> {
  // The service's runner initialises the engine itself; done here first so tfjs can be asked how many tensors exist.
  await initEngineNode();
  const auto = await runPhase({
    label: 'auto, short window (LSTM skipped for want of history)',
    series: Number(arg('series', '100')),
    evaluations: Number(arg('evaluations', '100')),
    window: arg('window', '2d'),
    step: arg('step', '5m'),
    horizon: arg('horizon', '1h'),
    method: 'auto',
  });
  // Tensors are only made by the LSTM: trained on the first evaluation, reused from disk after.
  const lstm = await runPhase({
    label: 'lstm, models trained once then reused from modelDir',
    series: Number(arg('lstm-series', '5')),
    evaluations: Number(arg('lstm-evaluations', '10')),
    window: '3d',
    step: '5m',
    horizon: '1h',
    method: 'lstm',
    lstm: { epochs: 4 },
  });
  const out = {
    measuredAt: new Date().toISOString(),
    machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
    phases: [auto, lstm],
  };
  const file = path.join(__dirname, 'serve-results.json');
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench:serve failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
);
