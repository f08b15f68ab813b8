/**
 * Peak memory of one forecast on the issue-13 worst case: step 1 s over a 2-day window with a 1 h
 * horizon (172,800 points, 3,600 steps ahead), `auto`. Samples process RSS every 50 ms.
 *
 *   npx tsx bench/memory.ts [--method auto] [--days 2] [--step-ms 1000] [--horizon 3600]
 *
 * Prints one JSON line — outcome (method or error), peak RSS and heap, wall time — and writes it to
 * bench/memory-results.json (`npm run bench:memory`). The budget it checks against is 300 MB per
 * forecast (src/engine/budget.ts); the RSS includes Node, tsx, tfjs and augurs at start-up
 * (`baseRssMb`), so compare `peakRssMb - baseRssMb` with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { forecastSeries } from '../src/engine/forecast';
import { initEngineNode } from '../src/engine/node';
import type { MethodChoice } from '../src/engine/api';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : dflt;
}

async function main(): Promise<void> {
  const method = arg('method', 'auto') as MethodChoice;
  const stepMs = Number(arg('step-ms', '1000'));
  const days = Number(arg('days', '2'));
  const horizon = Number(arg('horizon', '3600'));
  await initEngineNode();
  const n = Math.round((days * 86_400_000) / stepMs);
  const t0 = Date.UTC(2024, 0, 1);
  const times: number[] = new Array(n);
  const values: number[] = new Array(n);
  let seed = 1;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    times[i] = t0 + i * stepMs;
    values[i] = 100 + 50 * Math.sin((2 * Math.PI * i * stepMs) / 86_400_000) + 4 * (seed / 2147483648 - 0.5);
  }
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  let peakHeap = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
  }, 50);
  const started = performance.now();
  let outcome: string;
  try {
    const out = await forecastSeries({ series: { times, values }, stepMs, horizon, method });
    outcome = `method ${out.report.method}; skipped: ${(out.report.skipped ?? []).map((s) => s.reason).join(' | ')}; notes: ${(out.report.notes ?? []).join(' | ')}`;
  } catch (e) {
    outcome = `error: ${e instanceof Error ? e.message : String(e)}`;
  }
  clearInterval(timer);
  const m = process.memoryUsage();
  // The kernel's high-water mark: the sampler above cannot run while the engine computes synchronously.
  peakRss = Math.max(peakRss, m.rss, process.resourceUsage().maxRSS * 1024);
  const mb = (x: number) => Math.round(x / 1048576);
  const line = JSON.stringify({
    measuredAt: new Date().toISOString(),
    points: n,
    stepMs,
    horizon,
    method,
    outcome,
    baseRssMb: mb(baseRss),
    peakRssMb: mb(peakRss),
    peakHeapPlusBuffersMb: mb(peakHeap),
    wallS: Math.round((performance.now() - started) / 100) / 10,
  });
  console.log(line);
  fs.writeFileSync(path.join(__dirname, 'memory-results.json'), `${line}\n`);
  process.exit(0);
}

void main();
