/**
 * The ensemble candidate of `auto`: at every step, the median of the other candidates' forecasts
 * (naive, seasonal naive, MSTL, the LSTM, the base model — whichever ran; not SES or the seasonal
 * mean, see below).
 *
 * Why a median: combining forecasts is the most reliable gain in forecasting practice, and the
 * median is the combination one wild member cannot drag (MSTL at 40 × seasonal naive's error on a
 * series whose season broke, an LSTM fine-tuned into a validation stretch unlike what follows).
 * It trains nothing: its forecasts come from the members' own, so it costs one sort per step. It
 * is scored, selected and calibrated like any method — at every origin, from its own recent
 * errors — so it is shown only where its recent errors beat the baselines' (and naive's).
 * Measured with `npm run bench` (see src/engine/README.md).
 */
import type { BaseMethod } from './api';
import type { FittedModel } from './model';
import { medianOfSorted } from './sorted';

/**
 * Every candidate but SES and the seasonal mean joins the median. SES is a smoothed last value, so
 * in a median it would be a second vote for naive's level (measured: shared H = 12 ensemble 0.653
 * with it, 0.645 without); the seasonal mean would be a second vote for seasonal naive's day
 * (measured, shared H = 12: `auto` 0.607 with it a candidate only, 0.619 with it a member too, 0.616
 * with it in seasonal naive's place).
 */
export function isEnsembleMember(method: BaseMethod): boolean {
  return method !== 'ses' && method !== 'seasonal_mean' && method !== 'ensemble';
}

/** With fewer members a median is just one of them, or a mean of two. */
export const ENSEMBLE_MIN_MEMBERS = 3;

/** Per origin and step, the median of the members' finite forecasts (NaN where none is finite). */
export function medianForecasts(members: Float64Array[][]): Float64Array[] {
  const origins = members[0]?.length ?? 0;
  const scratch = new Float64Array(members.length);
  return Array.from({ length: origins }, (_, i) => {
    const horizon = members[0][i].length;
    const row = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) {
      let n = 0;
      for (const m of members) {
        const x = m[i][h];
        if (Number.isFinite(x)) {
          scratch[n++] = x;
        }
      }
      row[h] = medianOfSorted(scratch.subarray(0, n).sort());
    }
    return row;
  });
}

/**
 * A fitted model whose forecast is the median of the members'. It owns nothing: the members stay
 * candidates of their own and are disposed by whoever owns them.
 */
export function ensembleModel(members: FittedModel[]): FittedModel {
  return {
    method: 'ensemble',
    fitMs: members.reduce((s, m) => s + m.fitMs, 0),
    async predict(values, origins, horizon) {
      const all: Float64Array[][] = [];
      for (const m of members) {
        all.push(await m.predict(values, origins, horizon));
      }
      return medianForecasts(all);
    },
    dispose() {
      // the members are disposed with their own candidates
    },
  };
}
