/**
 * Synthetic series for pretraining: the shapes infrastructure metrics take that a few real series
 * under-represent — daily and weekly waves with noise, trends, level shifts, drops to zero that
 * stay there, spikes, variance bursts — at magnitudes from 10^-2 to 10^6. Seeded: the same seed
 * gives the same corpus. Never shaped after one real series.
 */
import type { RawSeries } from '../api';
import { rng } from './features';

export interface NamedSeries extends RawSeries {
  name: string;
}

const FIVE_MIN = 300_000;
const T0 = Date.UTC(2024, 0, 1);

interface Shape {
  weekly: number;
  trend: number;
  shiftAt: number;
  shiftBy: number;
  zeroAt: number;
  spikeRate: number;
  burstAt: number;
  noise: number;
  square: boolean;
}

function shapeFor(k: number, rand: () => number): Shape {
  const pick = (p: number) => rand() < p;
  return {
    weekly: pick(0.4) ? 0.3 * rand() : 0,
    trend: pick(0.4) ? (rand() - 0.5) * 0.6 : 0,
    shiftAt: pick(0.35) ? 0.5 + 0.45 * rand() : 2,
    shiftBy: pick(0.5) ? 0.1 + 0.5 * rand() : 1.5 + 2 * rand(),
    zeroAt: k % 7 === 3 ? 0.6 + 0.35 * rand() : 2,
    spikeRate: pick(0.4) ? 0.002 + 0.01 * rand() : 0,
    burstAt: pick(0.25) ? 0.5 + 0.4 * rand() : 2,
    noise: 0.02 + 0.4 * rand(),
    square: pick(0.15),
  };
}

/** `count` series of `days` days at 5-minute steps. */
export function syntheticCorpus(count: number, days: number, seed: number): NamedSeries[] {
  const rand = rng(seed);
  const perDay = 86_400_000 / FIVE_MIN;
  const n = days * perDay;
  const out: NamedSeries[] = [];
  for (let k = 0; k < count; k++) {
    const s = shapeFor(k, rand);
    const level = 10 ** (-2 + 8 * rand());
    const amp = level * (0.1 + 0.8 * rand());
    const phase = rand() * 2 * Math.PI;
    const times: number[] = [];
    const values: number[] = [];
    let spike = 0;
    for (let i = 0; i < n; i++) {
      const f = i / n;
      const d = Math.sin((2 * Math.PI * i) / perDay + phase);
      const day = s.square ? Math.sign(d) : d;
      const week = s.weekly * Math.sin((2 * Math.PI * i) / (7 * perDay));
      let v = level * (1 + s.trend * f) + amp * (day + week);
      if (f >= s.shiftAt) {
        v *= s.shiftBy;
      }
      const burst = f >= s.burstAt && f < s.burstAt + 0.05 ? 4 : 1;
      v += amp * s.noise * burst * (rand() - 0.5) * 2;
      spike = spike * 0.6 + (rand() < s.spikeRate ? amp * (2 + 6 * rand()) : 0);
      v += spike;
      if (f >= s.zeroAt) {
        v = 0;
      }
      times.push(T0 + i * FIVE_MIN);
      values.push(Math.max(0, v));
    }
    out.push({ name: `synthetic_${String(k).padStart(2, '0')}`, times, values });
  }
  return out;
}
