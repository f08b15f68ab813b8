/**
 * The engine's "too little history" advice, said for a CSV. Why at the CLI and not in the engine:
 * the engine speaks to the data source and `serve`, where a training window (a Prometheus range) is
 * what the user widens, and those front doors keep that wording. A CSV has no window: its history
 * is its rows, so "widen the training window to 6d" is an option the user cannot find. `forecast`
 * also takes its horizon from the saved model, so "shorten the horizon" there means retraining.
 */
import type { ForecastOutcome } from '../engine/api';
import { EngineError } from '../engine/errors';

export interface CsvAdviceContext {
  /** The horizon comes from a saved model (`forecast`), not from a --horizon on this command line. */
  horizonFromModel: boolean;
}

/** A duration as `formatDuration` writes it: "6d", "5d 23h", "90s". */
const DURATION = String.raw`\d+(?:ms|[smhd])(?: \d+(?:ms|[smhd]))?`;
const MORE_ROWS = 'more rows of history';

/** `text` with each piece of training-window advice the engine gives said in terms of the CSV. */
export function adviseForCsv(text: string, ctx: CsvAdviceContext): string {
  const shorterHorizon = ctx.horizonFromModel
    ? ', or retrain the model with a shorter --horizon'
    : ', or a shorter --horizon';
  return (
    text
      // requirements.ts: "widen the training window to 6d or more[ or shorten the horizon]"
      .replace(
        new RegExp(`widen the training window to (${DURATION}) or more( or shorten the horizon)?`, 'g'),
        (_m, d: string, horizon?: string) =>
          `use a CSV that covers ${d} or more (${MORE_ROWS})${horizon ? shorterHorizon : ''}`
      )
      // lstm/persist.ts: a saved model that looks back further than the data reaches
      .replace(
        new RegExp(`widen the training window to (${DURATION}) or retrain the model`, 'g'),
        (_m, d: string) => `use a CSV that covers ${d} or more (${MORE_ROWS}), or retrain the model`
      )
      // pipeline.ts: a fit that found too few points
      .replace(
        new RegExp(`widen the training window beyond (${DURATION})`, 'g'),
        (_m, d: string) => `use a CSV that covers more than ${d} (${MORE_ROWS})`
      )
      // requirements.ts: a finer step at which the rows already given are enough (a CSV's step is
      // the one it was exported at)
      .replace(
        new RegExp(`or use a step of (${DURATION}) or less`, 'g'),
        (_m, d: string) => `or export the series at a step of ${d} or less`
      )
      // budget.ts: an LSTM over its memory share; `train` and `forecast` run the LSTM only, and a
      // CSV's step is the one it was exported at
      .replace(/, or a coarser step, or a baseline method/g, ', or a CSV exported at a coarser step')
      // requirements.ts / budget.ts: a step and a span, when the points exceed the budget
      .replace(
        new RegExp(`a training window of (${DURATION}) or (more|less)`, 'g'),
        (_m, d: string, side: string) => `a CSV that covers ${d} or ${side}`
      )
      // pipeline.ts: a window that is mostly gaps
      .replace(
        /query the series without the filter, or widen the training window/g,
        'export the series without the filter, or use a CSV with more rows'
      )
  );
}

/** An engine error with its advice said for a CSV; anything else as it was. */
export function csvError(e: unknown, ctx: CsvAdviceContext): unknown {
  if (!(e instanceof EngineError)) {
    return e;
  }
  const said = adviseForCsv(e.message, ctx);
  return said === e.message ? e : new EngineError(said, e.code);
}

/**
 * The printed outcome with its skipped reasons, notes and warning said for a CSV. The model itself
 * (and the report saved in it) is left as the engine wrote it: other front doors load it.
 */
export function csvOutcome(outcome: ForecastOutcome, ctx: CsvAdviceContext): ForecastOutcome {
  const report = { ...outcome.report };
  if (report.warning !== undefined) {
    report.warning = adviseForCsv(report.warning, ctx);
  }
  if (report.notes) {
    report.notes = report.notes.map((n) => adviseForCsv(n, ctx));
  }
  if (report.skipped) {
    report.skipped = report.skipped.map((s) => ({ ...s, reason: adviseForCsv(s.reason, ctx) }));
  }
  return { ...outcome, report };
}
