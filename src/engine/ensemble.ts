/**
 * The ensemble candidates of `auto`: at every step, the median of other candidates' forecasts.
 * Two medians, over different members (`ENSEMBLES`):
 * - `ensemble`: naive, seasonal naive, MSTL, the LSTM, the base model — whichever ran; not SES,
 *   the seasonal mean or the linear model (see `isEnsembleMember`). The baselines' votes anchor it
 *   to the last value and yesterday, which is what wins on series whose learned methods wander.
 * - `model_median`: the models without the baselines — SES, the seasonal mean, MSTL, the linear
 *   model, the LSTM, and the base model where the LSTM fine-tuned from it did not run (see
 *   `modelMedianMembers`). Where the models agree with each other more than with the last value (a
 *   noisy series with a daily shape), their median is a forecast no single candidate gives.
 *
 * Why a median: combining forecasts is the most reliable gain in forecasting practice, and the
 * median is the combination one wild member cannot drag (MSTL at 40 × seasonal naive's error on a
 * series whose season broke, an LSTM fine-tuned into a validation stretch unlike what follows).
 * They train nothing: their forecasts come from the members' own, so each costs one sort per step.
 * Each is scored, selected and calibrated like any method — at every origin, from its own recent
 * errors — so it is shown only where its recent errors beat the baselines' (and naive's).
 *
 * Why both, not one (measured 2026-12-03 by replaying every candidate's dumped forecasts through
 * the bench's scoring, src/engine/README.md): the models' median alone in the ensemble's place
 * cost the shared set at H = 12 (0.607 → 0.616); beside it, it helped all three sets (shared
 * 0.607 → 0.605, 25 held-out nab-extra series 0.575 → 0.570, stress set geo-mean 0.818 → 0.811,
 * worst series unchanged).
 */
import type { BaseMethod } from './api';
import type { FittedModel } from './model';
import { isBaseline } from './methods';
import { medianOfSorted } from './sorted';

export type EnsembleMethod = 'ensemble' | 'model_median';

/** Whether a method is one of the medians (never a member of either). */
export function isEnsemble(method: BaseMethod): method is EnsembleMethod {
  return ENSEMBLES.some((e) => e.method === method);
}

/**
 * Every candidate but SES, the seasonal mean and the linear model joins the `ensemble` median. SES
 * is a smoothed last value, so in a median it would be a second vote for naive's level (measured:
 * shared H = 12 ensemble 0.653 with it, 0.645 without); the seasonal mean would be a second vote
 * for seasonal naive's day (measured, shared H = 12: `auto` 0.607 with it a candidate only, 0.619
 * with it a member too, 0.616 with it in seasonal naive's place). The linear model would be a
 * third learned vote against the baselines' two, pulling the median off the anchor it is for
 * (measured 2026-12-03, shared H = 12: `auto` 0.609 with it a member of both medians, 0.603 with
 * it in `model_median` only; 25 nab-extra series 0.575 against 0.570).
 */
export function isEnsembleMember(method: BaseMethod): boolean {
  return method !== 'ses' && method !== 'seasonal_mean' && method !== 'linear' && !isEnsemble(method);
}

/** Every model but the baselines may join `model_median` (`modelMedianMembers` says which do). */
export function isModelMedianMember(method: BaseMethod): boolean {
  return !isBaseline(method) && !isEnsemble(method);
}

/**
 * The members of `model_median` among the candidates that ran: every model, but the base model
 * only where the LSTM did not run. The fine-tuned LSTM starts from the base model, so beside it
 * the base is the same network's second vote; the linear model, fitted on the same inputs by
 * another route, is the independent one (measured 2026-12-03: the linear model in, the base model
 * out while the LSTM is in, shared H = 12 `auto` 0.6049 → 0.6029, stress set geo-mean 0.811 → 0.798;
 * src/engine/README.md). A quick request trains neither the LSTM nor the linear model, so there
 * the base model keeps its vote beside SES and the seasonal mean.
 */
export function modelMedianMembers<T extends { method: BaseMethod }>(ran: readonly T[]): T[] {
  const models = ran.filter((r) => isModelMedianMember(r.method));
  return models.some((r) => r.method === 'lstm') ? models.filter((r) => r.method !== 'lstm_base') : models;
}

/** The medians `auto` builds, in the order they are added (after every other candidate), each with its members. */
export const ENSEMBLES: ReadonlyArray<{
  method: EnsembleMethod;
  members: <T extends { method: BaseMethod }>(ran: readonly T[]) => T[];
}> = [
  { method: 'ensemble', members: (ran) => ran.filter((r) => isEnsembleMember(r.method)) },
  { method: 'model_median', members: modelMedianMembers },
];

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
export function ensembleModel(members: FittedModel[], method: EnsembleMethod = 'ensemble'): FittedModel {
  return {
    method,
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
