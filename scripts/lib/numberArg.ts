/**
 * A numeric command-line option of the benchmark scripts (`--reps 15`, `--timeout-s 75`): its
 * default when absent, a clear error naming the option and its range when out of bounds.
 */
export function numberArg(
  argv: string[],
  name: string,
  fallback: number,
  bounds: { min: number; max: number; integer?: boolean; unit: string }
): number {
  const i = argv.indexOf(name);
  if (i < 0) {
    return fallback;
  }
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n < bounds.min || n > bounds.max || (bounds.integer && !Number.isInteger(n))) {
    throw new Error(`${name} needs ${bounds.unit} from ${bounds.min} to ${bounds.max}, got "${argv[i + 1] ?? ''}".`);
  }
  return n;
}
