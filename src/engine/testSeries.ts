/** Synthetic series for tests: a daily wave with noise on a 5-minute grid. */
import type { RawSeries } from './api';
import { rng } from './lstm/features';

export const FIVE_MIN = 300_000;
export const T0 = Date.UTC(2024, 0, 1);

export function dailyWave(
  points: number,
  opts: { amplitude?: number; level?: number; noise?: number; seed?: number; stepMs?: number } = {}
): RawSeries {
  const step = opts.stepMs ?? FIVE_MIN;
  const perDay = Math.round(86_400_000 / step);
  const rand = rng(opts.seed ?? 1);
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < points; i++) {
    times.push(T0 + i * step);
    const wave = Math.sin((2 * Math.PI * i) / perDay);
    values.push((opts.level ?? 100) + (opts.amplitude ?? 50) * wave + (opts.noise ?? 2) * (rand() - 0.5));
  }
  return { times, values };
}

/**
 * A noisy level (40 ± 5) of `days` days on the 5-minute grid, for the level-shift and excursion
 * tests; `f(v, i, n)` may change any point.
 */
export function noisyLevel(f: (v: number, i: number, n: number) => number = (v) => v, days = 3, seed = 4): number[] {
  const rand = rng(seed);
  const n = days * Math.round(86_400_000 / FIVE_MIN);
  return Array.from({ length: n }, (_, i) => f(40 + 10 * (rand() - 0.5), i, n));
}

/** Three days of the noisy level, its last `tail` points transformed by `f`. */
export function levelThen(tail: number, f: (v: number, i: number) => number, seed = 4): number[] {
  return noisyLevel((v, i, n) => (i >= n - tail ? f(v, i) : v), 3, seed);
}
