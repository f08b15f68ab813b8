/**
 * Reading ascending arrays: a binary search and the median, one copy each for the engine (recent
 * errors by origin, the moving median's sliding windows, the ensemble's median, the step).
 */

/**
 * Index of the first of sorted[0..n) that is ≥ x (`atLeast`) or > x; n when there is none.
 * A NaN x gives 0 (no comparison with NaN holds), which callers must not read as a match.
 */
export function searchSorted(sorted: ArrayLike<number>, x: number, atLeast = true, n = sorted.length): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x || (!atLeast && sorted[mid] === x)) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The median of sorted[0..n) (the mean of the middle two when n is even); NaN when n = 0. */
export function medianOfSorted(sorted: ArrayLike<number>, n = sorted.length): number {
  if (n === 0) {
    return NaN;
  }
  const m = n >> 1;
  return n % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}
