/**
 * Edit bursts (issue 10.5): every editor change asks for a run, but the run starts only after the
 * user pauses, so five quick edits start one training run instead of five. Blur and Enter run at
 * once. A run is skipped while any field holds an invalid value: the field says why, and a run
 * would only fail (or, worse, train first and fail after). The skipped run is held, not dropped:
 * an edit that reached the query before the invalid text (a field cleared, then "-1h" typed) runs
 * once the field is fixed, also when the fix is typing back what the query already holds, which
 * changes nothing the editor would schedule a run for.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';

/** Long enough to cover a typing pause, short enough to feel immediate after the last keystroke. */
export const RUN_DEBOUNCE_MS = 600;

export interface DebouncedRun {
  /** Ask for a run after the pause; a later call restarts the pause. */
  schedule(): void;
  /**
   * Ask for a run at the next flush only (no timer): for the PromQL field, where a typing pause
   * usually leaves a half-written expression that would fail or train on the wrong series.
   */
  defer(): void;
  /** Run now if a run is waiting (blur, Enter). */
  flush(): void;
  /** Every field is valid again: a run held back while one was not starts after the pause. */
  unblocked(): void;
}

export function useDebouncedRun(run: () => void, blocked: () => boolean, delayMs = RUN_DEBOUNCE_MS): DebouncedRun {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const deferred = useRef(false);
  const held = useRef(false);
  // The latest callbacks, so a timer set during an earlier render runs the current query.
  const latest = useRef({ run, blocked });
  useLayoutEffect(() => {
    latest.current = { run, blocked };
  });

  const fire = useCallback(() => {
    timer.current = undefined;
    deferred.current = false;
    held.current = latest.current.blocked();
    if (!held.current) {
      latest.current.run();
    }
  }, []);
  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(fire, delayMs);
  }, [fire, delayMs]);
  const defer = useCallback(() => {
    deferred.current = true;
  }, []);
  const flush = useCallback(() => {
    if (timer.current !== undefined || deferred.current) {
      clearTimeout(timer.current);
      fire();
    }
  }, [fire]);
  const unblocked = useCallback(() => {
    if (held.current) {
      held.current = false;
      schedule();
    }
  }, [schedule]);
  // An editor closed mid-pause starts nothing: the host runs its queries when it wants them.
  useEffect(() => () => clearTimeout(timer.current), []);
  return { schedule, defer, flush, unblocked };
}
