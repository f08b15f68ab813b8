/**
 * The visible warning line of one series, in full sentences: a counter read without rate(), samples
 * read at a finer step than they are taken at, stale data, every candidate that was skipped and
 * why, a method that lost to a baseline, a model the run could not use, computation moved to the
 * main thread. A fallback the user cannot see is a defect, so every front door shows these (panel
 * warning line, CLI stderr) rather than hiding them in a tooltip or a note.
 */
import { asSentence, reasonAlreadyGiven, skippedSentence } from '../common/reasons';
import type { ModelReport } from '../engine/api';
import type { Staleness } from './staleness';

export interface WarningInput {
  report: Pick<ModelReport, 'skipped' | 'warning'>;
  /** What is wrong with the data itself (a counter read without rate(), repeated samples), said first. */
  dataWarnings?: readonly string[];
  staleness?: Staleness;
  /** What the model step replaced or dropped (a cached model it could not use, …). */
  modelNotes?: string[];
  /** Why the computation ran on the main thread, when it did. */
  computeNote?: string;
}

export function visibleWarnings(input: WarningInput): string[] {
  const out: string[] = [...(input.dataWarnings ?? [])];
  if (input.staleness?.warning) {
    out.push(input.staleness.warning);
  }
  // A skip whose reason a later sentence gives anyway (the LSTM's "not from the base model (…)") is said once, there.
  const later = [input.report.warning, ...(input.modelNotes ?? []), input.computeNote];
  for (const s of input.report.skipped ?? []) {
    if (!reasonAlreadyGiven(s.reason, later)) {
      out.push(skippedSentence(s.method, s.reason));
    }
  }
  if (input.report.warning) {
    out.push(asSentence(input.report.warning));
  }
  out.push(...(input.modelNotes ?? []).map(asSentence));
  if (input.computeNote) {
    out.push(asSentence(input.computeNote));
  }
  return Array.from(new Set(out));
}
