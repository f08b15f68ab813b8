/**
 * The warning line's sentences about the choice: why `auto` shows another method than the LSTM that
 * was trained, and a level shift or an excursion, as `auto` or a requested method met it.
 */
import { type CandidateResult, SELECTION_MARGIN, recentMaeOf as recent, selectionScoreOf as score } from './pipeline';
import { methodName, methodNameInSentence } from '../common/methodNames';
import { formatDuration } from '../common/duration';
import { type SentencePart, figure, sentence } from '../common/figures';
import type { Shift } from './shift';
import type { BaseMethod } from './api';
import { isEnsemble } from './ensemble';
import { isBaseline } from './methods';

/** What "recent" errors cover: the last day; after a level shift, the forecasts made since it (`shift.ts`). */
export const RECENT_PERIOD = 'over the last day';
export const SINCE_SHIFT_PERIOD = 'since the shift';

/**
 * Why `auto` did not show the LSTM, in the terms of its rule (`recent.ts` `chooseByScores`): it
 * lost outright on the last day; or its last day was worse than naive's; or it did not beat the
 * better baseline by the margin; or another learned method (SES, MSTL, a median) scored better
 * over the last day and week together. A median (`ensemble.ts`) has the LSTM among its members, so
 * the sentence says that its own forecast was replaced by one it is part of.
 */
export function lstmNotShown(
  all: CandidateResult[],
  chosen: CandidateResult,
  lstm: CandidateResult,
  period = RECENT_PERIOD
): SentencePart[] {
  const median = medianLead(chosen.method);
  const name = methodNameInSentence(chosen.method);
  const shown = median ? 'so the median is shown.' : `so the ${name} forecast is shown.`;
  const ownMae = figure(recent(lstm));
  const margin = String(SELECTION_MARGIN * 100);
  if (recent(lstm) >= recent(chosen)) {
    // Equal to the shown figures' precision is a tie, not a loss (a flat series: both near zero).
    if (nearlyEqual(recent(lstm), recent(chosen))) {
      // A series that has not moved (a retired model version at 0 calls for a day): "did no better
      // … (MAE 0 vs 0)" reads as if the LSTM were at fault, when nothing beats an exact forecast.
      if (chosen.method === 'naive' && recent(chosen) === 0) {
        return sentence`The series has not changed ${period}: the last value (naive) forecast every value exactly, so no method can beat it, and it is shown.`;
      }
      return sentence`The LSTM did no better than ${median ? 'the median' : name} on recent validation (MAE ${period} ${ownMae} vs ${figure(recent(chosen))}), ${shown}`;
    }
    return median
      ? sentence`${median} (the LSTM among them) beat the LSTM alone on recent validation (MAE ${period} ${figure(recent(chosen))} vs ${ownMae}), ${shown}`
      : // The winner is named before the figures, so the figures stand alone: a panel of several
        // series lists each series' pair in one line ("MAE over the last day: a 0.970 vs 0.946; b …").
        sentence`The LSTM lost to the ${name} on recent validation (MAE ${period} ${ownMae} vs ${figure(recent(chosen))}), so its forecast is shown.`;
  }
  const naive = all.find((c) => c.method === 'naive');
  if (naive && recent(lstm) >= recent(naive)) {
    return sentence`The LSTM's recent errors were above the last value's (MAE ${period} ${ownMae} vs ${figure(recent(naive))}), ${shown}`;
  }
  if (isBaseline(chosen.method)) {
    return sentence`The LSTM did not beat ${name} by the required ${margin} % on recent validation (MAE ${period} ${ownMae} vs ${figure(recent(chosen))}), ${shown}`;
  }
  // The LSTM's last day was better, but the choice reads the last day and the week together.
  const over = period === RECENT_PERIOD ? 'over the last day and week of validation together' : period;
  const who = median ? `${median} (the LSTM among them)` : methodName(chosen.method);
  const than = nearlyEqual(score(chosen), score(lstm)) ? 'at least as well as' : 'better than';
  return sentence`${who} scored ${than} the LSTM ${over} (mean MAE ${figure(score(chosen))} vs ${figure(score(lstm))}), ${shown}`;
}

/** Within half a percent: what the warning line's three significant figures cannot tell apart. */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.005 * Math.max(Math.abs(a), Math.abs(b));
}

/** How a sentence names a median candidate; undefined for any other method. */
function medianLead(method: BaseMethod): string | undefined {
  if (!isEnsemble(method)) {
    return undefined;
  }
  return method === 'ensemble' ? 'The median of the methods' : 'The median of the models without the baselines';
}

/** A level shift as the warning line tells it: how long ago it began, and how long the gap before it was. */
export interface ShiftTiming {
  shift: Shift;
  /** Since the first value of the new level. */
  agoMs: number;
  /** The gap in the data the new level began in (`Shift.gapFrom`), when there was one. */
  gapMs?: number;
}

/**
 * The warning line's sentence when a level shift narrowed what `auto` compares (`shift.ts`): the
 * user sees why the method may have changed, and, with nothing to compare yet, that the last value
 * is shown on purpose. After a gap in the data it says so: the values since are few, and the user
 * should know the decision rests on them.
 */
export function shiftSentence(timing: ShiftTiming, evidence: boolean): string {
  const head = `${shiftFact(timing)}, so the methods are compared only on forecasts made since then`;
  return evidence ? `${head}.` : `${head}; there are none yet, so the last value (naive) is shown.`;
}

/** "Level shift: every value of the last 2h is below the lowest of the day before". */
function shiftFact({ shift, agoMs, gapMs }: ShiftTiming): string {
  const where = shift.direction === 'above' ? 'above the highest' : 'below the lowest';
  const what =
    gapMs === undefined
      ? `every value of the last ${formatDuration(agoMs)} is ${where} of the day before`
      : `every value since a ${formatDuration(gapMs)} gap in the data is ${where} of the day before the gap`;
  return `Level shift: ${what}`;
}

const DAY_MS = 86_400_000;

/**
 * The same shift when the user asked for one method: it is shown whatever the shift, so the sentence
 * says what that method does with it. The seasonal methods copy or average earlier days, so shortly
 * after a shift they forecast the old level (a host that fell to 0 % "needs" yesterday's replicas);
 * the others start from the latest values and follow it.
 */
export function requestedShiftSentence(timing: ShiftTiming, requested: BaseMethod): string {
  const name = methodNameInSentence(requested);
  const copies =
    requested === 'seasonal_naive' && timing.agoMs < DAY_MS
      ? `the requested ${name} repeats the values of a day earlier, from before it`
      : requested === 'seasonal_mean'
        ? `the requested ${name} averages earlier days, from before it`
        : undefined;
  return copies
    ? `${shiftFact(timing)}; ${copies}, so its forecast stays near the old level (Auto follows the new one).`
    : `${shiftFact(timing)}.`;
}

/** An excursion as the warning line tells it (`excursion.ts`): its timing, the shift rule's wait, and what it replaced. */
export interface ExcursionTiming extends ShiftTiming {
  /** How long values must stay out of range to count as a level shift (`shiftMinRun`). */
  confirmMs: number;
  /** The method `auto` would have shown. */
  insteadOf: BaseMethod;
}

/**
 * The warning line's sentence when `auto` shows the last value because the latest values left the
 * series' whole range too recently to be a level shift (`excursion.ts`): what moved, for how long,
 * what was replaced and until when.
 */
export function excursionSentence(timing: ExcursionTiming): string {
  const { shift, agoMs, gapMs, confirmMs, insteadOf } = timing;
  const move = shift.direction === 'above' ? 'Sudden rise' : 'Sudden fall';
  const where = shift.direction === 'above' ? 'above the highest' : 'below the lowest';
  const what =
    gapMs === undefined
      ? `every value of the last ${formatDuration(agoMs)} is ${where} value before it`
      : `every value since a ${formatDuration(gapMs)} gap in the data is ${where} value before the gap`;
  const replaced = isEnsemble(insteadOf) ? 'the median' : `the ${methodNameInSentence(insteadOf)} forecast`;
  return (
    `${move}: ${what}, too recent to call a level shift (that takes ${formatDuration(confirmMs)}), ` +
    `so the last value (naive) is shown instead of ${replaced} until the values hold there or come back.`
  );
}
