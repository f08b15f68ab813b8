/**
 * A dashboard's answer to a query, given progressively: quick forecasts first, then each series'
 * own model, most important first (`FitContext.onInterim`).
 */
import type { FitContext, FittedQuery } from './fitQuery';
import { importanceOrder } from './importance';
import { heldModelAnswer, sameData } from './heldAnswer';
import { cachedModelTrainedAt, quickAnswerNeed, trainingKey } from './modelRun';
import { assessStaleness } from './staleness';
import { inPool } from './pool';
import { type Answers, type SeriesJob, quickAnswer, runOwn } from './seriesRuns';

/** Cheap per-series runs (quick forecasts, cached models) in flight at once; training runs one at a time. */
const IN_FLIGHT = 4;

/**
 * A dashboard's order. Every series that would wait gets a quick forecast first, all shown as soon as
 * they exist; then each gets its own model, cached ones first (fast), then the ones that train, most
 * important first, each replacing its quick forecast as it lands. A few cached series (one round of
 * runs) skip the quick forecast: theirs are instant.
 *
 * On a re-run of the same fit (a refresh, a time-range change) each series keeps the answer it last
 * showed until its new one lands, so a returning user sees neither a series missing from an interim
 * answer nor a quick forecast in place of its own model's. Only a quick forecast held for a series
 * that trains is renewed (a fresher origin, the same kind of answer). Until 2026-12-05 every refresh
 * of a query with more than four cached series went through quick forecasts again: on the
 * model-serving dashboard (7 series) at a 5 s refresh, 46 % of the panel's states sampled every
 * 100 ms showed quick forecasts or only some of the series (browser test `returning.spec.ts`). Two
 * more cases, fixed the same day: once a day, when the cached models passed the maximum model age,
 * every series went back to a quick forecast while its model was fine-tuned; and a first visit on
 * auto-refresh, whose refreshes cut training short, dropped every series still training from the
 * screen at each refresh until its quick forecast was computed again (the held answer is the last
 * one shown, interim included, not only the last finished one). A training the refresh cut short
 * goes on in the background (`trainingRuns.ts`): its series is the first this run trains, joining it.
 * A held quick forecast, or a held answer from the model still cached, made on exactly the data this
 * run fetched, is this run's answer without running it again (`heldAnswer.ts`).
 */
export async function fitProgressively(jobs: SeriesJob[], answers: Answers, ctx: FitContext): Promise<FittedQuery> {
  const onInterim = ctx.onInterim!;
  // Read from the model store side by side: one by one, 100 cached models took a second.
  const need = await Promise.all(jobs.map((job) => quickAnswerNeed(job.input)));
  const cachedCount = need.filter((n) => n === 'cached').length;
  const wants = need.map((n) => n === 'training' || (n === 'cached' && cachedCount > IN_FLIGHT));
  const indices = jobs.map((_, i) => i);
  // Series showing a stand-in until their own run lands: a quick forecast, or their last answer.
  const standIn = holdLastAnswers(jobs, answers, ctx);
  // A held quick forecast is renewed only when the data moved: on the same data it is the same answer.
  const quick = indices.filter(
    (i) =>
      wants[i] &&
      (!standIn.has(i) ||
        (need[i] === 'training' &&
          answers.slots[i]?.run.origin === 'base' &&
          !sameData(answers.slots[i].series, jobs[i].one)))
  );
  // A held answer from the cached model on the same data is this run's answer (`heldAnswer.ts`).
  const heldModel = await Promise.all(
    jobs.map(async (job, i) =>
      need[i] === 'cached' && standIn.has(i)
        ? heldModelAnswer(answers.slots[i], job.one, await cachedModelTrainedAt(job.input))
        : undefined
    )
  );
  const runOrKeep = async (i: number) => {
    const kept = heldModel[i];
    if (kept) {
      answers.set(i, kept);
    } else {
      await runOwn(jobs, i, answers, ctx);
    }
  };
  let waiting = jobs.length;
  const first = indices.filter((i) => !wants[i]);
  first.forEach((i, k) => (jobs[i].position = k));
  await inPool(first, IN_FLIGHT, async (i) => {
    await runOrKeep(i);
    standIn.delete(i);
    // Paced by the caller: these series show as they come.
    await onInterim(answers.snapshot(), --waiting);
  });
  let quickCount = 0;
  await inPool(quick, IN_FLIGHT, async (i) => {
    const f = await quickAnswer(jobs[i], ctx);
    if (f) {
      answers.set(i, f);
      standIn.add(i);
      quickCount++;
      // Paced by the caller: the first quick forecasts show while the rest are computed.
      await onInterim(answers.snapshot(), waiting);
    }
  });
  if (quickCount > 0) {
    // Every quick forecast goes out now, whatever the pacing held back.
    await onInterim(answers.snapshot(), standIn.size, true);
  }
  const cachedNext = indices.filter((i) => wants[i] && need[i] === 'cached');
  // A training the last run left going (a refresh cut it short) is the closest to done: it goes first.
  const underWay = (i: number) => ctx.training?.has(trainingKey(jobs[i].input)) === true;
  const training = indices.filter((i) => need[i] === 'training');
  const byImportance = importanceOrder(
    answers.slots,
    new Set(training.filter((i) => standIn.has(i))),
    ctx.compareImportance
  ).sort((a, b) => Number(underWay(b)) - Number(underWay(a)));
  // Series whose quick answer failed run last: their own run says why (or succeeds).
  const failedQuick = training.filter((i) => !standIn.has(i));
  const order = [...cachedNext, ...byImportance, ...failedQuick];
  order.forEach((i, k) => (jobs[i].position = jobs.length - order.length + k));
  for (const i of order) {
    await runOrKeep(i);
    // The last one is the final answer, which the caller gets as the return value.
    if (standIn.delete(i) && standIn.size > 0) {
      await onInterim(answers.snapshot(), standIn.size);
    }
  }
  return answers.snapshot();
}

/**
 * Puts each series' last shown answer in its slot, unless it is stale now (shown, it would raise the
 * stale-data warning for a moment); returns their indices.
 */
function holdLastAnswers(jobs: SeriesJob[], answers: Answers, ctx: FitContext): Set<number> {
  const held = new Set<number>();
  if (!ctx.previous) {
    return held;
  }
  const last = new Map(ctx.previous.series.map((f) => [f.seriesKey, f]));
  jobs.forEach((job, i) => {
    const f = last.get(job.seriesKey);
    const lastSampleMs = f?.series.times[f.series.times.length - 1];
    if (f && lastSampleMs !== undefined && !assessStaleness(lastSampleMs, ctx.nowMs, job.input.request.stepMs).stale) {
      answers.set(i, f);
      held.add(i);
    }
  });
  return held;
}
