import { readdirSync, statSync } from 'fs';
import { join } from 'path';

/** Every CSV under the NAB directory (sorted, recursive), as absolute paths. */
export function listCsv(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      out.push(...listCsv(p));
    } else if (name.endsWith('.csv')) {
      out.push(p);
    }
  }
  return out;
}

/** The horizons: 15 min and 1 h on 5-minute data; 1 h and 1 day on 30-minute nyc_taxi. */
export function horizonsFor(stepSeconds: number): number[] {
  return stepSeconds >= 1800 ? [2, 48] : [3, 12];
}
