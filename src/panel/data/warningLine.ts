/**
 * The panel's visible warning line: every sentence that says something was dropped, replaced or is
 * doubtful — the data source's warnings, the engine's skipped candidates and warning, stale data, a
 * capped plan, bands that cover too little, frame notices and the panel's own states. Named by series
 * when there are several, said once however many series share it. Pure: what to show, not how.
 */
import type { TimeZone } from '@grafana/schema';
import type { ForecastSeries, FrameNotice } from '../../contract/types';
import { coverageAcrossSeries, coverageFlags, lowBands } from './accuracy';
import { asSentence, reasonAlreadyGiven, skippedSentence } from '../../common/reasons';
import { type FigureSentence, groupFigureSentences } from './figureGroups';
import { valueFormatter } from './format';
import { modelWarning } from './modelCard';
import { staleWarning } from './origin';
import { planShortfall, shortfallSentence } from './shortfall';

export type WarningKind = 'error' | 'warning' | 'info';

export interface WarningLine {
  kind: WarningKind;
  text: string;
  /** Extra detail for the hover title (the text itself is always shown in full). */
  title?: string;
}

export interface PanelNote extends WarningLine {}

/**
 * Every sentence one forecast series contributes, in a stable order. `coverage: false` leaves out
 * its low-band sentence, which a panel of several series says once for all of them (`buildWarningLine`).
 */
export function seriesWarnings(
  s: ForecastSeries,
  renderNowMs: number,
  timeZone?: TimeZone,
  coverage = true,
  engineWarning = true
): string[] {
  // The engine's warning with its error figures in the series' unit: it replaces the plain copy the
  // data source also sent among its sentences (the same words, the figures unformatted).
  const replaced = s.report ? modelWarning(s.report, valueFormatter(s.unit, s.decimals)) : undefined;
  // Compared as the data source wrote it (asSentence), so a warning ending in ")" still matches.
  const plain = typeof s.report?.warning === 'string' ? asSentence(s.report.warning) : undefined;
  const isEngineWarning = (w: string) => replaced !== undefined && asSentence(w) === plain;
  // Without the engine's warning (said for several series at once), its plain copy goes too.
  const out: string[] = s.warnings
    .filter((w) => engineWarning || !isEngineWarning(w))
    .map((w) => (isEngineWarning(w) && replaced ? replaced : w));
  const stale = staleWarning(s, renderNowMs);
  // The data source may already have said it in its own words; do not say it twice.
  if (stale && !s.warnings.some((w) => /stale/i.test(w))) {
    out.push(stale);
  }
  if (s.report) {
    for (const skip of s.report.skipped ?? []) {
      if (skip && typeof skip.reason === 'string' && skip.reason.trim() !== '') {
        if (!reasonAlreadyGiven(skip.reason, [...out, replaced])) {
          out.push(skippedSentence(skip.method, skip.reason));
        }
      }
    }
    if (engineWarning && replaced && !out.includes(replaced)) {
      out.push(replaced);
    }
    if (coverage) {
      out.push(...coverageFlags(s.report));
    }
  }
  const short = planShortfall(s);
  if (short) {
    out.push(shortfallSentence(short, timeZone));
  }
  return out;
}

/** A series' engine warning with its figures as numbers, for grouping across series; none without. */
function figureSentence(s: ForecastSeries): FigureSentence[] {
  const parts = s.report?.warningParts;
  return parts ? [{ name: s.name, parts, format: valueFormatter(s.unit, s.decimals) }] : [];
}

/**
 * Panel notes first (errors lead), then series sentences and frame notices. A sentence shared by
 * several series is shown once, prefixed with all their names ("a, b: …"); with a single series no
 * prefix is needed.
 */
export function buildWarningLine(
  notes: PanelNote[],
  series: ForecastSeries[],
  notices: FrameNotice[],
  renderNowMs: number,
  timeZone?: TimeZone
): WarningLine[] {
  const named = series.length > 1 || new Set(notices.map((n) => n.source).filter(Boolean)).size > 1;
  const bySentence = new Map<string, { kind: WarningKind; sources: string[] }>();
  const addSentence = (text: string, kind: WarningKind, source: string | undefined) => {
    const key = asSentence(text);
    const entry = bySentence.get(key) ?? { kind, sources: [] };
    if (source && !entry.sources.includes(source)) {
      entry.sources.push(source);
    }
    if (kind === 'error') {
      entry.kind = 'error';
    }
    bySentence.set(key, entry);
  };
  // With several series, the bands that cover too little are one line naming every series with its
  // figures; a series alone keeps its own sentence (with its backtest origins) in its place.
  const together = series.length > 1;
  // Engine sentences that differ only in their figures: one line, each series' figures in it.
  const groups = together ? groupFigureSentences(series.flatMap(figureSentence)) : [];
  const grouped = new Map(groups.flatMap((g) => g.names.map((name) => [name, g] as const)));
  for (const s of series) {
    const group = grouped.get(s.name);
    for (const text of seriesWarnings(s, renderNowMs, timeZone, !together, group === undefined)) {
      addSentence(text, 'warning', s.name);
    }
    if (group) {
      addSentence(group.text, 'warning', undefined);
    }
  }
  const coverage = together
    ? coverageAcrossSeries(series.map((s) => ({ name: s.name, bands: s.report ? lowBands(s.report) : [] })))
    : undefined;
  if (coverage) {
    addSentence(coverage, 'warning', undefined);
  }
  // A frame notice that repeats a series' engine warning is said already, figures formatted, above.
  const engineWarnings = new Set(series.map((s) => s.report?.warning).filter((w) => typeof w === 'string' && w !== ''));
  for (const n of notices) {
    if (!engineWarnings.has(n.text)) {
      addSentence(n.text, n.severity, n.source);
    }
  }
  const lines: WarningLine[] = [];
  const seen = new Set<string>();
  for (const n of notes) {
    if (!seen.has(n.text)) {
      seen.add(n.text);
      lines.push(n);
    }
  }
  for (const [text, { kind, sources }] of bySentence) {
    const full = named && sources.length ? `${sources.join(', ')}: ${text}` : text;
    if (!seen.has(full)) {
      seen.add(full);
      lines.push({ kind, text: full });
    }
  }
  return lines;
}
