/** The model card's content: what was fitted, how accurate it was out of sample, and any warning. */
import type { BaseMethod, ModelReport } from '../../engine/api';
import type { TimeZone } from '@grafana/schema';
import type { ForesightRunInfo } from '../../contract/frames';
import type { RetireAdvice } from '../../policy/types';
import { formatDuration, formatPercent, formatRatio, formatTime } from './format';

export interface ModelCardItem {
  label: string;
  value: string;
  /** Longer explanation for the hover title. */
  hint?: string;
}

export interface ModelCardContent {
  items: ModelCardItem[];
  warning?: string;
  retire?: RetireAdvice;
}

export const METHOD_LABEL: Record<BaseMethod, string> = {
  naive: 'Last value (naive)',
  seasonal_naive: 'Seasonal naive',
  mstl: 'MSTL + ETS',
  lstm: 'LSTM',
};

function methodLabel(method: string | undefined): string {
  return method && method in METHOD_LABEL ? METHOD_LABEL[method as BaseMethod] : String(method ?? '–');
}

function relativeError(rel: number | undefined): string {
  if (rel == null || !Number.isFinite(rel)) {
    return '–';
  }
  const pct = Math.round(Math.abs(1 - rel) * 100);
  const words = rel < 1 ? `${pct} % better` : rel > 1 ? `${pct} % worse` : 'same';
  return `${rel.toFixed(2)}× (${words})`;
}

/**
 * The warning to show: the engine's own when it gave one; otherwise, if an LSTM was asked for and a
 * baseline is shown, say so, because a user who asked for an LSTM must not mistake a baseline for it.
 */
export function modelWarning(report: ModelReport): string | undefined {
  if (report.warning) {
    return report.warning;
  }
  if (report.requested === 'lstm' && report.method !== 'lstm') {
    const lstm = report.scores.lstm;
    const detail = lstm ? ` (LSTM MASE ${formatRatio(lstm.mase)} vs ${formatRatio(report.mase)})` : '';
    return `The LSTM lost to a baseline${detail}; showing ${methodLabel(report.method)} instead.`;
  }
  return undefined;
}

// Partial on purpose: a model source added to the contract later still shows (as its raw name).
const MODEL_SOURCE: Record<string, string | undefined> = {
  trained: 'trained now',
  'fine-tuned': 'fine-tuned on new data',
  cache: 'reused from cache',
  loaded: 'loaded',
};

export function buildModelCard(
  report: ModelReport | undefined,
  retire?: RetireAdvice,
  run?: ForesightRunInfo,
  timeZone?: TimeZone
): ModelCardContent | undefined {
  if (!report) {
    return undefined;
  }
  const requested = report.requested === 'auto' ? 'auto' : methodLabel(report.requested);
  const items: ModelCardItem[] = [
    {
      label: 'Method',
      value: `${methodLabel(report.method)} (requested: ${requested})`,
      hint: report.notes?.length ? report.notes.join('\n') : undefined,
    },
    {
      label: 'MASE',
      value: formatRatio(report.mase),
      hint: 'Mean absolute scaled error on held-out origins; below 1 beats the in-sample seasonal naive.',
    },
    {
      label: 'vs seasonal naive',
      value: relativeError(report.relMaeVsSeasonalNaive),
      hint: 'MAE of the chosen method divided by seasonal naive MAE on the same origins.',
    },
    {
      label: 'Coverage 80 / 95',
      value: `${formatPercent(report.coverage80)} / ${formatPercent(report.coverage95)}`,
      hint: 'Share of held-out actual values inside the 80 % and 95 % bands (ideal: 80 % and 95 %).',
    },
    {
      label: 'Trained on',
      value: `${formatTime(report.trainedFromMs, timeZone)} → ${formatTime(report.trainedToMs, timeZone)}`,
    },
    { label: 'Trained at', value: formatTime(report.trainedAtMs, timeZone) },
    { label: 'Training time', value: formatDuration(report.trainMs) },
    {
      label: 'Backend',
      value: run ? `${report.backend || run.backend || '–'} (${run.compute})` : report.backend || '–',
      hint: run?.computeNote,
    },
    { label: 'Backtest origins', value: Number.isFinite(report.origins) ? String(report.origins) : '–' },
  ];
  if (run) {
    items.push(
      { label: 'Model', value: MODEL_SOURCE[run.model] ?? String(run.model) },
      {
        label: 'Fetch',
        value: `${formatDuration(run.fetchMs)}, ${run.trainingPoints.toLocaleString('en-US')} points`,
        hint: `${run.chunks} range-query chunks`,
      }
    );
  }
  return { items, warning: modelWarning(report), retire };
}
