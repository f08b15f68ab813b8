/**
 * Scale-free arithmetic for extreme magnitudes. Sums of squares, MAE sums and band edges overflow
 * float64 long before a single value does (1e300² is Infinity), so a series whose largest magnitude
 * is extreme is divided by a power of two before anything else sees it, and every output is
 * multiplied back. Dividing by 2^k is exact in binary floating point, so the forecast in the
 * series' own units is what it would have been with unlimited range. Ordinary series (magnitudes
 * between 2^-500 and 2^500, i.e. about 3e-151 … 3e150, every real metric) get unit 1 and are
 * untouched, so saved models and results stay bit-identical for them.
 */
const HIGH = 2 ** 500;
const LOW = 2 ** -500;

/** The power of two to divide by (1 for ordinary series). */
export function unitScale(values: ArrayLike<number>): number {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > maxAbs) {
      maxAbs = a;
    }
  }
  if (!(maxAbs > HIGH || (maxAbs > 0 && maxAbs < LOW))) {
    return 1;
  }
  // log2 rounds (log2(1.7976e308) gives 1024): clamp so 2^e stays finite; values land in about [1, 2].
  return 2 ** Math.min(1023, Math.floor(Math.log2(maxAbs)));
}

/** values[i] / unit in place. */
export function divideInPlace(values: Float64Array, unit: number): void {
  if (unit === 1) {
    return;
  }
  for (let i = 0; i < values.length; i++) {
    values[i] /= unit;
  }
}

export function times(xs: number[], unit: number): number[] {
  return unit === 1 ? xs : xs.map((x) => x * unit);
}
