/** The model card's content: what was fitted, how accurate it was out of sample, and any warning. */
import type { ModelReport, RetireAdvice } from '../../contract/types';
import type { TimeZone } from '@grafana/schema';
import type { ForesightRunInfo } from '../../contract/frames';
import { dateTimeFormat } from '@grafana/data';
import { formatSentence } from '../../common/figures';
import { methodName } from '../../common/methodNames';
import { summarizeAccuracy } from './accuracy';
import { formatDuration, formatPercent, formatRatio, formatTime, type ValueFormatter, valueFormatter } from './format';

export interface ModelCardItem {
  label: string;
  value: string;
  /** Longer explanation for the hover title. */
  hint?: string;
}

export interface ModelCardContent {
  items: ModelCardItem[];
  /** The accuracy headline ("Typical error ±0.12 req/s; 21 % better than repeating the last value"). */
  headline: string;
  /** Bands covering far less than nominal, in words. */
  flags: string[];
  warning?: string;
  retire?: RetireAdvice;
}

function methodLabel(method: string | undefined): string {
  return method == null ? '–' : methodName(method);
}

/**
 * The warning to show: the engine's own when it gave one; otherwise, if an LSTM was asked for and a
 * baseline is shown, say so, because a user who asked for an LSTM must not mistake a baseline for it.
 */
export function modelWarning(report: ModelReport, format?: ValueFormatter): string | undefined {
  if (report.warning) {
    // Its error figures in the series' unit ("21.4 ms" rather than "0.02136"), when the engine sent them as numbers.
    return (format && formatSentence(report.warningParts, (x) => format(x))) || report.warning;
  }
  if (report.requested === 'lstm' && report.method !== 'lstm') {
    const lstm = report.scores.lstm;
    const detail = lstm ? ` (LSTM MASE ${formatRatio(lstm.mase)} vs ${formatRatio(report.mase)})` : '';
    return `The LSTM lost to a baseline${detail}; showing ${methodLabel(report.method)} instead.`;
  }
  return undefined;
}

/** Clock time of the model in the dashboard's zone: "14:02" today, else with the date. */
function modelTime(ms: number | undefined, timeZone: TimeZone | undefined, referenceMs: number): string | undefined {
  if (ms == null || !Number.isFinite(ms)) {
    return undefined;
  }
  const day = (t: number) => dateTimeFormat(t, { timeZone, format: 'YYYY-MM-DD' });
  return dateTimeFormat(ms, { timeZone, format: day(ms) === day(referenceMs) ? 'HH:mm' : 'YYYY-MM-DD HH:mm' });
}

/**
 * Where the model in use came from, in words: "trained now", "cached model from 14:02",
 * "cached model from 14:02, fine-tuned", "loaded model from 14:02", "none needed" (a constant
 * series), plus "re-planned on the
 * existing forecast" when only the plan was recomputed. A source added to the contract later shows
 * as its raw name rather than disappearing.
 */
export function modelSource(
  run: ForesightRunInfo | undefined,
  report: Pick<ModelReport, 'trainedAtMs'> | undefined,
  timeZone: TimeZone | undefined,
  referenceMs: number
): string | undefined {
  if (!run) {
    return undefined;
  }
  const at = modelTime(run.modelTrainedAtMs ?? report?.trainedAtMs, timeZone, referenceMs);
  const from = at ? ` from ${at}` : '';
  let text: string;
  if (run.model === 'trained') {
    text = run.warmStart ? `cached model${from}, fine-tuned` : 'trained now';
  } else if (run.model === 'cache') {
    text = `cached model${from}`;
  } else if (run.model === 'loaded') {
    text = `loaded model${at ? `, trained ${at}` : ''}`;
  } else if (run.model === 'base' && run.warmStart) {
    text = `quick forecast while the cached model${from} runs on the fresh data; its forecast replaces it when ready`;
  } else if (run.model === 'base') {
    text = "quick forecast, nothing trained yet; the series' own model replaces it when ready";
  } else if (run.model === 'none') {
    text = 'none needed: the series is constant, so its forecast is that constant';
  } else {
    text = String(run.model);
  }
  return run.replanned ? `${text}; re-planned on the existing forecast` : text;
}

export interface ModelCardContext {
  timeZone?: TimeZone;
  /** Formats values in the series' unit (the typical error). */
  format?: ValueFormatter;
  /** The chart's "now": model times of today show as clock time only. */
  clockMs?: number;
}

/**
 * Where the card says when and on what the forecast was made: a training's window, time and duration;
 * for a model reused as is, this run's; for a forecast read from a Foresight server, when it was
 * evaluated there (the server publishes neither its training window nor its backtest's size).
 */
function whenItems(
  report: ModelReport,
  reused: boolean,
  fromServer: boolean,
  timeZone: TimeZone | undefined
): ModelCardItem[] {
  if (fromServer) {
    return [{ label: 'Evaluated at', value: formatTime(report.trainedAtMs, timeZone) }];
  }
  return [
    { label: 'Backtest origins', value: Number.isFinite(report.origins) ? String(report.origins) : '–' },
    {
      label: reused ? 'Data' : 'Trained on',
      value: `${formatTime(report.trainedFromMs, timeZone)} → ${formatTime(report.trainedToMs, timeZone)}`,
      hint: reused
        ? 'The window this forecast was computed on; the model itself was trained earlier (see Model).'
        : undefined,
    },
    { label: reused ? 'Run at' : 'Trained at', value: formatTime(report.trainedAtMs, timeZone) },
    { label: reused ? 'Run time' : 'Training time', value: formatDuration(report.trainMs) },
  ];
}

export function buildModelCard(
  report: ModelReport | undefined,
  retire?: RetireAdvice,
  run?: ForesightRunInfo,
  context: ModelCardContext = {}
): ModelCardContent | undefined {
  if (!report) {
    return undefined;
  }
  const { timeZone } = context;
  const accuracy = summarizeAccuracy(report, context.format ?? valueFormatter(undefined));
  const requested = report.requested === 'auto' ? 'auto' : methodLabel(report.requested);
  const source = modelSource(run, report, timeZone, context.clockMs ?? report.trainedAtMs);
  const items: ModelCardItem[] = [];
  // A model reused as is (cached, loaded, the quick answer) was trained earlier: the report's window,
  // time and duration are this run's, so they are labelled as the run's, not as training.
  const reused = run !== undefined && run.model !== 'trained';
  // Read back from a Foresight server: nothing ran in this browser, and the server publishes neither
  // its training window nor its backtest's size, so the card says where and when it was made instead
  // of "Trained on – →", "Training time 0s" and dashes.
  const fromServer = run === undefined && report.backend === 'server';
  if (source) {
    items.push({ label: 'Model', value: source, hint: run?.computeNote });
  } else if (fromServer) {
    items.push({ label: 'Model', value: 'on the Foresight server; nothing trained in this browser' });
  }
  items.push(
    {
      label: 'Method',
      value: `${methodLabel(report.method)} (requested: ${requested})`,
      hint: report.notes?.length ? report.notes.join('\n') : undefined,
    },
    ...(fromServer
      ? []
      : [
          {
            label: 'MASE',
            value: formatRatio(report.mase),
            hint: 'Mean absolute scaled error on held-out origins; below 1 beats the in-sample seasonal naive.',
          },
        ]),
    {
      // Same numbers as the headline's percentage (summarizeAccuracy), so the two never disagree.
      label: accuracy.baselineWords ? `MAE vs ${accuracy.baselineWords}` : 'MAE vs baseline',
      value: accuracy.relMae != null ? `${accuracy.relMae.toFixed(2)}×` : '–',
      hint: "MAE of the chosen method divided by the baseline's MAE on the same held-out origins (below 1 is better).",
    },
    {
      label: 'Coverage 80 / 95',
      // Its own origin count beside it: the replay counts fewer origins than "Backtest origins", and the
      // warning line quotes this one, so the card and the line give the same figure.
      value:
        `${formatPercent(report.coverage80)} / ${formatPercent(report.coverage95)}` +
        (report.coverageOrigins !== undefined ? ` (${report.coverageOrigins} origins)` : ''),
      hint:
        'Share of held-out actual values inside the 80 % and 95 % bands (ideal: 80 % and 95 %)' +
        (report.coverageOrigins !== undefined
          ? `: the band as drawn, recalibrated at each of ${report.coverageOrigins} held-out origins from the errors known there.`
          : '.'),
    },
    ...whenItems(report, reused, fromServer, timeZone),
    {
      label: 'Backend',
      value: run ? `${report.backend || run.backend || '–'} (${run.compute})` : report.backend || '–',
      hint: run?.computeNote,
    }
  );
  if (run) {
    items.push({
      label: 'Fetch',
      value: `${formatDuration(run.fetchMs)}, ${run.trainingPoints.toLocaleString('en-US')} points`,
      hint: `${run.chunks} range-query chunks`,
    });
  }
  return {
    items,
    headline: accuracy.headline,
    flags: accuracy.flags,
    warning: modelWarning(report, context.format),
    retire,
  };
}
