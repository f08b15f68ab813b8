/**
 * A dashboard's answer to a query, given progressively: quick forecasts first, then each series'
 * own model, most important first (`FitContext.onInterim`).
 */
import type { FitContext, FittedQuery } from './fitQuery';
import { importanceOrder } from './importance';
import { quickAnswerNeed } from './modelRun';
import { inPool } from './pool';
import { type Answers, type SeriesJob, quickAnswer, runOwn } from './seriesRuns';

/** Cheap per-series runs (quick forecasts, cached models) in flight at once; training runs one at a time. */
const IN_FLIGHT = 4;

/**
 * A dashboard's order. Every series that would wait gets a quick forecast first, all shown as soon as
 * they exist; then each gets its own model, cached ones first (fast), then the ones that train, most
 * important first, each replacing its quick forecast as it lands. A few cached series (one round of
 * runs) skip the quick forecast: theirs are instant, and a returning user sees no flicker.
 */
export async function fitProgressively(jobs: SeriesJob[], answers: Answers, ctx: FitContext): Promise<FittedQuery> {
  const onInterim = ctx.onInterim!;
  // Read from the model store side by side: one by one, 100 cached models took a second.
  const need = await Promise.all(jobs.map((job) => quickAnswerNeed(job.input)));
  const cachedCount = need.filter((n) => n === 'cached').length;
  const wants = need.map((n) => n === 'training' || (n === 'cached' && cachedCount > IN_FLIGHT));
  const indices = jobs.map((_, i) => i);
  let waiting = jobs.length;
  const first = indices.filter((i) => !wants[i]);
  first.forEach((i, k) => (jobs[i].position = k));
  await inPool(first, IN_FLIGHT, async (i) => {
    await runOwn(jobs, i, answers, ctx);
    // Paced by the caller: these series show as they come.
    await onInterim(answers.snapshot(), --waiting);
  });
  const quick = new Set<number>();
  await inPool(
    indices.filter((i) => wants[i]),
    IN_FLIGHT,
    async (i) => {
      const f = await quickAnswer(jobs[i], ctx);
      if (f) {
        answers.set(i, f);
        quick.add(i);
        // Paced by the caller: the first quick forecasts show while the rest are computed.
        await onInterim(answers.snapshot(), waiting);
      }
    }
  );
  if (quick.size > 0) {
    // Every quick forecast goes out now, whatever the pacing held back.
    await onInterim(answers.snapshot(), quick.size, true);
  }
  const cachedNext = indices.filter((i) => wants[i] && need[i] === 'cached');
  const training = indices.filter((i) => need[i] === 'training');
  const byImportance = importanceOrder(
    answers.slots,
    new Set(training.filter((i) => quick.has(i))),
    ctx.compareImportance
  );
  // Series whose quick answer failed run last: their own run says why (or succeeds).
  const failedQuick = training.filter((i) => !quick.has(i));
  const order = [...cachedNext, ...byImportance, ...failedQuick];
  order.forEach((i, k) => (jobs[i].position = jobs.length - order.length + k));
  for (const i of order) {
    await runOwn(jobs, i, answers, ctx);
    // The last one is the final answer, which the caller gets as the return value.
    if (quick.delete(i) && quick.size > 0) {
      await onInterim(answers.snapshot(), quick.size);
    }
  }
  return answers.snapshot();
}
