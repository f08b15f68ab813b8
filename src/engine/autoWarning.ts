/**
 * The warning line's sentence when `auto` shows another method than the LSTM that was trained.
 */
import { type CandidateResult, SELECTION_MARGIN, recentMaeOf as recent, selectionScoreOf as score } from './pipeline';
import { methodName, methodNameInSentence } from '../common/methodNames';

/**
 * Why `auto` did not show the LSTM, in the terms of its rule (`recent.ts` `chooseByScores`): it
 * lost outright on the last day; or its last day was worse than naive's; or it did not beat the
 * better baseline by the margin; or another learned method (SES, MSTL, the median) scored better
 * over the last day and week together.
 */
export function lstmNotShown(all: CandidateResult[], chosen: CandidateResult, lstm: CandidateResult): string {
  const name = methodNameInSentence(chosen.method);
  const shown = `so the ${name} forecast is shown.`;
  const lastDay = (other: CandidateResult) => `MAE over the last day ${fmt(recent(lstm))} vs ${fmt(recent(other))}`;
  if (recent(lstm) >= recent(chosen)) {
    return `The LSTM lost on recent validation (MAE over the last day ${fmt(recent(lstm))} vs ${name} ${fmt(recent(chosen))}), ${shown}`;
  }
  const naive = all.find((c) => c.method === 'naive');
  if (naive && recent(lstm) >= recent(naive)) {
    return `The LSTM's recent errors were above the last value's (${lastDay(naive)}), ${shown}`;
  }
  if (chosen.method === 'naive' || chosen.method === 'seasonal_naive') {
    return `The LSTM did not beat ${name} by the required ${SELECTION_MARGIN * 100} % on recent validation (${lastDay(chosen)}), ${shown}`;
  }
  return (
    `${methodName(chosen.method)} scored better than the LSTM over the last day and week of validation together ` +
    `(mean MAE ${fmt(score(chosen))} vs ${fmt(score(lstm))}), ${shown}`
  );
}

/** An error figure in a sentence: four significant digits. */
export function fmt(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(4) : String(x);
}
