/**
 * The largest grid one forecast may hold, alone in a module without imports so that the history
 * advice of `requirements.ts` can respect it (`budget.ts`, which enforces it, imports the LSTM's
 * features, which import `requirements.ts`).
 *
 * Grid, preparation and per-point work (raw pairs, slot means/counts, values, mask, LSTM origin
 * lists, MSTL input): measured about 280 B a point with `bench/memory.ts` on 999,360 points
 * (30 s steps over 347 days: 447 MB peak RSS, 165 MB of it the process at start).
 */
export const BYTES_PER_POINT = 280;
/** The largest grid: about 170 MB at BYTES_PER_POINT (90 days at 15 s, 6 days at 1 s). */
export const MAX_POINTS = 600_000;
