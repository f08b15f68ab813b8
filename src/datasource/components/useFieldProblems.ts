/**
 * Collects the problems the editor's fields report, keyed by field, so the editor can refuse to run
 * an invalid query before any work starts and say so once.
 */
import { useCallback, useRef, useState } from 'react';

export interface FieldProblems {
  /** A stable reporter for one field. */
  reporter(key: string): (problem: string | undefined) => void;
  /** Read at run time (a ref), not at render time. */
  hasProblems(): boolean;
  problems: string[];
}

export function useFieldProblems(): FieldProblems {
  const current = useRef(new Map<string, string>());
  const reporters = useRef(new Map<string, (problem: string | undefined) => void>());
  const [problems, setProblems] = useState<string[]>([]);

  const reporter = useCallback((key: string) => {
    let report = reporters.current.get(key);
    if (!report) {
      report = (problem: string | undefined) => {
        if (current.current.get(key) === problem) {
          return;
        }
        if (problem === undefined) {
          current.current.delete(key);
        } else {
          current.current.set(key, problem);
        }
        setProblems([...current.current.values()]);
      };
      reporters.current.set(key, report);
    }
    return report;
  }, []);
  const hasProblems = useCallback(() => current.current.size > 0, []);
  return { reporter, hasProblems, problems };
}
