/** The horizons: 15 min and 1 h on 5-minute data; 1 h and 1 day on 30-minute nyc_taxi. */
export function horizonsFor(stepSeconds: number): number[] {
  return stepSeconds >= 1800 ? [2, 48] : [3, 12];
}
