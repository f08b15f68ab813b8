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
