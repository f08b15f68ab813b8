import { loadavg } from 'os';
import type { ForecastRequest, LstmOptions } from '../src/engine/api';
import { selectBackend } from '../src/engine/backend';
import { forecastSeries } from '../src/engine/forecast';
import { tf } from '../src/engine/tf';
import { readCsvSeries } from '../src/io/csv';

export interface SpeedResult {
  points: number;
  horizon: number;
  /** Wall ms of forecastSeries (prepare, validation, calibration, training, forecast), per run. */
  lstmWasmMs: number[];
  lstmCpuMs: number[];
  mstlMs: number[];
  lstmWasmMedianMs: number;
  lstmCpuMedianMs: number;
  mstlMedianMs: number;
  ratioLstmWasmToMstl: number;
  /** Process CPU time (user + system) of the same runs: less sensitive to other work on the machine. */
  lstmWasmCpuMs: number[];
  mstlCpuMs: number[];
  ratioCpuLstmWasmToMstl: number;
  /** 1-minute load average when the speed runs ended (the machine is shared). */
  loadAverage: number;
  lstmEpochs: number;
  leak: { cycles: number; numTensorsBefore: number; numTensorsAfter: number };
  peakTfBytes: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : NaN;
};

export async function runSpeed(
  file: string,
  opts: { runs: number; leakCycles: number },
  log: (s: string) => void
): Promise<SpeedResult> {
  const csv = readCsvSeries(file);
  const n = 2016;
  const series = { times: csv.times.slice(-n), values: csv.values.slice(-n) };
  const base: Omit<ForecastRequest, 'method'> = { series, stepMs: 300_000, horizon: 12 };
  let peakTfBytes = 0;
  const track = () => {
    peakTfBytes = Math.max(peakTfBytes, tf.memory().numBytes);
  };
  const time = async (method: 'lstm' | 'mstl', lstm?: LstmOptions) => {
    let epochs = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await forecastSeries({
      ...base,
      method,
      lstm,
      onProgress: (p) => {
        track();
        epochs = p.epoch ?? epochs;
      },
    });
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, epochs };
  };
  const mstlMs: number[] = [];
  const mstlCpuMs: number[] = [];
  const lstmWasmCpuMs: number[] = [];
  const lstmWasmMs: number[] = [];
  const lstmCpuMs: number[] = [];
  let lstmEpochs = 0;
  await selectBackend('wasm');
  for (let i = 0; i < opts.runs; i++) {
    const m = await time('mstl');
    mstlMs.push(m.ms);
    mstlCpuMs.push(m.cpuMs);
    const r = await time('lstm');
    lstmWasmMs.push(r.ms);
    lstmWasmCpuMs.push(r.cpuMs);
    lstmEpochs = r.epochs;
  }
  log(
    `speed: MSTL ${mstlMs.map((x) => x.toFixed(0)).join(', ')} ms; LSTM wasm ${lstmWasmMs.map((x) => x.toFixed(0)).join(', ')} ms (${lstmEpochs} epochs)`
  );
  await selectBackend('cpu');
  try {
    lstmCpuMs.push((await time('lstm')).ms);
  } finally {
    await selectBackend('wasm');
  }
  log(`speed: LSTM cpu ${lstmCpuMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  const before = tf.memory().numTensors;
  for (let i = 0; i < opts.leakCycles; i++) {
    // Shorter training per cycle: the point is tensor bookkeeping over many train/forecast cycles.
    await time('lstm', { maxTrainMs: 400, epochs: 3 });
  }
  const after = tf.memory().numTensors;
  log(`leak: numTensors ${before} → ${after} over ${opts.leakCycles} train/forecast cycles`);
  return {
    points: n,
    horizon: 12,
    lstmWasmMs,
    lstmCpuMs,
    mstlMs,
    lstmWasmMedianMs: median(lstmWasmMs),
    lstmCpuMedianMs: median(lstmCpuMs),
    mstlMedianMs: median(mstlMs),
    ratioLstmWasmToMstl: median(lstmWasmMs) / median(mstlMs),
    lstmWasmCpuMs,
    mstlCpuMs,
    ratioCpuLstmWasmToMstl: median(lstmWasmCpuMs) / median(mstlCpuMs),
    loadAverage: loadavg()[0],
    lstmEpochs,
    leak: { cycles: opts.leakCycles, numTensorsBefore: before, numTensorsAfter: after },
    peakTfBytes,
  };
}
