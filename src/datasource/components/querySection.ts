/**
 * What every section of the query editor shares: the props a section gets (the query, how to change
 * it, the run gate) and the parsers of its text fields. The editor owns the state; sections only
 * render fields and report changes.
 */
import type React from 'react';
import { resolveTrainingStepMs } from '../../advisor/grid';
import { parseDurationMs } from '../../common/duration';
import type { ForesightQuery } from '../types';
import type { ParseResult } from './limits';

/** When a change runs the query: after the typing pause, or only on blur / Enter (`commit`). */
export type RunWhen = 'pause' | 'commit';

export interface SectionProps {
  /** What the query holds, in the current shape; defaults are placeholders, not values. */
  query: ForesightQuery;
  update(patch: Partial<ForesightQuery>, when?: RunWhen): void;
  /** Blur / Enter: run a waiting query at once. */
  flush(): void;
  /** Reporter for one field's problem, for the editor's run gate. */
  reporter(key: string): (problem: string | undefined) => void;
}

/** An error for a duration field, or undefined when it parses. */
export function durationProblem(text: string | undefined, field: string, allowAuto = false): string | undefined {
  try {
    if (allowAuto) {
      resolveTrainingStepMs(text ?? 'auto', 86_400_000);
    } else {
      parseDurationMs(text ?? '', field);
    }
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** A query duration field's text: empty inherits the default, anything else must parse. */
export function durationParser(field: string, allowAuto = false): (text: string) => ParseResult<string> {
  return (text) => {
    const trimmed = text.trim();
    if (trimmed === '') {
      return { ok: true, value: undefined };
    }
    const problem = durationProblem(trimmed, field, allowAuto);
    return problem ? { ok: false, problem } : { ok: true, value: trimmed };
  };
}

export const identity = (s: string) => s;

/** Enter in a plain text field runs at once, like blur. */
export function enterRuns(flush: () => void): (e: React.KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Enter') {
      flush();
    }
  };
}
