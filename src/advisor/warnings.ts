/**
 * The visible warning line of one series, in full sentences: every candidate that was skipped and
 * why, a method that lost to a baseline, stale data, a model the run could not use, computation moved
 * to the main thread. A fallback the user cannot see is a defect, so every front door shows these
 * (panel warning line, CLI stderr) rather than hiding them in a tooltip or a note.
 */
import { METHOD_NAMES } from '../common/methodNames';
import { reasonAlreadyGiven } from '../common/reasons';
import type { BaseMethod, ModelReport } from '../engine/api';
import type { Staleness } from './staleness';

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** "LSTM skipped: <reason>", unless the engine already wrote the method name in front. */
export function skippedSentence(method: BaseMethod, reason: string): string {
  const name = METHOD_NAMES[method];
  const lead = reason.trimStart();
  // The engine names the method in front of some reasons ("LSTM cannot run here: …"), by display name
  // or by id ("naive …").
  const named = lead.toLowerCase().startsWith(name.toLowerCase()) || lead.toLowerCase().startsWith(method);
  return sentence(named ? lead : `${name} skipped: ${lead}`);
}

export interface WarningInput {
  report: Pick<ModelReport, 'skipped' | 'warning'>;
  staleness?: Staleness;
  /** What the model step replaced or dropped (a cached model it could not use, …). */
  modelNotes?: string[];
  /** Why the computation ran on the main thread, when it did. */
  computeNote?: string;
}

export function visibleWarnings(input: WarningInput): string[] {
  const out: string[] = [];
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
    out.push(sentence(input.report.warning));
  }
  out.push(...(input.modelNotes ?? []).map(sentence));
  if (input.computeNote) {
    out.push(sentence(input.computeNote));
  }
  return Array.from(new Set(out));
}
